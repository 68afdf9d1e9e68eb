import ts from '../typescript.cjs';

import { constInitializerOf, isLiteralOnly, skipTransparent } from '../constants.js';
import { symbolAt } from '../callees.js';

/**
 * Variables a function checks against a list written in the source before it goes on
 * (`if (!VALID_LEVELS.includes(level)) throw ...`, `if (!isValidLevel(level)) return`, `if (mode !== 'a'
 * && mode !== 'b') throw`): past the guard the value is one of the listed words, not user text, so
 * placing it in a prompt does not make it prompt data. Only guards among the body's own statements
 * count (they run before the rest of the body); the list must be a literal array or a `const` of one.
 */
export function allowlistedVariables(body: ts.Node, checker: ts.TypeChecker): Set<ts.Symbol> {
  const found = new Set<ts.Symbol>();
  if (!ts.isBlock(body)) {
    return found;
  }
  for (const statement of body.statements) {
    if (!ts.isIfStatement(statement) || !exits(statement.thenStatement)) continue;
    const tested = rejectedUnlessListed(statement.expression, checker);
    const symbol = tested && symbolAt(checker, tested);
    if (symbol) found.add(symbol);
  }
  return found;
}

/** The variable of a condition that holds when it is not one of the listed words. */
function rejectedUnlessListed(condition: ts.Expression, checker: ts.TypeChecker): ts.Identifier | undefined {
  const expression = skipTransparent(condition);
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    return listedVariable(expression.operand, checker, true);
  }
  // `mode !== 'a' && mode !== 'b'`
  return sameVariableInEvery(expression, ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.ExclamationEqualsEqualsToken);
}

/** The variable a test finds among the listed words: `LIST.includes(x)`, `x === 'a' || x === 'b'`, or a helper returning one. */
function listedVariable(test: ts.Expression, checker: ts.TypeChecker, followHelper: boolean): ts.Identifier | undefined {
  const expression = skipTransparent(test);
  if (!ts.isCallExpression(expression)) {
    return sameVariableInEvery(expression, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.EqualsEqualsEqualsToken);
  }
  const callee = skipTransparent(expression.expression);
  const argument = expression.arguments[0] && skipTransparent(expression.arguments[0]);
  if (!argument || !ts.isIdentifier(argument)) {
    return undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'includes') {
    return isLiteralList(callee.expression, checker) ? argument : undefined;
  }
  if (followHelper && ts.isIdentifier(callee)) {
    // `function isValidLevel(level) { return LEVELS.includes(level); }`
    const index = helperTestedParameter(callee, checker);
    const passed = index === undefined ? undefined : expression.arguments[index];
    return passed && ts.isIdentifier(skipTransparent(passed)) ? (skipTransparent(passed) as ts.Identifier) : undefined;
  }
  return undefined;
}

function helperTestedParameter(callee: ts.Identifier, checker: ts.TypeChecker): number | undefined {
  let declaration = symbolAt(checker, callee)?.valueDeclaration;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isArrowFunction(declaration.initializer)) {
    declaration = declaration.initializer;
  }
  if (!declaration || !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration)) || !declaration.body || declaration.getSourceFile().isDeclarationFile) {
    return undefined;
  }
  const body = declaration.body;
  const returned = ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!) ? body.statements[0].expression : undefined) : body;
  const tested = returned && listedVariable(returned, checker, false);
  return tested ? declaration.parameters.findIndex(parameter => ts.isIdentifier(parameter.name) && parameter.name.text === tested.text) : undefined;
}

function isLiteralList(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  const list = skipTransparent(expression);
  const array = ts.isIdentifier(list) ? constInitializerOf(list, checker) : list;
  return array !== undefined && ts.isArrayLiteralExpression(skipTransparent(array)) && isLiteralOnly(list, checker);
}

/** `x op 'a' <joiner> x op 'b' ...`: the one variable compared with string literals throughout. */
function sameVariableInEvery(expression: ts.Expression, joiner: ts.SyntaxKind, comparison: ts.SyntaxKind): ts.Identifier | undefined {
  const parts: ts.Expression[] = [];
  const flatten = (node: ts.Expression): void => {
    const inner = skipTransparent(node);
    if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === joiner) {
      flatten(inner.left);
      flatten(inner.right);
    } else {
      parts.push(inner);
    }
  };
  flatten(expression);
  let variable: ts.Identifier | undefined;
  for (const part of parts) {
    if (!ts.isBinaryExpression(part) || part.operatorToken.kind !== comparison) return undefined;
    const [name, literal] = ts.isIdentifier(part.left) ? [part.left, part.right] : [part.right, part.left];
    if (!ts.isIdentifier(name) || !ts.isStringLiteralLike(literal) || (variable && variable.text !== name.text)) return undefined;
    variable = name;
  }
  return parts.length > 1 ? variable : undefined;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
  }
  return false;
}
