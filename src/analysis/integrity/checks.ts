import ts from '../typescript.cjs';

import { COMPARISON_APIS } from '../../knowledge/model-loaders.js';
import { callMatchesSpecifiers, identifyCall, identityMatches, projectFunctionOf } from './callee.js';
import type { CheckedBytes, IntegrityContext, Pinnedness } from './context.js';
import { digestOf } from './hashing.js';
import { pinnedness } from './pins.js';
import { declarationOf, skipValueWrappers } from './values.js';

/** A check written in the code: a comparison of two values, or a call that may verify bytes. */
export type Check = { readonly kind: 'compare'; readonly node: ts.Node; readonly left: ts.Expression; readonly right: ts.Expression } | { readonly kind: 'call'; readonly node: ts.CallExpression };

// ---------------------------------------------------------------------------------------------
// Checks inside conditions
// ---------------------------------------------------------------------------------------------

const EQUAL = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);
const NOT_EQUAL = new Set([ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

export function pairComparison(call: ts.CallExpression, context: IntegrityContext): { left: ts.Expression; right: ts.Expression; result: 'throws' | 'boolean' } | undefined {
  const identity = identifyCall(call, context.checker, context.program);
  for (const api of COMPARISON_APIS) {
    if (api.kind !== 'pair' || !identityMatches(identity, api)) {
      continue;
    }
    const callee = skipValueWrappers(call.expression);
    if (api.names.includes('equals') && identity?.name === 'equals') {
      // `actual.equals(expected)`
      if (ts.isPropertyAccessExpression(callee) && call.arguments[0]) {
        return { left: callee.expression, right: call.arguments[0], result: api.result };
      }
      return undefined;
    }
    const [left, right] = call.arguments;
    if (left && right) {
      return { left, right, result: api.result };
    }
  }
  return undefined;
}

export function isTruthyAssertion(call: ts.CallExpression, context: IntegrityContext): boolean {
  const identity = identifyCall(call, context.checker, context.program);
  return COMPARISON_APIS.some(api => api.kind === 'truthy' && identityMatches(identity, api));
}

/** Checks whose mismatch alone makes `condition` true (`a !== b`, `x || a !== b`, `!(a === b)`). */
export function mismatchImplies(condition: ts.Expression, context: IntegrityContext, depth = 0): Check[] {
  const expression = skipValueWrappers(condition);
  if (depth > 8) {
    return [];
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (NOT_EQUAL.has(operator)) {
      return [{ kind: 'compare', node: expression, left: expression.left, right: expression.right }];
    }
    if (operator === ts.SyntaxKind.BarBarToken) {
      return [...mismatchImplies(expression.left, context, depth + 1), ...mismatchImplies(expression.right, context, depth + 1)];
    }
    return [];
  }
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    return matchImplies(expression.operand, context, depth + 1);
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, context.checker);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      return mismatchImplies(declaration.initializer, context, depth + 1);
    }
  }
  return [];
}

/** Checks whose mismatch alone makes `condition` false (`a === b`, `ok && a === b`, `verify(x)`). */
export function matchImplies(condition: ts.Expression, context: IntegrityContext, depth = 0): Check[] {
  const expression = skipValueWrappers(condition);
  if (depth > 8) {
    return [];
  }
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (EQUAL.has(operator)) {
      return [{ kind: 'compare', node: expression, left: expression.left, right: expression.right }];
    }
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
      return [...matchImplies(expression.left, context, depth + 1), ...matchImplies(expression.right, context, depth + 1)];
    }
    return [];
  }
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.ExclamationToken) {
    return mismatchImplies(expression.operand, context, depth + 1);
  }
  if (ts.isCallExpression(expression)) {
    const pair = pairComparison(expression, context);
    if (pair) {
      return [{ kind: 'compare', node: expression, left: pair.left, right: pair.right }];
    }
    return [{ kind: 'call', node: expression }];
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, context.checker);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      return matchImplies(declaration.initializer, context, depth + 1);
    }
  }
  return [];
}

/** Every check written anywhere in a condition (for reporting fail-open ones). */
export function checksIn(condition: ts.Expression, context: IntegrityContext): Check[] {
  const checks: Check[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isBinaryExpression(node) && (EQUAL.has(node.operatorToken.kind) || NOT_EQUAL.has(node.operatorToken.kind))) {
      checks.push({ kind: 'compare', node, left: node.left, right: node.right });
    } else if (ts.isCallExpression(node)) {
      const pair = pairComparison(node, context);
      checks.push(pair ? { kind: 'compare', node, left: pair.left, right: pair.right } : { kind: 'call', node });
    } else if (ts.isIdentifier(node) && node.parent && !ts.isPropertyAccessExpression(node.parent)) {
      const declaration = declarationOf(node, context.checker);
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && declaration.getSourceFile() === node.getSourceFile()) {
        const initializer = skipValueWrappers(declaration.initializer);
        if (ts.isBinaryExpression(initializer) || ts.isCallExpression(initializer) || ts.isPrefixUnaryExpression(initializer)) {
          visit(initializer);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(condition);
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Evaluating a check: which bytes does it vouch for?
// ---------------------------------------------------------------------------------------------

export function evaluateCheck(check: Check, context: IntegrityContext, fn: ts.SignatureDeclaration | undefined): CheckedBytes[] {
  if (check.kind === 'compare') {
    const left = digestOf(check.left, context);
    const right = digestOf(check.right, context);
    const digest = left ?? right;
    if (!digest) {
      return [];
    }
    const expected = left ? check.right : check.left;
    const pinned: Pinnedness = left && right ? { kind: 'unpinned' } : pinnedness(expected, context, fn);
    if (digest.kind === 'ollama') {
      return [{ node: check.node, inputs: [], algorithm: 'sha256', strength: 'strong', pinned, ollama: true, mode: 'compare' }];
    }
    return [
      {
        node: check.node,
        inputs: digest.inputs,
        algorithm: digest.algorithm,
        strength: digest.strength,
        pinned,
        ollama: false,
        mode: 'compare',
      },
    ];
  }
  return evaluateVerifierCall(check.node, context, fn);
}

/** What a call to a verifier (user-configured, or a project helper we summarise) vouches for. */
export function evaluateVerifierCall(call: ts.CallExpression, context: IntegrityContext, fn: ts.SignatureDeclaration | undefined): CheckedBytes[] {
  const { checker, program } = context;
  if (callMatchesSpecifiers(call, context.verifiers, checker, program)) {
    return [
      {
        node: call,
        inputs: [...call.arguments],
        algorithm: undefined,
        strength: 'strong',
        pinned: { kind: 'pinned' },
        ollama: false,
        mode: 'throws',
      },
    ];
  }
  const helper = projectFunctionOf(call, checker, program);
  if (!helper) {
    return [];
  }
  const summary = context.summarize(helper);
  const results: CheckedBytes[] = [];
  for (const verified of summary.verifies) {
    const argument = call.arguments[verified.param];
    if (!argument && !verified.ollama) {
      continue;
    }
    let pinned: Pinnedness = verified.pinned;
    if (verified.expectedParam !== undefined) {
      const expected = call.arguments[verified.expectedParam];
      pinned = expected ? pinnedness(expected, context, fn) : { kind: 'unpinned' };
    }
    results.push({
      node: call,
      inputs: argument ? [argument] : [],
      algorithm: verified.algorithm,
      strength: verified.strength,
      pinned,
      ollama: verified.ollama,
      mode: verified.mode,
      ...(verified.failOpen ? { failOpen: true } : {}),
    });
  }
  return results;
}
