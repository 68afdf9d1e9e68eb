import ts from '../typescript.cjs';

import { type ByteTrace, sameBytes, symbolKey, traceBytes } from './bytes.js';
import { projectFunctionOf } from './callee.js';
import { evaluateCheck, matchImplies } from './checks.js';
import type { CheckedBytes, Evidence, HelperSummary, IntegrityContext, VerifiedParameter } from './context.js';
import { emptyEvidence, evidenceBefore, merge, statementEvidence } from './evidence.js';
import { exitKind, isFalsyLiteral } from './exits.js';
import { type DigestInfo, digestsIn, hashStrength, type HashStrength } from './hashing.js';
import { skipValueWrappers, valueSymbolOf } from './values.js';
import { verdictFor } from './verdicts.js';

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
