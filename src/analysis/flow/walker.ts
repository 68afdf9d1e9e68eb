import ts from '../typescript.cjs';

import { symbolAt } from '../callees.js';
import { isLiteralConstant, onlyReads, skipTransparent } from '../constants.js';
import { keepIfText } from '../sanitizers/text-carriers.js';
import { ConversationMarks, collectsOwnPrompts } from '../sources/conversation-positions.js';
import { toolInputOf, toolInputValue } from '../sources/tool-inputs.js';
import { bindName } from './bindings.js';
import { runClass } from './classes.js';
import { type EnvKey, Environment } from './environment.js';
import { evaluateExpression } from './expressions.js';
import { runForOf, runIf, runLoop, runSwitch, runTry } from './control-flow.js';
import { type StateSetter, registerStateHook } from './react-state.js';
import { isPackageCallee } from './library-steps.js';
import { type Finding, type SinkHit, dedupeFlows } from './finding.js';
import type { FlowAnalysis } from './flow-analysis.js';
import type { CallbackCall, FunctionLikeWithBody, FunctionResult, ParameterSinkHit } from './summaries.js';
import { CLEAN, type FieldPath, type Taint, type TaintKind, type TaintValue, filterTaints, filterTaintsDeep, isTainted, join, taintValue, withoutFields } from './taint.js';

/** Expressions nested deeper than this are not analysed further (stack safety). */
const MAX_EXPRESSION_DEPTH = 400;

/** `parameter 'messages'`, or for a destructured one `parameter '{ session, messages }'`. */
function parameterLabel(parameter: ts.ParameterDeclaration): string {
  const name = parameter.name;
  if (ts.isIdentifier(name)) {
    return `parameter '${name.text}'`;
  }
  const names = name.elements.flatMap(element => (ts.isBindingElement(element) && ts.isIdentifier(element.name) ? [element.name.text] : []));
  const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  return ts.isObjectBindingPattern(name) ? `parameter '{ ${shown} }'` : `parameter '[${shown}]'`;
}

/**
 * The driver of the flow analysis: walks one function body (or a file's top level) in source
 * order, keeping the abstract value of every variable in an {@link Environment}, forking it at
 * branches and joining it after. Expressions are evaluated by the local and call steps
 * (`expressions.ts`, `calls.ts`); what reaches a sink is recorded here.
 */
export class Walker {
  readonly findings: Finding[] = [];
  /** The variables' values at the current point of the walk; statements fork and merge it. */
  env = new Environment();
  /** Conversation positions of this function: variables placed in a prompt or in a message. */
  readonly marks: ConversationMarks;
  readonly classNode: ts.ClassLikeDeclaration | undefined;
  private returnValue: TaintValue = CLEAN;
  private readonly parameterSinks = new Map<number, ParameterSinkHit[]>();
  private readonly callbackCalls = new Map<number, CallbackCall[]>();
  /** React state setters declared here (`const [messages, setMessages] = useState()`). */
  readonly stateSetters = new Map<ts.Symbol, StateSetter>();
  /** What the state variables declared here hold across renders. */
  private readonly stateValues = new Map<ts.Symbol, TaintValue>();
  /** A setter gave a state new data: the body is walked again so reads before the setter see it. */
  private stateChanged = false;
  /** `resolve` of a `new Promise(resolve => ...)` walked here: what it is called with becomes the promise's value. */
  readonly resolvers = new Map<ts.Symbol, TaintValue>();
  private depth = 0;

  constructor(
    readonly analysis: FlowAnalysis,
    readonly parent: Walker | undefined,
    readonly owner: ts.Node,
  ) {
    this.classNode = ts.isClassLike(owner.parent) ? owner.parent : undefined;
    this.marks = new ConversationMarks(analysis, parent?.marks);
    this.routeOnly = parent?.routeOnly ?? analysis.isRouteOnly(owner.getSourceFile());
  }

  /**
   * The code walked is a route file that holds no LLM data of its own (`app-routes.ts`): data enters
   * only through its handlers' requests, so nothing is typed as a source and a call handed none of
   * that data needs no callee.
   */
  readonly routeOnly: boolean;

  get checker(): ts.TypeChecker {
    return this.analysis.checker;
  }

  /** A walker for a function literal analysed in the context of this one (a callback). */
  child(fn: ts.Node): Walker {
    return new Walker(this.analysis, this, fn);
  }

  // ---------------------------------------------------------------- entry points

  runBody(sourceFile: ts.SourceFile): void {
    this.marks.collect(sourceFile, []);
    this.runStatements(sourceFile.statements);
  }

  /** Analyses a function with the given values for its parameters (plus what their types imply). */
  runFunction(fn: FunctionLikeWithBody, argumentValues: readonly TaintValue[], seedParameters = true): void {
    this.analysis.onFunctionAnalysed?.(fn);
    const body = fn.body;
    // Function expressions inside another function were covered by its prompt pass (not those a module or class declares).
    const coveredByParent = this.parent !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !collectsOwnPrompts(fn);
    // A route file reached only by requests has no prompt of its own.
    if (!coveredByParent && !this.routeOnly) {
      this.marks.collect(body ?? fn, fn.parameters);
    }
    // A tool's function: the SDK calls it with the input the model generated.
    const toolInput = toolInputOf(this.analysis, fn);
    fn.parameters.forEach((parameter, index) => {
      let value = argumentValues[index] ?? CLEAN;
      if (seedParameters) {
        value = join(value, taintValue({ kind: 'parameter', origin: parameter, label: `parameter ${index}`, parameterIndex: index }));
      }
      if (index === 0 && toolInput) {
        value = toolInputValue(value, toolInput);
      }
      let typed = this.analysis.typeSources.typeTaints(parameter.name, () => parameterLabel(parameter));
      if (value.taints.some(taint => taint.kind === 'output')) {
        // What a model's stream hands a callback (`.on('message', msg => ...)`) is the model's, however the SDK types the message union.
        typed = filterTaints(typed, taint => taint.kind !== 'prompt');
      }
      bindName(this, parameter.name, join(value, typed));
    });
    if (!body) {
      return;
    }
    if (ts.isBlock(body)) {
      this.runStatements(body.statements);
      if (this.stateChanged) {
        // A component that sets its state renders again: reads before the setter see the new state.
        this.stateChanged = false;
        this.runStatements(body.statements);
      }
    } else {
      this.addReturn(this.evaluate(body as ts.Expression));
    }
  }

  returned(): TaintValue {
    return this.returnValue;
  }

  /** A value the function returns (or yields). */
  addReturn(value: TaintValue): void {
    this.returnValue = join(this.returnValue, value);
  }

  result(): FunctionResult {
    const parametersToReturn = new Set<number>();
    const returnedFields = new Map<number, FieldPath[]>();
    for (const taint of this.returnValue.taints) {
      if (taint.kind === 'parameter') {
        const index = taint.parameterIndex ?? -1;
        parametersToReturn.add(index);
        returnedFields.set(index, [...(returnedFields.get(index) ?? []), taint.path ?? []]);
      }
    }
    // The returned object keeps its known fields (`response.run` of `return { run, steps }` stays apart).
    const concreteReturn = filterTaintsDeep(this.returnValue, taint => taint.kind !== 'parameter');
    const findings = this.findings.filter(finding => finding.taint.kind !== 'parameter');
    return {
      summary: {
        returns: concreteReturn,
        returnShape: this.returnValue,
        parametersToReturn,
        returnedFields,
        parameterSinks: this.parameterSinks,
        parametersToPrompt: this.marks.parametersToPrompt,
        parameterFieldsToPrompt: this.marks.parameterFieldsToPrompt,
        callbackCalls: this.callbackCalls,
      },
      findings: dedupeFlows(findings),
    };
  }

  // ---------------------------------------------------------------- findings

  /** Sensitive data reaches a sink: a finding, or (for "whatever the caller passes") part of the summary. */
  record(written: TaintValue, node: ts.Node, reached: SinkHit): void {
    // A sink in the walked code is where the data is written; through a helper, where the helper wrote it.
    const sink = reached.at ? reached : { ...reached, at: node };
    const taints = sink.toolCall ? asToolCall(written) : written;
    // Kinds the sink is known not to receive here, or that a helper further down already reports at
    // it, count as handled, for callers too.
    const handledBelow = [...(sink.notReceived ?? []), ...(sink.reportedBelow ?? [])];
    const reportedKinds = new Set<TaintKind>(handledBelow);
    // One finding per kind: a tool's input only when nothing else of its kind is there (storage skips it).
    const ordered = taints.taints.some(taint => taint.toolInput) ? [...taints.taints].sort((a, b) => Number(a.toolInput ?? false) - Number(b.toolInput ?? false)) : taints.taints;
    for (const taint of ordered) {
      if (taint.kind === 'parameter') {
        // Data the parameter's own type (or its fields' types) makes sensitive, or a source inside
        // the function itself (a chat endpoint's request body), is reported here; callers need not repeat it.
        const declared = (taint.origin as ts.ParameterDeclaration).name;
        const owner = taint.origin.parent;
        const reportedInside = taints.taints
          .filter(other => other.kind !== 'parameter' && (this.isTypedFrom(other.origin, declared) || isWithin(other.origin, owner)))
          .map(other => other.kind)
          .concat(handledBelow);
        this.ownerOf(taint)?.addParameterSink(taint.parameterIndex ?? -1, { ...sink, path: taint.path ?? [], reportedInside, passedAt: [node] });
        continue;
      }
      if (reportedKinds.has(taint.kind)) {
        continue;
      }
      reportedKinds.add(taint.kind);
      this.findings.push({ taint, sink, node });
    }
  }

  /**
   * A call of a value that stands for a parameter (`onMessage(data)`, `options.onUpdate?.(text)`):
   * part of the owning function's summary, so its callers can hand the data to the callback they pass.
   */
  recordCallbackCall(callee: TaintValue, argumentValues: readonly TaintValue[]): void {
    if (!argumentValues.some(value => value.taints.length > 0)) {
      return;
    }
    for (const taint of callee.taints) {
      const owner = taint.kind === 'parameter' ? this.ownerOf(taint) : undefined;
      if (!owner) continue;
      // Only data the callers can name: known sources, and the owner's own parameters.
      const passed = argumentValues.map(value => withoutFields(filterTaints(value, other => other.kind !== 'parameter' || this.ownerOf(other) === owner)));
      owner.addCallbackCall(taint.parameterIndex ?? -1, taint.path ?? [], passed);
    }
  }

  private addCallbackCall(index: number, path: FieldPath, passed: readonly TaintValue[]): void {
    const calls = this.callbackCalls.get(index) ?? [];
    const same = calls.findIndex(call => call.path.join('.') === path.join('.'));
    if (same === -1) {
      calls.push({ path, arguments: passed });
    } else {
      const previous = calls[same]!.arguments;
      const length = Math.max(previous.length, passed.length);
      calls[same] = { path, arguments: Array.from({ length }, (_, position) => join(previous[position] ?? CLEAN, passed[position] ?? CLEAN)) };
    }
    this.callbackCalls.set(index, calls);
  }

  /** The walker that declares a state setter (this one or an enclosing one). */
  stateSetterOwner(setter: ts.Symbol): Walker | undefined {
    return this.stateSetters.has(setter) ? this : this.parent?.stateSetterOwner(setter);
  }

  /** What a state variable declared here holds now. */
  stateValue(state: ts.Symbol): TaintValue {
    return join(this.env.get(state) ?? CLEAN, this.stateValues.get(state) ?? CLEAN);
  }

  updateState(state: ts.Symbol, value: TaintValue): void {
    const before = this.stateValues.get(state) ?? CLEAN;
    const after = join(before, withoutFields(value));
    if (after.taints.length > before.taints.length) {
      this.stateValues.set(state, after);
      this.env.set(state, join(this.env.get(state) ?? CLEAN, after));
      this.stateChanged = true;
    }
  }

  /** The walker tracking a promise's `resolve` (this one or an enclosing one), if `symbol` is one. */
  resolverOwner(symbol: ts.Symbol): Walker | undefined {
    return this.resolvers.has(symbol) ? this : this.parent?.resolverOwner(symbol);
  }

  /** `resolve(value)` inside a promise executor (or a callback within it): the promise now holds `value`. */
  resolveWith(symbol: ts.Symbol, value: TaintValue): void {
    this.resolvers.set(symbol, join(this.resolvers.get(symbol) ?? CLEAN, withoutFields(value)));
  }

  /** Whether a source node is a parameter's name or a field read from it (`session.messages`). */
  private isTypedFrom(origin: ts.Node, parameterName: ts.BindingName): boolean {
    if (origin === parameterName) {
      return true;
    }
    let root: ts.Node = origin;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    return ts.isIdentifier(root) && ts.isIdentifier(parameterName) && root !== origin && this.symbolOf(root) === this.symbolOf(parameterName);
  }

  /** The walker of the function that declares a parameter taint's parameter (this one or an enclosing one). */
  private ownerOf(taint: Taint): Walker | undefined {
    return this.owner === taint.origin.parent ? this : this.parent?.ownerOf(taint);
  }

  private addParameterSink(index: number, sink: ParameterSinkHit): void {
    const list = this.parameterSinks.get(index) ?? [];
    const same = list.findIndex(hit => hit.at === sink.at && hit.category === sink.category && hit.callee === sink.callee && hit.path.join('.') === sink.path.join('.'));
    if (same === -1) {
      list.push(sink);
    } else if (!list[same]!.passedAt.includes(sink.passedAt[0]!)) {
      list[same] = { ...list[same]!, passedAt: [...list[same]!.passedAt, ...sink.passedAt] };
    }
    this.parameterSinks.set(index, list);
  }

  // ---------------------------------------------------------------- values

  /**
   * A test whose value only decides a branch (`if (chat?.messages)`): walked for what it does, not
   * for what it holds. A test that only reads does nothing, so no type is asked for.
   */
  evaluateTest(node: ts.Expression): void {
    if (!onlyReads(node)) this.evaluate(node);
  }

  evaluate(node: ts.Expression): TaintValue {
    if (this.depth > MAX_EXPRESSION_DEPTH) {
      return CLEAN;
    }
    this.depth++;
    try {
      return evaluateExpression(this, node);
    } finally {
      this.depth--;
    }
  }

  /** A variable's value here, or in the enclosing function a callback closes over. */
  lookup(key: EnvKey): TaintValue | undefined {
    const own = this.env.get(key);
    if (own !== undefined) {
      return own;
    }
    return this.parent?.lookup(key);
  }

  /** The walker (this one or an enclosing one) whose environment holds a variable. */
  walkerHolding(key: EnvKey): Walker | undefined {
    return this.env.get(key) !== undefined ? this : this.parent?.walkerHolding(key);
  }

  symbolOf(node: ts.Node): ts.Symbol | undefined {
    return symbolAt(this.checker, node);
  }

  /** A variable placed in a prompt is prompt data wherever it is read. */
  withPromptMark(symbol: ts.Symbol, value: TaintValue): TaintValue {
    return this.marks.withMark(symbol, value);
  }

  /** Drops taints from a value whose type cannot hold text (`text.length`, `usage.total_tokens`). */
  keepIfText(node: ts.Node, value: TaintValue): TaintValue {
    return keepIfText(this.analysis.text, node, value);
  }

  // ---------------------------------------------------------------- statements

  /** @internal Used by the control-flow steps. */
  runStatements(statements: readonly ts.Statement[]): boolean {
    let completes = true;
    for (const statement of statements) {
      if (!this.runStatement(statement)) {
        completes = false;
      }
    }
    return completes;
  }

  /** @internal Runs a statement; returns false when it always leaves the block (return, throw, break, ...). */
  runStatement(statement: ts.Statement): boolean {
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
          this.addReturn(this.evaluate(expression));
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
        return runIf(this, statement as ts.IfStatement);
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        runForOf(this, statement as ts.ForOfStatement | ts.ForInStatement);
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
        runLoop(this, () => {
          if (loop.condition) this.evaluateTest(loop.condition);
          this.runStatement(loop.statement);
          if (loop.incrementor) this.evaluate(loop.incrementor);
        });
        return true;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement: {
        const loop = statement as ts.WhileStatement | ts.DoStatement;
        runLoop(this, () => {
          this.evaluateTest(loop.expression);
          this.runStatement(loop.statement);
        });
        return true;
      }
      case ts.SyntaxKind.TryStatement:
        return runTry(this, statement as ts.TryStatement);
      case ts.SyntaxKind.SwitchStatement:
        return runSwitch(this, statement as ts.SwitchStatement);
      case ts.SyntaxKind.LabeledStatement:
        return this.runStatement((statement as ts.LabeledStatement).statement);
      case ts.SyntaxKind.FunctionDeclaration: {
        const fn = statement as ts.FunctionDeclaration;
        if (fn.body) this.analysis.analyseDeclared(fn, this);
        return true;
      }
      case ts.SyntaxKind.ClassDeclaration:
        runClass(this, statement as ts.ClassDeclaration);
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
      // `let x;` and `declare const history: MessageParam[]`: what the type says. Bound here so a
      // callback that assigns the variable later writes into this function's environment.
      if (ts.isIdentifier(declaration.name)) bindName(this, declaration.name, this.typeOf(declaration.name));
      return;
    }
    if (registerStateHook(this, declaration)) {
      // `const [messages, setMessages] = useState<Message[]>([])`: what the state's type says, and
      // what the setters gave it in an earlier render.
      const [state] = (declaration.name as ts.ArrayBindingPattern).elements;
      if (state && ts.isBindingElement(state) && ts.isIdentifier(state.name)) {
        this.evaluate(declaration.initializer);
        const symbol = this.symbolOf(state.name);
        bindName(this, state.name, join(this.typeOf(state.name), symbol ? (this.stateValues.get(symbol) ?? CLEAN) : CLEAN));
      }
      return;
    }
    let value = this.evaluate(declaration.initializer);
    if (declaration.type && !isLiteralConstant(declaration, this.checker)) {
      // `const m: ChatMessage[] = await req.json()`, `const label: 'bug' | 'feature' = ...`: the
      // declared type decides what the value is, and whether it can hold text.
      value = join(this.keepIfText(declaration.name, value), this.typeOf(declaration.name));
    } else if (!isTainted(value) && !this.routeOnly && this.isPackageCallResult(declaration.initializer)) {
      // `const chat = await db.query.chats.findFirst(...)`: a library's result typed as a conversation.
      value = this.typeOf(declaration.name);
    }
    bindName(this, declaration.name, value);
  }

  private typeOf(name: ts.BindingName): TaintValue {
    return ts.isIdentifier(name) ? this.analysis.typeSources.typeTaints(name, () => `'${name.text}'`) : CLEAN;
  }

  private isPackageCallResult(initializer: ts.Expression): boolean {
    let expression = skipTransparent(initializer);
    if (ts.isAwaitExpression(expression)) expression = skipTransparent(expression.expression);
    return ts.isCallExpression(expression) && isPackageCallee(this.analysis.callees.resolve(expression));
  }
}

/** Does a node lie inside another (same file)? */
function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

/** Conversation data written as a tool call the model made is what the model generated. */
function asToolCall(value: TaintValue): TaintValue {
  if (!value.taints.some(taint => taint.kind === 'prompt')) {
    return value;
  }
  return { taints: value.taints.map(taint => (taint.kind === 'prompt' ? { ...taint, kind: 'output', label: `the tool call in ${taint.label}` } : taint)) };
}
