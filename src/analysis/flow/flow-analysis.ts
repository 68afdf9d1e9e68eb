import ts from '../typescript.cjs';

import { LLM_SDK_PACKAGES } from '../../knowledge/llm-sdks.js';
import { type CalleeInfo, CalleeResolver } from '../callees.js';
import type { FlowCustomization } from '../config.js';
import { CipherInspector } from '../crypto/ciphers.js';
import { Implementations } from '../implementations.js';
import { filesReachingLlmData } from '../reach.js';
import { TextCarrierOracle } from '../sanitizers/text-carriers.js';
import { hasLlmEvidence } from '../sources/file-evidence.js';
import { LearnedTypes } from '../sources/learned-types.js';
import { LlmEndpoints } from '../sources/llm-endpoints.js';
import { TypeSources } from '../sources/sdk-types.js';
import { AppRoutes, isBodyHandler } from './app-routes.js';
import { arrivalsIn } from './arrivals.js';
import { CarriedSummaries } from './carried-summaries.js';
import { ClassFields } from './classes.js';
import { SinkReach } from './sink-reach.js';
import { Emitters } from './emitters.js';
import { type Finding, dedupe, dedupeFlows } from './finding.js';
import { ModuleVariables } from './module-variables.js';
import { type FunctionLikeWithBody, type FunctionResult, SummaryCache, type WalkEffect, isFunctionLike } from './summaries.js';
import { Walker } from './walker.js';

/**
 * The value-flow analysis of one program under one customization: the program-wide state the
 * walkers share (function summaries, class fields, the evidence modules with their caches).
 * Function results are cached per declaration node, so each function is analysed once per
 * program, whichever file asks.
 */
export class FlowAnalysis {
  readonly checker: ts.TypeChecker;
  readonly callees: CalleeResolver;
  /** Sources recognised by type: SDK output and prompt types, user-configured source types. */
  readonly typeSources: TypeSources;
  /** Which types can hold text at all (`text.length` cannot). */
  readonly text: TextCarrierOracle;
  readonly ciphers: CipherInspector;
  readonly classFields: ClassFields;
  /** What functions write into the variables of their module, for the functions that read them. */
  readonly moduleVariables: ModuleVariables;
  /** Events emitted and listened to within the program. */
  readonly emitters: Emitters;
  /** Requests the program sends to its own route handlers. */
  readonly appRoutes: AppRoutes;
  /** Implementations of the app's own interfaces and abstract classes, for calls through them. */
  readonly implementations: Implementations;
  /** Sources recognised by endpoint: HTTP calls to LLM REST APIs, directly or through the app's own client. */
  readonly endpoints: LlmEndpoints;
  /** Function literals analysed in the context of the call they are passed to. */
  readonly inlineFunctions = new WeakSet<ts.Node>();
  /** The customization as a string: analyses and carried facts are kept per program and this key. */
  readonly customizationKey: string;
  /** Called each time a function body is analysed (tests use it to check the cache). */
  onFunctionAnalysed: ((declaration: ts.Node) => void) | undefined;

  private readonly summaries: SummaryCache;
  /** Which functions can reach a sink at all (syntax only): the others need no analysis of their own. */
  private readonly sinkReach: SinkReach;
  private readonly fileResults = new WeakMap<ts.SourceFile, readonly Finding[]>();
  private readonly ownResults = new WeakMap<ts.SourceFile, readonly Finding[]>();
  private llmReachingFiles: ReadonlySet<ts.SourceFile> | undefined;
  private routeOnlyFiles: ReadonlySet<ts.SourceFile> = new Set();

  constructor(
    readonly program: ts.Program,
    readonly customization: FlowCustomization,
  ) {
    this.checker = program.getTypeChecker();
    this.customizationKey = JSON.stringify(customization);
    this.callees = new CalleeResolver(program, this.checker);
    this.sinkReach = new SinkReach(program);
    this.text = new TextCarrierOracle(this.checker);
    this.typeSources = new TypeSources(program, this.checker, customization, this.text);
    this.ciphers = new CipherInspector(this.checker, this.callees);
    this.classFields = new ClassFields(this);
    this.moduleVariables = new ModuleVariables(this);
    this.endpoints = new LlmEndpoints(this);
    this.emitters = new Emitters(this);
    this.appRoutes = new AppRoutes(this);
    this.implementations = new Implementations(program, this.checker);
    const learned = new LearnedTypes(this);
    this.typeSources.holdsNoSources = sourceFile => this.isRouteOnly(sourceFile);
    this.typeSources.learnedEvidence = type => {
      const evidence = learned.evidenceFor(type);
      // The words name a line of the evidencing file: a result holding them depends on that file
      // (which types are learned, and from which files, is the carried results' signature).
      if (evidence) this.summaries.dependsOn([evidence.file]);
      return evidence?.text;
    };
    this.summaries = new SummaryCache(
      new CarriedSummaries(program, this.customizationKey, () => learned.signature(), fn => (this.summaries.isActive(fn) ? undefined : this.functionResult(fn))),
      fn => this.inlineFunctions.add(fn),
      effect => this.replay(effect),
    );
  }

  /** The functions being analysed use a fact gathered over the whole program: their results are not carried to the next one. */
  usesWholeProgram(): void {
    this.summaries.usesWholeProgram();
  }

  /**
   * The functions a call runs that the program holds: its own (with the other classes' methods of a
   * union or untyped receiver), or those implementing the interface or abstract method it names.
   */
  projectFunctionsOf(info: CalleeInfo): readonly ts.SignatureDeclaration[] {
    if (info.projectFunction) {
      if (info.byName) this.usesWholeProgram();
      return [info.projectFunction, ...(info.alternatives ?? [])];
    }
    if (info.symbol && info.declarations.length > 0 && info.declarations.every(declaration => declaration.origin === undefined)) {
      return this.implementationsOf(info.symbol);
    }
    return [];
  }

  /**
   * The bodies a call of the app's own interface or abstract method may run. They may live in files
   * the caller does not import: the caller's result depends on them, and on the interface's file.
   */
  implementationsOf(method: ts.Symbol): readonly ts.SignatureDeclaration[] {
    const found = this.implementations.of(method);
    if (this.implementations.isImplementedElsewhere(method)) {
      this.summaries.dependsOn([...(method.declarations ?? []), ...found].map(declaration => declaration.getSourceFile()));
    }
    return found;
  }

  /** A function literal analysed where it is passed or called, not on its own. */
  analysedInPlace(fn: ts.Node): void {
    this.summaries.analysedInPlace(fn);
  }

  /**
   * Every finding whose reported node lies in `sourceFile`: flows found in its code, and flows from
   * other code that reach a sink inside its helpers (`arrivals.ts`).
   */
  analyzeFile(sourceFile: ts.SourceFile): readonly Finding[] {
    let findings = this.fileResults.get(sourceFile);
    if (!findings) {
      // A route file's handlers first: its helpers are then analysed only as far as the requests' data goes.
      if (this.isRouteOnly(sourceFile)) this.ownFindings(sourceFile);
      const { arrivals, covered } = arrivalsIn(this, sourceFile, file => this.ownFindings(file));
      // In one file, a flow is reported once: at the sink inside the helper, not also at the call.
      findings = dedupe([...this.ownFindings(sourceFile).filter(finding => !covered.has(finding)), ...arrivals]);
      this.fileResults.set(sourceFile, findings);
    }
    return findings;
  }

  /** The findings of the flows a file's own code starts, reported where the file hands the data to a sink or a helper. */
  private ownFindings(sourceFile: ts.SourceFile): readonly Finding[] {
    const cached = this.ownResults.get(sourceFile);
    if (cached) {
      return cached;
    }
    if (!this.canHoldLlmData(sourceFile)) {
      this.ownResults.set(sourceFile, []);
      return [];
    }
    const findings: Finding[] = [];
    const topLevel = new Walker(this, undefined, sourceFile);
    topLevel.runBody(sourceFile);
    findings.push(...topLevel.findings);
    // Functions the walk did not reach (never called, exported for others) are analysed on their own.
    const routeOnly = this.isRouteOnly(sourceFile);
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node) && node.body && !this.inlineFunctions.has(node) && this.mayHaveFindings(node) && (!routeOnly || isBodyHandler(node))) {
        findings.push(...this.functionResult(node).findings);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(sourceFile, visit);
    const own = dedupeFlows(findings.filter(finding => finding.node.getSourceFile() === sourceFile));
    this.ownResults.set(sourceFile, own);
    return own;
  }

  /**
   * Whether a file can hold LLM data at all: it imports an LLM SDK, calls an LLM endpoint or holds
   * a conversation shape, or imports (directly or through project modules) a file that does. Most
   * files of an app do not, and need no analysis. With user-configured sources any file can, so
   * nothing is skipped.
   */
  canHoldLlmData(sourceFile: ts.SourceFile): boolean {
    const custom = this.customization;
    if (custom.outputSources.length > 0 || custom.promptSources.length > 0) {
      return true;
    }
    if (!this.llmReachingFiles) {
      const reaching = filesReachingLlmData(this.program, LLM_SDK_PACKAGES, hasLlmEvidence);
      // A route handler that LLM code posts to (`fetch('/api/search', ...)`) receives its data.
      const posted = this.appRoutes.routeFilesPostedFrom(reaching).filter(file => !reaching.has(file));
      this.routeOnlyFiles = new Set(posted);
      this.llmReachingFiles = new Set([...reaching, ...posted]);
    }
    // A file the program does not list as its own (an in-memory test program, say) is analysed.
    return this.llmReachingFiles.has(sourceFile) || this.program.getSourceFile(sourceFile.fileName) !== sourceFile;
  }

  /**
   * A route file that holds no LLM data of its own but that LLM code posts to: data enters it only
   * through its handlers' requests, so only the handlers are walked on their own, and a call into
   * it that passes nothing (`getConfig()`) is not followed.
   */
  isRouteOnly(sourceFile: ts.SourceFile): boolean {
    // User-configured sources make every file one that can hold data.
    return this.canHoldLlmData(sourceFile) && this.routeOnlyFiles.has(sourceFile);
  }

  /** The (cached) analysis of a function of the program. Recursion sees an empty summary. */
  functionResult(declaration: FunctionLikeWithBody, parent?: Walker): FunctionResult {
    return this.summaries.get(declaration, () => {
      const walker = new Walker(this, parent, declaration);
      walker.runFunction(declaration, []);
      return walker.result();
    });
  }

  /** A side effect of the walks under way on the program's state (replayed when their results are carried). */
  sideEffect(effect: WalkEffect): void {
    this.summaries.sideEffect(effect);
  }

  private replay(effect: WalkEffect): void {
    if (effect.kind === 'request') this.appRoutes.apply(effect.urls, effect.value);
    else this.classFields.store(effect.classNode, effect.name, effect.value);
  }

  /** A function's result when it is known already, without analysing it (see {@link ignoredArguments}). */
  knownResult(declaration: ts.Node): FunctionResult | undefined {
    return this.summaries.known(declaration);
  }

  /**
   * A function met where it is declared (not where it is called): analysed for the findings of its
   * own body. At a file's top level it is skipped when nothing in it can reach a sink; a caller that
   * needs its summary still has it analysed. Inside a function every nested one is analysed, as
   * what it does to the variables around it is part of that function's result.
   */
  analyseDeclared(declaration: FunctionLikeWithBody, walker: Walker): void {
    if (this.isFunctionAnalysed(declaration) || (ts.isSourceFile(walker.owner) && !this.mayHaveFindings(declaration))) {
      return;
    }
    this.functionResult(declaration, walker);
  }

  /** Whether a call of a method of this name can reach a sink (syntax only): a sink's name, or a project method reaching one. */
  methodMayReachSink(name: string): boolean {
    const custom = this.customization;
    return custom.logSinks.length > 0 || custom.storageSinks.length > 0 || this.sinkReach.methodMayReachSink(name);
  }

  /** Whether a function's analysis can find anything: it can reach a sink (any function can when the user configured sinks). */
  mayHaveFindings(declaration: ts.Node): boolean {
    const custom = this.customization;
    return custom.logSinks.length > 0 || custom.storageSinks.length > 0 || this.sinkReach.mayReachSink(declaration);
  }

  isFunctionAnalysed(declaration: ts.Node): boolean {
    return this.summaries.has(declaration);
  }
}
