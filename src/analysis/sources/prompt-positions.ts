import ts from '../typescript.cjs';

import { ASSISTANT_ROLES, CHAT_ROLES, LITERAL_MESSAGE_CONTENT_PROPERTIES, TOOL_ROLES } from '../../knowledge/llm-sdks.js';
import { calleeText } from '../callees.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import type { Taint } from '../flow/taint.js';
import { type PromptArgument, isModelCall, promptArgumentsOf } from './model-calls.js';

/*
 * Prompt positions: where a function places values in a conversation. The prompt arguments of model
 * calls, the bodies of requests to LLM endpoints (and of streaming connections), the parameters a
 * project helper prompts with, and the content of message literals. `conversation-positions.ts`
 * marks the variables these are built from.
 */

/** The `role` of a message written as an object literal (`{ role: 'user', content }`), when it is fixed. */
export function literalRole(object: ts.ObjectLiteralExpression, checker: ts.TypeChecker): string | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && staticPropertyName(property.name, checker) === 'role') {
      return staticStringValue(property.initializer, checker)?.toLowerCase();
    }
  }
  return undefined;
}

/**
 * `{ role: 'assistant', content }` is a turn the model wrote, `{ role: 'tool', content }` the app's
 * own tool result: neither is what the user said.
 */
export function isNotUserTurn(object: ts.ObjectLiteralExpression, checker: ts.TypeChecker): boolean {
  const role = literalRole(object, checker);
  return role !== undefined && (ASSISTANT_ROLES.has(role) || TOOL_ROLES.has(role));
}

/** The name of the property a node is the value of (`{ tools: x }`, `{ tools }`), if any. */
export function propertyNameOf(node: ts.Node, checker: ts.TypeChecker): string | undefined {
  if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
    return staticPropertyName(node.name, checker);
  }
  return undefined;
}

/** An expression placed in a conversation position, and what that makes it. */
export interface Position {
  readonly expression: ts.Expression;
  readonly taint: Taint;
}

/** A field of an object placed in a conversation position (`run(params)` where `run` prompts with `params.prompt`). */
export interface FieldPosition {
  readonly holder: ts.Expression;
  readonly field: string;
  readonly taint: Taint;
}

/** `{ role: 'user', content: text }`: the content of a user's (or the system's) turn is prompt data, of the assistant's turn model output. */
export function collectMessageContent(checker: ts.TypeChecker, object: ts.ObjectLiteralExpression, positions: Position[]): void {
  const role = literalRole(object, checker);
  if (role === undefined || !CHAT_ROLES.has(role) || TOOL_ROLES.has(role)) {
    return;
  }
  const kind = ASSISTANT_ROLES.has(role) ? 'output' : 'prompt';
  for (const property of object.properties) {
    const name = propertyNameOf(property, checker);
    if (name === undefined || !LITERAL_MESSAGE_CONTENT_PROPERTIES.includes(name)) continue;
    const expression = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
    if (expression) positions.push({ expression, taint: { kind, origin: expression, label: `the ${name === 'message' ? 'text' : name} of a '${role}' message` } });
  }
}

export function collectPromptArguments(analysis: FlowAnalysis, call: ts.CallExpression, prompts: Position[], fields: FieldPosition[]): void {
  const checker = analysis.checker;
  let found: PromptArgument[] = [];
  const info = analysis.callees.resolve(call);
  const endpoint = isModelCall(analysis, call, info) ? undefined : analysis.endpoints.endpointCall(call, info);
  if (!endpoint && isModelCall(analysis, call, info)) {
    found = promptArgumentsOf(call, info, checker);
  } else if (endpoint) {
    // The request body of a REST call to an LLM, as a whole (settings such as `model` are skipped).
    for (const body of endpoint.bodies) {
      prompts.push({ expression: body, taint: { kind: 'prompt', origin: body, label: `the request sent by '${info.text}()' to ${endpoint.api}` } });
    }
    return;
  } else if (!isInvokedInPlace(call)) {
    // A project helper that puts its parameter, or a field of it, into a prompt (`ask(question)`,
    // `provider.generateAnswer({ prompt: question })` through the implementations of an interface).
    for (const fn of analysis.projectFunctionsOf(info)) {
      const summary = analysis.functionResult(fn).summary;
      for (const index of summary.parametersToPrompt) {
        const argument = call.arguments[index];
        if (argument) found.push({ expression: argument, property: 'prompt' });
      }
      for (const [index, names] of summary.parameterFieldsToPrompt) {
        const argument = call.arguments[index] && skipTransparent(call.arguments[index]);
        if (!argument) continue;
        if (!ts.isObjectLiteralExpression(argument)) {
          // An object built elsewhere (`run(combinedParams)`): its field is the prompt.
          for (const field of names) {
            fields.push({ holder: argument, field, taint: { kind: 'prompt', origin: argument, label: `the '${field}' passed to '${info.text}()'` } });
          }
          continue;
        }
        for (const property of argument.properties) {
          const name = propertyNameOf(property, checker);
          const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
          if (name !== undefined && value && names.includes(name)) found.push({ expression: value, property: name });
        }
      }
    }
  }
  for (const { expression, property } of found) {
    prompts.push({ expression, taint: { kind: 'prompt', origin: expression, label: `the '${property}' passed to '${info.text}()'` } });
  }
  // Browser code posting its history to the app's own backend (`fetch('/api/chat', { body: JSON.stringify({ messages }) })`).
  for (const messages of analysis.endpoints.conversationBodyOf(call)) {
    if (holdsConversation(analysis, messages)) {
      prompts.push({ expression: messages, taint: { kind: 'prompt', origin: messages, label: `the conversation posted by '${info.text}()'` } });
    }
  }
}

/** `(async () => { ... })()`: given nothing, it places nothing in a prompt through parameters, and it is walked where it is called. */
function isInvokedInPlace(call: ts.CallExpression): boolean {
  const callee = skipTransparent(call.expression);
  return call.arguments.length === 0 && (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee));
}

/** A history by its type (SDK or role/content shape), or an array of message literals. */
function holdsConversation(analysis: FlowAnalysis, expression: ts.Expression): boolean {
  const checker = analysis.checker;
  const node = skipTransparent(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.some(element => ts.isObjectLiteralExpression(element) && literalRole(element, checker) !== undefined);
  }
  return analysis.typeSources.typeTaints(node, () => '').taints.length > 0;
}

/** `new SSE(LLM_URL, { payload })`: the body a streaming connection to an LLM is opened with. */
export function connectionBodies(analysis: FlowAnalysis, node: ts.NewExpression): Position[] {
  const endpoint = analysis.endpoints.endpointNew(node);
  return (endpoint?.bodies ?? []).map(body => ({
    expression: body,
    taint: { kind: 'prompt', origin: body, label: `the request sent by 'new ${calleeText(node.expression)}()' to ${endpoint!.api}` },
  }));
}
