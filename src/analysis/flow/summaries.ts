import ts from 'typescript';

import type { Finding, SinkHit } from './finding.js';
import { CLEAN, type FieldPath, type TaintValue } from './taint.js';

/** A sink that a parameter's data reaches, and which field of the argument reaches it (`[]` for all of it). */
export interface ParameterSinkHit extends SinkHit {
  readonly path: FieldPath;
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

/**
 * The results of the functions of one program, per declaration node, so each function is analysed
 * once whichever file asks. A function whose summary is asked for while it is being computed
 * (recursion), or too deep in a chain of summaries, is seen as having no flow.
 */
export class SummaryCache {
  private readonly results = new WeakMap<ts.Node, FunctionResult>();
  private readonly inProgress = new Set<ts.Node>();

  has(declaration: ts.Node): boolean {
    return this.results.has(declaration);
  }

  get(declaration: FunctionLikeWithBody, compute: () => FunctionResult): FunctionResult {
    const cached = this.results.get(declaration);
    if (cached) {
      return cached;
    }
    if (this.inProgress.has(declaration) || this.inProgress.size >= MAX_SUMMARY_DEPTH || !declaration.body) {
      return EMPTY_RESULT;
    }
    this.inProgress.add(declaration);
    try {
      const result = compute();
      this.results.set(declaration, result);
      return result;
    } finally {
      this.inProgress.delete(declaration);
    }
  }
}
