import ts from '../typescript.cjs';

import { EXIT_CALLS } from '../../knowledge/model-loaders.js';
import { identifyCall, identityMatches } from './callee.js';
import type { ExitKind, IntegrityContext } from './context.js';
import { skipValueWrappers } from './values.js';

/** `false`, `null`, `undefined`, `void x`, `0`, `''`: what a boolean verifier returns on a mismatch. */
export function isFalsyLiteral(node: ts.Expression): boolean {
  const expression = skipValueWrappers(node);
  return (
    expression.kind === ts.SyntaxKind.FalseKeyword ||
    expression.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(expression) && expression.text === 'undefined') ||
    ts.isVoidExpression(expression) ||
    (ts.isNumericLiteral(expression) && expression.text === '0') ||
    (ts.isStringLiteral(expression) && expression.text === '')
  );
}

/** How a statement always leaves the enclosing block, if it does. */
export function exitKind(statement: ts.Statement, context: IntegrityContext): ExitKind | undefined {
  if (ts.isThrowStatement(statement)) {
    return 'throw';
  }
  if (ts.isReturnStatement(statement)) {
    if (!statement.expression) {
      return 'return';
    }
    const returned = skipValueWrappers(statement.expression);
    if (ts.isCallExpression(returned) && ts.isPropertyAccessExpression(returned.expression) && returned.expression.name.text === 'reject') {
      return 'throw';
    }
    return isFalsyLiteral(statement.expression) ? 'return-falsy' : 'return';
  }
  if (ts.isContinueStatement(statement) || ts.isBreakStatement(statement)) {
    return 'loop';
  }
  if (ts.isBlock(statement)) {
    for (const inner of statement.statements) {
      const kind = exitKind(inner, context);
      if (kind) {
        return kind;
      }
    }
    return undefined;
  }
  if (ts.isIfStatement(statement) && statement.elseStatement) {
    const whenTrue = exitKind(statement.thenStatement, context);
    const whenFalse = exitKind(statement.elseStatement, context);
    if (whenTrue && whenFalse) {
      return whenTrue === whenFalse ? whenTrue : 'return';
    }
    return undefined;
  }
  if (ts.isExpressionStatement(statement)) {
    const expression = skipValueWrappers(statement.expression);
    if (ts.isCallExpression(expression)) {
      const identity = identifyCall(expression, context.checker, context.program);
      if (identityMatches(identity, EXIT_CALLS)) {
        return 'throw';
      }
      const type = context.checker.getTypeAtLocation(expression);
      if (type.flags & ts.TypeFlags.Never) {
        return 'throw';
      }
    }
  }
  return undefined;
}
