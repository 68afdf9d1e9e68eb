import ts from '../typescript.cjs';

import { skipTransparent } from '../constants.js';

const MAX_DEPTH = 8;

/**
 * The number an expression always evaluates to, when the source fixes it: literals (`100_000`,
 * `1e6`), `2 ** 17`, `1 << 17`, `16 * 1024`, `Math.pow(2, 17)`, and names whose initializer the
 * caller can fix (`const ITERATIONS = 1000`, `CONFIG.kdf.iterations`). Never runs the code.
 */
export function constantNumber(node: ts.Expression, initializerOf: (expression: ts.Expression) => ts.Expression | undefined, checker: ts.TypeChecker, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  const expression = skipTransparent(node);
  const recurse = (inner: ts.Expression): number | undefined => constantNumber(inner, initializerOf, checker, depth + 1);
  if (ts.isNumericLiteral(expression)) {
    return Number(expression.text);
  }
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken) {
    const operand = recurse(expression.operand);
    return operand === undefined ? undefined : -operand;
  }
  if (ts.isBinaryExpression(expression)) {
    const left = recurse(expression.left);
    const right = left === undefined ? undefined : recurse(expression.right);
    if (left === undefined || right === undefined) return undefined;
    switch (expression.operatorToken.kind) {
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return left ** right;
      case ts.SyntaxKind.AsteriskToken:
        return left * right;
      case ts.SyntaxKind.PlusToken:
        return left + right;
      case ts.SyntaxKind.MinusToken:
        return left - right;
      case ts.SyntaxKind.SlashToken:
        return left / right;
      case ts.SyntaxKind.LessThanLessThanToken:
        return left * 2 ** right;
      default:
        return undefined;
    }
  }
  if (ts.isCallExpression(expression) && expression.arguments.length === 2) {
    const callee = skipTransparent(expression.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'pow' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Math') {
      const base = recurse(expression.arguments[0]!);
      const exponent = base === undefined ? undefined : recurse(expression.arguments[1]!);
      return base === undefined || exponent === undefined ? undefined : base ** exponent;
    }
    return undefined;
  }
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
    const initializer = initializerOf(expression);
    if (initializer) {
      return recurse(initializer);
    }
    try {
      const type = checker.getTypeAtLocation(expression);
      return type.isNumberLiteral() ? type.value : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `600000` as `600,000` for messages. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
