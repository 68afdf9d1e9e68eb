import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { typeMatchesSomeSpecifier } from '@typescript-eslint/type-utils';
import ts from 'typescript';

import {
  ASSISTANT_ROLES,
  LLM_SDK_PACKAGES,
  METADATA_PROPERTIES,
  MODEL_OUTPUT_TYPES,
  NON_CONTENT_CALLBACK_PATTERN,
  OUTPUT_CALLBACK_OPTIONS,
  PROMPT_ARGUMENT_PROPERTIES,
  MODEL_CALL_NAMES,
  OUTPUT_CHAIN_CALLS,
  PROMPT_TYPES,
  REQUEST_ECHO_PROPERTIES,
  SDK_METADATA_PROPERTIES,
  WHOLE_INPUT_MODEL_CALLS,
} from '../knowledge/llm-sdks.js';
import {
  ARGUMENT_PROPAGATORS,
  CALLBACK_RESULT_METHODS,
  ELEMENT_CALLBACKS,
  type FunctionFamily,
  MUTATING_METHODS,
  RECEIVER_PROPAGATORS,
} from '../knowledge/propagation.js';
import {
  ASSIGNMENT_SINKS,
  CALL_SINKS,
  type CallSink,
  PATH_SINKS,
  STORAGE_SINKS,
  type SinkCategory,
  type SinkKind,
} from '../knowledge/sinks.js';
import { type CalleeInfo, CalleeResolver, calleeText, functionHasBody, functionWithBodyOf } from './callees.js';
import type { FlowCustomization } from './config.js';
import { skipTransparent, staticPropertyName, staticStringValue } from './constants.js';
import { CipherInspector, type Weakness } from './crypto.js';
import { type EnvKey, Environment } from './environment.js';
import { originMatches, originsOfSymbol } from './packages.js';
import { filesReachingPackages } from './reach.js';
import {
  CLEAN,
  type Taint,
  type TaintKind,
  type TaintValue,
  annotate,
  fieldValue,
  filterTaints,
  isTainted,
  join,
  objectValue,
  taintValue,
  withoutFields,
} from './taint.js';
import { TextCarrierOracle, TypeFamilyMatcher } from './types.js';

/** Where a finding's data goes. */
export interface SinkHit {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  /** The sink call as written, e.g. `logger.info()`. */
  readonly callee: string;
  /** Project functions the data went through to reach the sink, outermost first. */
  readonly via: readonly string[];
  /** For `crypto` sinks: why the encryption does not protect the data. */
  readonly weakness?: Weakness;
}

/** Sensitive data reaching a sink. */
export interface Finding {
  readonly taint: Taint;
  readonly sink: SinkHit;
  /** The node to report: the argument (or property) that carries the data. */
  readonly node: ts.Node;
}

/** What callers need to know about a function of the program. */
export interface FunctionSummary {
  /** Sensitive data the function returns by itself (e.g. the text of a completion it requested). */
  readonly returns: TaintValue;
  /** Parameters whose data reaches the return value. */
  readonly parametersToReturn: ReadonlySet<number>;
  /** Parameters whose data reaches a sink inside the function (or deeper). */
  readonly parameterSinks: ReadonlyMap<number, readonly SinkHit[]>;
  /** Parameters whose data is placed in a model call's prompt. */
  readonly parametersToPrompt: ReadonlySet<number>;
}

export interface FunctionResult {
  readonly summary: FunctionSummary;
  /** Findings with concrete sources inside the function's own body (and its inline callbacks). */
  readonly findings: readonly Finding[];
}

const EMPTY_SUMMARY: FunctionSummary = {
  returns: CLEAN,
  parametersToReturn: new Set(),
  parameterSinks: new Map(),
  parametersToPrompt: new Set(),
};
const EMPTY_RESULT: FunctionResult = { summary: EMPTY_SUMMARY, findings: [] };

/** Summaries nested deeper than this are assumed to have no flow (keeps pathological code fast). */
const MAX_SUMMARY_DEPTH = 24;
/** Expressions nested deeper than this are not analysed further (stack safety). */
const MAX_EXPRESSION_DEPTH = 400;

type FunctionLikeWithBody = ts.SignatureDeclaration & { body?: ts.Node };

function isFunctionLike(node: ts.Node): node is FunctionLikeWithBody {
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

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

function familyIndex(families: readonly FunctionFamily[]): Map<string, FunctionFamily[]> {
  const index = new Map<string, FunctionFamily[]>();
  for (const family of families) {
    for (const name of family.names) {
      index.set(name, [...(index.get(name) ?? []), family]);
    }
  }
  return index;
}

function sinkIndex(sinks: readonly CallSink[]): Map<string, CallSink[]> {
  const index = new Map<string, CallSink[]>();
  for (const sink of sinks) {
    for (const name of sink.names) {
      index.set(name, [...(index.get(name) ?? []), sink]);
    }
  }
  return index;
}

const SINKS_BY_NAME = sinkIndex([...CALL_SINKS, ...STORAGE_SINKS]);
const ARGUMENT_PROPAGATORS_BY_NAME = familyIndex(ARGUMENT_PROPAGATORS);
const RECEIVER_PROPAGATORS_BY_NAME = familyIndex(RECEIVER_PROPAGATORS);

/**
 * The value-flow analysis of one program under one customization. Function results are cached
 * per declaration node, so each function is analysed once per program, whichever file asks.
 */
export class FlowAnalysis {
  readonly checker: ts.TypeChecker;
  readonly callees: CalleeResolver;
  readonly outputTypes: TypeFamilyMatcher;
  readonly promptTypes: TypeFamilyMatcher;
  readonly text: TextCarrierOracle;
  readonly ciphers: CipherInspector;

  private readonly functionResults = new WeakMap<ts.Node, FunctionResult>();
  private readonly inProgress = new Set<ts.Node>();
  private readonly fileResults = new WeakMap<ts.SourceFile, readonly Finding[]>();
  private readonly classFieldWrites = new WeakMap<ts.Node, Map<string, TaintValue>>();
  /** Function literals analysed in the context of the call they are passed to. */
  readonly inlineFunctions = new WeakSet<ts.Node>();
  /** Called each time a function body is analysed (tests use it to check the cache). */
  onFunctionAnalysed: ((declaration: ts.Node) => void) | undefined;

  constructor(
    readonly program: ts.Program,
    readonly customization: FlowCustomization,
  ) {
    this.checker = program.getTypeChecker();
    this.callees = new CalleeResolver(program, this.checker);
    this.outputTypes = new TypeFamilyMatcher(program, this.checker, MODEL_OUTPUT_TYPES);
    this.promptTypes = new TypeFamilyMatcher(program, this.checker, PROMPT_TYPES);
    this.text = new TextCarrierOracle(this.checker);
    this.ciphers = new CipherInspector(this.checker, this.callees);
  }

  /** Every finding whose reported node lies in `sourceFile`. */
  analyzeFile(sourceFile: ts.SourceFile): readonly Finding[] {
    const cached = this.fileResults.get(sourceFile);
    if (cached) {
      return cached;
    }
    if (!this.canSeeSdk(sourceFile)) {
      this.fileResults.set(sourceFile, []);
      return [];
    }
    const findings: Finding[] = [];
    const topLevel = new Walker(this, undefined, sourceFile);
    topLevel.runBody(sourceFile);
    findings.push(...topLevel.findings);
    // Functions the walk did not reach (never called, exported for others) are analysed on their own.
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node) && node.body && !this.inlineFunctions.has(node)) {
        findings.push(...this.functionResult(node).findings);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(sourceFile, visit);
    const own = dedupe(findings.filter(finding => finding.node.getSourceFile() === sourceFile));
    this.fileResults.set(sourceFile, own);
    return own;
  }

  private sdkReachingFiles: ReadonlySet<ts.SourceFile> | undefined;

  /**
   * Whether a file can hold SDK values at all: it imports an LLM SDK, directly or through project
   * modules. Most files of an app do not, and need no analysis. With user-configured sources any
   * file can, so nothing is skipped.
   */
  canSeeSdk(sourceFile: ts.SourceFile): boolean {
    const custom = this.customization;
    if (custom.outputSources.length > 0 || custom.promptSources.length > 0) {
      return true;
    }
    this.sdkReachingFiles ??= filesReachingPackages(this.program, LLM_SDK_PACKAGES);
    // A file the program does not list as its own (an in-memory test program, say) is analysed.
    return this.sdkReachingFiles.has(sourceFile) || this.program.getSourceFile(sourceFile.fileName) !== sourceFile;
  }

  /** The (cached) analysis of a function of the program. Recursion sees an empty summary. */
  functionResult(declaration: FunctionLikeWithBody, parent?: Walker): FunctionResult {
    const cached = this.functionResults.get(declaration);
    if (cached) {
      return cached;
    }
    if (this.inProgress.has(declaration) || this.inProgress.size >= MAX_SUMMARY_DEPTH || !declaration.body) {
      return EMPTY_RESULT;
    }
    this.inProgress.add(declaration);
    try {
      const walker = new Walker(this, parent, declaration);
      walker.runFunction(declaration, []);
      const result = walker.result();
      this.functionResults.set(declaration, result);
      return result;
    } finally {
      this.inProgress.delete(declaration);
    }
  }

  isFunctionAnalysed(declaration: ts.Node): boolean {
    return this.functionResults.has(declaration);
  }

  /** Records `this.<name> = value` in a class, for reads from its other members. */
  recordClassField(classNode: ts.Node, name: string, value: TaintValue): void {
    const concrete = filterTaints(value, taint => taint.kind !== 'parameter');
    if (!isTainted(concrete)) {
      return;
    }
    const writes = this.classFieldWrites.get(classNode) ?? new Map<string, TaintValue>();
    writes.set(name, join(writes.get(name) ?? CLEAN, withoutFields(concrete)));
    this.classFieldWrites.set(classNode, writes);
  }

  /**
   * What the members of a class store in `this.<name>`, over all its methods. Only the members that
   * write `this.<name>` are analysed for it, so reading a field (`this.logger`) never starts the
   * analysis of unrelated members while the reader itself is half done.
   */
  classField(classNode: ts.ClassLikeDeclaration, name: string): TaintValue {
    for (const member of this.membersWriting(classNode, name)) {
      this.functionResult(member);
    }
    return this.classFieldWrites.get(classNode)?.get(name) ?? CLEAN;
  }

  private readonly fieldWriters = new WeakMap<ts.Node, Map<string, FunctionLikeWithBody[]>>();

  /** Members that assign or mutate `this.<name>`, indexed once per class. */
  private membersWriting(classNode: ts.ClassLikeDeclaration, name: string): readonly FunctionLikeWithBody[] {
    let index = this.fieldWriters.get(classNode);
    if (!index) {
      index = new Map();
      for (const member of classNode.members) {
        if (!isFunctionLike(member) || !member.body) continue;
        const names = new Set<string>();
        const visit = (node: ts.Node): void => {
          const written = writtenThisField(node);
          if (written !== undefined) names.add(written);
          if (!ts.isClassLike(node)) ts.forEachChild(node, visit);
        };
        visit(member.body);
        for (const field of names) index.set(field, [...(index.get(field) ?? []), member]);
      }
      this.fieldWriters.set(classNode, index);
    }
    return index.get(name) ?? [];
  }

  private readonly callReturnCache = new WeakMap<ts.Node, { output: boolean; prompt: boolean }>();

  /**
   * Whether a call returns model output or prompt data, judged from the callee's declared
   * signatures (instantiated on the receiver's type) rather than by checking the call expression,
   * which would type-check every argument. Only SDK callees are looked at (and every callee when
   * the user configured source types): the standard library, Node.js and other packages return
   * model output only when given it, which propagation covers, and project functions are
   * summarised.
   */
  callReturns(call: ts.CallExpression, info: CalleeInfo, declaredInSdk: boolean): { output: boolean; prompt: boolean } {
    const cached = this.callReturnCache.get(call);
    if (cached) {
      return cached;
    }
    const userTypes = this.customization.outputSources.length > 0 || this.customization.promptSources.length > 0;
    let result = { output: false, prompt: false };
    if (declaredInSdk || userTypes) {
      try {
        const returnTypes = userTypes ? [this.checker.getTypeAtLocation(call)] : this.declaredReturnTypes(call);
        result = {
          output: returnTypes.some(type => this.isModelOutputType(type)),
          prompt: returnTypes.some(type => this.promptTypes.matches(type) || this.matchesUserTypes(type, this.customization.promptSources)),
        };
      } catch {
        // Code the checker cannot make sense of: no source.
      }
    }
    this.callReturnCache.set(call, result);
    return result;
  }

  private declaredReturnTypes(call: ts.CallExpression): ts.Type[] {
    const callee = skipTransparent(call.expression);
    let calleeType: ts.Type | undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      const receiverType = this.checker.getNonNullableType(this.checker.getTypeAtLocation(callee.expression));
      const property = this.checker.getPropertyOfType(receiverType, callee.name.text);
      calleeType = property ? this.checker.getTypeOfSymbolAtLocation(property, callee) : undefined;
    }
    calleeType ??= this.checker.getTypeAtLocation(callee);
    const candidates = calleeType.isUnion() ? calleeType.types : [calleeType];
    return candidates.flatMap(candidate => candidate.getCallSignatures().map(signature => signature.getReturnType()));
  }

  /** Taints the type of a node implies: SDK output or prompt types, user-configured source types. */
  typeTaints(node: ts.Node, label: () => string, origin: ts.Node = node): TaintValue {
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return CLEAN;
    }
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      return CLEAN;
    }
    let value = CLEAN;
    if (this.outputTypes.matches(type) || this.matchesUserTypes(type, this.customization.outputSources)) {
      value = taintValue({ kind: 'output', origin, label: label() });
    } else if (this.promptTypes.matches(type) || this.matchesUserTypes(type, this.customization.promptSources)) {
      value = taintValue({ kind: 'prompt', origin, label: label() });
    }
    return value;
  }

  isModelOutputType(type: ts.Type): boolean {
    return this.outputTypes.matches(type) || this.matchesUserTypes(type, this.customization.outputSources);
  }

  matchesUserTypes(type: ts.Type, specifiers: readonly TypeOrValueSpecifier[]): boolean {
    if (specifiers.length === 0) {
      return false;
    }
    const candidates = type.isUnion() ? type.types : [type];
    return candidates.some(candidate => typeMatchesSomeSpecifier(candidate, [...specifiers], this.program));
  }

  /** Does the callee match a user specifier (by name, and package / file / lib where given)? */
  calleeMatchesUser(info: CalleeInfo, specifiers: readonly TypeOrValueSpecifier[]): boolean {
    if (specifiers.length === 0 || info.name === undefined) {
      return false;
    }
    return specifiers.some(specifier => {
      if (typeof specifier === 'string') {
        return specifier === info.name;
      }
      const names = typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
      if (!names.includes(info.name!)) {
        return false;
      }
      switch (specifier.from) {
        case 'package':
          return info.declarations.some(declaration => originMatches(declaration.origin, specifier.package));
        case 'lib':
          return info.declarations.some(declaration => declaration.origin === 'lib');
        case 'file':
          return info.declarations.some(declaration => declaration.origin === undefined);
      }
    });
  }

  carriesText(node: ts.Node): boolean {
    try {
      return this.text.carriesText(this.checker.getTypeAtLocation(node));
    } catch {
      return true;
    }
  }
}

function findingKey(finding: Finding): string {
  return `${finding.node.pos}:${finding.node.end}:${finding.taint.kind}:${finding.sink.kind}:${finding.sink.category}:${finding.sink.callee}`;
}

export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const result: Finding[] = [];
  for (const finding of findings) {
    const key = findingKey(finding);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(finding);
    }
  }
  return result;
}

/** The field `node` writes when it is `this.x = ...`, `this.x += ...`, `this.x.push(...)` or `this.x[k] = ...`. */
function writtenThisField(node: ts.Node): string | undefined {
  const thisField = (expression: ts.Expression): string | undefined => {
    let current = skipTransparent(expression);
    while ((ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) && current.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      current = skipTransparent(current.expression);
    }
    return ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword ? current.name.text : undefined;
  };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return thisField(node.left);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text)) {
    return thisField(node.expression.expression);
  }
  return undefined;
}

/** `const X = 'text'` (or a number, or a template without substitutions): a value fixed in the source. */
function isLiteralConstant(declaration: ts.VariableDeclaration): boolean {
  const initializer = declaration.initializer && skipTransparent(declaration.initializer);
  return (
    initializer !== undefined &&
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
    (ts.isStringLiteralLike(initializer) || ts.isNumericLiteral(initializer))
  );
}

const CODE_SYMBOLS = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Module | ts.SymbolFlags.Enum | ts.SymbolFlags.Method;

/** A function, class, namespace or enum (also through an import alias). */
function isCodeSymbol(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let target = symbol;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    try {
      target = checker.getAliasedSymbol(symbol);
    } catch {
      return false;
    }
  }
  return (target.flags & CODE_SYMBOLS) !== 0 && (target.flags & ts.SymbolFlags.Variable) === 0;
}

/** `{ role: 'assistant', content }`: a turn the model wrote. */
function isAssistantMessage(object: ts.ObjectLiteralExpression, checker: ts.TypeChecker): boolean {
  return object.properties.some(
    property =>
      ts.isPropertyAssignment(property) &&
      staticPropertyName(property.name, checker) === 'role' &&
      ASSISTANT_ROLES.has(staticStringValue(property.initializer, checker) ?? ''),
  );
}

/**
 * Walks one function body (or a file's top level) in source order, keeping the abstract value of
 * every variable, and records sensitive data that reaches a sink.
 */
export class Walker {
  readonly findings: Finding[] = [];
  private env = new Environment();
  private returnValue: TaintValue = CLEAN;
  private readonly parameterSinks = new Map<number, SinkHit[]>();
  private readonly parametersToPrompt = new Set<number>();
  /** Variables of this function that are placed in a model call's prompt, with the taint that says so. */
  private readonly promptVariables = new Map<ts.Symbol, Taint>();
  private depth = 0;
  private readonly classNode: ts.ClassLikeDeclaration | undefined;

  constructor(
    private readonly analysis: FlowAnalysis,
    private readonly parent: Walker | undefined,
    private readonly owner: ts.Node,
  ) {
    this.classNode = ts.isClassLike(owner.parent) ? owner.parent : undefined;
  }

  private get checker(): ts.TypeChecker {
    return this.analysis.checker;
  }

  // ---------------------------------------------------------------- entry points

  runBody(sourceFile: ts.SourceFile): void {
    this.collectPromptVariables(sourceFile, []);
    this.runStatements(sourceFile.statements);
  }

  /** Analyses a function with the given values for its parameters (plus what their types imply). */
  runFunction(fn: FunctionLikeWithBody, argumentValues: readonly TaintValue[], seedParameters = true): void {
    this.analysis.onFunctionAnalysed?.(fn);
    const body = fn.body;
    // Function expressions inside another function were covered by its prompt pass.
    const coveredByParent = this.parent !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn));
    if (!coveredByParent) {
      this.collectPromptVariables(body ?? fn, fn.parameters);
    }
    fn.parameters.forEach((parameter, index) => {
      let value = argumentValues[index] ?? CLEAN;
      if (seedParameters) {
        value = join(value, taintValue({ kind: 'parameter', origin: parameter, label: `parameter ${index}`, parameterIndex: index }));
      }
      value = join(value, this.analysis.typeTaints(parameter.name, () => `parameter '${parameter.name.getText()}'`));
      this.bindName(parameter.name, value);
    });
    if (!body) {
      return;
    }
    if (ts.isBlock(body)) {
      this.runStatements(body.statements);
    } else {
      this.returnValue = join(this.returnValue, this.evaluate(body as ts.Expression));
    }
  }

  returned(): TaintValue {
    return this.returnValue;
  }

  result(): FunctionResult {
    const parametersToReturn = new Set<number>();
    const concreteReturn = filterTaints(this.returnValue, taint => {
      if (taint.kind === 'parameter') {
        parametersToReturn.add(taint.parameterIndex ?? -1);
        return false;
      }
      return true;
    });
    const findings = this.findings.filter(finding => finding.taint.kind !== 'parameter');
    return {
      summary: {
        returns: concreteReturn,
        parametersToReturn,
        parameterSinks: this.parameterSinks,
        parametersToPrompt: this.parametersToPrompt,
      },
      findings: dedupe(findings),
    };
  }

  // ---------------------------------------------------------------- findings

  private record(taints: TaintValue, node: ts.Node, sink: SinkHit): void {
    const reportedKinds = new Set<TaintKind>();
    for (const taint of taints.taints) {
      if (taint.kind === 'parameter') {
        // "Whatever the caller passes" reaches a sink: part of the owning function's summary.
        this.ownerOf(taint)?.addParameterSink(taint.parameterIndex ?? -1, sink);
        continue;
      }
      if (reportedKinds.has(taint.kind)) {
        continue;
      }
      reportedKinds.add(taint.kind);
      this.findings.push({ taint, sink, node });
    }
  }

  /** The walker of the function that declares a parameter taint's parameter (this one or an enclosing one). */
  private ownerOf(taint: Taint): Walker | undefined {
    return this.owner === taint.origin.parent ? this : this.parent?.ownerOf(taint);
  }

  private addParameterSink(index: number, sink: SinkHit): void {
    const list = this.parameterSinks.get(index) ?? [];
    if (!list.some(hit => hit.category === sink.category && hit.callee === sink.callee)) {
      list.push(sink);
    }
    this.parameterSinks.set(index, list);
  }

  // ---------------------------------------------------------------- statements

  private runStatements(statements: readonly ts.Statement[]): boolean {
    let completes = true;
    for (const statement of statements) {
      if (!this.runStatement(statement)) {
        completes = false;
      }
    }
    return completes;
  }

  /** Runs a statement; returns false when it always leaves the block (return, throw, break, ...). */
  private runStatement(statement: ts.Statement): boolean {
    switch (statement.kind) {
      case ts.SyntaxKind.VariableStatement:
        for (const declaration of (statement as ts.VariableStatement).declarationList.declarations) {
          this.runVariableDeclaration(declaration);
        }
        return true;
      case ts.SyntaxKind.ExpressionStatement:
        this.evaluate((statement as ts.ExpressionStatement).expression);
        return true;
      case ts.SyntaxKind.ReturnStatement: {
        const expression = (statement as ts.ReturnStatement).expression;
        if (expression) {
          this.returnValue = join(this.returnValue, this.evaluate(expression));
        }
        return false;
      }
      case ts.SyntaxKind.ThrowStatement:
        this.evaluate((statement as ts.ThrowStatement).expression);
        return false;
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return false;
      case ts.SyntaxKind.Block:
        return this.runStatements((statement as ts.Block).statements);
      case ts.SyntaxKind.IfStatement:
        return this.runIf(statement as ts.IfStatement);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        this.runForOf(statement as ts.ForOfStatement | ts.ForInStatement);
        return true;
      case ts.SyntaxKind.ForStatement: {
        const loop = statement as ts.ForStatement;
        if (loop.initializer) {
          if (ts.isVariableDeclarationList(loop.initializer)) {
            loop.initializer.declarations.forEach(declaration => this.runVariableDeclaration(declaration));
          } else {
            this.evaluate(loop.initializer);
          }
        }
        this.runLoop(() => {
          if (loop.condition) this.evaluate(loop.condition);
          this.runStatement(loop.statement);
          if (loop.incrementor) this.evaluate(loop.incrementor);
        });
        return true;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement: {
        const loop = statement as ts.WhileStatement | ts.DoStatement;
        this.runLoop(() => {
          this.evaluate(loop.expression);
          this.runStatement(loop.statement);
        });
        return true;
      }
      case ts.SyntaxKind.TryStatement:
        return this.runTry(statement as ts.TryStatement);
      case ts.SyntaxKind.SwitchStatement:
        return this.runSwitch(statement as ts.SwitchStatement);
      case ts.SyntaxKind.LabeledStatement:
        return this.runStatement((statement as ts.LabeledStatement).statement);
      case ts.SyntaxKind.FunctionDeclaration: {
        const fn = statement as ts.FunctionDeclaration;
        if (fn.body && !this.analysis.isFunctionAnalysed(fn)) {
          this.analysis.functionResult(fn, this);
        }
        return true;
      }
      case ts.SyntaxKind.ClassDeclaration:
        this.runClass(statement as ts.ClassDeclaration);
        return true;
      case ts.SyntaxKind.ExportAssignment:
        this.evaluate((statement as ts.ExportAssignment).expression);
        return true;
      default:
        return true;
    }
  }

  private runVariableDeclaration(declaration: ts.VariableDeclaration): void {
    if (!declaration.initializer) {
      // `let x;` and `declare const history: MessageParam[]`: what the type says, read on use.
      return;
    }
    this.bindName(declaration.name, this.evaluate(declaration.initializer));
  }

  private runIf(statement: ts.IfStatement): boolean {
    this.evaluate(statement.expression);
    const base = this.env;
    const thenEnv = base.fork();
    this.env = thenEnv;
    const thenCompletes = this.runStatement(statement.thenStatement);
    let elseCompletes = true;
    let elseEnv: Environment | undefined;
    if (statement.elseStatement) {
      elseEnv = base.fork();
      this.env = elseEnv;
      elseCompletes = this.runStatement(statement.elseStatement);
    }
    this.env = base;
    const reaching: Environment[] = [];
    if (thenCompletes) reaching.push(thenEnv);
    if (elseEnv && elseCompletes) reaching.push(elseEnv);
    base.merge(reaching, !elseEnv);
    return thenCompletes || elseCompletes;
  }

  /** Runs a loop body twice: enough for values carried from one iteration to the next. */
  private runLoop(body: () => void): void {
    const base = this.env;
    for (let iteration = 0; iteration < 2; iteration++) {
      const loopEnv = base.fork();
      this.env = loopEnv;
      body();
      this.env = base;
      base.merge([loopEnv], true);
    }
  }

  private runForOf(statement: ts.ForOfStatement | ts.ForInStatement): void {
    const iterated = this.evaluate(statement.expression);
    // `for...in` yields keys, not the values.
    const element = ts.isForInStatement(statement) ? CLEAN : withoutFields(iterated);
    this.runLoop(() => {
      const initializer = statement.initializer;
      if (ts.isVariableDeclarationList(initializer)) {
        const declaration = initializer.declarations[0];
        if (declaration) {
          const value = join(element, this.analysis.typeTaints(declaration.name, () => `'${declaration.name.getText()}'`));
          this.bindName(declaration.name, this.keepIfText(declaration.name, value));
        }
      } else {
        this.assignTo(initializer, element);
      }
      this.runStatement(statement.statement);
    });
  }

  private runTry(statement: ts.TryStatement): boolean {
    const base = this.env;
    const tryEnv = base.fork();
    this.env = tryEnv;
    const tryCompletes = this.runStatements(statement.tryBlock.statements);
    this.env = base;
    base.merge([tryEnv], true);
    let catchCompletes = false;
    if (statement.catchClause) {
      const catchEnv = base.fork();
      this.env = catchEnv;
      catchCompletes = this.runStatements(statement.catchClause.block.statements);
      this.env = base;
      base.merge([catchEnv], true);
    }
    const finallyCompletes = statement.finallyBlock ? this.runStatements(statement.finallyBlock.statements) : true;
    return (tryCompletes || catchCompletes) && finallyCompletes;
  }

  private runSwitch(statement: ts.SwitchStatement): boolean {
    this.evaluate(statement.expression);
    const base = this.env;
    const branches: Environment[] = [];
    let anyCompletes = false;
    for (const clause of statement.caseBlock.clauses) {
      if (ts.isCaseClause(clause)) {
        this.evaluate(clause.expression);
      }
      const clauseEnv = base.fork();
      this.env = clauseEnv;
      const completes = this.runStatements(clause.statements);
      this.env = base;
      // A clause that ends in `break` still reaches the code after the switch.
      const last = clause.statements[clause.statements.length - 1];
      if (completes || (last && ts.isBreakStatement(last)) || clause.statements.length === 0) {
        branches.push(clauseEnv);
        anyCompletes = true;
      }
    }
    base.merge(branches, true);
    return anyCompletes || !statement.caseBlock.clauses.some(ts.isDefaultClause);
  }

  private runClass(node: ts.ClassLikeDeclaration): void {
    for (const member of node.members) {
      if (isFunctionLike(member) && member.body && !this.analysis.isFunctionAnalysed(member)) {
        this.analysis.functionResult(member, this);
      } else if (ts.isPropertyDeclaration(member) && member.initializer) {
        const value = this.evaluate(member.initializer);
        const name = staticPropertyName(member.name, this.checker);
        if (name !== undefined) {
          this.analysis.recordClassField(node, name, value);
        }
      }
    }
  }

  // ---------------------------------------------------------------- bindings

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    try {
      return this.checker.getSymbolAtLocation(node);
    } catch {
      return undefined;
    }
  }

  private bindName(name: ts.BindingName, value: TaintValue): void {
    if (ts.isIdentifier(name)) {
      const symbol = this.symbolOf(name);
      if (symbol) {
        this.env.set(symbol, this.withPromptMark(symbol, value));
      }
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        if (element.dotDotDotToken) {
          this.bindName(element.name, withoutFields(value));
          continue;
        }
        const key = element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined);
        const property = key ? staticPropertyName(key, this.checker) : undefined;
        let fieldTaint = property !== undefined && METADATA_PROPERTIES.has(property) ? CLEAN : fieldValue(value, property);
        if (element.initializer) {
          fieldTaint = join(fieldTaint, this.evaluate(element.initializer));
        }
        fieldTaint = join(this.keepIfText(element.name, fieldTaint), this.analysis.typeTaints(element.name, () => `'${element.name.getText()}'`));
        this.bindName(element.name, fieldTaint);
      }
      return;
    }
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) {
        let elementValue = withoutFields(value);
        if (element.initializer) {
          elementValue = join(elementValue, this.evaluate(element.initializer));
        }
        this.bindName(element.name, this.keepIfText(element.name, elementValue));
      }
    }
  }

  /** Assignment to an existing target (`x = v`, `obj.f = v`, `[a, b] = v`, `this.f = v`). */
  private assignTo(target: ts.Node, value: TaintValue, compound = false): void {
    const expression = ts.isExpression(target) ? skipTransparent(target) : target;
    if (ts.isIdentifier(expression)) {
      const symbol = this.symbolOf(expression);
      if (symbol) {
        const previous = compound ? (this.lookup(symbol) ?? CLEAN) : CLEAN;
        this.env.set(symbol, join(previous, value));
      }
      return;
    }
    if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
      const name = ts.isPropertyAccessExpression(expression)
        ? expression.name.text
        : staticPropertyName(expression.argumentExpression, this.checker);
      const object = skipTransparent(expression.expression);
      if (object.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
        const key = `this.${name}`;
        const stored = compound ? join(this.env.get(key) ?? CLEAN, value) : value;
        this.env.set(key, stored);
        if (this.classNode) {
          this.analysis.recordClassField(this.classNode, name, stored);
        }
        return;
      }
      if (!isTainted(value)) {
        return;
      }
      // Writing sensitive data into an object makes the object carry it.
      this.taintContainer(object, value);
      return;
    }
    if (ts.isObjectLiteralExpression(expression) || ts.isArrayLiteralExpression(expression)) {
      for (const element of ts.isArrayLiteralExpression(expression) ? expression.elements : []) {
        this.assignTo(ts.isSpreadElement(element) ? element.expression : element, withoutFields(value));
      }
      if (ts.isObjectLiteralExpression(expression)) {
        for (const property of expression.properties) {
          if (ts.isShorthandPropertyAssignment(property)) {
            this.assignTo(property.name, fieldValue(value, property.name.text));
          } else if (ts.isPropertyAssignment(property)) {
            const name = staticPropertyName(property.name, this.checker);
            this.assignTo(property.initializer, name !== undefined && METADATA_PROPERTIES.has(name) ? CLEAN : fieldValue(value, name));
          }
        }
      }
    }
  }

  /** `history.push(m)`, `obj.field = v`: the container now carries the value. */
  private taintContainer(container: ts.Expression, value: TaintValue): void {
    const root = skipTransparent(container);
    if (ts.isIdentifier(root)) {
      const symbol = this.symbolOf(root);
      if (symbol) {
        this.env.set(symbol, join(withoutFields(this.lookup(symbol) ?? CLEAN), withoutFields(value)));
      }
    } else if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
      this.assignTo(root, join(this.evaluate(root), withoutFields(value)));
    }
  }

  private lookup(key: EnvKey): TaintValue | undefined {
    const own = this.env.get(key);
    if (own !== undefined) {
      return own;
    }
    return this.parent?.lookup(key);
  }

  private withPromptMark(symbol: ts.Symbol, value: TaintValue): TaintValue {
    const prompt = this.promptVariables.get(symbol) ?? this.parent?.promptMark(symbol);
    return prompt ? join(value, taintValue(prompt)) : value;
  }

  private promptMark(symbol: ts.Symbol): Taint | undefined {
    return this.promptVariables.get(symbol) ?? this.parent?.promptMark(symbol);
  }

  /** Drops taints from a value whose type cannot hold text (`text.length`, `usage.total_tokens`). */
  private keepIfText(node: ts.Node, value: TaintValue): TaintValue {
    if (!isTainted(value) || this.analysis.carriesText(node)) {
      return value;
    }
    return CLEAN;
  }

  // ---------------------------------------------------------------- prompt identification

  /**
   * Finds the variables placed in the prompt of a model call in this function (`messages`,
   * `prompt`, `system`, ... or a LangChain `invoke(input)`), and those they are built from.
   * Flow-insensitive on purpose: a question is prompt data before and after it is sent.
   */
  private collectPromptVariables(body: ts.Node, parameters: readonly ts.ParameterDeclaration[]): void {
    // Two phases: find the prompts of model calls and what is pushed into which array, then mark.
    // Callbacks written inline (`tracer.startActiveSpan('x', async span => ...)`) run in the same
    // flow: a model call inside one makes the enclosing function's variables prompt data.
    const prompts: { expression: ts.Expression; taint: Taint }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node) || ts.isClassLike(node)) {
        return;
      }
      if (ts.isCallExpression(node)) {
        this.collectPromptArguments(node, prompts);
        this.collectPush(node);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    for (const { expression, taint } of prompts) {
      this.markPromptRoots(expression, taint, new Set());
    }
    parameters.forEach((parameter, index) => {
      if (ts.isIdentifier(parameter.name)) {
        const symbol = this.symbolOf(parameter.name);
        if (symbol && this.promptVariables.has(symbol)) {
          this.parametersToPrompt.add(index);
        }
      }
    });
  }

  /** What is pushed into which local array (`turns.push({ role: 'user', content: text })`). */
  private readonly pushedInto = new Map<ts.Symbol, ts.Expression[]>();

  private collectPush(call: ts.CallExpression): void {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'push' && callee.name.text !== 'unshift')) {
      return;
    }
    const receiver = skipTransparent(callee.expression);
    const symbol = ts.isIdentifier(receiver) ? this.symbolOf(receiver) : undefined;
    if (symbol) {
      this.pushedInto.set(symbol, [...(this.pushedInto.get(symbol) ?? []), ...call.arguments]);
    }
  }

  /** Is this a call that sends a prompt to a model: an SDK method such as `create` or `invoke` returning model output? */
  private isModelCall(call: ts.CallExpression, info: CalleeInfo): boolean {
    const sdkMethod = info.declarations.some(
      declaration => MODEL_CALL_NAMES.has(declaration.name) && LLM_SDK_PACKAGES.some(pattern => originMatches(declaration.origin, pattern)),
    );
    return sdkMethod && (this.analysis.callReturns(call, info, true).output || this.isOutputChainCall(call, info));
  }

  /**
   * `chain.invoke(input)` on a LangChain runnable chain (`prompt.pipe(model).pipe(new StringOutputParser())`):
   * the result is model output even when the parser made it a plain `string`. Retrievers and prompt
   * templates have their own classes and are not matched.
   */
  private isOutputChainCall(call: ts.CallExpression, info: CalleeInfo): boolean {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) {
      return false;
    }
    return OUTPUT_CHAIN_CALLS.some(
      family =>
        family.names.includes(info.name ?? '') &&
        info.declarations.some(declaration => family.from.some(pattern => originMatches(declaration.origin, pattern))) &&
        this.typeIsOneOf(callee.expression, family.receiverTypes, family.from),
    );
  }

  private collectPromptArguments(call: ts.CallExpression, prompts: { expression: ts.Expression; taint: Taint }[]): void {
    const found: { expression: ts.Expression; property: string }[] = [];
    const info = this.analysis.callees.resolve(call);
    if (this.isModelCall(call, info)) {
      const wholeInput = info.declarations.some(declaration =>
        WHOLE_INPUT_MODEL_CALLS.some(family => family.names.includes(declaration.name) && family.from.some(pattern => originMatches(declaration.origin, pattern))),
      );
      if (wholeInput && call.arguments[0]) {
        // LangChain: the template variables (or messages) as a whole.
        found.push({ expression: call.arguments[0], property: 'input' });
      } else {
        for (const argument of call.arguments) {
          const object = skipTransparent(argument);
          if (!ts.isObjectLiteralExpression(object)) continue;
          for (const property of object.properties) {
            const name = property.name ? staticPropertyName(property.name, this.checker) : undefined;
            if (name === undefined || !PROMPT_ARGUMENT_PROPERTIES.has(name)) continue;
            if (ts.isPropertyAssignment(property)) {
              found.push({ expression: property.initializer, property: name });
            } else if (ts.isShorthandPropertyAssignment(property)) {
              found.push({ expression: property.name, property: name });
            }
          }
        }
        // `create(params)`: the request object as a whole holds the prompt.
        const first = call.arguments[0];
        if (first && !ts.isObjectLiteralExpression(skipTransparent(first))) {
          found.push({ expression: first, property: 'request' });
        }
      }
    } else if (info.projectFunction) {
      // A project helper that puts its parameter into a prompt (`ask(question)`).
      const summary = this.analysis.functionResult(info.projectFunction).summary;
      for (const index of summary.parametersToPrompt) {
        const argument = call.arguments[index];
        if (argument) found.push({ expression: argument, property: 'prompt' });
      }
    }
    for (const { expression, property } of found) {
      prompts.push({ expression, taint: { kind: 'prompt', origin: expression, label: `the '${property}' passed to '${info.text}()'` } });
    }
  }

  /**
   * Marks the variables a prompt expression is built from. Whole values count (`content: question`,
   * `question.trim()`), fields read from an object do not make the object prompt data
   * (`body.question` does not mark `body`), and assistant turns (`{ role: 'assistant', content }`)
   * are model output, not what the user said.
   */
  private markPromptRoots(expression: ts.Node, taint: Taint, visited: Set<ts.Symbol>): void {
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node)) {
        return;
      }
      if (ts.isObjectLiteralExpression(node) && isAssistantMessage(node, this.checker)) {
        return;
      }
      if (ts.isPropertyAccessExpression(node)) {
        // A method call on a value passes the value on (`question.trim()`); a field read does not.
        const isMethodCall = ts.isCallExpression(node.parent) && node.parent.expression === node;
        if (isMethodCall) visit(node.expression);
        return;
      }
      if (ts.isElementAccessExpression(node)) {
        return;
      }
      if (ts.isCallExpression(node)) {
        // The receiver passes on (`question.trim()`); arguments only where the call returns them
        // (`JSON.stringify(x)`, a helper that returns its parameter), not `cache.get(userId)`.
        visit(node.expression);
        const info = this.analysis.callees.resolve(node);
        if (info.projectFunction) {
          const summary = this.analysis.functionResult(info.projectFunction).summary;
          node.arguments.forEach((argument, index) => summary.parametersToReturn.has(index) && visit(argument));
        } else if (this.propagatesArguments(info)) {
          node.arguments.forEach(visit);
        }
        return;
      }
      if (ts.isIdentifier(node)) {
        const symbol = ts.isShorthandPropertyAssignment(node.parent) ? this.checker.getShorthandAssignmentValueSymbol(node.parent) : this.symbolOf(node);
        if (symbol) this.markPromptSymbol(symbol, taint, visited);
        return;
      }
      if (ts.isPropertyAssignment(node)) {
        visit(node.initializer);
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(expression);
  }

  private markPromptSymbol(symbol: ts.Symbol, taint: Taint, visited: Set<ts.Symbol>): void {
    if (visited.has(symbol)) {
      return;
    }
    visited.add(symbol);
    const declaration = symbol.valueDeclaration;
    if (!declaration || (!ts.isVariableDeclaration(declaration) && !ts.isParameter(declaration) && !ts.isBindingElement(declaration))) {
      return;
    }
    // Globals such as `JSON` in `JSON.stringify(messages)` are not data.
    if (declaration.getSourceFile().isDeclarationFile) {
      return;
    }
    // The model's own message pushed back into the history is output, not what the user said; and a
    // value whose type cannot hold text (`language: 'en' | 'fr'`, a count) is no prompt data.
    const declaredType = this.checker.getTypeOfSymbolAtLocation(symbol, declaration);
    if (this.analysis.isModelOutputType(declaredType) || !this.analysis.text.carriesText(declaredType)) {
      return;
    }
    if (!this.promptVariables.has(symbol)) {
      this.promptVariables.set(symbol, taint);
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      this.markPromptRoots(declaration.initializer, taint, visited);
    }
    for (const pushed of this.pushedInto.get(symbol) ?? []) {
      this.markPromptRoots(pushed, taint, visited);
    }
  }

  // ---------------------------------------------------------------- expressions

  evaluate(node: ts.Expression): TaintValue {
    if (this.depth > MAX_EXPRESSION_DEPTH) {
      return CLEAN;
    }
    this.depth++;
    try {
      return this.evaluateInner(node);
    } finally {
      this.depth--;
    }
  }

  private evaluateInner(node: ts.Expression): TaintValue {
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
        return this.evaluateIdentifier(node as ts.Identifier);
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        return this.applySanitizerTypes(node, this.evaluate((node as ts.ParenthesizedExpression).expression));
      case ts.SyntaxKind.AwaitExpression:
        return this.evaluate((node as ts.AwaitExpression).expression);
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression:
        return this.evaluateMemberAccess(node as ts.PropertyAccessExpression | ts.ElementAccessExpression);
      case ts.SyntaxKind.CallExpression:
        return this.evaluateCall(node as ts.CallExpression);
      case ts.SyntaxKind.NewExpression:
        return this.evaluateNew(node as ts.NewExpression);
      case ts.SyntaxKind.TaggedTemplateExpression: {
        const tagged = node as ts.TaggedTemplateExpression;
        this.evaluate(tagged.tag);
        if (ts.isTemplateExpression(tagged.template)) {
          tagged.template.templateSpans.forEach(span => this.evaluate(span.expression));
        }
        return CLEAN;
      }
      case ts.SyntaxKind.TemplateExpression: {
        let value = CLEAN;
        for (const span of (node as ts.TemplateExpression).templateSpans) {
          value = join(value, withoutFields(this.evaluate(span.expression)));
        }
        return value;
      }
      case ts.SyntaxKind.BinaryExpression:
        return this.evaluateBinary(node as ts.BinaryExpression);
      case ts.SyntaxKind.ConditionalExpression: {
        const conditional = node as ts.ConditionalExpression;
        this.evaluate(conditional.condition);
        return join(this.evaluate(conditional.whenTrue), this.evaluate(conditional.whenFalse));
      }
      case ts.SyntaxKind.ObjectLiteralExpression:
        return this.evaluateObject(node as ts.ObjectLiteralExpression);
      case ts.SyntaxKind.ArrayLiteralExpression: {
        let value = CLEAN;
        for (const element of (node as ts.ArrayLiteralExpression).elements) {
          value = join(value, withoutFields(this.evaluate(ts.isSpreadElement(element) ? element.expression : element)));
        }
        return value;
      }
      case ts.SyntaxKind.SpreadElement:
        return this.evaluate((node as ts.SpreadElement).expression);
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
        if (!this.analysis.isFunctionAnalysed(node)) {
          this.analysis.functionResult(node as ts.ArrowFunction, this);
        }
        return CLEAN;
      case ts.SyntaxKind.ClassExpression:
        this.runClass(node as ts.ClassExpression);
        return CLEAN;
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression:
        this.evaluate((node as ts.PrefixUnaryExpression).operand);
        return CLEAN;
      case ts.SyntaxKind.TypeOfExpression:
      case ts.SyntaxKind.VoidExpression:
      case ts.SyntaxKind.DeleteExpression:
        this.evaluate((node as ts.TypeOfExpression).expression);
        return CLEAN;
      case ts.SyntaxKind.YieldExpression: {
        const operand = (node as ts.YieldExpression).expression;
        if (operand) this.returnValue = join(this.returnValue, this.evaluate(operand));
        return CLEAN;
      }
      case ts.SyntaxKind.JsxElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxFragment:
        // Rendering text in the UI is what it is for; only look for sinks inside.
        this.visitChildExpressions(node);
        return CLEAN;
      default:
        return CLEAN;
    }
  }

  private visitChildExpressions(node: ts.Node): void {
    ts.forEachChild(node, child => {
      if (ts.isJsxExpression(child)) {
        if (child.expression) this.evaluate(child.expression);
      } else if (ts.isJsxAttributes(child) || ts.isJsxOpeningElement(child) || ts.isJsxElement(child) || ts.isJsxSelfClosingElement(child) || ts.isJsxAttribute(child) || ts.isJsxFragment(child)) {
        this.visitChildExpressions(child);
      } else if (ts.isJsxSpreadAttribute(child)) {
        this.evaluate(child.expression);
      }
    });
  }

  private evaluateIdentifier(node: ts.Identifier): TaintValue {
    if (node.text === 'undefined') {
      return CLEAN;
    }
    const symbol = ts.isShorthandPropertyAssignment(node.parent)
      ? this.checker.getShorthandAssignmentValueSymbol(node.parent)
      : this.symbolOf(node);
    if (!symbol) {
      return CLEAN;
    }
    const known = this.lookup(symbol);
    if (known === undefined && isCodeSymbol(symbol, this.checker)) {
      // Functions, classes, namespaces and enums are code, not data: no type look-up needed.
      return CLEAN;
    }
    // Sources known by type are reported at their declaration, so every use names the same origin.
    const declaration = symbol.valueDeclaration;
    const origin = declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) && declaration.getSourceFile() === node.getSourceFile() ? declaration.name : node;
    const value = known ?? this.analysis.typeTaints(node, () => `'${node.text}'`, origin);
    // A constant such as a fixed system prompt (`const SYSTEM = '...'`) is not user text.
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isLiteralConstant(declaration)) {
      return CLEAN;
    }
    return this.withPromptMark(symbol, value);
  }

  private evaluateMemberAccess(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): TaintValue {
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : staticPropertyName(node.argumentExpression, this.checker);
    if (ts.isElementAccessExpression(node)) {
      this.evaluate(node.argumentExpression);
    }
    const objectNode = skipTransparent(node.expression);
    if (objectNode.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
      const key = `this.${name}`;
      const local = this.lookup(key);
      if (local !== undefined) {
        return local;
      }
      const fromClass = this.classNode ? this.analysis.classField(this.classNode, name) : CLEAN;
      return join(fromClass, this.analysis.typeTaints(node, () => `'this.${name}'`));
    }
    const object = this.evaluate(node.expression);
    if (name !== undefined && METADATA_PROPERTIES.has(name)) {
      return CLEAN;
    }
    if (name !== undefined && SDK_METADATA_PROPERTIES.has(name) && isTainted(object) && this.isSdkObject(node.expression)) {
      return CLEAN;
    }
    let value = this.keepIfText(node, fieldValue(object, name));
    if (!isTainted(object)) {
      value = join(value, this.analysis.typeTaints(node, () => `'${calleeText(node)}'`));
      value = join(value, this.memberOfProjectClass(node, name));
    } else if (name !== undefined && REQUEST_ECHO_PROPERTIES.has(name) && object.taints.some(taint => taint.kind === 'output')) {
      // The input messages kept on a stream or result (`stream.messages`) are the prompt, not output.
      const typed = this.analysis.typeTaints(node, () => `'${calleeText(node)}'`);
      if (typed.taints.some(taint => taint.kind === 'prompt')) {
        value = join(filterTaints(value, taint => taint.kind !== 'output'), typed);
      }
    }
    return this.applySanitizerTypes(node, value);
  }

  /** Whether a value's type is declared by an LLM SDK (not by the user's own schema). */
  private isSdkObject(node: ts.Expression): boolean {
    let type: ts.Type;
    try {
      type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node));
    } catch {
      return false;
    }
    const symbol = type.aliasSymbol ?? type.getSymbol();
    return symbol !== undefined && originsOfSymbol(symbol, this.analysis.program).some(origin => LLM_SDK_PACKAGES.some(pattern => originMatches(origin, pattern)));
  }

  /** `service.lastAnswer` or a getter of a project class: what its members store or return. */
  private memberOfProjectClass(node: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string | undefined): TaintValue {
    if (name === undefined || !ts.isPropertyAccessExpression(node)) {
      return CLEAN;
    }
    const symbol = this.symbolOf(node.name);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || declaration.getSourceFile().isDeclarationFile) {
      return CLEAN;
    }
    if (ts.isGetAccessorDeclaration(declaration) && declaration.body) {
      return this.analysis.functionResult(declaration).summary.returns;
    }
    if ((ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) && ts.isClassLike(declaration.parent)) {
      return this.analysis.classField(declaration.parent, name);
    }
    return CLEAN;
  }

  private evaluateBinary(node: ts.BinaryExpression): TaintValue {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) {
      const value = this.evaluate(node.right);
      this.checkAssignmentSink(node.left, node.right, value);
      this.assignTo(node.left, value);
      return value;
    }
    if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) {
      const value = withoutFields(this.evaluate(node.right));
      this.assignTo(node.left, value, true);
      return join(this.evaluate(node.left), value);
    }
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    switch (operator) {
      case ts.SyntaxKind.PlusToken:
        // Text joined to anything is text; two clean numbers give a clean value. No type look-up:
        // asking the checker at every level of a long `a + (b + ...)` chain is quadratic.
        return join(withoutFields(left), withoutFields(right));
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return operator === ts.SyntaxKind.AmpersandAmpersandToken ? right : join(left, right);
      case ts.SyntaxKind.CommaToken:
        return right;
      default:
        // Comparisons, arithmetic, `in`, `instanceof`: no text comes out.
        return CLEAN;
    }
  }

  private evaluateObject(node: ts.ObjectLiteralExpression, callbackTaint?: TaintValue): TaintValue {
    const fields = new Map<string, TaintValue>();
    let unknownParts = CLEAN;
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const name = staticPropertyName(property.name, this.checker);
        const initializer = skipTransparent(property.initializer);
        let value: TaintValue;
        if (callbackTaint && name !== undefined && (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer))) {
          value = this.runCallback(initializer, OUTPUT_CALLBACK_OPTIONS.has(name) ? [callbackTaint] : []);
        } else if (callbackTaint && name !== undefined && OUTPUT_CALLBACK_OPTIONS.has(name) && (ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer))) {
          // `onFinish: handleFinish` with the handler declared elsewhere.
          value = this.applyCallbackReference(initializer, [callbackTaint]) ?? this.evaluate(property.initializer);
        } else {
          value = this.evaluate(property.initializer);
        }
        if (name === undefined) {
          unknownParts = join(unknownParts, withoutFields(value));
        } else {
          fields.set(name, value);
        }
      } else if (ts.isShorthandPropertyAssignment(property)) {
        fields.set(property.name.text, this.evaluate(property.name));
      } else if (ts.isSpreadAssignment(property)) {
        const spread = this.evaluate(property.expression);
        if (spread.fields) {
          for (const [name, value] of spread.fields) fields.set(name, value);
        } else {
          unknownParts = join(unknownParts, spread);
        }
      } else if (ts.isMethodDeclaration(property) && property.body) {
        const name = staticPropertyName(property.name, this.checker);
        if (callbackTaint && name !== undefined && OUTPUT_CALLBACK_OPTIONS.has(name)) {
          this.runCallback(property, [callbackTaint]);
        } else if (!this.analysis.isFunctionAnalysed(property)) {
          this.analysis.functionResult(property, this);
        }
      } else if (ts.isAccessor(property) && property.body && !this.analysis.isFunctionAnalysed(property)) {
        this.analysis.functionResult(property, this);
      }
    }
    return objectValue(fields, unknownParts);
  }

  private evaluateNew(node: ts.NewExpression): TaintValue {
    const argumentValues = (node.arguments ?? []).map(argument => this.evaluate(argument));
    const info = this.analysis.callees.resolve(node);
    let value = this.analysis.typeTaints(node, () => `'new ${info.text}()'`);
    if (this.propagatesArguments(info)) {
      for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
    }
    return this.keepIfText(node, value);
  }

  // ---------------------------------------------------------------- calls

  private evaluateCall(call: ts.CallExpression): TaintValue {
    const callee = skipTransparent(call.expression);
    const info = this.analysis.callees.resolve(call);
    const method = info.name;
    let receiver = CLEAN;
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      receiver = this.evaluate(callee.expression);
      if (ts.isElementAccessExpression(callee)) this.evaluate(callee.argumentExpression);
    } else if (!ts.isIdentifier(callee)) {
      this.evaluate(callee);
    }

    const declaredInSdk = info.declarations.some(declaration => LLM_SDK_PACKAGES.some(pattern => originMatches(declaration.origin, pattern)));
    const returns = this.analysis.callReturns(call, info, declaredInSdk);
    const returnsOutput = returns.output || this.isOutputChainCall(call, info);
    // A real model call (`create`, `streamText`, ...) rather than any SDK method returning an output type.
    const isModelCall = returnsOutput && this.isModelCall(call, info);
    const sourceTaint = returnsOutput
      ? taintValue({ kind: 'output', origin: call, label: `'${info.text}()'` })
      : returns.prompt
        ? taintValue({ kind: 'prompt', origin: call, label: `'${info.text}()'` })
        : CLEAN;

    // Arguments, with function literals analysed in the context of this call.
    let callbackResult = CLEAN;
    let analysedCallback = false;
    const elementParameters = method !== undefined && isTainted(receiver) && this.isLibraryMethod(info) ? ELEMENT_CALLBACKS.get(method) : undefined;
    const eventName = call.arguments[0] ? staticStringValue(call.arguments[0], this.checker) : undefined;
    const sdkEvent = isTainted(receiver) && declaredInSdk && !(eventName && NON_CONTENT_CALLBACK_PATTERN.test(eventName));
    const callbackSeeds = (parameterCount: number): TaintValue[] => {
      if (elementParameters) {
        return Array.from({ length: parameterCount }, (_, index) => (elementParameters.includes(index) ? withoutFields(receiver) : CLEAN));
      }
      // `stream.on('text', (delta, snapshot) => ...)`: SDK events carry the stream's output.
      return sdkEvent ? Array.from({ length: parameterCount }, () => withoutFields(receiver)) : [];
    };
    const argumentValues = call.arguments.map(argument => {
      const inner = skipTransparent(argument);
      if (ts.isFunctionExpression(inner) || ts.isArrowFunction(inner)) {
        const returned = this.runCallback(inner, callbackSeeds(inner.parameters.length));
        analysedCallback = true;
        callbackResult = join(callbackResult, returned);
        return CLEAN;
      }
      if ((elementParameters || sdkEvent) && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) {
        // `stream.on('text', printDelta)`, `answers.forEach(logLine)`: a handler declared elsewhere.
        const returned = this.applyCallbackReference(inner, callbackSeeds(8));
        if (returned) {
          analysedCallback = true;
          callbackResult = join(callbackResult, returned);
          return CLEAN;
        }
      }
      if (ts.isObjectLiteralExpression(inner) && (isModelCall || (isTainted(receiver) && declaredInSdk))) {
        // `streamText({ onFinish({ text }) {...} })`: the model call's output reaches these callbacks.
        return this.evaluateObject(inner, isModelCall ? sourceTaint : withoutFields(receiver));
      }
      return this.evaluate(argument);
    });

    this.checkSinks(call, info, argumentValues);

    // Weak encryption: the data entering it is a finding of its own, and what comes out still
    // carries the plaintext (a weak cipher is no sanitizer for the storage rule).
    const weakness = isTainted(argumentValues[0] ?? CLEAN) ? this.analysis.ciphers.weaknessOfEncryptCall(call, info) : undefined;
    if (weakness) {
      const plaintext = argumentValues[0]!;
      this.record(plaintext, call.arguments[0]!, { kind: 'crypto', category: 'weak-encryption', callee: `${info.text}()`, via: [], weakness });
      return annotate(withoutFields(plaintext), `its encryption by '${info.text}()' does not count: ${weakness.reason}`);
    }

    // User-configured sanitizers end the flow.
    if (this.analysis.calleeMatchesUser(info, this.analysis.customization.sanitizers)) {
      return CLEAN;
    }

    // Data that flows through the call comes first, so messages name where it really came from;
    // a source the call's type implies is added after.
    let value = CLEAN;
    if (this.analysis.calleeMatchesUser(info, this.analysis.customization.outputSources)) {
      value = join(value, taintValue({ kind: 'output', origin: call, label: `'${info.text}()'` }));
    }
    if (this.analysis.calleeMatchesUser(info, this.analysis.customization.promptSources)) {
      value = join(value, taintValue({ kind: 'prompt', origin: call, label: `'${info.text}()'` }));
    }

    if (analysedCallback && method !== undefined && CALLBACK_RESULT_METHODS.has(method) && (this.isLibraryMethod(info) || declaredInSdk)) {
      // `angles.map(async angle => (await create(...)).choices[0].message.content)`: the callback's results.
      value = join(value, callbackResult);
    }
    if (info.projectFunction) {
      value = join(value, this.applySummary(call, info, argumentValues));
    } else if (isTainted(receiver) || argumentValues.some(isTainted)) {
      if (method !== undefined && MUTATING_METHODS.has(method) && this.isLibraryMethod(info)) {
        const stored = argumentValues.reduce((accumulated, argumentValue) => join(accumulated, withoutFields(argumentValue)), CLEAN);
        if (isTainted(stored) && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
          this.taintContainer(callee.expression, stored);
        }
      }
      if (isTainted(receiver) && (this.isLibraryMethod(info) || declaredInSdk || this.matchesFamily(info, RECEIVER_PROPAGATORS_BY_NAME))) {
        // `messages.map(m => m.id)`: what the analysed callback returns, not the elements themselves.
        const resultFromCallback = method !== undefined && CALLBACK_RESULT_METHODS.has(method) && analysedCallback;
        if (!resultFromCallback) value = join(value, withoutFields(receiver));
      }
      if (this.propagatesArguments(info)) {
        for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
      }
    }
    value = isModelCall ? join(sourceTaint, value) : join(value, sourceTaint);
    return this.applySanitizerTypes(call, this.keepIfText(call, value));
  }

  private isLibraryMethod(info: CalleeInfo): boolean {
    return info.declarations.some(declaration => declaration.origin === 'lib');
  }

  private matchesFamily(info: CalleeInfo, index: Map<string, FunctionFamily[]>): boolean {
    return info.declarations.some(declaration =>
      (index.get(declaration.name) ?? []).some(family => family.from.some(pattern => originMatches(declaration.origin, pattern))),
    );
  }

  private propagatesArguments(info: CalleeInfo): boolean {
    return this.matchesFamily(info, ARGUMENT_PROPAGATORS_BY_NAME);
  }

  /** Values typed with a user's branded sanitizer type (`Redacted<T>`) carry no text. */
  private applySanitizerTypes(node: ts.Node, value: TaintValue): TaintValue {
    if (!isTainted(value) || this.analysis.customization.sanitizers.length === 0) {
      return value;
    }
    try {
      const type = this.checker.getTypeAtLocation(node);
      return this.analysis.matchesUserTypes(type, this.analysis.customization.sanitizers) ? CLEAN : value;
    } catch {
      return value;
    }
  }

  /** Analyses a function literal passed to a call, with its parameters bound to `seeds`. */
  private runCallback(fn: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration, seeds: readonly TaintValue[]): TaintValue {
    this.analysis.inlineFunctions.add(fn);
    const walker = new Walker(this.analysis, this, fn);
    walker.runFunction(
      fn,
      fn.parameters.map((parameter, index) => walker.keepIfText(parameter.name, seeds[index] ?? CLEAN)),
      false,
    );
    this.findings.push(...walker.findings);
    return walker.returned();
  }

  /**
   * A function passed by reference as a callback (`stream.on('text', printDelta)`): its summary says
   * which of the values it will receive reach a sink (reported at the reference) or its result.
   * `undefined` when the reference is not a function of the program.
   */
  private applyCallbackReference(reference: ts.Expression, seeds: readonly TaintValue[]): TaintValue | undefined {
    const declaration = this.functionDeclarationOf(reference);
    if (!declaration) {
      return undefined;
    }
    const summary = this.analysis.functionResult(declaration).summary;
    const seedOf = (index: number): TaintValue => {
      const parameter = declaration.parameters[index];
      return parameter ? this.keepIfText(parameter.name, seeds[index] ?? CLEAN) : CLEAN;
    };
    const name = calleeText(reference);
    for (const [index, hits] of summary.parameterSinks) {
      const seed = seedOf(index);
      if (!isTainted(seed)) continue;
      for (const hit of hits) {
        this.record(seed, reference, { ...hit, via: [`${name}()`, ...hit.via] });
      }
    }
    let value = summary.returns;
    for (const index of summary.parametersToReturn) {
      value = join(value, seedOf(index));
    }
    return value;
  }

  /** The function of the program a reference names: a declaration, a method, or a `const` holding an arrow. */
  private functionDeclarationOf(reference: ts.Expression): FunctionLikeWithBody | undefined {
    const node = ts.isPropertyAccessExpression(reference) ? reference.name : reference;
    const symbol = this.symbolOf(node);
    return symbol ? functionWithBodyOf(symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol) : undefined;
  }

  private applySummary(call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): TaintValue {
    const declaration = info.projectFunction!;
    const summary = this.analysis.functionResult(declaration).summary;
    const restIndex = declaration.parameters.findIndex(parameter => parameter.dotDotDotToken !== undefined);
    const argumentsOf = (index: number): { value: TaintValue; node: ts.Node }[] => {
      if (restIndex !== -1 && index === restIndex) {
        return argumentValues.slice(index).map((value, offset) => ({ value, node: call.arguments[index + offset]! }));
      }
      const node = call.arguments[index];
      return node ? [{ value: argumentValues[index] ?? CLEAN, node }] : [];
    };
    let value = summary.returns;
    for (const index of summary.parametersToReturn) {
      // A helper that "encrypts" weakly returns data that still counts as plaintext, and says why.
      const weak = summary.parameterSinks.get(index)?.find(hit => hit.weakness !== undefined);
      for (const argument of argumentsOf(index)) {
        const passed = withoutFields(argument.value);
        value = join(value, weak?.weakness ? annotate(passed, `its encryption by '${info.text}()' does not count: ${weak.weakness.reason}`) : passed);
      }
    }
    for (const [index, hits] of summary.parameterSinks) {
      for (const argument of argumentsOf(index)) {
        if (!isTainted(argument.value)) continue;
        for (const hit of hits) {
          this.record(argument.value, argument.node, { ...hit, via: [`${info.text}()`, ...hit.via] });
        }
      }
    }
    return value;
  }

  // ---------------------------------------------------------------- sinks

  private checkSinks(call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): void {
    if (!argumentValues.some(isTainted)) {
      return;
    }
    const callee = `${info.text}()`;
    const matched = new Set<CallSink>();
    for (const declaration of info.declarations) {
      for (const sink of SINKS_BY_NAME.get(declaration.name) ?? []) {
        if (matched.has(sink)) continue;
        if (sink.receiverTypes) {
          if (!this.receiverTypeMatches(call, sink)) continue;
        } else if (!sink.from.some(pattern => originMatches(declaration.origin, pattern))) {
          continue;
        }
        if (sink.receivers && (declaration.container === undefined || !sink.receivers.includes(declaration.container))) continue;
        matched.add(sink);
        this.recordSinkArguments(call, argumentValues, sink, { kind: sink.kind, category: sink.category, callee, via: [] });
      }
    }
    if (matched.size > 0) {
      return;
    }
    const path = calleePath(call.expression);
    if (path) {
      for (const sink of PATH_SINKS) {
        if (sink.path === path && this.isGlobalRoot(call.expression)) {
          this.recordSinkArguments(call, argumentValues, sink, { kind: sink.kind, category: sink.category, callee, via: [] });
          return;
        }
      }
    }
    if (this.analysis.calleeMatchesUser(info, this.analysis.customization.logSinks)) {
      this.recordSinkArguments(call, argumentValues, {}, { kind: 'log', category: 'logger', callee, via: [] });
    }
    if (this.analysis.calleeMatchesUser(info, this.analysis.customization.storageSinks)) {
      this.recordSinkArguments(call, argumentValues, {}, { kind: 'storage', category: 'database', callee, via: [] });
    }
  }

  private recordSinkArguments(
    call: ts.CallExpression,
    argumentValues: readonly TaintValue[],
    sink: { readonly arguments?: readonly number[]; readonly argumentsFrom?: number; readonly properties?: readonly string[] },
    hit: SinkHit,
  ): void {
    call.arguments.forEach((argument, index) => {
      if (sink.arguments && !sink.arguments.includes(index)) return;
      if (sink.argumentsFrom !== undefined && index < sink.argumentsFrom) return;
      const value = argumentValues[index] ?? CLEAN;
      if (!isTainted(value)) return;
      const object = skipTransparent(argument);
      if (sink.properties && ts.isObjectLiteralExpression(object)) {
        for (const property of object.properties) {
          const name = property.name ? staticPropertyName(property.name, this.checker) : undefined;
          if (name === undefined || !sink.properties.includes(name)) continue;
          const propertyValue = fieldValue(value, name);
          if (isTainted(propertyValue)) this.record(propertyValue, property, hit);
        }
        return;
      }
      this.record(value, argument, hit);
    });
  }

  /** `fs.createWriteStream(path).write(data)`: the receiver's type decides. */
  private receiverTypeMatches(call: ts.CallExpression, sink: CallSink): boolean {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) {
      return false;
    }
    return this.typeIsOneOf(callee.expression, sink.receiverTypes ?? [], sink.from);
  }

  private typeIsOneOf(node: ts.Node, names: readonly string[], from: readonly string[]): boolean {
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return false;
    }
    const candidates = type.isUnion() ? type.types : [type];
    return candidates.some(candidate => {
      const symbol = candidate.getSymbol() ?? candidate.aliasSymbol;
      if (!symbol || !names.includes(symbol.getName())) return false;
      return originsOfSymbol(symbol, this.analysis.program).some(origin => from.some(pattern => originMatches(origin, pattern)));
    });
  }

  /** `localStorage.history = json`, `document.cookie = ...`. */
  private checkAssignmentSink(target: ts.Expression, valueNode: ts.Expression, value: TaintValue): void {
    if (!isTainted(value)) {
      return;
    }
    const left = skipTransparent(target);
    if (!ts.isPropertyAccessExpression(left) && !ts.isElementAccessExpression(left)) {
      return;
    }
    const property = ts.isPropertyAccessExpression(left) ? left.name.text : staticPropertyName(left.argumentExpression, this.checker);
    for (const sink of ASSIGNMENT_SINKS) {
      if (sink.properties && (property === undefined || !sink.properties.includes(property))) continue;
      if (!this.typeIsOneOf(left.expression, sink.objectTypes, sink.from)) continue;
      this.record(value, valueNode, { kind: sink.kind, category: sink.category, callee: `${calleeText(left)} =`, via: [] });
      return;
    }
  }

  private isGlobalRoot(expression: ts.Expression): boolean {
    let root = skipTransparent(expression);
    while (ts.isPropertyAccessExpression(root)) root = skipTransparent(root.expression);
    const symbol = ts.isIdentifier(root) ? this.symbolOf(root) : undefined;
    return symbol?.getDeclarations()?.some(declaration => declaration.getSourceFile().isDeclarationFile) ?? false;
  }
}

/** `process.stderr.write` for a callee written as a plain property chain. */
function calleePath(expression: ts.Expression): string | undefined {
  const parts: string[] = [];
  let current = skipTransparent(expression);
  while (ts.isPropertyAccessExpression(current)) {
    parts.unshift(current.name.text);
    current = skipTransparent(current.expression);
  }
  if (!ts.isIdentifier(current)) {
    return undefined;
  }
  parts.unshift(current.text);
  return parts.join('.');
}

export { functionHasBody, lineOf };
