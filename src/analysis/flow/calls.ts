import ts from 'typescript';

import { NON_CONTENT_CALLBACK_PATTERN } from '../../knowledge/llm-sdks.js';
import { CALLBACK_RESULT_METHODS, ELEMENT_CALLBACKS, MUTATING_METHODS } from '../../knowledge/propagation.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import { applySanitizerTypes, isUserSanitizerCall } from '../sanitizers/user-sanitizers.js';
import { checkCallSinks } from '../sinks/call-sinks.js';
import { weakEncryptionStep } from '../sinks/weak-encryption.js';
import { isModelCall, isOutputChainCall } from '../sources/model-calls.js';
import { declaredInSdk as isDeclaredInSdk } from '../sources/sdk-types.js';
import { calleeMatchesUser } from '../sources/user-specifiers.js';
import { taintContainer } from './bindings.js';
import { isLibraryMethod, propagatesArguments, propagatesReceiver } from './library-steps.js';
import { evaluateObject } from './objects.js';
import { applyCallbackReference, applySummary, runCallback } from './project-calls.js';
import { CLEAN, type TaintValue, isTainted, join, taintValue, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Call steps: what a call returns and where its arguments go. In order: the receiver and the
 * arguments are evaluated (function literals walked in place as callbacks), sinks are checked,
 * weak encryption and sanitizers applied, then the result is built from the callee's summary (a
 * project function), from library propagation, and from the source the callee's type implies.
 */
export function evaluateCall(walker: Walker, call: ts.CallExpression): TaintValue {
  const analysis = walker.analysis;
  const callee = skipTransparent(call.expression);
  const info = analysis.callees.resolve(call);
  const method = info.name;
  let receiver = CLEAN;
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    receiver = walker.evaluate(callee.expression);
    if (ts.isElementAccessExpression(callee)) walker.evaluate(callee.argumentExpression);
  } else if (!ts.isIdentifier(callee)) {
    walker.evaluate(callee);
  }

  const declaredInSdk = isDeclaredInSdk(info);
  const returns = analysis.typeSources.callReturns(call, declaredInSdk);
  const returnsOutput = returns.output || isOutputChainCall(analysis, call, info);
  // A real model call (`create`, `streamText`, ...) rather than any SDK method returning an output type.
  const modelCall = returnsOutput && isModelCall(analysis, call, info);
  const sourceTaint = returnsOutput
    ? taintValue({ kind: 'output', origin: call, label: `'${info.text}()'` })
    : returns.prompt
      ? taintValue({ kind: 'prompt', origin: call, label: `'${info.text}()'` })
      : CLEAN;

  // Arguments, with function literals analysed in the context of this call.
  let callbackResult = CLEAN;
  let analysedCallback = false;
  const elementParameters = method !== undefined && isTainted(receiver) && isLibraryMethod(info) ? ELEMENT_CALLBACKS.get(method) : undefined;
  const eventName = call.arguments[0] ? staticStringValue(call.arguments[0], walker.checker) : undefined;
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
      const returned = runCallback(walker, inner, callbackSeeds(inner.parameters.length));
      analysedCallback = true;
      callbackResult = join(callbackResult, returned);
      return CLEAN;
    }
    if ((elementParameters || sdkEvent) && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) {
      // `stream.on('text', printDelta)`, `answers.forEach(logLine)`: a handler declared elsewhere.
      const returned = applyCallbackReference(walker, inner, callbackSeeds(8));
      if (returned) {
        analysedCallback = true;
        callbackResult = join(callbackResult, returned);
        return CLEAN;
      }
    }
    if (ts.isObjectLiteralExpression(inner) && (modelCall || (isTainted(receiver) && declaredInSdk))) {
      // `streamText({ onFinish({ text }) {...} })`: the model call's output reaches these callbacks.
      return evaluateObject(walker, inner, modelCall ? sourceTaint : withoutFields(receiver));
    }
    return walker.evaluate(argument);
  });

  checkCallSinks(walker, call, info, argumentValues);

  const weaklyEncrypted = weakEncryptionStep(walker, call, info, argumentValues);
  if (weaklyEncrypted) {
    return weaklyEncrypted;
  }
  if (isUserSanitizerCall(analysis, info)) {
    return CLEAN;
  }

  // Data that flows through the call comes first, so messages name where it really came from;
  // a source the call's type implies is added after.
  let value = CLEAN;
  if (calleeMatchesUser(info, analysis.customization.outputSources)) {
    value = join(value, taintValue({ kind: 'output', origin: call, label: `'${info.text}()'` }));
  }
  if (calleeMatchesUser(info, analysis.customization.promptSources)) {
    value = join(value, taintValue({ kind: 'prompt', origin: call, label: `'${info.text}()'` }));
  }

  if (analysedCallback && method !== undefined && CALLBACK_RESULT_METHODS.has(method) && (isLibraryMethod(info) || declaredInSdk)) {
    // `angles.map(async angle => (await create(...)).choices[0].message.content)`: the callback's results.
    value = join(value, callbackResult);
  }
  if (info.projectFunction) {
    value = join(value, applySummary(walker, call, info, argumentValues));
  } else if (isTainted(receiver) || argumentValues.some(isTainted)) {
    if (method !== undefined && MUTATING_METHODS.has(method) && isLibraryMethod(info)) {
      const stored = argumentValues.reduce((accumulated, argumentValue) => join(accumulated, withoutFields(argumentValue)), CLEAN);
      if (isTainted(stored) && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
        taintContainer(walker, callee.expression, stored);
      }
    }
    if (isTainted(receiver) && (isLibraryMethod(info) || declaredInSdk || propagatesReceiver(info))) {
      // `messages.map(m => m.id)`: what the analysed callback returns, not the elements themselves.
      const resultFromCallback = method !== undefined && CALLBACK_RESULT_METHODS.has(method) && analysedCallback;
      if (!resultFromCallback) value = join(value, withoutFields(receiver));
    }
    if (propagatesArguments(info)) {
      for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
    }
  }
  value = modelCall ? join(sourceTaint, value) : join(value, sourceTaint);
  return applySanitizerTypes(analysis, call, walker.keepIfText(call, value));
}

/** `new X(...)`: what the constructed type implies, plus arguments for library constructors that keep them (`new Blob([text])`). */
export function evaluateNew(walker: Walker, node: ts.NewExpression): TaintValue {
  const argumentValues = (node.arguments ?? []).map(argument => walker.evaluate(argument));
  const info = walker.analysis.callees.resolve(node);
  let value = walker.analysis.typeSources.typeTaints(node, () => `'new ${info.text}()'`);
  if (propagatesArguments(info)) {
    for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
  }
  return walker.keepIfText(node, value);
}
