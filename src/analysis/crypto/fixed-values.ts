import ts from '../typescript.cjs';

import {
  BUFFER_FILLERS,
  BUFFER_WRITING_METHOD_PREFIX,
  BUFFER_WRITING_METHODS,
  DIGEST_INPUT_METHODS,
  DIGEST_METHODS,
  FIXED_TRANSFORMS,
  KEY_DERIVATIONS,
  TYPED_ARRAYS,
  ZERO_FILLED_ALLOCATORS,
} from '../../knowledge/crypto.js';
import type { CalleeResolver } from '../callees.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';
import { originMatches, resolveAlias } from '../packages.js';

/** How the source fixes a key or IV. */
export type Fixedness = 'literal' | 'derived' | 'zeros' | 'fallback';

/** A key or IV the source fixes, and the node where its value is written. */
export interface FixedValue {
  readonly how: Fixedness;
  readonly node: ts.Node;
}

const MAX_DEPTH = 8;
const SEVERITY: Readonly<Record<Fixedness, number>> = { literal: 0, zeros: 1, derived: 2, fallback: 3 };

/** The more telling of two ways a value is fixed (a fallback beats a derivation beats a literal). */
function worse(a: FixedValue, b: FixedValue): FixedValue {
  return SEVERITY[b.how] > SEVERITY[a.how] ? b : a;
}

/** `{ key: '...' }` inside `const CONFIG = {...}` (however deeply nested): its value is fixed. */
function inConstObject(property: ts.PropertyAssignment): boolean {
  let current: ts.Node = property.parent;
  for (;;) {
    if (ts.isObjectLiteralExpression(current) || ts.isPropertyAssignment(current) || ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current)) {
      current = current.parent;
      continue;
    }
    return ts.isVariableDeclaration(current) && (ts.getCombinedNodeFlags(current) & ts.NodeFlags.Const) !== 0;
  }
}

function isReadonlyField(declaration: ts.PropertyDeclaration): boolean {
  return declaration.modifiers?.some(modifier => modifier.kind === ts.SyntaxKind.ReadonlyKeyword) ?? false;
}

/**
 * Keys and IVs the source fixes: literals, constants holding them, values derived from them
 * (`Buffer.from('...')`, `scryptSync('password', 'salt', 32)`), zero-filled buffers that nothing
 * fills later, fallbacks (`process.env.KEY ?? 'dev-key'`), and IVs created once for every message.
 */
export class FixedValues {
  private readonly filled = new WeakMap<ts.Symbol, boolean>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly callees: CalleeResolver,
  ) {}

  /**
   * How a key or IV is fixed by the source, and where: a literal, a constant holding one, or a
   * value derived from one. `undefined` when the program computes it.
   */
  fixedValue(node: ts.Expression, depth = 0): FixedValue | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const expression = skipTransparent(node);
    if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression)) {
      // `''` is a placeholder (`key: ''` filled in later): no cipher accepts it as a key.
      return expression.text === '' ? undefined : { how: 'literal', node: expression };
    }
    if (ts.isArrayLiteralExpression(expression)) {
      return this.allFixed(expression.elements, expression, depth);
    }
    if (ts.isTemplateExpression(expression)) {
      return this.allFixed(
        expression.templateSpans.map(span => span.expression),
        expression,
        depth,
      );
    }
    if (ts.isBinaryExpression(expression)) {
      return this.fixedBinary(expression, depth);
    }
    if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
      const initializer = this.constantInitializer(expression);
      const fixed = initializer ? this.fixedValue(initializer, depth + 1) : undefined;
      // A zero buffer may be filled in place, and a field or object property may be reassigned
      // (`this.key = loadKey()` in the constructor): then the initializer is not the value used.
      if (fixed && (fixed.how === 'zeros' || ts.isPropertyAccessExpression(expression)) && this.isFilledLater(ts.isPropertyAccessExpression(expression) ? expression.name : expression)) {
        return undefined;
      }
      return fixed;
    }
    if (ts.isNewExpression(expression)) {
      return this.fixedTypedArray(expression, depth);
    }
    if (ts.isCallExpression(expression)) {
      return this.fixedCall(expression, depth);
    }
    return undefined;
  }

  /** Every part fixed: the whole is (`[1, 2, 3]`, `` `${PREFIX}-key` ``). */
  private allFixed(parts: readonly ts.Expression[], whole: ts.Node, depth: number): FixedValue | undefined {
    if (parts.length === 0) {
      return ts.isArrayLiteralExpression(whole) ? undefined : { how: 'literal', node: whole };
    }
    let result: FixedValue | undefined;
    for (const part of parts) {
      if (staticStringValue(part, this.checker) === '') continue;
      const fixed = this.fixedValue(part, depth + 1);
      if (!fixed) return undefined;
      result = result ? worse(result, fixed) : fixed;
    }
    return result && { how: result.how, node: result.how === 'literal' ? whole : result.node };
  }

  private fixedBinary(expression: ts.BinaryExpression, depth: number): FixedValue | undefined {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.PlusToken) {
      return this.allFixed([expression.left, expression.right], expression, depth);
    }
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      // `process.env.KEY ?? 'dev-key'`: the literal is the key whenever the variable is missing.
      // An empty fallback (`?? ''`) only keeps the types happy: the cipher would throw on it.
      const fallback = this.fixedValue(expression.right, depth + 1);
      if (!fallback || staticStringValue(expression.right, this.checker) === '') {
        return undefined;
      }
      const primary = this.fixedValue(expression.left, depth + 1);
      return primary ? worse(primary, fallback) : { how: 'fallback', node: fallback.node };
    }
    return undefined;
  }

  /** `new Uint8Array(16)` (zeros), `new Uint8Array([1, 2, 3])`. */
  private fixedTypedArray(expression: ts.NewExpression, depth: number): FixedValue | undefined {
    const constructor = skipTransparent(expression.expression);
    if (!ts.isIdentifier(constructor) || !TYPED_ARRAYS.has(constructor.text)) {
      return undefined;
    }
    if (!this.callees.resolve(expression).declarations.some(declaration => declaration.origin === 'lib')) {
      return undefined;
    }
    const first = expression.arguments?.[0];
    if (!first) {
      return undefined;
    }
    const length = skipTransparent(first);
    if (ts.isNumericLiteral(length) || this.isNumberTyped(length)) {
      return ts.isNumericLiteral(length) || staticStringValue(length, this.checker) !== undefined ? { how: 'zeros', node: expression } : undefined;
    }
    return this.fixedValue(first, depth + 1);
  }

  private isNumberTyped(node: ts.Expression): boolean {
    try {
      return (this.checker.getTypeAtLocation(node).getFlags() & ts.TypeFlags.NumberLike) !== 0;
    } catch {
      return false;
    }
  }

  private fixedCall(expression: ts.CallExpression, depth: number): FixedValue | undefined {
    const callee = skipTransparent(expression.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (DIGEST_METHODS.has(method)) {
        return this.fixedDigest(callee.expression, depth);
      }
      if (FIXED_TRANSFORMS.has(method)) {
        // `'k'.repeat(32)`, `KEY_HEX.slice(0, 64)`, `wordArray.toString()`: fixed when the receiver
        // and every argument are.
        const receiver = this.fixedValue(callee.expression, depth + 1);
        if (receiver && expression.arguments.every(argument => this.fixedValue(argument, depth + 1) !== undefined)) {
          return receiver;
        }
      }
    }
    const info = this.callees.resolve(expression);
    const matches = (from: readonly string[], names: readonly string[]): boolean =>
      info.declarations.some(declaration => names.includes(declaration.name) && from.some(pattern => originMatches(declaration.origin, pattern)));
    if (ZERO_FILLED_ALLOCATORS.some(family => matches(family.from, family.names))) {
      // `Buffer.alloc(16)`: zeros; `Buffer.alloc(16, 'a')`: that byte, repeated.
      const fill = expression.arguments[1];
      if (!fill) {
        return { how: 'zeros', node: expression };
      }
      return this.fixedValue(fill, depth + 1) ? { how: 'literal', node: expression } : undefined;
    }
    const derivation = KEY_DERIVATIONS.find(family => matches(family.from, family.names));
    const input = derivation ? expression.arguments[derivation.input] : undefined;
    const fixed = input ? this.fixedValue(input, depth + 1) : undefined;
    if (!derivation || !fixed) {
      return undefined;
    }
    return derivation.derives && fixed.how !== 'fallback' ? { how: 'derived', node: fixed.node } : fixed;
  }

  /** `createHash('sha256').update('secret').digest()`: fixed when every `update()` input is. */
  private fixedDigest(receiver: ts.Expression, depth: number): FixedValue | undefined {
    let current = skipTransparent(receiver);
    let result: FixedValue | undefined;
    while (ts.isCallExpression(current)) {
      const callee = skipTransparent(current.expression);
      if (!ts.isPropertyAccessExpression(callee) || !DIGEST_INPUT_METHODS.has(callee.name.text)) break;
      const input = current.arguments[0];
      const fixed = input ? this.fixedValue(input, depth + 1) : undefined;
      if (!fixed) return undefined;
      result = result ? worse(fixed, result) : fixed;
      current = skipTransparent(callee.expression);
    }
    return result && { how: result.how === 'fallback' ? 'fallback' : 'derived', node: result.node };
  }

  /**
   * `const iv = Buffer.alloc(16); randomFillSync(iv);`: a zero-filled buffer the program fills
   * later is no constant, nor is a field the constructor reassigns. Looks for a filling use or an
   * assignment of the same symbol in the file that declares it.
   */
  private isFilledLater(name: ts.MemberName): boolean {
    let symbol: ts.Symbol | undefined;
    try {
      // `{ iv }`: the variable, not the property.
      symbol = ts.isShorthandPropertyAssignment(name.parent) && name.parent.name === name ? this.checker.getShorthandAssignmentValueSymbol(name.parent) : this.checker.getSymbolAtLocation(name);
    } catch {
      symbol = undefined;
    }
    if (!symbol) {
      return false;
    }
    symbol = resolveAlias(symbol, this.checker);
    const cached = this.filled.get(symbol);
    if (cached !== undefined) {
      return cached;
    }
    const declaration = symbol.valueDeclaration;
    const scope = declaration?.getSourceFile();
    let filled = false;
    const target = symbol;
    const visit = (node: ts.Node): void => {
      if (filled) return;
      if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === target.name && this.fillsReference(node, target)) {
        filled = true;
        return;
      }
      ts.forEachChild(node, visit);
    };
    if (scope) visit(scope);
    this.filled.set(symbol, filled);
    return filled;
  }

  /** Whether this reference to `symbol` writes into the buffer it names. */
  private fillsReference(identifier: ts.MemberName, symbol: ts.Symbol): boolean {
    let reference: ts.Node = identifier;
    if (ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier) {
      reference = identifier.parent;
    }
    const parent = reference.parent;
    if (!parent) {
      return false;
    }
    const writes =
      // `randomFillSync(iv)`, `crypto.getRandomValues(iv)`, `source.copy(iv)`
      (ts.isCallExpression(parent) && parent.arguments.includes(reference as ts.Expression) && BUFFER_FILLERS.has(this.calledName(parent) ?? '')) ||
      // `iv.set(bytes)`, `iv.fill(1)`, `iv.writeUInt32BE(counter, 12)`
      (ts.isPropertyAccessExpression(parent) &&
        parent.expression === reference &&
        ts.isCallExpression(parent.parent) &&
        parent.parent.expression === parent &&
        (BUFFER_WRITING_METHODS.has(parent.name.text) || parent.name.text.startsWith(BUFFER_WRITING_METHOD_PREFIX))) ||
      // `this.key = loadKey()`
      (ts.isBinaryExpression(parent) && parent.left === reference && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
      // `iv[0] = 1`
      (ts.isElementAccessExpression(parent) &&
        parent.expression === reference &&
        ts.isBinaryExpression(parent.parent) &&
        parent.parent.left === parent &&
        parent.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
    if (!writes) {
      return false;
    }
    try {
      const found = this.checker.getSymbolAtLocation(identifier);
      return found !== undefined && resolveAlias(found, this.checker) === symbol;
    } catch {
      return false;
    }
  }

  private calledName(call: ts.CallExpression): string | undefined {
    const callee = skipTransparent(call.expression);
    return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  }

  /** The string a node always holds: a literal, a `const`, or a property of a constant object. */
  constantString(node: ts.Expression): string | undefined {
    const value = staticStringValue(node, this.checker);
    if (value !== undefined) {
      return value;
    }
    const initializer = this.constantInitializer(skipTransparent(node));
    return initializer ? staticStringValue(initializer, this.checker) : undefined;
  }

  /** The object literal an options argument is, or a constant holds (`const OPTIONS = { mode: ... }`). */
  objectLiteralOf(node: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
    const expression = skipTransparent(node);
    if (ts.isObjectLiteralExpression(expression)) {
      return expression;
    }
    const initializer = depth < MAX_DEPTH ? this.constantInitializer(expression) : undefined;
    return initializer ? this.objectLiteralOf(initializer, depth + 1) : undefined;
  }

  /** The value of a property of an object literal (`{ iv }` gives the variable `iv`). */
  propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
    for (const property of object.properties) {
      if (ts.isPropertyAssignment(property) && staticPropertyName(property.name, this.checker) === name) return property.initializer;
      if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
    }
    return undefined;
  }

  /**
   * What a field or constant property holds: its initializer, or for a class field without one,
   * the value the constructor assigns (`this.key = deriveKey(...)`).
   */
  fieldValue(expression: ts.PropertyAccessExpression): ts.Expression | undefined {
    const declaration = this.declarationOf(expression.name);
    if (declaration && ts.isPropertyDeclaration(declaration)) {
      if (declaration.initializer) return declaration.initializer;
      const constructor = ts.isClassLike(declaration.parent) ? declaration.parent.members.find(ts.isConstructorDeclaration) : undefined;
      let assigned: ts.Expression | undefined;
      const visit = (node: ts.Node): void => {
        if (assigned) return;
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === expression.name.text && node.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
          assigned = node.right;
          return;
        }
        ts.forEachChild(node, visit);
      };
      if (constructor?.body) visit(constructor.body);
      return assigned;
    }
    return this.constantInitializer(expression);
  }

  declarationOf(node: ts.Node): ts.Declaration | undefined {
    try {
      // `{ iv }`: the variable, not the property.
      const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node ? this.checker.getShorthandAssignmentValueSymbol(node.parent) : this.checker.getSymbolAtLocation(node);
      return symbol ? resolveAlias(symbol, this.checker).valueDeclaration : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The initializer that fixes a name: a `const`, a `readonly` class field, or a property of an
   * object literal held in a `const` (`CONFIG.crypto.key`).
   */
  constantInitializer(expression: ts.Expression): ts.Expression | undefined {
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) {
      return undefined;
    }
    const declaration = this.declarationOf(ts.isPropertyAccessExpression(expression) ? expression.name : expression);
    if (!declaration) {
      return undefined;
    }
    if (ts.isVariableDeclaration(declaration)) {
      return declaration.initializer && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? declaration.initializer : undefined;
    }
    if (ts.isPropertyDeclaration(declaration)) {
      return isReadonlyField(declaration) ? declaration.initializer : undefined;
    }
    if (ts.isPropertyAssignment(declaration)) {
      return inConstObject(declaration) ? declaration.initializer : undefined;
    }
    return undefined;
  }
}
