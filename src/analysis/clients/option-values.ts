import ts from '../typescript.cjs';

import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';
import { resolveAlias } from '../packages.js';

/** Member accesses followed through `const` objects, enums and namespaces, at most this deep. */
const MAX_MEMBER_DEPTH = 6;

/**
 * The expression a name's value is written as, when it is fixed: a `const` (through imports), a
 * property of a `const` object literal (`CONFIG.api.url`), an enum member, a namespace's export.
 * `let`, `var` and parameters are not followed. Member accesses are read from the declarations,
 * never from the receiver's type, which would make the checker type the whole receiver.
 */
export function constInitializer(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): ts.Expression | undefined {
  const node = skipTransparent(expression);
  if (ts.isIdentifier(node)) {
    // `{ baseURL }`: the name of a shorthand property is the property; its value is the variable.
    const symbol = symbolOrUndefined(() =>
      node.parent && ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node),
    );
    return symbol ? declaredValue(resolveAlias(symbol, checker).valueDeclaration) : undefined;
  }
  if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) && depth < MAX_MEMBER_DEPTH) {
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
    return name === undefined ? undefined : memberValue(node.expression, name, checker, depth + 1);
  }
  return undefined;
}

/** The value written for `name` in what `receiver` is: an enum, a namespace, a `const` object literal. */
function memberValue(receiver: ts.Expression, name: string, checker: ts.TypeChecker, depth: number): ts.Expression | undefined {
  const node = skipTransparent(receiver);
  const symbol = ts.isIdentifier(node) ? symbolOrUndefined(() => checker.getSymbolAtLocation(node)) : undefined;
  const target = symbol && resolveAlias(symbol, checker);
  if (target && target.flags & ts.SymbolFlags.Enum) {
    const member = target.declarations?.flatMap(declaration => (ts.isEnumDeclaration(declaration) ? declaration.members : [])).find(candidate => ts.isIdentifier(candidate.name) && candidate.name.text === name);
    return member?.initializer;
  }
  if (target && target.flags & ts.SymbolFlags.ValueModule) {
    const exported = symbolOrUndefined(() => checker.tryGetMemberInModuleExports(name, target));
    return exported ? declaredValue(resolveAlias(exported, checker).valueDeclaration) : undefined;
  }
  let object: ts.Expression | undefined = target ? declaredValue(target.valueDeclaration) : constInitializer(node, checker, depth);
  object = object && skipTransparent(object);
  if (!object || !ts.isObjectLiteralExpression(object)) {
    return undefined;
  }
  // Later properties win, as at run time; a spread is not followed here.
  let found: ts.Expression | undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && !ts.isComputedPropertyName(property.name) && property.name.text === name) {
      found = property.initializer;
    } else if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) {
      found = property.name;
    }
  }
  return found;
}

/** The value a declaration fixes: a `const`'s initializer, an object property's, an enum member's. */
function declaredValue(declaration: ts.Declaration | undefined): ts.Expression | undefined {
  if (!declaration) {
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const isConst = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    return isConst && ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
  }
  if (ts.isPropertyAssignment(declaration) || ts.isEnumMember(declaration)) {
    return declaration.initializer;
  }
  if (ts.isShorthandPropertyAssignment(declaration)) {
    return declaration.name;
  }
  return undefined;
}

// The checker can throw on code it cannot make sense of.
function symbolOrUndefined(compute: () => ts.Symbol | undefined): ts.Symbol | undefined {
  try {
    return compute();
  } catch {
    return undefined;
  }
}

/** The object literal an expression is or names through `const` (`const opts = {...}; new X(opts)`). */
export function objectLiteralOf(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (depth > 8) {
    return undefined;
  }
  const node = skipTransparent(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return node;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? objectLiteralOf(initializer, checker, depth + 1) : undefined;
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string, checker: ts.TypeChecker, depth: number): ts.Expression | undefined {
  if (depth > 8) {
    return undefined;
  }
  // Later properties win, as at run time: `{ ...defaults, baseURL }` takes `baseURL`.
  let found: ts.Expression | undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property)) {
      if (staticPropertyName(property.name, checker) === name) {
        found = property.initializer;
      }
    } else if (ts.isShorthandPropertyAssignment(property)) {
      if (property.name.text === name) {
        found = property.name;
      }
    } else if (ts.isSpreadAssignment(property)) {
      const spread = objectLiteralOf(property.expression, checker);
      const value = spread ? propertyValue(spread, name, checker, depth + 1) : undefined;
      if (value) {
        found = value;
      }
    }
  }
  return found;
}

/**
 * The expression written for a dot-separated option path in an options object, following
 * `const` objects, nested literals and spreads. `''` is the object itself.
 */
export function optionValue(object: ts.ObjectLiteralExpression, path: string, checker: ts.TypeChecker): ts.Expression | undefined {
  if (path === '') {
    return object;
  }
  let current: ts.ObjectLiteralExpression | undefined = object;
  const segments = path.split('.');
  for (let index = 0; index < segments.length; index++) {
    const value: ts.Expression | undefined = current ? propertyValue(current, segments[index] ?? '', checker, 0) : undefined;
    if (!value) {
      return undefined;
    }
    if (index === segments.length - 1) {
      return value;
    }
    current = objectLiteralOf(value, checker);
  }
  return undefined;
}

/** The object literals among a call's arguments (directly or through `const`). */
export function objectArguments(
  node: ts.NewExpression | ts.CallExpression,
  checker: ts.TypeChecker,
  indexes?: readonly number[],
): ts.ObjectLiteralExpression[] {
  const result: ts.ObjectLiteralExpression[] = [];
  (node.arguments ?? []).forEach((argument, index) => {
    if (indexes && !indexes.includes(index)) {
      return;
    }
    const object = objectLiteralOf(argument, checker);
    if (object) {
      result.push(object);
    }
  });
  return result;
}

/**
 * The alternatives of a value: `a ?? b`, `a || b` and `c ? a : b` may each produce either side,
 * so `process.env.BASE_URL ?? 'http://gpu:8000/v1'` still configures the literal as a fallback.
 */
export function valueAlternatives(expression: ts.Expression): ts.Expression[] {
  const node = skipTransparent(expression);
  if (ts.isConditionalExpression(node)) {
    return [...valueAlternatives(node.whenTrue), ...valueAlternatives(node.whenFalse)];
  }
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return [...valueAlternatives(node.left), ...valueAlternatives(node.right)];
  }
  return [node];
}

/** A string an expression can evaluate to, and the node to report it at. */
export interface StringCandidate {
  /** In `sourceFile`: the expression itself, or where a `const` from another file is used. */
  readonly node: ts.Node;
  readonly value: string;
}

/**
 * The strings an expression may evaluate to: each alternative (see {@link valueAlternatives}),
 * statically known values (literals, templates, `const`s, through the checker), and `const`
 * declarations whose initializer has alternatives (`const BASE = process.env.X ?? 'http://...'`).
 * A candidate found in another file is reported where it is used in `sourceFile`.
 */
export function stringCandidates(
  expression: ts.Expression,
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  reportAt?: ts.Node,
  depth = 0,
): StringCandidate[] {
  const result: StringCandidate[] = [];
  for (const alternative of valueAlternatives(expression)) {
    const at = reportAt ?? alternative;
    const value = staticStringValue(alternative, checker);
    if (value !== undefined) {
      result.push({ node: alternative.getSourceFile() === sourceFile ? alternative : at, value });
      continue;
    }
    const initializer = depth < 8 ? constInitializer(alternative, checker) : undefined;
    if (initializer) {
      const inThisFile = initializer.getSourceFile() === sourceFile;
      result.push(...stringCandidates(initializer, checker, sourceFile, inThisFile ? undefined : at, depth + 1));
    }
  }
  return result;
}

/** Is the expression the literal `false` (directly or through a `const`)? */
export function isFalseLiteral(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = skipTransparent(expression);
  if (node.kind === ts.SyntaxKind.FalseKeyword) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || depth > 4) {
    return false;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? isFalseLiteral(initializer, checker, depth + 1) : false;
}

/** Is the expression the literal `true` (directly or through a `const`)? */
export function isTrueLiteral(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = skipTransparent(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.FalseKeyword || depth > 4) {
    return false;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? isTrueLiteral(initializer, checker, depth + 1) : false;
}
