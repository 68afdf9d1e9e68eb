import ts from 'typescript';

import { ASSISTANT_ROLES } from '../../knowledge/llm-sdks.js';
import { symbolAt } from '../callees.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { propagatesArguments } from '../flow/library-steps.js';
import { isFunctionLike } from '../flow/summaries.js';
import { type Taint, type TaintValue, join, taintValue } from '../flow/taint.js';
import { type PromptArgument, isModelCall, promptArgumentsOf } from './model-calls.js';

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
 * Source evidence by position: the variables of one function that are placed in the prompt of a
 * model call (`messages`, `prompt`, `system`, ... or a LangChain `invoke(input)`, or a parameter of
 * a project helper that puts it there), and those they are built from. Flow-insensitive on
 * purpose: a question is prompt data before and after it is sent.
 */
export class PromptMarks {
  private readonly variables = new Map<ts.Symbol, Taint>();
  /** What is pushed into which local array (`turns.push({ role: 'user', content: text })`). */
  private readonly pushedInto = new Map<ts.Symbol, ts.Expression[]>();
  /** Parameters of the function whose data is placed in a model call's prompt. */
  readonly parametersToPrompt = new Set<number>();

  constructor(
    private readonly analysis: FlowAnalysis,
    /** The marks of the enclosing function, for callbacks that close over its variables. */
    private readonly parent: PromptMarks | undefined,
  ) {}

  private get checker(): ts.TypeChecker {
    return this.analysis.checker;
  }

  /** The prompt mark of a variable here or in an enclosing function. */
  markOf(symbol: ts.Symbol): Taint | undefined {
    return this.variables.get(symbol) ?? this.parent?.markOf(symbol);
  }

  /** A variable placed in a prompt is prompt data wherever it is read. */
  withMark(symbol: ts.Symbol, value: TaintValue): TaintValue {
    const prompt = this.markOf(symbol);
    return prompt ? join(value, taintValue(prompt)) : value;
  }

  /**
   * Finds the prompts of model calls in `body` and marks the variables they are built from.
   * Callbacks written inline (`tracer.startActiveSpan('x', async span => ...)`) run in the same
   * flow: a model call inside one makes the enclosing function's variables prompt data.
   */
  collect(body: ts.Node, parameters: readonly ts.ParameterDeclaration[]): void {
    // Two phases: find the prompts of model calls and what is pushed into which array, then mark.
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
      this.markRoots(expression, taint, new Set());
    }
    parameters.forEach((parameter, index) => {
      if (ts.isIdentifier(parameter.name)) {
        const symbol = symbolAt(this.checker, parameter.name);
        if (symbol && this.variables.has(symbol)) {
          this.parametersToPrompt.add(index);
        }
      }
    });
  }

  private collectPush(call: ts.CallExpression): void {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'push' && callee.name.text !== 'unshift')) {
      return;
    }
    const receiver = skipTransparent(callee.expression);
    const symbol = ts.isIdentifier(receiver) ? symbolAt(this.checker, receiver) : undefined;
    if (symbol) {
      this.pushedInto.set(symbol, [...(this.pushedInto.get(symbol) ?? []), ...call.arguments]);
    }
  }

  private collectPromptArguments(call: ts.CallExpression, prompts: { expression: ts.Expression; taint: Taint }[]): void {
    let found: PromptArgument[] = [];
    const info = this.analysis.callees.resolve(call);
    if (isModelCall(this.analysis, call, info)) {
      found = promptArgumentsOf(call, info, this.checker);
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
  private markRoots(expression: ts.Node, taint: Taint, visited: Set<ts.Symbol>): void {
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

  private markSymbol(symbol: ts.Symbol, taint: Taint, visited: Set<ts.Symbol>): void {
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
    if (this.analysis.typeSources.isModelOutputType(declaredType) || !this.analysis.text.carriesText(declaredType)) {
      return;
    }
    if (!this.variables.has(symbol)) {
      this.variables.set(symbol, taint);
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      this.markRoots(declaration.initializer, taint, visited);
    }
    for (const pushed of this.pushedInto.get(symbol) ?? []) {
      this.markRoots(pushed, taint, visited);
    }
  }
}
