import ts from 'typescript';

import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';
import { resolveAlias } from '../packages.js';

/**
 * The declaration a name refers to when it is a `const` (or a property of an object literal, an
 * enum member): the place its value is written. `let`, `var` and parameters are not followed.
 */
export function constInitializer(expression: ts.Expression, checker: ts.TypeChecker): ts.Expression | undefined {
  const node = skipTransparent(expression);
  let target: ts.Node | undefined;
  if (ts.isIdentifier(node)) {
    target = node;
  } else if (ts.isPropertyAccessExpression(node)) {
    target = node.name;
  } else if (ts.isElementAccessExpression(node)) {
    target = node.argumentExpression;
  }
  if (!target) {
    return undefined;
  }
  // `{ baseURL }`: the name of a shorthand property is the property; its value is the variable.
  let symbol =
    target.parent && ts.isShorthandPropertyAssignment(target.parent) && target.parent.name === target
      ? checker.getShorthandAssignmentValueSymbol(target.parent)
      : checker.getSymbolAtLocation(target);
  if (!symbol) {
    return undefined;
  }
  symbol = resolveAlias(symbol, checker);
  const declaration = symbol.valueDeclaration;
  if (!declaration) {
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const isConst = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    return isConst && ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
  }
  if (ts.isPropertyAssignment(declaration)) {
    return declaration.initializer;
  }
  if (ts.isShorthandPropertyAssignment(declaration)) {
    return declaration.name;
  }
  if (ts.isEnumMember(declaration)) {
    return declaration.initializer;
  }
  return undefined;
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
