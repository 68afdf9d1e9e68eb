import ts from '../typescript.cjs';

import { EVENT_SUBSCRIBE_METHODS, SENT_FRAME_CHANNELS } from '../../knowledge/llm-endpoints.js';
import { NON_CONTENT_CALLBACK_PATTERN } from '../../knowledge/llm-sdks.js';
import { ACCUMULATOR_METHODS, CALLBACK_RESULT_METHODS, ELEMENT_CALLBACKS, ERROR_CALLBACK_METHODS, MUTATING_METHODS, UNTYPED_TEXT_METHODS } from '../../knowledge/propagation.js';
import { calleeText } from '../callees.js';
import { onlyReads, skipTransparent, staticStringValue } from '../constants.js';
import { isFailedResponseRead } from '../sanitizers/error-responses.js';
import { applySanitizerTypes, isUserSanitizerCall } from '../sanitizers/user-sanitizers.js';
import { checkCallSinks } from '../sinks/call-sinks.js';
import { checkPersistedStore } from '../sinks/persisted-stores.js';
import { checkSdkTelemetry, checkTracedRunnable } from '../sinks/sdk-telemetry.js';
import { weakEncryptionStep } from '../sinks/weak-encryption.js';
import { isFixedPrompt, isModelCall, isOutputCall, promptArgumentsOf } from '../sources/model-calls.js';
import { declaredInSdk as isDeclaredInSdk } from '../sources/sdk-types.js';
import { calleeMatchesUser } from '../sources/user-specifiers.js';
import { taintContainer } from './bindings.js';
import { isLibraryMethod, propagatesArguments, propagatesReceiver, resultTypeDecides } from './library-steps.js';
import { feedParserHandlers } from './deferred-callbacks.js';
import { inertRouteCall, mentionsData, recordAppRequest, requestBodyValue, untypedRouteCallee } from './app-routes.js';
import { listenToEmits, recordEmit } from './emitters.js';
import { setStateCall } from './react-state.js';
import { evaluateObject } from './objects.js';
import { applyCallbackCalls, applyCallbackReference, applySummary, ignoredArguments, localClosure, runCallback, runLocalClosure, runPromiseExecutor, runStreamSource } from './project-calls.js';
import { CLEAN, type TaintValue, callResultOf, fieldValue, filterTaints, functionValue, isTainted, join, taintValue, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/** What a call that is no source returns. */
const NO_SOURCE = { output: false, prompt: false } as const;

/**
 * Call steps: what a call returns and where its arguments go. In order: the receiver and the
 * arguments are evaluated (function literals walked in place as callbacks), sinks are checked,
 * weak encryption and sanitizers applied, then the result is built from the callee's summary (a
 * project function), from library propagation, and from the source the callee's type implies.
 */
/** `stream.on('error', cb)`, `.on('end', cb)`: a callback that receives no content. */
function isNonContentEvent(call: ts.CallExpression, checker: ts.TypeChecker): boolean {
  const eventName = call.arguments[0] ? staticStringValue(call.arguments[0], checker) : undefined;
  return eventName !== undefined && NON_CONTENT_CALLBACK_PATTERN.test(eventName);
}

export function evaluateCall(walker: Walker, call: ts.CallExpression): TaintValue {
  const analysis = walker.analysis;
  const callee = skipTransparent(call.expression);
  const stateUpdate = ts.isIdentifier(callee) ? setStateCall(walker, call, callee) : undefined;
  if (stateUpdate) {
    return stateUpdate;
  }
  // `resolve(text)` in a promise executor, `controller.enqueue(chunk)` in a stream's source: the
  // promise or the stream now holds what is handed over.
  const handOver = ts.isIdentifier(callee)
    ? walker.symbolOf(callee)
    : ts.isPropertyAccessExpression(callee) && callee.name.text === 'enqueue' && ts.isIdentifier(callee.expression)
      ? walker.symbolOf(callee.expression)
      : undefined;
  const handedTo = handOver && walker.resolverOwner(handOver);
  if (handOver && handedTo) {
    handedTo.resolveWith(handOver, call.arguments.map(argument => walker.evaluate(argument)).reduce(join, CLEAN));
    return CLEAN;
  }
  // A route file reached only by requests (`app-routes.ts`): a call handed none of their data needs
  // no callee, and most others are read as untyped code.
  if (walker.routeOnly && !mentionsData(walker, call)) {
    return inertRouteCall(walker, call, callee);
  }
  const info = (walker.routeOnly ? untypedRouteCallee(walker, callee) : undefined) ?? analysis.callees.resolve(call);
  const method = info.name;
  let receiver = CLEAN;
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
    receiver = walker.evaluate(callee.expression);
    if (ts.isElementAccessExpression(callee)) walker.evaluate(callee.argumentExpression);
  } else if (!ts.isIdentifier(callee) && !ts.isArrowFunction(callee) && !ts.isFunctionExpression(callee)) {
    // An immediately invoked function is walked once, as the call (below), not also on its own.
    walker.evaluate(callee);
  }

  const declaredInSdk = isDeclaredInSdk(info);
  // A route file reached only by requests calls no model, no LLM endpoint and no SDK (that would be
  // evidence of its own): its calls are no sources.
  const returns = walker.routeOnly ? NO_SOURCE : analysis.typeSources.callReturns(call, declaredInSdk);
  // `fetch(`${base}/chat/completions`, ...)`, `callLlm(CHAT_URL, { messages })`: a model call by its endpoint.
  const endpoint = declaredInSdk || walker.routeOnly ? undefined : analysis.endpoints.endpointCall(call, info);
  const returnsOutput = !walker.routeOnly && (returns.output || isOutputCall(analysis, call, info) || endpoint !== undefined);
  // A real model call (`create`, `streamText`, ...) rather than any SDK method returning an output type.
  const modelCall = endpoint !== undefined || (returnsOutput && isModelCall(analysis, call, info));
  const sourceTaint = returnsOutput
    ? taintValue({
        kind: 'output',
        origin: call,
        label: endpoint ? `the response of '${info.text}()' to ${endpoint.api}` : `'${info.text}()'`,
        ...(modelCall && isFixedPrompt(endpoint ? endpoint.bodies : promptArgumentsOf(call, info, walker.checker).map(argument => argument.expression), walker.checker)
          ? { fixedPrompt: true as const }
          : {}),
      })
    : returns.prompt
      ? taintValue({ kind: 'prompt', origin: call, label: `'${info.text}()'` })
      : CLEAN;

  // Arguments, with function literals analysed in the context of this call.
  let callbackResult = CLEAN;
  let analysedCallback = false;
  // `list.map(x => ...)`, `promise.then(x => ...)`: the elements (or the resolved value) reach the
  // callback's parameters, on library and SDK objects alike (an SDK's `APIPromise.then`).
  // Untyped code (`data.split('\x1e').map(part => JSON.parse(part))` in JavaScript): the method name is all there is.
  const untypedTextMethod = info.declarations.length === 0 && method !== undefined && UNTYPED_TEXT_METHODS.has(method);
  const arrayMethod = isLibraryMethod(info) || declaredInSdk || untypedTextMethod;
  const elementParameters = method !== undefined && isTainted(receiver) && arrayMethod ? ELEMENT_CALLBACKS.get(method) : undefined;
  // `list.reduce(fn, initial)`: the accumulator starts as `initial` (joined into the result below), not as an element.
  const accumulatorFromInitial = method !== undefined && ACCUMULATOR_METHODS.has(method) && call.arguments.length > 1;
  // `stream.on('text', cb)` on an SDK stream, `res.data.on('data', cb)` on a response that carries output.
  // The event's name is read last: it may ask the checker.
  const sdkEvent =
    isTainted(receiver) && (declaredInSdk || (method !== undefined && EVENT_SUBSCRIBE_METHODS.has(method))) && !isNonContentEvent(call, walker.checker);
  // `wsp.onSend.addListener(frame => ...)` on a connection to an LLM: the frames sent hold the prompt.
  const sentFrames =
    sdkEvent && ts.isPropertyAccessExpression(callee) && ts.isPropertyAccessExpression(callee.expression) && SENT_FRAME_CHANNELS.has(callee.expression.name.text);
  const eventValue = sentFrames ? taintValue({ kind: 'prompt', origin: call, label: `the frames sent over '${calleeText(callee.expression)}'` }) : withoutFields(receiver);
  const callbackSeeds = (parameterCount: number): TaintValue[] => {
    if (method !== undefined && ERROR_CALLBACK_METHODS.has(method)) {
      // `create(...).catch(e => log(e))`: the rejection is an error, not the data.
      return [];
    }
    if (elementParameters) {
      return Array.from({ length: parameterCount }, (_, index) =>
        elementParameters.includes(index) && !(index === 0 && accumulatorFromInitial) ? withoutFields(receiver) : CLEAN,
      );
    }
    if (modelCall) {
      // `post(LLM_URL, body, text => ...)`, `llm.generateResponse(query, (partial, done) => ...)`: the
      // model call (an app's own client of an LLM endpoint, an SDK) hands its callbacks the answer.
      return Array.from({ length: parameterCount }, () => sourceTaint);
    }
    // `stream.on('text', (delta, snapshot) => ...)`: SDK events carry the stream's output.
    return sdkEvent ? Array.from({ length: parameterCount }, () => eventValue) : [];
  };
  // Arguments a project function ignores (known from its result) are walked only for what they do.
  const ignored = modelCall || walker.routeOnly ? undefined : ignoredArguments(walker, call, info);
  const argumentValues = call.arguments.map((argument, index) => {
    const inner = skipTransparent(argument);
    if (ts.isFunctionExpression(inner) || ts.isArrowFunction(inner)) {
      const returned = runCallback(walker, inner, callbackSeeds(inner.parameters.length));
      analysedCallback = true;
      callbackResult = join(callbackResult, returned);
      // A project function may call it and return its result (`retry(() => create(...))`).
      return info.projectFunction ? functionValue(returned) : CLEAN;
    }
    if ((elementParameters || sdkEvent || modelCall) && (ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner))) {
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
    if (ignored?.has(index) && onlyReads(argument)) {
      return CLEAN;
    }
    return walker.evaluate(argument);
  });

  checkCallSinks(walker, call, info, argumentValues);
  if (modelCall) checkSdkTelemetry(walker, call, info, sourceTaint);
  checkTracedRunnable(walker, call, info);
  checkPersistedStore(walker, call, info);
  // `onMessage(data)` where `onMessage` is a parameter: its callers' callbacks receive `data`, and
  // what the call returns is what theirs return.
  const called = calleeValue(walker, callee, receiver);
  walker.recordCallbackCall(called, argumentValues);
  if (info.projectFunction) {
    applyCallbackCalls(walker, call, info, argumentValues);
    for (const alternative of info.alternatives ?? []) applyCallbackCalls(walker, call, { ...info, projectFunction: alternative }, argumentValues);
  }
  feedParserHandlers(walker, call, info, argumentValues);
  recordEmit(walker, call, method, argumentValues);
  listenToEmits(walker, call, method);
  if (!walker.routeOnly) recordAppRequest(walker, call);

  const weaklyEncrypted = weakEncryptionStep(walker, call, info, argumentValues);
  if (weaklyEncrypted) {
    return weaklyEncrypted;
  }
  if (isUserSanitizerCall(analysis, info) || (isTainted(receiver) && isFailedResponseRead(call))) {
    // A redaction helper the user named; the body of a failed response (the provider's error).
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

  if (analysedCallback && method !== undefined && CALLBACK_RESULT_METHODS.has(method) && arrayMethod) {
    // `angles.map(async angle => (await create(...)).choices[0].message.content)`: the callback's results.
    value = join(value, callbackResult);
    if (accumulatorFromInitial) value = join(value, argumentValues[1] ?? CLEAN);
  }
  if (info.projectFunction) {
    // Methods matched by name may live in any file, not only in the ones this file imports.
    if (info.byName) analysis.usesWholeProgram();
    const closure = localClosure(walker, info.projectFunction);
    value = join(value, closure ? runLocalClosure(walker, closure, call, argumentValues) : applySummary(walker, call, info, argumentValues));
    // A union of the app's own classes as receiver: what each member's method does.
    for (const alternative of info.alternatives ?? []) {
      value = join(value, applySummary(walker, call, { ...info, projectFunction: alternative }, argumentValues));
    }
  } else if (info.symbol && info.declarations.length > 0 && info.declarations.every(declaration => declaration.origin === undefined)) {
    // The app's own client behind an interface or an abstract class: what its implementations do,
    // and what the declared result type says (an SDK type, a conversation shape).
    for (const implementation of analysis.implementationsOf(info.symbol)) {
      value = join(value, applySummary(walker, call, { ...info, projectFunction: implementation }, argumentValues));
      // `this.doSendMessage({ prompt, onEvent(event) {...} })`: the callbacks each implementation calls with its answer.
      applyCallbackCalls(walker, call, { ...info, projectFunction: implementation }, argumentValues);
    }
    value = join(value, analysis.typeSources.declaredResultTaints(call, () => `'${info.text}()'`));
  } else if (isTainted(receiver) || argumentValues.some(isTainted)) {
    // `history.push(turn)`, also on an untyped receiver (`conversation.messages.push(...)` in JavaScript).
    if (method !== undefined && MUTATING_METHODS.has(method) && (isLibraryMethod(info) || info.declarations.length === 0)) {
      const stored = argumentValues.reduce((accumulated, argumentValue) => join(accumulated, withoutFields(argumentValue)), CLEAN);
      if (isTainted(stored) && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
        taintContainer(walker, callee.expression, stored);
      }
    }
    if (isTainted(receiver) && (isLibraryMethod(info) || declaredInSdk || propagatesReceiver(info) || untypedTextMethod)) {
      // `messages.map(m => m.id)`: what the analysed callback returns, not the elements themselves.
      const resultFromCallback = method !== undefined && CALLBACK_RESULT_METHODS.has(method) && analysedCallback;
      if (!resultFromCallback) value = join(value, withoutFields(receiver));
    }
    if (propagatesArguments(info, () => (info.unresolved ? undefined : analysis.callees.boundTo(call)))) {
      for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
    }
  }
  value = join(value, callResultOf(called));
  // `await request.json()` in a route handler: what the program posts to the route, field by field
  // (the handler's own parameter says nothing more: the framework calls it).
  const posted = requestBodyValue(walker, call);
  if (posted !== CLEAN) value = join(filterTaints(value, taint => taint.kind !== 'parameter'), posted);
  value = modelCall ? join(sourceTaint, value) : join(value, sourceTaint);
  if (resultTypeDecides(info)) {
    // `ChatRequest.parse(await req.json())`: what the schema says the value is.
    value = join(value, analysis.typeSources.declaredResultTaints(call, () => `'${info.text}()'`));
  }
  return applySanitizerTypes(analysis, call, walker.keepIfText(call, value));
}

/** The value a call calls: a variable (`onMessage`), or a field of the receiver (`options.onUpdate`). */
function calleeValue(walker: Walker, callee: ts.Expression, receiver: TaintValue): TaintValue {
  if (ts.isIdentifier(callee)) {
    const symbol = walker.symbolOf(callee);
    return (symbol && walker.lookup(symbol)) ?? CLEAN;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    return fieldValue(receiver, callee.name.text);
  }
  return CLEAN;
}

/** `new X(...)`: what the constructed type implies, plus arguments for library constructors that keep them (`new Blob([text])`). */
export function evaluateNew(walker: Walker, node: ts.NewExpression): TaintValue {
  const info = walker.analysis.callees.resolve(node);
  const executor = node.arguments?.[0] && skipTransparent(node.arguments[0]);
  if (info.name === 'Promise' && isLibraryMethod(info) && executor && (ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) {
    return runPromiseExecutor(walker, executor);
  }
  if (info.name === 'ReadableStream' && isLibraryMethod(info) && executor && ts.isObjectLiteralExpression(executor)) {
    return runStreamSource(walker, executor);
  }
  const argumentValues = (node.arguments ?? []).map(argument => walker.evaluate(argument));
  // `new SSE(url, { payload })`, `new WebSocket('wss://.../ChatHub')` to an LLM endpoint: its events are the answer.
  const endpoint = walker.analysis.endpoints.endpointNew(node);
  if (endpoint) {
    return taintValue({ kind: 'output', origin: node, label: `the events of 'new ${info.text}()' from ${endpoint.api}` });
  }
  let value = walker.analysis.typeSources.typeTaints(node, () => `'new ${info.text}()'`);
  if (propagatesArguments(info)) {
    for (const argumentValue of argumentValues) value = join(value, withoutFields(argumentValue));
  }
  return walker.keepIfText(node, value);
}
