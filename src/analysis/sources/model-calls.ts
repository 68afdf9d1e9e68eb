import ts from '../typescript.cjs';

import {
  LLM_SDK_PACKAGES,
  MODEL_CALL_NAMES,
  REQUEST_CONFIG_PROPERTIES,
  OUTPUT_CHAIN_CALLS,
  PROMPT_ARGUMENT_PROPERTIES,
  WHOLE_INPUT_MODEL_CALLS,
} from '../../knowledge/llm-sdks.js';
import type { CalleeInfo } from '../callees.js';
import { isLiteralOnly, skipTransparent, staticPropertyName } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { originMatches } from '../packages.js';
import { isModelCommandSend, modelTextCall, modelTextCallOf } from './text-calls.js';
import { typeIsOneOf } from './type-families.js';

/**
 * Source evidence by call: which calls send a prompt to a model (their prompt positions make
 * prompt data) and return model output.
 */

/**
 * Is this a call that sends a prompt to a model: an SDK method such as `create` or `invoke` returning
 * model output, an SDK method answering with plain text (`session.prompt(text)`), or a model command
 * sent through a client (`client.send(new ConverseCommand(input))`)?
 */
export function isModelCall(analysis: FlowAnalysis, call: ts.CallExpression, info: CalleeInfo): boolean {
  if (modelTextCall(analysis, call, info) !== undefined) {
    return true;
  }
  const sdkMethod = info.declarations.some(
    declaration => MODEL_CALL_NAMES.has(declaration.name) && LLM_SDK_PACKAGES.some(pattern => originMatches(declaration.origin, pattern)),
  );
  if (sdkMethod) {
    return analysis.typeSources.callReturns(call, true).output || isOutputChainCall(analysis, call, info);
  }
  return isModelCommandSend(analysis, call, info);
}

/**
 * Whether a call's result is model output by what the call is rather than by its declared type: a
 * LangChain chain, an SDK method answering with plain text, a model command sent through a client.
 */
export function isOutputCall(analysis: FlowAnalysis, call: ts.CallExpression, info: CalleeInfo): boolean {
  return modelTextCall(analysis, call, info) !== undefined || isOutputChainCall(analysis, call, info) || isModelCommandSend(analysis, call, info);
}

/**
 * `chain.invoke(input)` on a LangChain runnable chain (`prompt.pipe(model).pipe(new StringOutputParser())`):
 * the result is model output even when the parser made it a plain `string`. Retrievers and prompt
 * templates have their own classes and are not matched.
 */
export function isOutputChainCall(analysis: FlowAnalysis, call: ts.CallExpression, info: CalleeInfo): boolean {
  const callee = skipTransparent(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) {
    return false;
  }
  return OUTPUT_CHAIN_CALLS.some(
    family =>
      family.names.includes(info.name ?? '') &&
      info.declarations.some(declaration => family.from.some(pattern => originMatches(declaration.origin, pattern))) &&
      typeIsOneOf(analysis.program, analysis.checker, callee.expression, family.receiverTypes, family.from),
  );
}

/** An expression placed in a model call's prompt, and the name of the position. */
export interface PromptArgument {
  readonly expression: ts.Expression;
  readonly property: string;
}

/**
 * The prompt positions of a model call: `messages`, `prompt`, `system`, ... of its options object,
 * the request object as a whole (`create(params)`), or a LangChain runnable's whole input.
 */
export function promptArgumentsOf(call: ts.CallExpression, info: CalleeInfo, checker: ts.TypeChecker): PromptArgument[] {
  const found: PromptArgument[] = [];
  const wholeInput = info.declarations.some(declaration =>
    WHOLE_INPUT_MODEL_CALLS.some(family => family.names.includes(declaration.name) && family.from.some(pattern => originMatches(declaration.origin, pattern))),
  );
  if (wholeInput && call.arguments[0]) {
    // LangChain: the template variables (or messages) as a whole.
    found.push({ expression: call.arguments[0], property: 'input' });
    return found;
  }
  // `session.prompt(text)`, `generateInfillCompletion(prefix, suffix)`: positional prompts, then options objects.
  const textCall = modelTextCallOf(info.declarations);
  for (const index of textCall?.promptArguments ?? []) {
    const argument = call.arguments[index];
    if (argument && !ts.isObjectLiteralExpression(skipTransparent(argument))) found.push({ expression: argument, property: 'prompt' });
  }
  for (const argument of call.arguments) {
    const object = skipTransparent(argument);
    if (!ts.isObjectLiteralExpression(object)) continue;
    const before = found.length;
    for (const property of object.properties) {
      const name = property.name ? staticPropertyName(property.name, checker) : undefined;
      if (name === undefined || !PROMPT_ARGUMENT_PROPERTIES.has(name)) continue;
      if (ts.isPropertyAssignment(property)) {
        found.push({ expression: property.initializer, property: name });
      } else if (ts.isShorthandPropertyAssignment(property)) {
        found.push({ expression: property.name, property: name });
      }
    }
    // `create({ ...modelOptions, stream: true })` with no prompt property of its own: the request
    // comes whole from the objects spread in, as in `create(modelOptions)`. Beside a `messages` of
    // its own, a spread object holds settings.
    if (!textCall && found.length === before) {
      for (const property of object.properties) {
        if (ts.isSpreadAssignment(property)) found.push({ expression: property.expression, property: 'request' });
      }
    }
  }
  // `create(params)`: the request object as a whole holds the prompt (a text call's positions are known).
  // A string before the request is a path parameter (`runs.stream(threadId, params)`), not the request.
  const request = call.arguments.length > 1 && isPrimitive(call.arguments[0]!, checker) ? call.arguments[1] : call.arguments[0];
  if (!textCall && request && !ts.isObjectLiteralExpression(skipTransparent(request))) {
    found.push({ expression: request, property: 'request' });
  }
  return found;
}

function isPrimitive(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  return (checker.getTypeAtLocation(expression).flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike)) !== 0;
}

/**
 * Is everything a model call is asked written in the source (`messages: [{ role: 'system', content:
 * 'Write a limerick.' }]`)? Request settings (`model`, `tools`) do not count; a body is looked at
 * through `JSON.stringify(...)`.
 */
export function isFixedPrompt(expressions: readonly ts.Expression[], checker: ts.TypeChecker): boolean {
  return expressions.length > 0 && expressions.every(expression => isFixedPromptPart(expression, checker));
}

function isFixedPromptPart(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  const node = skipTransparent(expression);
  if (ts.isCallExpression(node) && node.arguments.length === 1) {
    const callee = skipTransparent(node.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'stringify' && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON') {
      return isFixedPromptPart(node.arguments[0]!, checker);
    }
  }
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every(property => {
      const name = property.name ? staticPropertyName(property.name, checker) : undefined;
      if (name !== undefined && REQUEST_CONFIG_PROPERTIES.has(name)) return true;
      if (ts.isPropertyAssignment(property)) return isLiteralOnly(property.initializer, checker);
      if (ts.isShorthandPropertyAssignment(property)) return isLiteralOnly(property.name, checker);
      return ts.isMethodDeclaration(property);
    });
  }
  return isLiteralOnly(node, checker);
}
