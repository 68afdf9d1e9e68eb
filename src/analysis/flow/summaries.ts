import ts from '../typescript.cjs';

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
  /** Where in the function the parameter's data is handed to this sink (or to the helper holding it). */
  readonly passedAt: readonly ts.Node[];
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
  /**
   * What it returns, parameters included, with the fields of a returned object kept apart
   * (`return { run, steps, messages }`): a call fills in its arguments ({@link FunctionSummary.returns}
   * and `returnedFields` are the same, flattened).
   */
  readonly returnShape: TaintValue;
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
  /** Fields of parameters placed in a prompt as they are (`params.prompt`), by parameter: the field names. */
  readonly parameterFieldsToPrompt: ReadonlyMap<number, readonly string[]>;
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
  returnShape: CLEAN,
  parametersToReturn: new Set(),
  returnedFields: new Map(),
  parameterSinks: new Map(),
  parametersToPrompt: new Set(),
  parameterFieldsToPrompt: new Map(),
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
  /** Its result follows from its file and the files that file imports alone (see {@link SummaryCarry}). */
  carryable: boolean;
  /** Function literals its walk analysed in place, which the file's own pass must then skip. */
  readonly inline: ts.Node[];
  /** Side effects of its walk on the program's state (by it or by what it called). */
  readonly effects: WalkEffect[];
  /** Files outside its file's import closure that its result depends on (see {@link CarriedResult.dependsOn}). */
  readonly dependsOn: Set<ts.SourceFile>;
}

/**
 * A side effect of a walk on the program's state, replayed when the walk's result is carried instead
 * of walked again: a request to one of the program's own routes (`app-routes.ts`), or data stored
 * in a field of one of its classes (`classes.ts`).
 */
export type WalkEffect =
  | { readonly kind: 'request'; readonly urls: readonly string[]; readonly value: TaintValue }
  | { readonly kind: 'field'; readonly classNode: ts.Node; readonly name: string; readonly value: TaintValue };

/** A final result as it is carried to the project's next program, with the side effect it had. */
export interface CarriedResult {
  readonly result: FunctionResult;
  /** Function literals the walk analysed in place (the analysis's `inlineFunctions`). */
  readonly inline: readonly ts.Node[];
  /** The walk's side effects on the program's state. */
  readonly effects: readonly WalkEffect[];
  /**
   * Files outside the function's import closure that went into its result: the interfaces it called
   * methods of and the classes implementing them, and the files whose prompts taught an app type it
   * holds. The result holds while those files and the set of implementing classes stay the same.
   */
  readonly dependsOn: readonly ts.SourceFile[];
}

/**
 * Editor reuse of results between a project's programs (`program-delta.ts`). A result is offered
 * to `keep` only when nothing outside its file's import closure went into it but the files it
 * names in `dependsOn`: no fact gathered over the whole program (events, class fields written,
 * learned app types) and no summary that used one.
 */
export interface SummaryCarry {
  /**
   * The result of the project's previous program for this declaration, when it still holds.
   * `analyse: false` when no function may be analysed to tell (`SummaryCache.known`).
   */
  take(declaration: ts.Node, analyse?: boolean): CarriedResult | undefined;
  keep(declaration: ts.Node, carried: CarriedResult): void;
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
    [...summary.parameterFieldsToPrompt],
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
  /** Final results that used a fact of the whole program: whoever reads them did too. */
  private readonly programWide = new WeakSet<ts.Node>();
  /** Tentative results that can be carried once final. */
  private readonly tentativeCarried = new Map<ts.Node, CarriedResult>();
  /** Final results that depend on files outside their import closure: whoever reads them does too. */
  private readonly dependencies = new WeakMap<ts.Node, readonly ts.SourceFile[]>();

  constructor(
    private readonly carry?: SummaryCarry,
    /** Marks function literals as analysed in place (a carried result's side effect, replayed). */
    private readonly markInline: (fn: ts.Node) => void = () => {},
    /** Applies a carried result's side effect to this program's state. */
    private readonly replayEffect: (effect: WalkEffect) => void = () => {},
  ) {}

  /** A side effect of the walks under way: part of each one's carried result (any of them may be carried without the others). */
  sideEffect(effect: WalkEffect): void {
    for (const frame of this.stack) frame.effects.push(effect);
  }

  /** The previous program's result, when it still holds: its walk's side effects happen as if it had been walked. */
  private takeCarried(declaration: ts.Node, analyse = true): FunctionResult | undefined {
    const carried = this.carry?.take(declaration, analyse);
    if (!carried) {
      return undefined;
    }
    for (const fn of carried.inline) this.markInline(fn);
    for (const effect of carried.effects) this.replayEffect(effect);
    this.results.set(declaration, carried.result);
    if (carried.dependsOn.length > 0) this.dependencies.set(declaration, carried.dependsOn);
    this.dependsOn(carried.dependsOn);
    return carried.result;
  }

  /** A final result read: what it used, its reader uses too. */
  private read(declaration: ts.Node): void {
    if (this.programWide.has(declaration)) this.usesWholeProgram();
    this.dependsOn(this.dependencies.get(declaration) ?? []);
  }

  /**
   * The function being analysed depends on files outside its import closure (an interface's
   * implementations, a learned type's evidence): its result is carried only while they stay the
   * same. The functions that called it inherit them when it returns.
   */
  dependsOn(files: Iterable<ts.SourceFile>): void {
    const frame = this.stack.at(-1);
    if (frame) for (const file of files) frame.dependsOn.add(file);
  }

  /**
   * The functions being analysed use a fact of the whole program (an event emitted elsewhere, a
   * module variable written elsewhere, what other files post to a route): their results hold for
   * this program only.
   */
  usesWholeProgram(): void {
    for (const frame of this.stack) frame.carryable = false;
  }

  /** A function literal the current walk analyses in place. */
  analysedInPlace(fn: ts.Node): void {
    this.markInline(fn);
    this.stack.at(-1)?.inline.push(fn);
  }

  /** Whether the function is being analysed (on the stack of walks under way). */
  isActive(declaration: ts.Node): boolean {
    return this.stack.some(frame => frame.declaration === declaration);
  }

  has(declaration: ts.Node): boolean {
    return this.results.has(declaration) || this.tentative.has(declaration);
  }

  /** A function's final result when it is known already (analysed, or carried from the previous program): never analyses it. */
  known(declaration: ts.Node): FunctionResult | undefined {
    const cached = this.results.get(declaration);
    if (cached) {
      this.read(declaration);
      return cached;
    }
    if (this.tentative.has(declaration) || this.isActive(declaration)) {
      return undefined;
    }
    return this.takeCarried(declaration, false);
  }

  get(declaration: FunctionLikeWithBody, compute: () => FunctionResult): FunctionResult {
    const cached = this.results.get(declaration) ?? this.tentative.get(declaration);
    if (cached) {
      this.read(declaration);
      return cached;
    }
    const active = this.stack.findIndex(frame => frame.declaration === declaration);
    if (active !== -1) {
      // Recursion: the callers above depend on a summary that is not final yet.
      this.stack[active]!.recursive = true;
      for (const frame of this.stack.slice(active + 1)) frame.provisional = true;
      return this.provisional.get(declaration) ?? EMPTY_RESULT;
    }
    const carried = this.takeCarried(declaration);
    if (carried) {
      return carried;
    }
    // Telling whether a carried result holds may have analysed this function already (recursion).
    const analysed = this.results.get(declaration) ?? this.tentative.get(declaration);
    if (analysed) {
      return analysed;
    }
    if (this.stack.length >= MAX_SUMMARY_DEPTH || !declaration.body) {
      // A result cut short here depends on the chain of callers above it.
      if (declaration.body) this.usesWholeProgram();
      return EMPTY_RESULT;
    }
    const frame: Frame = { declaration, recursive: false, provisional: false, carryable: this.carry !== undefined, inline: [], effects: [], dependsOn: new Set() };
    this.stack.push(frame);
    try {
      let result = compute();
      for (let iteration = 1; frame.recursive && iteration < MAX_ITERATIONS; iteration++) {
        if (summaryKey(result.summary) === summaryKey((this.provisional.get(declaration) ?? EMPTY_RESULT).summary)) break;
        this.provisional.set(declaration, result);
        // What was computed from the previous round is stale.
        this.tentative.clear();
        this.tentativeCarried.clear();
        frame.recursive = false;
        result = compute();
      }
      this.provisional.delete(declaration);
      const carriedResult = frame.carryable ? { result, inline: frame.inline, effects: frame.effects, dependsOn: [...frame.dependsOn] } : undefined;
      if (this.carry && !carriedResult) this.programWide.add(declaration);
      if (carriedResult && carriedResult.dependsOn.length > 0) this.dependencies.set(declaration, carriedResult.dependsOn);
      if (frame.provisional) {
        this.tentative.set(declaration, result);
        if (carriedResult) this.tentativeCarried.set(declaration, carriedResult);
        else this.tentativeCarried.delete(declaration);
      } else {
        this.settle(declaration, result, carriedResult);
      }
      return result;
    } finally {
      this.stack.pop();
      // What a nested analysis depended on, the function that asked for it depends on too.
      if (this.carry && !frame.carryable) this.usesWholeProgram();
      this.dependsOn(frame.dependsOn);
      if (this.stack.length === 0) {
        // Every recursion is settled: what was tentative is final.
        for (const [node, result] of this.tentative) this.settle(node, result, this.tentativeCarried.get(node));
        this.tentative.clear();
        this.tentativeCarried.clear();
      }
    }
  }

  private settle(declaration: ts.Node, result: FunctionResult, carried: CarriedResult | undefined): void {
    this.results.set(declaration, result);
    if (carried) this.carry?.keep(declaration, carried);
  }
}
