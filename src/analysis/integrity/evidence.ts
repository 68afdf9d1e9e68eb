import ts from '../typescript.cjs';

import { enclosingFunction, skipTransparent } from '../constants.js';
import { type Check, checksIn, evaluateCheck, evaluateVerifierCall, isTruthyAssertion, matchImplies, mismatchImplies, pairComparison } from './checks.js';
import type { Evidence, ExitKind, IntegrityContext } from './context.js';
import { exitKind } from './exits.js';
import { digestsIn } from './hashing.js';
import { skipValueWrappers } from './values.js';

// ---------------------------------------------------------------------------------------------
// Statements: what has been checked once a statement completed normally?
// ---------------------------------------------------------------------------------------------

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

const statementCache = new WeakMap<ts.Node, Map<string, Evidence>>();

export function emptyEvidence(): Evidence {
  return { effective: [], ineffective: [], digests: [] };
}

export function merge(into: Evidence, from: Evidence): void {
  into.effective.push(...from.effective);
  into.ineffective.push(...from.ineffective);
  into.digests.push(...from.digests);
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
