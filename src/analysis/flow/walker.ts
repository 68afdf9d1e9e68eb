import ts from 'typescript';

import { symbolAt } from '../callees.js';
import { isLiteralConstant, skipTransparent } from '../constants.js';
import { keepIfText } from '../sanitizers/text-carriers.js';
import { ConversationMarks } from '../sources/conversation-positions.js';
import { bindName, assignTo } from './bindings.js';
import { runClass } from './classes.js';
import { type EnvKey, Environment } from './environment.js';
import { evaluateExpression } from './expressions.js';
import { isPackageCallee } from './library-steps.js';
import { type Finding, type SinkHit, dedupe } from './finding.js';
import type { FlowAnalysis } from './flow-analysis.js';
import type { CallbackCall, FunctionLikeWithBody, FunctionResult, ParameterSinkHit } from './summaries.js';
import { CLEAN, type FieldPath, type Taint, type TaintKind, type TaintValue, filterTaints, isTainted, join, taintValue, withoutFields } from './taint.js';

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
  }

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
    // Function expressions inside another function were covered by its prompt pass.
    const coveredByParent = this.parent !== undefined && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn));
    if (!coveredByParent) {
      this.marks.collect(body ?? fn, fn.parameters);
    }
    fn.parameters.forEach((parameter, index) => {
      let value = argumentValues[index] ?? CLEAN;
      if (seedParameters) {
        value = join(value, taintValue({ kind: 'parameter', origin: parameter, label: `parameter ${index}`, parameterIndex: index }));
      }
      value = join(value, this.analysis.typeSources.typeTaints(parameter.name, () => parameterLabel(parameter)));
      bindName(this, parameter.name, value);
    });
    if (!body) {
      return;
    }
    if (ts.isBlock(body)) {
      this.runStatements(body.statements);
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
    const concreteReturn = filterTaints(this.returnValue, taint => {
      if (taint.kind === 'parameter') {
        const index = taint.parameterIndex ?? -1;
        parametersToReturn.add(index);
        returnedFields.set(index, [...(returnedFields.get(index) ?? []), taint.path ?? []]);
        return false;
      }
      return true;
    });
    const findings = this.findings.filter(finding => finding.taint.kind !== 'parameter');
    return {
      summary: {
        returns: concreteReturn,
        parametersToReturn,
        returnedFields,
        parameterSinks: this.parameterSinks,
        parametersToPrompt: this.marks.parametersToPrompt,
        callbackCalls: this.callbackCalls,
      },
      findings: dedupe(findings),
    };
  }

  // ---------------------------------------------------------------- findings

  /** Sensitive data reaches a sink: a finding, or (for "whatever the caller passes") part of the summary. */
  record(taints: TaintValue, node: ts.Node, sink: SinkHit): void {
    const reportedKinds = new Set<TaintKind>();
    for (const taint of taints.taints) {
      if (taint.kind === 'parameter') {
        // Data the parameter's own type makes sensitive is reported here; callers need not repeat it.
        const declared = (taint.origin as ts.ParameterDeclaration).name;
        const reportedInside = taints.taints.filter(other => other.kind !== 'parameter' && other.origin === declared).map(other => other.kind);
        this.ownerOf(taint)?.addParameterSink(taint.parameterIndex ?? -1, { ...sink, path: taint.path ?? [], reportedInside });
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

  /** The walker tracking a promise's `resolve` (this one or an enclosing one), if `symbol` is one. */
  resolverOwner(symbol: ts.Symbol): Walker | undefined {
    return this.resolvers.has(symbol) ? this : this.parent?.resolverOwner(symbol);
  }

  /** `resolve(value)` inside a promise executor (or a callback within it): the promise now holds `value`. */
  resolveWith(symbol: ts.Symbol, value: TaintValue): void {
    this.resolvers.set(symbol, join(this.resolvers.get(symbol) ?? CLEAN, withoutFields(value)));
  }

  /** The walker of the function that declares a parameter taint's parameter (this one or an enclosing one). */
  private ownerOf(taint: Taint): Walker | undefined {
    return this.owner === taint.origin.parent ? this : this.parent?.ownerOf(taint);
  }

  private addParameterSink(index: number, sink: ParameterSinkHit): void {
    const list = this.parameterSinks.get(index) ?? [];
    if (!list.some(hit => hit.category === sink.category && hit.callee === sink.callee && hit.path.join('.') === sink.path.join('.'))) {
      list.push(sink);
    }
    this.parameterSinks.set(index, list);
  }

  // ---------------------------------------------------------------- values

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
    let value = this.evaluate(declaration.initializer);
    if (declaration.type && !isLiteralConstant(declaration, this.checker)) {
      // `const m: ChatMessage[] = await req.json()`, `const label: 'bug' | 'feature' = ...`: the
      // declared type decides what the value is, and whether it can hold text.
      value = join(this.keepIfText(declaration.name, value), this.typeOf(declaration.name));
    } else if (!isTainted(value) && this.isPackageCallResult(declaration.initializer)) {
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
          const value = join(element, this.analysis.typeSources.typeTaints(declaration.name, () => `'${declaration.name.getText()}'`));
          bindName(this, declaration.name, this.keepIfText(declaration.name, value));
        }
      } else {
        assignTo(this, initializer, element);
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
}
