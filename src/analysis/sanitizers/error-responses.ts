import ts from '../typescript.cjs';

import { skipTransparent } from '../constants.js';

/** Methods that read a response's body. */
const BODY_READS: ReadonlySet<string> = new Set(['text', 'json', 'arrayBuffer', 'blob', 'bytes']);

/**
 * A response body read where the response failed: `if (!res.ok) throw new Error(await res.text())`.
 * The body of a failed model call is the provider's error, not model output. Recognised from the
 * branch the read sits in: the `then` of `!res.ok` (or `res.status !== 200`, `res.status >= 400`),
 * or the `else` of `res.ok`.
 */
export function isFailedResponseRead(call: ts.CallExpression): boolean {
  const callee = skipTransparent(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !BODY_READS.has(callee.name.text)) {
    return false;
  }
  const response = skipTransparent(callee.expression);
  if (!ts.isIdentifier(response)) {
    return false;
  }
  let child: ts.Node = call;
  for (let node = call.parent; node && !ts.isFunctionLike(node); child = node, node = node.parent) {
    if (ts.isIfStatement(node) && child !== node.expression) {
      const inThen = child === node.thenStatement;
      if (failureTest(node.expression, response.text) === inThen) return true;
    } else if (ts.isConditionalExpression(node) && child !== node.condition) {
      const inThen = child === node.whenTrue;
      if (failureTest(node.condition, response.text) === inThen) return true;
    }
  }
  return false;
}

/** `true` when the condition holds for a failed response, `false` for a good one, `undefined` when it says neither. */
function failureTest(condition: ts.Expression, name: string): boolean | undefined {
  const expression = skipTransparent(condition);
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = failureTest(expression.operand, name);
    return inner === undefined ? undefined : !inner;
  }
  if (isField(expression, name, 'ok')) {
    return false;
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (isField(expression.left, name, 'ok') && (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken)) {
      return expression.right.kind === ts.SyntaxKind.FalseKeyword;
    }
    if (isField(expression.left, name, 'status') && ts.isNumericLiteral(expression.right)) {
      const status = Number(expression.right.text);
      switch (operator) {
        case ts.SyntaxKind.ExclamationEqualsEqualsToken:
        case ts.SyntaxKind.ExclamationEqualsToken:
          return status < 300 ? true : undefined;
        case ts.SyntaxKind.EqualsEqualsEqualsToken:
        case ts.SyntaxKind.EqualsEqualsToken:
          return status < 300 ? false : true;
        case ts.SyntaxKind.GreaterThanEqualsToken:
          return status >= 400 ? true : undefined;
        case ts.SyntaxKind.GreaterThanToken:
          return status >= 299 ? true : undefined;
        default:
          return undefined;
      }
    }
    if (operator === ts.SyntaxKind.BarBarToken) {
      // `!res.ok || !res.body`: the left side alone already means failure.
      return failureTest(expression.left, name) === true ? true : undefined;
    }
  }
  return undefined;
}

function isField(node: ts.Expression, object: string, field: string): boolean {
  const expression = skipTransparent(node);
  return ts.isPropertyAccessExpression(expression) && expression.name.text === field && ts.isIdentifier(skipTransparent(expression.expression)) && (skipTransparent(expression.expression) as ts.Identifier).text === object;
}

/** Fields of a response or event that hold the provider's error, not the answer. */
const ERROR_FIELDS: ReadonlySet<string> = new Set(['error', 'errors', 'exception']);

/**
 * A read of a model response's error details: its `error` / `exception` field, or any field of an
 * object read in the branch that tested its error (`if (event.item.result.error) log(event.item.result.message)`).
 */
export function isErrorDetailRead(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string | undefined): boolean {
  if (name !== undefined && ERROR_FIELDS.has(name)) {
    return true;
  }
  const objectText = accessText(access.expression);
  if (objectText === undefined) {
    return false;
  }
  let child: ts.Node = access;
  for (let node = access.parent; node && !ts.isFunctionLike(node); child = node, node = node.parent) {
    if (ts.isIfStatement(node) && child === node.thenStatement && testsErrorOf(node.expression, objectText)) {
      return true;
    }
  }
  return false;
}

/** `x.error`, `x?.error`, `x.error && ...`: the condition holds when `x` carries an error. */
function testsErrorOf(condition: ts.Expression, objectText: string): boolean {
  const expression = skipTransparent(condition);
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return testsErrorOf(expression.left, objectText) || testsErrorOf(expression.right, objectText);
  }
  return ts.isPropertyAccessExpression(expression) && ERROR_FIELDS.has(expression.name.text) && accessText(expression.expression) === objectText;
}

/** `a.b?.c` as `a.b.c`: the path of an access chain of names, or `undefined` for anything else. */
function accessText(node: ts.Expression): string | undefined {
  const expression = skipTransparent(node);
  if (ts.isIdentifier(expression)) return expression.text;
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(expression)) {
    const object = accessText(expression.expression);
    return object === undefined ? undefined : `${object}.${expression.name.text}`;
  }
  return undefined;
}
