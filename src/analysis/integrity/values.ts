import ts from '../typescript.cjs';

import { type ArgumentPath, COMMIT_SHA, LOCAL_URL_SCHEMES } from '../../knowledge/model-loaders.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';

/** Stands for a part of a string that is only known at run time. */
export const UNKNOWN = '\u0000';

/** Strips parentheses, type assertions and `await` (a value and its awaited value carry the same bytes). */
export function skipValueWrappers(node: ts.Expression): ts.Expression {
  let current = skipTransparent(node);
  while (ts.isAwaitExpression(current)) {
    current = skipTransparent(current.expression);
  }
  return current;
}

/** The declaration a plain identifier refers to, through import aliases. */
export function declarationOf(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Declaration | undefined {
  let symbol: ts.Symbol | undefined;
  if (ts.isShorthandPropertyAssignment(identifier.parent) && identifier.parent.name === identifier) {
    symbol = checker.getShorthandAssignmentValueSymbol(identifier.parent);
  } else {
    symbol = checker.getSymbolAtLocation(identifier);
  }
  if (!symbol) {
    return undefined;
  }
  if (symbol.flags & ts.SymbolFlags.Alias) {
    try {
      symbol = checker.getAliasedSymbol(symbol);
    } catch {
      return undefined;
    }
  }
  return symbol.valueDeclaration ?? symbol.getDeclarations()?.[0];
}

/** The symbol a plain identifier refers to (shorthand properties give the variable, not the property). */
export function valueSymbolOf(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Symbol | undefined {
  if (ts.isShorthandPropertyAssignment(identifier.parent) && identifier.parent.name === identifier) {
    return checker.getShorthandAssignmentValueSymbol(identifier.parent);
  }
  return checker.getSymbolAtLocation(identifier);
}

/** The initializer of the variable an identifier names, when it has one (`const x = ...`). */
export function initializerOf(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Expression | undefined {
  const declaration = declarationOf(identifier, checker);
  if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    return declaration.initializer;
  }
  return undefined;
}

/**
 * A string with the parts that are only known at run time replaced by {@link UNKNOWN}:
 * `` `hf:${repo}/model.gguf#${REV}` `` keeps its static scheme and revision.
 */
export function partialStaticString(node: ts.Expression, checker: ts.TypeChecker, depth = 0): string | undefined {
  if (depth > 12) {
    return undefined;
  }
  const expression = skipValueWrappers(node);
  const known = staticStringValue(expression, checker);
  if (known !== undefined) {
    return known;
  }
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    for (const span of expression.templateSpans) {
      text += (partialStaticString(span.expression, checker, depth + 1) ?? UNKNOWN) + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = partialStaticString(expression.left, checker, depth + 1) ?? UNKNOWN;
    const right = partialStaticString(expression.right, checker, depth + 1) ?? UNKNOWN;
    return left === UNKNOWN && right === UNKNOWN ? undefined : left + right;
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, checker);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isConstDeclaration(declaration)) {
      return partialStaticString(declaration.initializer, checker, depth + 1);
    }
  }
  return undefined;
}

export function isConstDeclaration(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

/** Is a revision an immutable full commit SHA? */
export function isCommitSha(revision: string): boolean {
  return COMMIT_SHA.test(revision);
}

/** Where a model reference string points. */
export type LocationKind =
  /** `hf:user/repo...` (node-llama-cpp). */
  | 'hf-uri'
  /** `http(s)://...` */
  | 'url'
  /** a file path, a `file://` URL, browser storage, or a same-origin relative URL. */
  | 'local'
  /** a Hugging Face repo id (`user/repo` or a bare model name). */
  | 'repo-id'
  | 'unknown';

export function classifyLocation(value: string | undefined, options: { repoIds: boolean }): LocationKind {
  if (value === undefined || value.startsWith(UNKNOWN)) {
    return 'unknown';
  }
  const lower = value.toLowerCase();
  if (lower.startsWith('hf:') || lower.startsWith('huggingface:')) {
    return 'hf-uri';
  }
  if (lower.startsWith('https://') || lower.startsWith('http://')) {
    return 'url';
  }
  if (LOCAL_URL_SCHEMES.some(scheme => lower.startsWith(scheme))) {
    return 'local';
  }
  if (/^(?:\.{1,2}[\\/]|[\\/]|~[\\/]|[a-z]:[\\/])/i.test(value) || value === '.' || value === '..') {
    return 'local';
  }
  if (options.repoIds) {
    // A repo id is `name` or `owner/name` without other path segments.
    return /^[\w.-]+(?:\/[\w.-]+)?$/.test(value) || value.includes(UNKNOWN) ? 'repo-id' : 'local';
  }
  return /[\\/]|\.\w+$/.test(value) ? 'local' : 'unknown';
}

/**
 * The revision pinned inside a model URL or URI: `/resolve/<rev>/` in a Hub URL, `#<rev>` after an
 * `hf:` URI. `undefined` when none is given; {@link UNKNOWN} inside when it is only known at run time.
 */
export function revisionInLocation(value: string, kind: LocationKind): string | undefined {
  if (kind === 'hf-uri') {
    const hash = value.indexOf('#');
    return hash === -1 ? undefined : value.slice(hash + 1);
  }
  const match = /\/resolve\/([^/]*)(?:\/|$)/.exec(value);
  return match ? decodeURIComponentSafe(match[1] ?? '') : undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The result of looking up an argument or an option inside a call. */
export type ArgumentLookup =
  /** The value is there. `property` is the object member that holds it (for fixes). */
  | { readonly kind: 'present'; readonly value: ts.Expression; readonly property?: ts.ObjectLiteralElementLike }
  /** The argument or property is certainly absent; `container` is the object literal missing it. */
  | { readonly kind: 'missing'; readonly container?: ts.ObjectLiteralExpression }
  /** An options object the rule cannot see into (a parameter, a spread, a call result). */
  | { readonly kind: 'unknown'; readonly container: ts.Expression };

/** An object literal a value is, directly or through a `const`. */
export function objectLiteralOf(node: ts.Expression, checker: ts.TypeChecker, depth = 0): ts.ObjectLiteralExpression | undefined {
  const expression = skipValueWrappers(node);
  if (ts.isObjectLiteralExpression(expression)) {
    return expression;
  }
  if (ts.isIdentifier(expression) && depth < 5) {
    const initializer = initializerOf(expression, checker);
    return initializer ? objectLiteralOf(initializer, checker, depth + 1) : undefined;
  }
  return undefined;
}

/** Looks a property up in an object literal; spreads that might provide it make the answer unknown. */
export function propertyOf(object: ts.ObjectLiteralExpression, name: string, checker: ts.TypeChecker): ArgumentLookup {
  let found: ArgumentLookup = { kind: 'missing', container: object };
  for (const member of object.properties) {
    if (ts.isSpreadAssignment(member)) {
      const spread = objectLiteralOf(member.expression, checker);
      if (!spread) {
        found = { kind: 'unknown', container: member.expression };
        continue;
      }
      const inner = propertyOf(spread, name, checker);
      if (inner.kind !== 'missing') {
        found = inner;
      }
      continue;
    }
    if (!member.name) {
      continue;
    }
    if (staticPropertyName(member.name, checker) !== name) {
      continue;
    }
    if (ts.isPropertyAssignment(member)) {
      found = { kind: 'present', value: member.initializer, property: member };
    } else if (ts.isShorthandPropertyAssignment(member)) {
      found = { kind: 'present', value: member.name, property: member };
    } else {
      found = { kind: 'unknown', container: object };
    }
  }
  return found;
}

/** Finds `call.arguments[argument].path...`. */
export function lookupArgument(call: ts.CallExpression | ts.NewExpression, where: ArgumentPath, checker: ts.TypeChecker): ArgumentLookup {
  const args = call.arguments ?? ts.factory.createNodeArray();
  if (args.some((arg, index) => index <= where.argument && ts.isSpreadElement(arg))) {
    return { kind: 'unknown', container: call };
  }
  const argument = args[where.argument];
  if (!argument) {
    return { kind: 'missing' };
  }
  const path = where.path ?? [];
  let current: ts.Expression = argument;
  let lookup: ArgumentLookup = { kind: 'present', value: argument };
  if (isUndefinedValue(argument)) {
    return { kind: 'missing' };
  }
  for (const key of path) {
    const object = objectLiteralOf(current, checker);
    if (!object) {
      const skipped = skipValueWrappers(current);
      if (skipped.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(skipped) && skipped.text === 'undefined')) {
        return { kind: 'missing' };
      }
      return { kind: 'unknown', container: current };
    }
    lookup = propertyOf(object, key, checker);
    if (lookup.kind !== 'present') {
      return lookup;
    }
    if (isUndefinedValue(lookup.value)) {
      // `{ revision: undefined }` is the library default.
      return { kind: 'missing' };
    }
    current = lookup.value;
  }
  return lookup;
}

/** `undefined` or `void 0` written out. */
export function isUndefinedValue(node: ts.Expression): boolean {
  const expression = skipValueWrappers(node);
  return (ts.isIdentifier(expression) && expression.text === 'undefined') || ts.isVoidExpression(expression);
}

/** `true`/`false` when a value is statically that boolean. */
export function staticBoolean(node: ts.Expression, checker: ts.TypeChecker): boolean | undefined {
  const expression = skipValueWrappers(node);
  if (expression.kind === ts.SyntaxKind.TrueKeyword) {
    return true;
  }
  if (expression.kind === ts.SyntaxKind.FalseKeyword) {
    return false;
  }
  const type = checker.getTypeAtLocation(expression);
  if (type.flags & ts.TypeFlags.BooleanLiteral) {
    return checker.typeToString(type) === 'true';
  }
  return undefined;
}

/** The string literal types a value can take, when its type is a union of string literals. */
export function literalStringsOfType(node: ts.Expression, checker: ts.TypeChecker): string[] | undefined {
  const type = checker.getTypeAtLocation(skipValueWrappers(node));
  const parts = type.isUnion() ? type.types : [type];
  const values: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral()) {
      values.push(part.value);
    } else if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) {
      continue;
    } else {
      return undefined;
    }
  }
  return values.length > 0 ? values : undefined;
}

/** Does a type hold bytes (a buffer, a typed array, an ArrayBuffer, a Blob, a stream reader)? */
export function isBinaryType(type: ts.Type, checker: ts.TypeChecker): boolean {
  const parts = type.isUnion() ? type.types : [type];
  let sawBinary = false;
  for (const part of parts) {
    if (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) {
      continue;
    }
    if (part.flags & ts.TypeFlags.StringLike) {
      return false;
    }
    const symbol = part.getSymbol() ?? part.aliasSymbol;
    const name = symbol?.name ?? checker.typeToString(part);
    if (
      /^(?:Buffer|NonSharedBuffer|AllowSharedBuffer|ArrayBuffer|SharedArrayBuffer|ArrayBufferLike|ArrayBufferView|DataView|Blob|File|ReadableStreamDefaultReader|ReadableStream|Readable|ModelArtifacts)$/.test(
        name,
      ) ||
      /^(?:Uint8|Int8|Uint8Clamped|Uint16|Int16|Uint32|Int32|Float32|Float64|BigInt64|BigUint64)Array$/.test(name)
    ) {
      sawBinary = true;
      continue;
    }
    return false;
  }
  return sawBinary;
}

/** Text for messages: the source of a short expression, or a description. */
export function describeExpression(node: ts.Node, fallback = 'the model'): string {
  const text = node.getText().replace(/\s+/g, ' ');
  if (text.length <= 60) {
    return text;
  }
  // Long literals keep their start and end (`'https://huggingface.co/…/model.onnx'`).
  if (/^['"`]/.test(text)) {
    return `${text.slice(0, 30)}…${text.slice(-25)}`;
  }
  return fallback;
}
