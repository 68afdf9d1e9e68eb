import ts from '../typescript.cjs';

import { REQUEST_CONFIG_PROPERTIES, TEMPLATE_TEXT_VARIABLE } from '../../knowledge/llm-sdks.js';
import { UNTYPED_TEXT_METHODS } from '../../knowledge/propagation.js';
import { type CalleeInfo, calleeText, symbolAt } from '../callees.js';
import { allowlistedVariables } from '../sanitizers/allowlists.js';
import { isMetadataField } from '../sanitizers/metadata-fields.js';
import { enclosingFunction, isLiteralConstant, outermostTransparent, skipTransparent, staticPropertyName } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { isLibraryMethod, propagatesArguments, propagatesReceiver } from '../flow/library-steps.js';
import { type FunctionSummary, isFunctionLike } from '../flow/summaries.js';
import { CALL_RESULT, type Taint, type TaintValue, join, taintValue, valueAtPath } from '../flow/taint.js';
import { type FieldPosition, type Position, collectMessageContent, collectPromptArguments, connectionBodies, isNotUserTurn, propertyNameOf } from './prompt-positions.js';

/**
 * A function literal a module declares as a variable (`export const ask = async (q) => {...}`): like
 * a function declaration, its own unit for marks, found when it is walked, not by the module's pass
 * (which would ask the checker about every call in every such function of the file on each edit).
 */
export function isModuleFunction(node: ts.Node): boolean {
  const holder = literalHolder(node);
  return holder !== undefined && isModuleVariable(holder);
}

/**
 * A function whose prompt positions no pass around it collects, so that it collects them itself when
 * walked: a function literal a module declares as a constant, or one a class declares as a field
 * (`handleSend = async () => {...}`: the pass of the code around a class stops at the class).
 */
export function collectsOwnPrompts(node: ts.Node): boolean {
  const holder = literalHolder(node);
  return holder !== undefined && (isModuleVariable(holder) || (ts.isPropertyDeclaration(holder) && ts.isClassLike(holder.parent)));
}

/** A variable (`const`, or `let` / `var`) declared by a statement of the module itself, not inside a block or a function. */
function isModuleVariable(holder: ts.Node): boolean {
  return ts.isVariableDeclaration(holder) && ts.isVariableStatement(holder.parent.parent) && ts.isSourceFile(holder.parent.parent.parent);
}

/** What an arrow or function expression is the value of, through parentheses and type assertions. */
function literalHolder(node: ts.Node): ts.Node | undefined {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? outermostTransparent(node).parent : undefined;
}

/**
 * Source evidence by position: the variables of one function that are placed in the prompt of a
 * model call (`messages`, `prompt`, `system`, ... or a LangChain `invoke(input)`, or a parameter of
 * a project helper that puts it there) or in a message written as an object literal
 * (`{ role: 'user', content: text }` makes `text` prompt data, `{ role: 'assistant', content: reply }`
 * makes `reply` model output, typed or not), and those they are built from. Flow-insensitive on
 * purpose: a question is prompt data before and after it is sent.
 */
export class ConversationMarks {
  private readonly variables = new Map<ts.Symbol, Taint>();
  /** What is written into variables and fields after their declaration. */
  private readonly writes: LaterWrites;
  /**
   * Fields of variables placed in a prompt as they are (`content: req.body`), by variable and field
   * path (`body`): the same field read elsewhere in the function is that data too.
   */
  private readonly fields = new Map<ts.Symbol, Map<string, Taint>>();
  /** Parameters of the function whose data is placed in a model call's prompt. */
  readonly parametersToPrompt = new Set<number>();
  /** Fields of parameters placed in a prompt (`prompt: params.prompt`), by parameter. */
  readonly parameterFieldsToPrompt = new Map<number, string[]>();
  /** Variables checked against a list of fixed words before use (see `allowlistedVariables`). */
  private readonly allowlisted = new Set<ts.Symbol>();
  /** Fields of destructured parameters placed in a prompt (`function ask({ question })`). */
  private readonly destructuredParameterFields = new Map<ts.ParameterDeclaration, Set<string>>();

  constructor(
    private readonly analysis: FlowAnalysis,
    /** The marks of the enclosing function, for callbacks that close over its variables. */
    private readonly parent: ConversationMarks | undefined,
  ) {
    this.writes = new LaterWrites(analysis.checker);
  }

  private get checker(): ts.TypeChecker {
    return this.analysis.checker;
  }

  /** The mark of a variable here or in an enclosing function. */
  markOf(symbol: ts.Symbol): Taint | undefined {
    return this.variables.get(symbol) ?? this.parent?.markOf(symbol);
  }

  /**
   * A variable placed in a prompt (or an assistant turn) is that data wherever it is read; one with
   * a field placed there (`msg` of `ask(msg.question)`) holds that data, its other fields not.
   */
  withMark(symbol: ts.Symbol, value: TaintValue): TaintValue {
    const mark = this.markOf(symbol);
    if (mark) {
      return join(value, taintValue(mark));
    }
    const field = this.fieldMarksOf(symbol)?.values().next().value;
    return field ? join(value, taintValue({ ...field, container: true })) : value;
  }

  /**
   * A field placed in a prompt (`req.body`) is that data wherever it is read; an object that holds
   * one (`req.body` when `req.body.question` was placed) holds conversation data, its other fields not.
   * The variable's other fields are not marked: `req.headers` says nothing of what the user typed.
   */
  withFieldMark(read: ts.PropertyAccessExpression | ts.ElementAccessExpression, value: TaintValue): TaintValue {
    if (!this.hasFieldMarks()) {
      return value;
    }
    const chain = fieldChain(read, this.checker);
    const symbol = chain && symbolAt(this.checker, chain.root);
    const marks = symbol && this.fieldMarksOf(symbol);
    if (!chain || !marks) {
      return value;
    }
    const key = chain.path.join('.');
    const exact = marks.get(key);
    if (exact) {
      return join(value, taintValue(exact));
    }
    for (const [marked, taint] of marks) {
      if (marked.startsWith(`${key}.`)) return join(value, taintValue({ ...taint, container: true }));
    }
    return value;
  }

  private hasFieldMarks(): boolean {
    return this.fields.size > 0 || (this.parent?.hasFieldMarks() ?? false);
  }

  private fieldMarksOf(symbol: ts.Symbol): ReadonlyMap<string, Taint> | undefined {
    return this.fields.get(symbol) ?? this.parent?.fieldMarksOf(symbol);
  }

  /**
   * Finds the prompts of model calls in `body` and marks the variables they are built from.
   * Callbacks written inline (`tracer.startActiveSpan('x', async span => ...)`) run in the same
   * flow: a model call inside one makes the enclosing function's variables prompt data.
   */
  collect(body: ts.Node, parameters: readonly ts.ParameterDeclaration[]): void {
    for (const symbol of allowlistedVariables(body, this.checker)) this.allowlisted.add(symbol);
    // Two phases: find the positions and what is pushed into which array, then mark.
    const positions: Position[] = [];
    const fieldPositions: FieldPosition[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node) || ts.isConstructorDeclaration(node) || ts.isClassLike(node) || isModuleFunction(node)) {
        return;
      }
      if (ts.isCallExpression(node)) {
        collectPromptArguments(this.analysis, node, positions, fieldPositions);
        this.writes.collectPush(node);
      } else if (ts.isBinaryExpression(node)) {
        this.writes.collectAssignment(node);
      } else if (ts.isNewExpression(node)) {
        positions.push(...connectionBodies(this.analysis, node));
      } else if (ts.isObjectLiteralExpression(node)) {
        collectMessageContent(this.checker, node, positions);
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    for (const { expression, taint } of positions) {
      this.markRoots(expression, taint, new Set());
    }
    for (const { holder, field, taint } of fieldPositions) {
      this.markHeldField(holder, [field], taint, new Set());
    }
    parameters.forEach((parameter, index) => {
      const destructured = this.destructuredParameterFields.get(parameter);
      if (destructured) this.parameterFieldsToPrompt.set(index, [...destructured]);
      if (ts.isIdentifier(parameter.name)) {
        const symbol = symbolAt(this.checker, parameter.name);
        if (symbol && this.variables.get(symbol)?.kind === 'prompt') {
          this.parametersToPrompt.add(index);
        }
        const names = new Set<string>();
        for (const [path, taint] of (symbol && this.fields.get(symbol)) ?? []) {
          if (taint.kind === 'prompt') names.add(path.split('.')[0]!);
        }
        if (names.size > 0) this.parameterFieldsToPrompt.set(index, [...names]);
      }
    });
  }

  /**
   * Marks the variables a prompt expression is built from. Whole values count (`content: question`,
   * `question.trim()`), fields read from an object do not make the object prompt data
   * (`body.question` does not mark `body`), assistant turns (`{ role: 'assistant', content }`) are
   * model output and tool turns the app's own results, and request settings (`tools`, `model`) are
   * no conversation.
   */
  private markRoots(expression: ts.Node, taint: Taint, visited: Set<ts.Symbol>): void {
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(node)) {
        return;
      }
      if (ts.isObjectLiteralExpression(node) && isNotUserTurn(node, this.checker)) {
        return;
      }
      // Settings of the request (`tools`, `model`) and ids sent along (`conversation_id`) are no conversation.
      const property = propertyNameOf(node, this.checker);
      if (property !== undefined && (REQUEST_CONFIG_PROPERTIES.has(property) || isMetadataField(property))) {
        return;
      }
      if (isThisField(node)) {
        // `this.buildMessages(this.currentMessages)`: what this method put into the instance's field.
        this.markThisField(node, taint, visited);
        return;
      }
      if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
        // A field read does not make the object conversation data (`body.question`); the field is.
        this.markField(node, taint);
        return;
      }
      if (ts.isCallExpression(node)) {
        // A text or list method passes its receiver on (`question.trim()`), an app's object does not
        // (`formatter.format(x)` does not mark `formatter`); arguments only where the call returns them
        // (`JSON.stringify(x)`, a helper that returns its parameter), not `cache.get(userId)`.
        const info = this.analysis.callees.resolve(node);
        const callee = skipTransparent(node.expression);
        if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && this.passesReceiver(info)) {
          visit(callee.expression);
        }
        if (info.projectFunction) {
          const summary = this.analysis.functionResult(info.projectFunction).summary;
          // Only an argument returned whole: a helper returning `context.history` does not make `context` the prompt.
          node.arguments.forEach((argument, index) => summary.parametersToReturn.has(index) && returnsWhole(summary, index) && visit(argument));
        } else if (propagatesArguments(info)) {
          node.arguments.forEach(visit);
        }
        return;
      }
      if (ts.isIdentifier(node)) {
        const symbol = ts.isShorthandPropertyAssignment(node.parent) ? this.checker.getShorthandAssignmentValueSymbol(node.parent) : symbolAt(this.checker, node);
        if (symbol) this.markSymbol(symbol, taint, visited);
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

  private markThisField(read: ts.PropertyAccessExpression, taint: Taint, visited: Set<ts.Symbol>): void {
    const symbol = symbolAt(this.checker, read);
    if (!symbol || visited.has(symbol)) {
      return;
    }
    visited.add(symbol);
    for (const written of this.writes.into(symbol) ?? []) {
      this.markRoots(written, taint, visited);
    }
  }

  private markField(read: ts.PropertyAccessExpression | ts.ElementAccessExpression, taint: Taint): void {
    const chain = fieldChain(read, this.checker);
    // An id read into a prompt (`userAction: context.parentMessageId ? 'chat' : 'new'`) is no conversation.
    if (chain && chain.path.some(isMetadataField)) {
      return;
    }
    const symbol = chain && symbolAt(this.checker, chain.root);
    // Only fields that can hold text: `content: message.parts` marks the parts, not `message.id`.
    if (chain && symbol && this.holdsFields(symbol) && this.analysis.text.carriesText(this.checker.getTypeAtLocation(read))) {
      this.markFieldOf(symbol, chain.path, taint, new Set());
    }
  }

  /** A variable or parameter of the linted code whose fields can be marked: not a constant written in the source. */
  private holdsFields(symbol: ts.Symbol): boolean {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !isDataDeclaration(declaration)) {
      return false;
    }
    // Settings written in the source (`const PERSONA = { system: '...' }`) hold no user data.
    return !(ts.isVariableDeclaration(declaration) && declaration.initializer && isLiteralConstant(declaration, this.checker));
  }

  /**
   * Marks `path` of what `holder` names (`params` or `req.body`): a field known to be placed in a
   * prompt, from a destructuring (`const { text } = req.body`) or a helper's summary (`run(params)`
   * when `run` prompts with `params.prompt`).
   */
  private markHeldField(holder: ts.Expression, path: readonly string[], taint: Taint, visited: Set<ts.Symbol>): void {
    const node = skipTransparent(holder);
    if (ts.isObjectLiteralExpression(node)) {
      this.markLiteralField(node, path, taint, visited);
      return;
    }
    const chain = ts.isIdentifier(node) ? { root: node, path: [] } : fieldChain(node, this.checker);
    const symbol = chain && symbolAt(this.checker, chain.root);
    if (chain && symbol) this.markFieldOf(symbol, [...chain.path, ...path], taint, visited);
  }

  private markFieldOf(symbol: ts.Symbol, path: readonly string[], taint: Taint, visited: Set<ts.Symbol>): void {
    if (path.length === 0 || path.length > MAX_FIELD_PATH || !this.holdsFields(symbol)) {
      return;
    }
    const marks = this.fields.get(symbol) ?? new Map<string, Taint>();
    const key = path.join('.');
    if (marks.has(key)) {
      return;
    }
    marks.set(key, taint);
    this.fields.set(symbol, marks);
    const [field, ...rest] = path;
    for (const write of this.writes.fieldsOf(symbol) ?? []) {
      if (write.field !== field) continue;
      if (rest.length === 0) this.markRoots(write.value, taint, visited);
      else this.markHeldField(write.value, rest, taint, visited);
    }
    // An object written here (`const combined = { ...defaults, ...params }`): the field comes from
    // its property, or from the objects spread into it.
    const declaration = symbol.valueDeclaration;
    const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && skipTransparent(declaration.initializer);
    if (initializer && ts.isObjectLiteralExpression(initializer)) {
      this.markLiteralField(initializer, path, taint, visited);
    } else if (initializer && this.isProjectCall(initializer)) {
      // `const rendered = render(id, vars); send(rendered.userPrompt)`: what the helper returns in that field.
      this.markDestructuredResult(initializer, path, taint, visited);
    }
  }

  /** `path` of an object written in the source: its property, or the objects spread into it. */
  private markLiteralField(object: ts.ObjectLiteralExpression, path: readonly string[], taint: Taint, visited: Set<ts.Symbol>): void {
    const [field, ...rest] = path;
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) {
        this.markHeldField(property.expression, path, taint, visited);
      } else if (propertyNameOf(property, this.checker) === field) {
        if (rest.length === 0) this.markRoots(property, taint, visited);
        else if (ts.isPropertyAssignment(property)) this.markHeldField(property.initializer, rest, taint, visited);
      }
    }
  }

  /**
   * `const { text } = req.body` or `function ask({ question })`: the field destructured into a
   * prompt variable is prompt data where the object is read whole (`logger.debug(req.body)`), and
   * a destructured parameter tells callers which field of their argument the prompt is.
   */
  private markDestructuredSource(element: ts.BindingElement, taint: Taint, visited: Set<ts.Symbol>): void {
    const path: string[] = [];
    let node = element;
    for (;;) {
      const pattern = node.parent;
      const key = node.propertyName ?? node.name;
      const name = ts.isObjectBindingPattern(pattern) && !node.dotDotDotToken && !ts.isObjectBindingPattern(key) && !ts.isArrayBindingPattern(key) ? staticPropertyName(key, this.checker) : undefined;
      if (name === undefined || isMetadataField(name)) {
        return;
      }
      path.unshift(name);
      const holder = pattern.parent;
      if (ts.isBindingElement(holder)) {
        node = holder;
        continue;
      }
      if (ts.isParameter(holder) && taint.kind === 'prompt') {
        const fields = this.destructuredParameterFields.get(holder) ?? new Set<string>();
        fields.add(path[0]!);
        this.destructuredParameterFields.set(holder, fields);
      } else if (ts.isVariableDeclaration(holder) && holder.initializer) {
        const source = skipTransparent(holder.initializer);
        if (ts.isIdentifier(source) || ts.isPropertyAccessExpression(source) || ts.isElementAccessExpression(source)) {
          this.markHeldField(source, path, taint, visited);
        } else {
          this.markDestructuredResult(source, path, taint, visited);
        }
      }
      return;
    }
  }

  /**
   * `const { userPrompt } = await render(id, vars)`: only the arguments the helper returns in that
   * field are the prompt, not everything it was given (a template's other settings, a project root
   * it returns in `metadata`). Other expressions: what they are built from.
   */
  private markDestructuredResult(source: ts.Expression, path: readonly string[], taint: Taint, visited: Set<ts.Symbol>): void {
    const call = ts.isAwaitExpression(source) ? skipTransparent(source.expression) : source;
    // `this.buildMessages(...)` on a base class's placeholder: what its subclasses' versions return.
    const fns = ts.isCallExpression(call) ? this.analysis.projectFunctionsOf(this.analysis.callees.resolve(call)) : [];
    if (fns.length === 0 || !ts.isCallExpression(call)) {
      this.markRoots(source, taint, visited);
      return;
    }
    let followed = false;
    for (const parameter of fns.flatMap(fn => valueAtPath(this.analysis.functionResult(fn).summary.returnShape, path).taints)) {
      const argument = parameter.kind === 'parameter' && parameter.parameterIndex !== undefined ? call.arguments[parameter.parameterIndex] : undefined;
      if (!argument) continue;
      followed = true;
      // A path through a method's result (`messages.map(...)` of an untyped parameter) is built from the argument whole.
      if (parameter.path && parameter.path.length > 0 && !parameter.path.includes(CALL_RESULT)) this.markHeldField(argument, parameter.path, taint, visited);
      else this.markRoots(argument, taint, visited);
    }
    if (!followed) this.markTemplateVariables(call, taint, visited);
  }

  /**
   * A template renderer whose result the engine cannot tie to its arguments (`loadPrompt(id, vars)`
   * filling `{{prompt}}` through a `replace` callback): the variables it was given that are named
   * like the user's text (`prompt`, `updatePrompt`, `query`) are the prompt; its settings are not.
   */
  private markTemplateVariables(call: ts.CallExpression, taint: Taint, visited: Set<ts.Symbol>): void {
    for (const argument of call.arguments) {
      const node = skipTransparent(argument);
      const object = ts.isObjectLiteralExpression(node) ? node : ts.isIdentifier(node) ? literalInitializerOf(symbolAt(this.checker, node)) : undefined;
      for (const property of object?.properties ?? []) {
        const name = ts.isSpreadAssignment(property) ? undefined : propertyNameOf(property, this.checker);
        if (name === undefined || !TEMPLATE_TEXT_VARIABLE.test(name) || isMetadataField(name)) continue;
        const variable: Taint = { kind: taint.kind, origin: property, label: `the template variable '${name}' given to '${calleeText(call.expression)}()'` };
        this.markHeldField(node, [name], variable, visited);
      }
    }
  }

  /** `helper(...)` or `await helper(...)` of a function the program declares. */
  private isProjectCall(expression: ts.Expression): boolean {
    const call = ts.isAwaitExpression(expression) ? skipTransparent(expression.expression) : expression;
    return ts.isCallExpression(call) && this.analysis.projectFunctionsOf(this.analysis.callees.resolve(call)).length > 0;
  }

  /** Whether a method returns its receiver's data: standard-library text and list methods, known propagators. */
  private passesReceiver(info: CalleeInfo): boolean {
    if (info.declarations.length === 0) {
      // Untyped code: the method name is all there is.
      return info.name !== undefined && UNTYPED_TEXT_METHODS.has(info.name);
    }
    return isLibraryMethod(info) || propagatesReceiver(info);
  }

  private isAllowlisted(symbol: ts.Symbol): boolean {
    return this.allowlisted.has(symbol) || (this.parent?.isAllowlisted(symbol) ?? false);
  }

  private markSymbol(symbol: ts.Symbol, taint: Taint, visited: Set<ts.Symbol>): void {
    if (visited.has(symbol) || this.isAllowlisted(symbol)) {
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
    // value whose type cannot hold text (`language: 'en' | 'fr'`, a count) is no conversation data.
    const declaredType = this.checker.getTypeOfSymbolAtLocation(symbol, declaration);
    // `function f(custom = null)` in JavaScript is typed `null` by its default alone: that says nothing.
    const typedByNullDefault = (declaredType.flags & NOTHING_FLAGS) !== 0 && !(ts.isParameter(declaration) && declaration.type);
    if (
      (taint.kind === 'prompt' && this.analysis.typeSources.isModelOutputType(declaredType)) ||
      (!typedByNullDefault && !this.analysis.text.carriesText(declaredType))
    ) {
      return;
    }
    // A constant written in the source (`const SYSTEM = '...'`, a few-shot array) holds no user data;
    // what is pushed into it later is marked on its own.
    if (!this.variables.has(symbol) && !(ts.isVariableDeclaration(declaration) && isLiteralConstant(declaration, this.checker))) {
      this.variables.set(symbol, taint);
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      this.markRoots(declaration.initializer, taint, visited);
    } else if (ts.isBindingElement(declaration)) {
      this.markDestructuredSource(declaration, taint, visited);
    }
    for (const written of this.writes.into(symbol) ?? []) {
      this.markRoots(written, taint, visited);
    }
    // `modelOptions.messages = payload` into a request placed whole: the conversation fields, not its settings or ids.
    for (const { field, value } of this.writes.fieldsOf(symbol) ?? []) {
      if (!REQUEST_CONFIG_PROPERTIES.has(field) && !isMetadataField(field)) this.markRoots(value, taint, visited);
    }
  }
}

/**
 * What a function writes into its variables after declaring them (`turns.push({ role: 'user',
 * content: text })`, `prompt = render(...)`, `prompt += extra`), into fields of the instance
 * (`this.currentMessages.push(userMessage)`, keyed by the field's symbol) and into fields of its
 * variables (`modelOptions.messages = payload`): marking the variable marks what went into it.
 */
class LaterWrites {
  private readonly written = new Map<ts.Symbol, ts.Expression[]>();
  private readonly fields = new Map<ts.Symbol, { readonly field: string; readonly value: ts.Expression }[]>();

  constructor(private readonly checker: ts.TypeChecker) {}

  into(symbol: ts.Symbol): readonly ts.Expression[] | undefined {
    return this.written.get(symbol);
  }

  fieldsOf(symbol: ts.Symbol): readonly { readonly field: string; readonly value: ts.Expression }[] | undefined {
    return this.fields.get(symbol);
  }

  collectPush(call: ts.CallExpression): void {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'push' && callee.name.text !== 'unshift')) {
      return;
    }
    const receiver = skipTransparent(callee.expression);
    const symbol = ts.isIdentifier(receiver) || isThisField(receiver) ? symbolAt(this.checker, receiver) : undefined;
    if (symbol) this.add(this.written, symbol, ...call.arguments);
  }

  collectAssignment(node: ts.BinaryExpression): void {
    const target = skipTransparent(node.left);
    if (ts.isIdentifier(target) && isWriteInto(node.operatorToken.kind)) {
      const symbol = symbolAt(this.checker, target);
      if (symbol && (node.operatorToken.kind === ts.SyntaxKind.EqualsToken || !appendsInCallback(node, symbol))) this.add(this.written, symbol, node.right);
    } else if (ts.isPropertyAccessExpression(target) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const holder = skipTransparent(target.expression);
      const symbol = holder.kind === ts.SyntaxKind.ThisKeyword ? symbolAt(this.checker, target) : ts.isIdentifier(holder) ? symbolAt(this.checker, holder) : undefined;
      if (symbol && holder.kind === ts.SyntaxKind.ThisKeyword) this.add(this.written, symbol, node.right);
      else if (symbol) this.add(this.fields, symbol, { field: target.name.text, value: node.right });
    }
  }

  private add<T>(map: Map<ts.Symbol, T[]>, symbol: ts.Symbol, ...values: T[]): void {
    map.set(symbol, [...(map.get(symbol) ?? []), ...values]);
  }
}

/** Longer field paths are not marked (bounded, and rare in prompts). */
const MAX_FIELD_PATH = 3;
const NOTHING_FLAGS = ts.TypeFlags.Null | ts.TypeFlags.Undefined;

function isWriteInto(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.EqualsToken || operator === ts.SyntaxKind.PlusEqualsToken;
}

/**
 * `reply += token` inside a stream's callback accumulates the model's answer, which is output even
 * when the whole reply is later placed in another prompt (a title request); `prompt += extra` in the
 * function that declares `prompt` builds the prompt.
 */
function appendsInCallback(node: ts.Node, symbol: ts.Symbol): boolean {
  const declaration = symbol.valueDeclaration;
  return declaration !== undefined && enclosingFunction(node) !== enclosingFunction(declaration);
}


/** `this.currentMessages`: a field of the instance a method runs on. */
function isThisField(node: ts.Node): node is ts.PropertyAccessExpression {
  return ts.isPropertyAccessExpression(node) && skipTransparent(node.expression).kind === ts.SyntaxKind.ThisKeyword;
}

/** `req.body.text` as its root variable and field names, when every name is static. */
function fieldChain(read: ts.Expression, checker: ts.TypeChecker): { root: ts.Identifier; path: string[] } | undefined {
  const path: string[] = [];
  let node = skipTransparent(read);
  while (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : staticPropertyName(node.argumentExpression, checker);
    if (name === undefined || path.length >= MAX_FIELD_PATH) return undefined;
    path.unshift(name);
    node = skipTransparent(node.expression);
  }
  return ts.isIdentifier(node) && path.length > 0 ? { root: node, path } : undefined;
}

/** A variable or parameter of the linted code (not a global such as `process`). */
function isDataDeclaration(declaration: ts.Declaration): boolean {
  return (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration) || ts.isBindingElement(declaration)) && !declaration.getSourceFile().isDeclarationFile;
}

/** The function returns its parameter itself, not only fields read from it (`returnedFields` lists those paths; none means the whole). */
function returnsWhole(summary: FunctionSummary, index: number): boolean {
  const paths = summary.returnedFields.get(index);
  return paths === undefined || paths.some(path => path.length === 0);
}

/** The object literal a variable is declared with (`const promptParams = { ... }`). */
function literalInitializerOf(symbol: ts.Symbol | undefined): ts.ObjectLiteralExpression | undefined {
  const declaration = symbol?.valueDeclaration;
  const initializer = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && skipTransparent(declaration.initializer);
  return initializer && ts.isObjectLiteralExpression(initializer) ? initializer : undefined;
}
