import ts from 'typescript';

import type { Finding, SinkHit } from './finding.js';
import { CLEAN, type FieldPath, type TaintKind, type TaintValue } from './taint.js';

/** A sink that a parameter's data reaches, and which field of the argument reaches it (`[]` for all of it). */
export interface ParameterSinkHit extends SinkHit {
  readonly path: FieldPath;
  /**
   * Kinds of data already reported at this sink inside the function, because the parameter's own
   * type makes it conversation data: callers passing the same kind are not reported again.
   */
  readonly reportedInside: readonly TaintKind[];
}

/**
 * A callback the function calls: its parameter (or a field of it, a config object's `onUpdate`),
 * and the values it passes, which may hold other parameters' data (`onMessage(decode(resp.body))`).
 */
export interface CallbackCall {
  readonly path: FieldPath;
  readonly arguments: readonly TaintValue[];
}

/** What callers need to know about a function of the program. */
export interface FunctionSummary {
  /** Sensitive data the function returns by itself (e.g. the text of a completion it requested). */
  readonly returns: TaintValue;
  /** Parameters whose data reaches the return value. */
  readonly parametersToReturn: ReadonlySet<number>;
  /**
   * For each parameter of `parametersToReturn`, the fields of the argument that reach the return
   * value (`[]` for all of it): `return { title: chat.title }` returns only `chat.title`.
   */
  readonly returnedFields: ReadonlyMap<number, readonly FieldPath[]>;
  /** Parameters whose data reaches a sink inside the function (or deeper). */
  readonly parameterSinks: ReadonlyMap<number, readonly ParameterSinkHit[]>;
  /** Parameters whose data is placed in a model call's prompt. */
  readonly parametersToPrompt: ReadonlySet<number>;
  /** Callbacks among the parameters that the function calls with data, by parameter. */
  readonly callbackCalls: ReadonlyMap<number, readonly CallbackCall[]>;
}

export interface FunctionResult {
  readonly summary: FunctionSummary;
  /** Findings with concrete sources inside the function's own body (and its inline callbacks). */
  readonly findings: readonly Finding[];
}

const EMPTY_SUMMARY: FunctionSummary = {
  returns: CLEAN,
  parametersToReturn: new Set(),
  returnedFields: new Map(),
  parameterSinks: new Map(),
  parametersToPrompt: new Set(),
  callbackCalls: new Map(),
};
export const EMPTY_RESULT: FunctionResult = { summary: EMPTY_SUMMARY, findings: [] };

export type FunctionLikeWithBody = ts.SignatureDeclaration & { body?: ts.Node };

export function isFunctionLike(node: ts.Node): node is FunctionLikeWithBody {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

/** Summaries nested deeper than this are assumed to have no flow (keeps pathological code fast). */
const MAX_SUMMARY_DEPTH = 24;
/** A recursive function is re-analysed at most this many times before its summary is taken as final. */
const MAX_ITERATIONS = 3;

/** A function being analysed. */
interface Frame {
  readonly declaration: ts.Node;
  /** Something it called called it back: its summary is iterated to a fixpoint. */
  recursive: boolean;
  /** It read the summary of a function still being analysed further down the stack. */
  provisional: boolean;
}

/** What a summary says, as text, to tell when iterating a recursive function changes nothing. */
function summaryKey(summary: FunctionSummary): string {
  const taints = (value: TaintValue): string => value.taints.map(taint => `${taint.kind}:${taint.origin.pos}:${taint.parameterIndex ?? ''}:${(taint.path ?? []).join('.')}`).join(',');
  return JSON.stringify([
    taints(summary.returns),
    [...summary.parametersToReturn],
    [...summary.returnedFields].map(([index, paths]) => [index, paths.map(path => path.join('.'))]),
    [...summary.parameterSinks].map(([index, hits]) => [index, hits.map(hit => `${hit.category}:${hit.callee}:${hit.path.join('.')}`)]),
    [...summary.parametersToPrompt],
    [...summary.callbackCalls].map(([index, calls]) => [index, calls.map(call => `${call.path.join('.')}:${call.arguments.map(taints).join('|')}`)]),
  ]);
}

/**
 * The results of the functions of one program, per declaration node, so each function is analysed
 * once whichever file asks. Recursion is iterated to a fixpoint: a function that is called back
 * while it is being analysed first gives its callers an empty summary, then is analysed again with
 * the summary of the previous round until nothing changes. Results computed with such a provisional
 * summary are kept apart until the outermost analysis finishes. Chains of summaries deeper than a
 * bound are seen as having no flow.
 */
export class SummaryCache {
  private readonly results = new WeakMap<ts.Node, FunctionResult>();
  /** Results that read a provisional summary: valid until the recursion they depend on is settled. */
  private readonly tentative = new Map<ts.Node, FunctionResult>();
  private readonly provisional = new Map<ts.Node, FunctionResult>();
  private readonly stack: Frame[] = [];

  has(declaration: ts.Node): boolean {
    return this.results.has(declaration) || this.tentative.has(declaration);
  }

  get(declaration: FunctionLikeWithBody, compute: () => FunctionResult): FunctionResult {
    const cached = this.results.get(declaration) ?? this.tentative.get(declaration);
    if (cached) {
      return cached;
    }
    const active = this.stack.findIndex(frame => frame.declaration === declaration);
    if (active !== -1) {
      // Recursion: the callers above depend on a summary that is not final yet.
      this.stack[active]!.recursive = true;
      for (const frame of this.stack.slice(active + 1)) frame.provisional = true;
      return this.provisional.get(declaration) ?? EMPTY_RESULT;
    }
    if (this.stack.length >= MAX_SUMMARY_DEPTH || !declaration.body) {
      return EMPTY_RESULT;
    }
    const frame: Frame = { declaration, recursive: false, provisional: false };
    this.stack.push(frame);
    try {
      let result = compute();
      for (let iteration = 1; frame.recursive && iteration < MAX_ITERATIONS; iteration++) {
        if (summaryKey(result.summary) === summaryKey((this.provisional.get(declaration) ?? EMPTY_RESULT).summary)) break;
        this.provisional.set(declaration, result);
        // What was computed from the previous round is stale.
        this.tentative.clear();
        frame.recursive = false;
        result = compute();
      }
      this.provisional.delete(declaration);
      if (frame.provisional) {
        this.tentative.set(declaration, result);
      } else {
        this.results.set(declaration, result);
      }
      return result;
    } finally {
      this.stack.pop();
      if (this.stack.length === 0) {
        // Every recursion is settled: what was tentative is final.
        for (const [node, result] of this.tentative) this.results.set(node, result);
        this.tentative.clear();
      }
    }
  }
}
