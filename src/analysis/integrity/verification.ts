import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import ts from 'typescript';

import { COMPARISON_APIS, EXIT_CALLS } from '../../knowledge/model-loaders.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import { type ByteTrace, sameBytes, symbolKey, traceBytes } from './bytes.js';
import { callMatchesSpecifiers, identifyCall, identityMatches, projectFunctionOf } from './callee.js';
import { type DigestInfo, digestOf, digestsIn, type HashContext, hashStrength, type HashStrength } from './hashing.js';
import { declarationOf, skipValueWrappers, valueSymbolOf } from './values.js';

/** Options that change what counts as verification. */
export interface IntegrityContext extends HashContext {
  /** Project or package functions the user declared as verifiers (they throw on mismatch). */
  readonly verifiers: readonly TypeOrValueSpecifier[];
  /** A stable key of the options above, for caches. */
  readonly optionsKey: string;
}

/** Is the expected value of a comparison fixed in the source? */
export type Pinnedness =
  | { readonly kind: 'pinned' }
  | { readonly kind: 'unpinned' }
  /** A parameter of the function being summarised: its callers decide. */
  | { readonly kind: 'param'; readonly index: number };

/** Bytes a check vouches for. */
export interface CheckedBytes {
  /** Where the check is (a comparison, a helper call). */
  readonly node: ts.Node;
  /** Expressions whose bytes were hashed. Empty for an Ollama manifest digest. */
  readonly inputs: readonly ts.Expression[];
  readonly algorithm: string | undefined;
  readonly strength: HashStrength;
  readonly pinned: Pinnedness;
  /** An Ollama model digest (from `ollama.list()`) was compared. */
  readonly ollama: boolean;
  /** For helper calls: the helper throws (`throws`) or returns whether the bytes match (`boolean`). */
  readonly mode: 'throws' | 'boolean' | 'compare';
  /** The helper itself does not stop on a mismatch. */
  readonly failOpen?: boolean;
}

export type IneffectiveReason = 'fail-open' | 'not-enforced';

/** How a mismatch branch leaves: the load after it is not reached either way. */
export type ExitKind = 'throw' | 'return-falsy' | 'return' | 'loop';

export interface EffectiveCheck {
  readonly bytes: CheckedBytes;
  readonly exit: ExitKind | 'condition';
}

export interface Evidence {
  /** Checks whose mismatch stops execution before the point. */
  readonly effective: EffectiveCheck[];
  /** Checks that exist but do not stop a mismatch. */
  readonly ineffective: { readonly bytes: CheckedBytes; readonly reason: IneffectiveReason }[];
  /** Digests computed before the point. */
  readonly digests: DigestInfo[];
}

type Check = { readonly kind: 'compare'; readonly node: ts.Node; readonly left: ts.Expression; readonly right: ts.Expression } | { readonly kind: 'call'; readonly node: ts.CallExpression };

// ---------------------------------------------------------------------------------------------
// Pinned values
// ---------------------------------------------------------------------------------------------

const TRANSPARENT_COLLECTION_METHODS = new Set(['entries', 'values', 'find', 'filter', 'at', 'get']);

/** The iterated expression of a `for (const x of <expression>)` declaration. */
function forOfSource(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const list = declaration.parent;
  const statement = list.parent;
  return !declaration.initializer && ts.isVariableDeclarationList(list) && ts.isForOfStatement(statement) ? statement.expression : undefined;
}

const TRANSPARENT_STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toString', 'normalize', 'replace', 'replaceAll', 'slice']);

/**
 * Is an expected digest fixed in the source? Literals, `const`s, `as const` manifests, imported
 * JSON, values typed with a named manifest type and environment variables are; values fetched or
 * read at run time, or computed from another digest, are not. A parameter of `fn` is "param".
 */
export function pinnedness(node: ts.Expression, context: IntegrityContext, fn?: ts.SignatureDeclaration, depth = 0): Pinnedness {
  if (depth > 10) {
    return { kind: 'unpinned' };
  }
  const { checker } = context;
  const expression = skipValueWrappers(node);
  const value = staticStringValue(expression, checker);
  if (value !== undefined) {
    return value.length > 0 ? { kind: 'pinned' } : { kind: 'unpinned' };
  }
  if (digestOf(expression, context)) {
    return { kind: 'unpinned' };
  }
  if (ts.isIdentifier(expression)) {
    if (expression.text === 'undefined') {
      return { kind: 'unpinned' };
    }
    const declaration = declarationOf(expression, checker);
    if (!declaration) {
      return { kind: 'unpinned' };
    }
    if (ts.isParameter(declaration)) {
      if (fn && declaration.parent === fn) {
        return { kind: 'param', index: fn.parameters.indexOf(declaration) };
      }
      // At a load site, a parameter is the caller's choice.
      return { kind: 'pinned' };
    }
    if (ts.isVariableDeclaration(declaration)) {
      const iterated = forOfSource(declaration);
      if (iterated) {
        // `for (const [file, expected] of Object.entries(MANIFEST))`
        return pinnedness(iterated, context, fn, depth + 1);
      }
      if (declaration.type && ts.isTypeReferenceNode(declaration.type)) {
        // A typed manifest: `const manifest: ModelManifest = JSON.parse(...)`.
        return { kind: 'pinned' };
      }
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        return pinnedness(declaration.initializer, context, fn, depth + 1);
      }
      return { kind: 'unpinned' };
    }
    if (ts.isBindingElement(declaration)) {
      let pattern: ts.Node = declaration.parent;
      while (ts.isBindingElement(pattern.parent) || ts.isObjectBindingPattern(pattern.parent) || ts.isArrayBindingPattern(pattern.parent)) {
        pattern = pattern.parent;
      }
      const owner = pattern.parent;
      if (ts.isVariableDeclaration(owner)) {
        const source = owner.initializer ?? forOfSource(owner);
        return source ? pinnedness(source, context, fn, depth + 1) : { kind: 'unpinned' };
      }
      if (ts.isParameter(owner)) {
        return fn && owner.parent === fn ? { kind: 'param', index: fn.parameters.indexOf(owner) } : { kind: 'pinned' };
      }
      return { kind: 'unpinned' };
    }
    if (ts.isEnumMember(declaration) || ts.isSourceFile(declaration)) {
      // An enum member or an imported JSON module.
      return { kind: 'pinned' };
    }
    return { kind: 'unpinned' };
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const root = skipValueWrappers(expression.expression);
    if (ts.isPropertyAccessExpression(root) && root.name.text === 'env' && ts.isIdentifier(root.expression) && root.expression.text === 'process') {
      return { kind: 'pinned' };
    }
    return pinnedness(root, context, fn, depth + 1);
  }
  if (ts.isObjectLiteralExpression(expression) || ts.isArrayLiteralExpression(expression)) {
    return { kind: 'pinned' };
  }
  if (ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) && ['Map', 'Set'].includes(expression.expression.text)) {
    // `new Map([['model.onnx', '...']])`
    const entries = expression.arguments?.[0];
    return entries ? pinnedness(entries, context, fn, depth + 1) : { kind: 'unpinned' };
  }
  if (ts.isCallExpression(expression)) {
    const callee = skipValueWrappers(expression.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Object' &&
      ['entries', 'values', 'keys', 'fromEntries'].includes(callee.name.text) &&
      expression.arguments[0]
    ) {
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && TRANSPARENT_COLLECTION_METHODS.has(callee.name.text)) {
      // `MANIFEST.find(entry => ...)`, `PINS.get(name)`: an element of a pinned collection.
      return pinnedness(callee.expression, context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && TRANSPARENT_STRING_METHODS.has(callee.name.text)) {
      return pinnedness(callee.expression, context, fn, depth + 1);
    }
    if (ts.isIdentifier(callee) && callee.text === 'String' && expression.arguments[0]) {
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from' && expression.arguments[0]) {
      // `Buffer.from(EXPECTED, 'hex')`
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    return { kind: 'unpinned' };
  }
  if (ts.isConditionalExpression(expression)) {
    return combinePins([
      pinnedness(expression.whenTrue, context, fn, depth + 1),
      pinnedness(expression.whenFalse, context, fn, depth + 1),
    ]);
  }
  if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)) {
    return combinePins([pinnedness(expression.left, context, fn, depth + 1), pinnedness(expression.right, context, fn, depth + 1)]);
  }
  if (ts.isTemplateExpression(expression)) {
    return combinePins(expression.templateSpans.map(span => pinnedness(span.expression, context, fn, depth + 1)));
  }
  return { kind: 'unpinned' };
}

function combinePins(pins: Pinnedness[]): Pinnedness {
  if (pins.some(pin => pin.kind === 'unpinned')) {
    return { kind: 'unpinned' };
  }
  return pins.find(pin => pin.kind === 'param') ?? { kind: 'pinned' };
}

// ---------------------------------------------------------------------------------------------
// Checks inside conditions
// ---------------------------------------------------------------------------------------------

const EQUAL = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken]);
const NOT_EQUAL = new Set([ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

function pairComparison(call: ts.CallExpression, context: IntegrityContext): { left: ts.Expression; right: ts.Expression; result: 'throws' | 'boolean' } | undefined {
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

function isTruthyAssertion(call: ts.CallExpression, context: IntegrityContext): boolean {
  const identity = identifyCall(call, context.checker, context.program);
  return COMPARISON_APIS.some(api => api.kind === 'truthy' && identityMatches(identity, api));
}

/** Checks whose mismatch alone makes `condition` true (`a !== b`, `x || a !== b`, `!(a === b)`). */
function mismatchImplies(condition: ts.Expression, context: IntegrityContext, depth = 0): Check[] {
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
function matchImplies(condition: ts.Expression, context: IntegrityContext, depth = 0): Check[] {
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
function checksIn(condition: ts.Expression, context: IntegrityContext): Check[] {
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

function evaluateCheck(check: Check, context: IntegrityContext, fn: ts.SignatureDeclaration | undefined): CheckedBytes[] {
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
  const summary = summarize(helper, context);
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

// ---------------------------------------------------------------------------------------------
// Statements: what has been checked once a statement completed normally?
// ---------------------------------------------------------------------------------------------

function isFalsyLiteral(node: ts.Expression): boolean {
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

/** Is the value awaited where it is written (`await x`, `await (x)`)? */
function isAwaited(node: ts.Expression): boolean {
  return ts.isAwaitExpression(skipTransparent(node));
}

/** Is a value a promise (an `async` verifier's result)? */
function isPromiseLike(node: ts.Expression, context: IntegrityContext): boolean {
  const type = context.checker.getTypeAtLocation(node);
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  return symbol?.name === 'Promise' || symbol?.name === 'PromiseLike';
}

/** `Promise.all([...])` (not `allSettled`, which swallows rejections). */
function isPromiseAll(call: ts.CallExpression): boolean {
  const callee = skipValueWrappers(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && callee.name.text === 'all';
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

const statementCache = new WeakMap<ts.Node, Map<string, Evidence>>();

function emptyEvidence(): Evidence {
  return { effective: [], ineffective: [], digests: [] };
}

function merge(into: Evidence, from: Evidence): void {
  into.effective.push(...from.effective);
  into.ineffective.push(...from.ineffective);
  into.digests.push(...from.digests);
}

/** The function a node is in (the boundary for parameters and summaries). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent as ts.Node | undefined; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return current;
    }
  }
  return undefined;
}

function addCondition(evidence: Evidence, condition: ts.Expression, effective: Check[], exit: ExitKind | 'condition', context: IntegrityContext, fn: ts.SignatureDeclaration | undefined): void {
  const effectiveNodes = new Set<ts.Node>();
  for (const check of effective) {
    effectiveNodes.add(check.node);
    for (const bytes of evaluateCheck(check, context, fn)) {
      if (bytes.failOpen) {
        evidence.ineffective.push({ bytes, reason: 'not-enforced' });
      } else {
        evidence.effective.push({ bytes, exit });
      }
    }
  }
  for (const check of checksIn(condition, context)) {
    if (effectiveNodes.has(check.node)) {
      continue;
    }
    for (const bytes of evaluateCheck(check, context, fn)) {
      evidence.ineffective.push({ bytes, reason: 'fail-open' });
    }
  }
}

/** What a statement that completed normally has checked (cached per statement and options). */
export function statementEvidence(statement: ts.Statement, context: IntegrityContext): Evidence {
  let byOptions = statementCache.get(statement);
  if (!byOptions) {
    byOptions = new Map();
    statementCache.set(statement, byOptions);
  }
  const cached = byOptions.get(context.optionsKey);
  if (cached) {
    return cached;
  }
  const evidence = emptyEvidence();
  byOptions.set(context.optionsKey, evidence);
  computeStatementEvidence(statement, context, evidence);
  return evidence;
}

function computeStatementEvidence(statement: ts.Statement, context: IntegrityContext, evidence: Evidence): void {
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isImportDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isModuleDeclaration(statement)
  ) {
    // Declarations check nothing when control passes them.
    return;
  }
  const fn = enclosingFunction(statement);
  if (ts.isIfStatement(statement)) {
    const thenExit = exitKind(statement.thenStatement, context);
    const elseExit = statement.elseStatement ? exitKind(statement.elseStatement, context) : undefined;
    if (thenExit) {
      addCondition(evidence, statement.expression, mismatchImplies(statement.expression, context), thenExit, context, fn);
    } else if (elseExit) {
      addCondition(evidence, statement.expression, matchImplies(statement.expression, context), elseExit, context, fn);
    } else {
      for (const check of checksIn(statement.expression, context)) {
        for (const bytes of evaluateCheck(check, context, fn)) {
          evidence.ineffective.push({ bytes, reason: 'not-enforced' });
        }
      }
      // `if (process.env.VERIFY) { await verifyModel(...) }`: a check that only runs sometimes.
      for (const branch of [statement.thenStatement, statement.elseStatement]) {
        if (!branch) {
          continue;
        }
        const branchEvidence = statementEvidence(branch, context);
        evidence.ineffective.push(
          ...branchEvidence.effective.map(item => ({ bytes: item.bytes, reason: 'fail-open' as const })),
          ...branchEvidence.ineffective,
        );
      }
    }
    evidence.digests.push(...digestsIn(statement, context));
    return;
  }
  if (ts.isExpressionStatement(statement) || ts.isVariableStatement(statement)) {
    const expressions = ts.isExpressionStatement(statement)
      ? [statement.expression]
      : statement.declarationList.declarations.flatMap(declaration => (declaration.initializer ? [declaration.initializer] : []));
    for (const node of expressions) {
      let expression = skipValueWrappers(node);
      let unawaited = false;
      if (ts.isVoidExpression(expression)) {
        // `void verifyModel(path, SHA);`: explicitly not waited for.
        expression = skipValueWrappers(expression.expression);
        unawaited = isPromiseLike(expression, context);
      } else {
        // `verifyModel(path, SHA);` without `await`: the rejection comes after the load has started.
        unawaited = !isAwaited(node) && isPromiseLike(expression, context);
      }
      if (ts.isCallExpression(expression)) {
        const pair = pairComparison(expression, context);
        if (pair) {
          const check: Check = { kind: 'compare', node: expression, left: pair.left, right: pair.right };
          for (const bytes of evaluateCheck(check, context, fn)) {
            if (pair.result === 'throws') {
              evidence.effective.push({ bytes, exit: 'throw' });
            } else {
              evidence.ineffective.push({ bytes, reason: 'not-enforced' });
            }
          }
        } else if (isTruthyAssertion(expression, context) && expression.arguments[0]) {
          addCondition(evidence, expression.arguments[0], matchImplies(expression.arguments[0], context), 'throw', context, fn);
        } else if (isPromiseAll(expression)) {
          // `await Promise.all([verifyModel(a, A), verifyModel(b, B)])` rejects when one check fails.
          const list = expression.arguments[0] ? skipValueWrappers(expression.arguments[0]) : undefined;
          for (const element of list && ts.isArrayLiteralExpression(list) ? list.elements : []) {
            const item = skipValueWrappers(element);
            if (!ts.isCallExpression(item)) {
              continue;
            }
            for (const bytes of evaluateVerifierCall(item, context, fn)) {
              if (bytes.mode === 'throws' && !bytes.failOpen && !unawaited) {
                evidence.effective.push({ bytes, exit: 'throw' });
              } else {
                evidence.ineffective.push({ bytes, reason: 'not-enforced' });
              }
            }
          }
        } else {
          for (const bytes of evaluateVerifierCall(expression, context, fn)) {
            if (unawaited && bytes.mode === 'throws') {
              evidence.ineffective.push({ bytes, reason: 'not-enforced' });
            } else if (bytes.mode === 'throws' && !bytes.failOpen) {
              evidence.effective.push({ bytes, exit: 'throw' });
            } else if (ts.isExpressionStatement(statement) || bytes.failOpen) {
              // A boolean verifier whose result is dropped checks nothing.
              evidence.ineffective.push({ bytes, reason: 'not-enforced' });
            }
          }
        }
      }
    }
    evidence.digests.push(...digestsIn(statement, context));
    return;
  }
  if (ts.isTryStatement(statement)) {
    const catchExits = !statement.catchClause || exitKind(statement.catchClause.block, context) !== undefined;
    for (const inner of statement.tryBlock.statements) {
      const innerEvidence = statementEvidence(inner, context);
      if (catchExits) {
        merge(evidence, innerEvidence);
      } else {
        // `try { verify() } catch { log() }`: the mismatch is swallowed.
        evidence.ineffective.push(...innerEvidence.effective.map(item => ({ bytes: item.bytes, reason: 'fail-open' as const })), ...innerEvidence.ineffective);
        evidence.digests.push(...innerEvidence.digests);
      }
    }
    return;
  }
  if (ts.isBlock(statement)) {
    for (const inner of statement.statements) {
      merge(evidence, statementEvidence(inner, context));
    }
    return;
  }
  if (ts.isForOfStatement(statement) || ts.isForStatement(statement) || ts.isForInStatement(statement) || ts.isWhileStatement(statement) || ts.isDoStatement(statement)) {
    // Guards inside a loop body leave the function on a mismatch (a `continue` does not).
    const body = statement.statement;
    const inner = ts.isBlock(body) ? body.statements : [body];
    for (const item of inner) {
      const innerEvidence = statementEvidence(item, context);
      evidence.effective.push(...innerEvidence.effective.filter(check => check.exit !== 'loop'));
      evidence.ineffective.push(...innerEvidence.ineffective);
      evidence.digests.push(...innerEvidence.digests);
    }
    return;
  }
  evidence.digests.push(...digestsIn(statement, context));
}

type StatementList = ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause;

function isStatementList(node: ts.Node): node is StatementList {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

/**
 * The statements of a block that check or hash something, with their index. Built once per block
 * (and options), so that finding the evidence before a load costs the number of checks, not the
 * number of statements: many loads in a long file stay linear.
 */
const checkingStatementsCache = new WeakMap<ts.Node, Map<string, { index: number; evidence: Evidence }[]>>();

function checkingStatements(list: StatementList, context: IntegrityContext): { index: number; evidence: Evidence }[] {
  let byOptions = checkingStatementsCache.get(list);
  if (!byOptions) {
    byOptions = new Map();
    checkingStatementsCache.set(list, byOptions);
  }
  let entries = byOptions.get(context.optionsKey);
  if (!entries) {
    entries = [];
    list.statements.forEach((statement, index) => {
      const evidence = statementEvidence(statement, context);
      if (evidence.effective.length > 0 || evidence.ineffective.length > 0 || evidence.digests.length > 0) {
        entries?.push({ index, evidence });
      }
    });
    byOptions.set(context.optionsKey, entries);
  }
  return entries;
}

/** The index of the statement of `list` that contains `child` (binary search by position). */
function statementIndex(list: StatementList, child: ts.Node): number {
  const statements = list.statements;
  let low = 0;
  let high = statements.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const statement = statements[middle];
    if (!statement) {
      break;
    }
    if (statement.end <= child.pos) {
      low = middle + 1;
    } else if (statement.pos > child.pos) {
      high = middle - 1;
    } else {
      return middle;
    }
  }
  return low;
}

/**
 * Everything checked before `point` runs: guards in the statements before it in every enclosing
 * block (a guard in a block that does not enclose the point may not have run), and the conditions
 * of enclosing `if`s. `boundary` stops the walk (a function body, for summaries).
 */
export function evidenceBefore(point: ts.Node, context: IntegrityContext, boundary?: ts.Node): Evidence {
  const evidence = emptyEvidence();
  let child: ts.Node = point;
  for (let parent = point.parent as ts.Node | undefined; parent; child = parent, parent = parent.parent) {
    if (isStatementList(parent)) {
      const index = statementIndex(parent, child);
      for (const entry of checkingStatements(parent, context)) {
        if (entry.index >= index) {
          break;
        }
        merge(evidence, entry.evidence);
      }
    } else if (ts.isIfStatement(parent) && child !== parent.expression) {
      const fn = enclosingFunction(parent);
      if (child === parent.thenStatement) {
        addCondition(evidence, parent.expression, matchImplies(parent.expression, context), 'condition', context, fn);
      } else {
        addCondition(evidence, parent.expression, mismatchImplies(parent.expression, context), 'condition', context, fn);
      }
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const fn = enclosingFunction(parent);
      const checks = child === parent.whenTrue ? matchImplies(parent.condition, context) : mismatchImplies(parent.condition, context);
      addCondition(evidence, parent.condition, checks, 'condition', context, fn);
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === parent.right) {
      addCondition(evidence, parent.left, matchImplies(parent.left, context), 'condition', context, enclosingFunction(parent));
    } else if ((ts.isArrowFunction(parent) || ts.isFunctionExpression(parent)) && ts.isCallExpression(parent.parent) && parent.parent.arguments[0] === parent) {
      // `verifyModel(path, SHA).then(() => load(path))`: the callback runs only if the check passed.
      const callee = skipValueWrappers(parent.parent.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then') {
        const receiver = skipValueWrappers(callee.expression);
        if (ts.isCallExpression(receiver)) {
          for (const bytes of evaluateVerifierCall(receiver, context, enclosingFunction(receiver))) {
            if (bytes.mode === 'throws' && !bytes.failOpen) {
              evidence.effective.push({ bytes, exit: 'condition' });
            }
          }
        }
      }
    }
    if (parent === boundary) {
      break;
    }
  }
  return evidence;
}

/** Statements after `point` that run whenever it ran (for checks made after a download). */
export function evidenceAfter(point: ts.Node, context: IntegrityContext): Evidence {
  const evidence = emptyEvidence();
  let child: ts.Node = point;
  for (let parent = point.parent as ts.Node | undefined; parent; child = parent, parent = parent.parent) {
    if (isStatementList(parent)) {
      const index = statementIndex(parent, child);
      for (const entry of checkingStatements(parent, context)) {
        if (entry.index > index) {
          merge(evidence, entry.evidence);
        }
      }
    }
    if (ts.isFunctionLike(parent)) {
      break;
    }
  }
  return evidence;
}

// ---------------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------------

export type Verdict =
  | { readonly kind: 'verified' }
  | { readonly kind: 'weak'; readonly algorithm: string | undefined; readonly node: ts.Node }
  | { readonly kind: 'not-enforced'; readonly reason: IneffectiveReason | 'unpinned' | 'never-compared'; readonly node: ts.Node; readonly algorithm: string | undefined }
  | { readonly kind: 'unverified' };

function inputsMatch(loaded: ByteTrace, inputs: readonly ts.Expression[], context: IntegrityContext, directory: boolean): boolean {
  return inputs.some(input => sameBytes(loaded, traceBytes(input, context), { directory }));
}

/** Decides whether the bytes traced by `loaded` were verified, given the evidence before the load. */
export function verdictFor(loaded: ByteTrace, evidence: Evidence, context: IntegrityContext, options: { allowWeakHashes: boolean; directory: boolean }): Verdict {
  let weak: Verdict | undefined;
  let unpinned: Verdict | undefined;
  for (const { bytes } of evidence.effective) {
    if (bytes.ollama || !inputsMatch(loaded, bytes.inputs, context, options.directory)) {
      continue;
    }
    if (bytes.pinned.kind === 'unpinned') {
      unpinned ??= { kind: 'not-enforced', reason: 'unpinned', node: bytes.node, algorithm: bytes.algorithm };
      continue;
    }
    if (bytes.strength === 'weak') {
      if (options.allowWeakHashes) {
        return { kind: 'verified' };
      }
      weak ??= { kind: 'weak', algorithm: bytes.algorithm, node: bytes.node };
      continue;
    }
    return { kind: 'verified' };
  }
  if (weak) {
    return weak;
  }
  if (unpinned) {
    return unpinned;
  }
  for (const { bytes, reason } of evidence.ineffective) {
    if (!bytes.ollama && inputsMatch(loaded, bytes.inputs, context, options.directory)) {
      return { kind: 'not-enforced', reason, node: bytes.node, algorithm: bytes.algorithm };
    }
  }
  for (const digest of evidence.digests) {
    if (inputsMatch(loaded, digest.inputs, context, options.directory)) {
      return { kind: 'not-enforced', reason: 'never-compared', node: digest.node, algorithm: digest.algorithm };
    }
  }
  return { kind: 'unverified' };
}

/** Is there an effective check of an Ollama model digest against a pinned value? */
export function hasOllamaDigestCheck(evidence: Evidence): boolean {
  return evidence.effective.some(({ bytes }) => bytes.ollama && bytes.pinned.kind !== 'unpinned');
}

// ---------------------------------------------------------------------------------------------
// Cross-function summaries of project helpers
// ---------------------------------------------------------------------------------------------

export interface VerifiedParameter {
  readonly param: number;
  readonly algorithm: string | undefined;
  readonly strength: HashStrength;
  readonly mode: 'throws' | 'boolean';
  /** The parameter holding the expected digest, if the caller provides it. */
  readonly expectedParam?: number;
  readonly pinned: Pinnedness;
  readonly ollama: boolean;
  readonly failOpen?: boolean;
}

export interface HelperSummary {
  /** Parameters whose bytes the helper hashes and compares fail-closed (or returns the result of). */
  readonly verifies: readonly VerifiedParameter[];
  /** Parameters whose bytes the helper returns the digest of (`sha256File(path)`). */
  readonly returnsDigest: readonly { readonly param: number; readonly algorithm: string | undefined }[];
  /** The helper returns bytes it verified first (`fetchVerified(url)`). */
  readonly returnsVerified: { readonly strength: HashStrength; readonly algorithm: string | undefined } | undefined;
  /** The helper contains a fail-closed check of some hash against a pinned value (custom fetch functions). */
  readonly verifiesSomething: boolean;
}

const EMPTY_SUMMARY: HelperSummary = { verifies: [], returnsDigest: [], returnsVerified: undefined, verifiesSomething: false };

/** Keyed by the helper's declaration node: each helper is analysed once per program (and options). */
const summaryCache = new WeakMap<ts.Node, Map<string, HelperSummary>>();
const inProgress = new WeakSet<ts.Node>();

function parameterTraces(fn: ts.SignatureDeclaration, context: IntegrityContext): (ByteTrace | undefined)[] {
  return fn.parameters.map(parameter => {
    if (!ts.isIdentifier(parameter.name)) {
      return undefined;
    }
    const symbol = valueSymbolOf(parameter.name, context.checker);
    if (!symbol) {
      return undefined;
    }
    const trace: ByteTrace = {
      keys: new Set([symbolKey(symbol)]),
      directoryKeys: new Set(),
      downloads: [],
      readsFile: false,
      fetched: false,
      helperCalls: [],
      readPaths: [],
    };
    return trace;
  });
}

function returnStatements(fn: ts.SignatureDeclaration): ts.ReturnStatement[] {
  const returns: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== fn && ts.isFunctionLike(node)) {
      return;
    }
    if (ts.isReturnStatement(node)) {
      returns.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  return returns;
}

/**
 * Summarises a project function with a body: which parameters it verifies (hash + fail-closed
 * comparison with a pinned value or with another parameter), whether it returns a digest, and
 * whether it returns verified bytes. Works across files (the declaration comes from the checker).
 */
export function summarize(fn: ts.SignatureDeclaration, context: IntegrityContext): HelperSummary {
  let byOptions = summaryCache.get(fn);
  const cached = byOptions?.get(context.optionsKey);
  if (cached) {
    return cached;
  }
  if (inProgress.has(fn)) {
    // Recursion: assume nothing.
    return EMPTY_SUMMARY;
  }
  inProgress.add(fn);
  let summary: HelperSummary;
  try {
    summary = computeSummary(fn, context);
  } finally {
    inProgress.delete(fn);
  }
  if (!byOptions) {
    byOptions = new Map();
    summaryCache.set(fn, byOptions);
  }
  byOptions.set(context.optionsKey, summary);
  return summary;
}

/** The first statement by which a branch leaves (`return`, `throw`, ...). */
function leavingStatement(statement: ts.Statement): ts.Statement | undefined {
  if (ts.isBlock(statement)) {
    for (const inner of statement.statements) {
      const found = leavingStatement(inner);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  return ts.isReturnStatement(statement) || ts.isThrowStatement(statement) ? statement : undefined;
}

/**
 * An `if` that returns early without checking anything and without delegating to another call
 * (`if (!process.env.VERIFY_MODELS) return;`): the checks after it may not run.
 */
function isEarlyReturn(statement: ts.Statement, facts: Evidence, context: IntegrityContext): boolean {
  if (!ts.isIfStatement(statement) || facts.effective.length > 0 || facts.ineffective.length > 0) {
    return false;
  }
  for (const branch of [statement.thenStatement, statement.elseStatement]) {
    if (!branch || exitKind(branch, context) !== 'return') {
      continue;
    }
    const leaving = leavingStatement(branch);
    const returned = leaving && ts.isReturnStatement(leaving) && leaving.expression ? skipValueWrappers(leaving.expression) : undefined;
    if (!returned || !ts.isCallExpression(returned)) {
      return true;
    }
  }
  return false;
}

function computeSummary(fn: ts.SignatureDeclaration, context: IntegrityContext): HelperSummary {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) {
    return EMPTY_SUMMARY;
  }
  const params = parameterTraces(fn, context);
  const verifies: VerifiedParameter[] = [];
  const seen = new Set<string>();
  const record = (bytes: CheckedBytes, mode: 'throws' | 'boolean', failOpen: boolean): void => {
    params.forEach((paramTrace, index) => {
      if (!paramTrace) {
        return;
      }
      const matches = bytes.ollama || bytes.inputs.some(input => sameBytes(paramTrace, traceBytes(input, context), { directory: true }));
      if (!matches || (bytes.ollama && index !== 0)) {
        return;
      }
      const key = `${index}:${mode}:${failOpen}`;
      if (seen.has(key)) {
        return;
      }
      seen.add(key);
      verifies.push({
        param: index,
        algorithm: bytes.algorithm,
        strength: bytes.strength,
        mode,
        ...(bytes.pinned.kind === 'param' ? { expectedParam: bytes.pinned.index } : {}),
        pinned: bytes.pinned.kind === 'param' ? { kind: 'pinned' } : bytes.pinned,
        ollama: bytes.ollama,
        ...(failOpen ? { failOpen: true } : {}),
      });
    });
  };

  // 1. Guards that hold when the function completes normally.
  let verifiesSomething = false;
  if (ts.isBlock(body)) {
    const evidence = emptyEvidence();
    let bailedOut = false;
    for (const statement of body.statements) {
      const statementFacts = statementEvidence(statement, context);
      if (bailedOut) {
        // `if (process.env.SKIP_VERIFY) return;` before the check: callers may carry on unverified.
        evidence.ineffective.push(...statementFacts.effective.map(item => ({ bytes: item.bytes, reason: 'fail-open' as const })), ...statementFacts.ineffective);
        evidence.digests.push(...statementFacts.digests);
      } else {
        merge(evidence, statementFacts);
      }
      bailedOut ||= isEarlyReturn(statement, statementFacts, context);
    }
    for (const { bytes, exit } of evidence.effective) {
      if (bytes.pinned.kind !== 'unpinned' && bytes.strength !== 'weak' && (exit === 'throw' || exit === 'return-falsy')) {
        verifiesSomething = true;
      }
      if (exit === 'throw') {
        record(bytes, bytes.mode === 'boolean' ? 'boolean' : 'throws', false);
      } else if (exit === 'return-falsy') {
        record(bytes, 'boolean', false);
      } else {
        // `if (hash !== expected) return;`: the caller carries on as if all was well.
        record(bytes, 'throws', true);
      }
    }
    for (const { bytes } of evidence.ineffective) {
      record(bytes, 'throws', true);
    }
  }

  // 2. `return actual === expected` and friends.
  const returns = ts.isBlock(body) ? returnStatements(fn) : [];
  const returnedExpressions = ts.isBlock(body) ? returns.flatMap(statement => (statement.expression ? [statement.expression] : [])) : [body];
  for (const returned of returnedExpressions) {
    for (const check of matchImplies(returned, context)) {
      for (const bytes of evaluateCheck(check, context, fn)) {
        record(bytes, 'boolean', false);
        if (bytes.pinned.kind !== 'unpinned' && bytes.strength !== 'weak') {
          verifiesSomething = true;
        }
      }
    }
  }

  // 3. Digests of a parameter's bytes that the helper hands back.
  const returnsDigest: { param: number; algorithm: string | undefined }[] = [];
  if (returnedExpressions.length > 0) {
    for (const digest of digestsIn(body, context)) {
      params.forEach((paramTrace, index) => {
        if (!paramTrace || returnsDigest.some(item => item.param === index)) {
          return;
        }
        if (verifies.some(item => item.param === index && !item.failOpen)) {
          return;
        }
        if (digest.inputs.some(input => sameBytes(paramTrace, traceBytes(input, context), { directory: true }))) {
          returnsDigest.push({ param: index, algorithm: digest.algorithm });
        }
      });
    }
  }

  // 4. Bytes returned only after they were verified.
  let returnsVerified: HelperSummary['returnsVerified'];
  const valueReturns = returns.filter(statement => statement.expression && !isFalsyLiteral(statement.expression));
  if (valueReturns.length > 0) {
    let all = true;
    let strength: HashStrength = 'strong';
    let algorithm: string | undefined;
    for (const statement of valueReturns) {
      const returned = statement.expression;
      if (!returned) {
        continue;
      }
      const trace = traceBytes(returned, context);
      const verdict = verdictFor(trace, evidenceBefore(statement, context, body), context, { allowWeakHashes: true, directory: false });
      if (verdict.kind !== 'verified') {
        all = false;
        break;
      }
      const match = evidenceBefore(statement, context, body).effective.find(({ bytes }) =>
        bytes.inputs.some(input => sameBytes(trace, traceBytes(input, context), { directory: false })),
      );
      if (match) {
        if (match.bytes.strength === 'weak') {
          strength = 'weak';
        }
        algorithm = match.bytes.algorithm;
      }
    }
    if (all) {
      returnsVerified = { strength, algorithm };
    }
  }

  return { verifies, returnsDigest, returnsVerified, verifiesSomething };
}

/** For {@link HashContext.helperDigest}: a call to a project helper that returns a digest. */
export function helperDigestOf(call: ts.CallExpression, context: IntegrityContext): DigestInfo | undefined {
  const helper = projectFunctionOf(call, context.checker, context.program);
  if (!helper) {
    return undefined;
  }
  const summary = summarize(helper, context);
  const first = summary.returnsDigest[0];
  if (!first) {
    return undefined;
  }
  const inputs = summary.returnsDigest.flatMap(item => {
    const argument = call.arguments[item.param];
    return argument ? [argument] : [];
  });
  return { kind: 'hash', node: call, algorithm: first.algorithm, strength: hashStrength(first.algorithm), inputs };
}
