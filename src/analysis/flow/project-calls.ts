import ts from '../typescript.cjs';

import { EMIT_METHOD } from '../../knowledge/propagation.js';
import { type CalleeInfo, calleeText, functionWithBodyOf } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { weakEncryptionNote } from '../sinks/weak-encryption.js';
import type { SinkHit } from './finding.js';
import type { FunctionLikeWithBody, ParameterSinkHit } from './summaries.js';
import { CLEAN, type TaintValue, annotate, filterTaints, isTainted, join, valueAtPath, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Call steps into functions of the program: a call applies the callee's summary (which
 * parameters reach its result, a sink, a prompt); a function literal passed to a call is walked
 * in place with its parameters bound to what the call will pass; a function passed by reference
 * (`stream.on('text', printDelta)`) is applied through its summary.
 */

/** Analyses a function literal passed to a call (or a local closure called here), with its parameters bound to `seeds`. */
export function runCallback(walker: Walker, fn: FunctionLikeWithBody, seeds: readonly TaintValue[]): TaintValue {
  walker.analysis.analysedInPlace(fn);
  const callback = walker.child(fn);
  callback.runFunction(
    fn,
    fn.parameters.map((parameter, index) => callback.keepIfText(parameter.name, seeds[index] ?? CLEAN)),
    false,
  );
  walker.findings.push(...callback.findings);
  return callback.returned();
}

/**
 * A local closure called here, walked in place. A closure called from several places (a
 * `const report = (message, level) => mcpLog[level](message)` wrapper) is generic: what a call
 * gives it is reported at that call, where the data is put in, like a helper's summary, not at its
 * one sink line that every call shares. A closure called once is reported where it writes.
 */
export function runLocalClosure(walker: Walker, fn: FunctionLikeWithBody, call: ts.CallExpression, argumentValues: readonly TaintValue[]): TaintValue {
  const before = walker.findings.length;
  const returned = runCallback(walker, fn, argumentValues);
  const name = closureName(fn);
  if (name === undefined || callsInScope(fn, name) < 2) {
    return returned;
  }
  for (let index = before; index < walker.findings.length; index += 1) {
    const finding = walker.findings[index]!;
    if (finding.node.pos < fn.pos || finding.node.end > fn.end) continue;
    const passedIn = argumentValues.findIndex(value => value.taints.some(taint => taint.kind === finding.taint.kind && taint.origin === finding.taint.origin));
    const argument = call.arguments[passedIn];
    if (!argument) continue;
    walker.findings[index] = {
      taint: finding.taint,
      node: argument,
      sink: { ...finding.sink, via: [`${name}()`, ...finding.sink.via], at: finding.sink.at ?? finding.node },
      insideClosure: finding.insideClosure ?? finding.node,
    };
  }
  return returned;
}

/** `const report = (...) => ...`, `function report(...) {...}`: the name the closure is called by. */
function closureName(fn: FunctionLikeWithBody): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  return ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
}

/** Calls of a closure by its name in the function (or file) declaring it: syntax only, cached per closure. */
const closureCallCounts = new WeakMap<ts.Node, number>();

function callsInScope(fn: FunctionLikeWithBody, name: string): number {
  let count = closureCallCounts.get(fn);
  if (count === undefined) {
    const scope = ts.findAncestor(fn.parent, node => ts.isSourceFile(node) || (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined)) ?? fn.getSourceFile();
    let found = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) found += 1;
      ts.forEachChild(node, visit);
    };
    visit(scope);
    count = found;
    closureCallCounts.set(fn, count);
  }
  return count;
}

/** Closures nested deeper than this are applied through their summaries (bounds repeated walks). */
const MAX_CLOSURE_NESTING = 6;

/**
 * A function declared inside the function being walked and called there (`const end = async () =>
 * span.update({ input })`): walked in place like a callback, so the variables it reads from around it
 * have their values at the call, which its summary (made without them) cannot know. A closure that
 * calls itself, or one nested too deep, goes through its summary.
 */
export function localClosure(walker: Walker, fn: ts.SignatureDeclaration): FunctionLikeWithBody | undefined {
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || fn.body === undefined || fn.getSourceFile() !== walker.owner.getSourceFile()) {
    return undefined;
  }
  if (fn.parameters.some(parameter => parameter.dotDotDotToken)) {
    // A variadic wrapper (`const report = (level, ...args) => logFn[level](...args)`) forwards what
    // each call gives it: its summary reports at the calls, where the data is put in.
    return undefined;
  }
  let encloses = false;
  let nesting = 0;
  for (let current: Walker | undefined = walker; current; current = current.parent) {
    if (current.owner === fn || ++nesting > MAX_CLOSURE_NESTING) {
      return undefined;
    }
    if (!ts.isSourceFile(current.owner) && ts.findAncestor(fn.parent, node => node === current.owner) !== undefined) {
      encloses = true;
    }
  }
  // A route file reached only by requests: its functions are walked where the handler calls them,
  // with the request's data, so what they do with their other arguments needs no analysis at all.
  return encloses || walker.routeOnly ? fn : undefined;
}

/**
 * A function passed by reference as a callback (`stream.on('text', printDelta)`): its summary says
 * which of the values it will receive reach a sink (reported at the reference) or its result.
 * `undefined` when the reference is not a function of the program.
 */
export function applyCallbackReference(walker: Walker, reference: ts.Expression, seeds: readonly TaintValue[]): TaintValue | undefined {
  const declaration = functionDeclarationOf(walker, reference);
  if (!declaration) {
    return undefined;
  }
  const closure = localClosure(walker, declaration);
  if (closure) {
    // `const listener = data => {...}; wsp.onMessage.addListener(listener)`: walked in place, like a
    // callback written inline, so what it logs is reported where it logs it.
    return runCallback(walker, closure, seeds);
  }
  const summary = walker.analysis.functionResult(declaration).summary;
  const seedOf = (index: number): TaintValue => {
    const parameter = declaration.parameters[index];
    return parameter ? walker.keepIfText(parameter.name, seeds[index] ?? CLEAN) : CLEAN;
  };
  const name = calleeText(reference);
  for (const [index, hits] of summary.parameterSinks) {
    for (const hit of hits) {
      const reaching = notReportedInside(valueAtPath(seedOf(index), hit.path), hit);
      if (isTainted(reaching)) walker.record(reaching, reference, through(hit, name));
    }
  }
  return instantiate(summary.returnShape, seedOf);
}

/** One report per flow: data of a kind already reported at the sink inside the function is not reported again at the call. */
function notReportedInside(value: TaintValue, hit: ParameterSinkHit): TaintValue {
  return hit.reportedInside.length === 0 ? value : filterTaints(value, taint => taint.kind === 'parameter' || !hit.reportedInside.includes(taint.kind));
}

/** A sink inside a function, as seen from a call of it: the function joins the way there. */
function through(hit: ParameterSinkHit, calleeText: string): SinkHit {
  return {
    kind: hit.kind,
    category: hit.category,
    callee: hit.callee,
    via: [`${calleeText}()`, ...hit.via],
    ...(hit.weakness ? { weakness: hit.weakness } : {}),
    ...(hit.at ? { at: hit.at } : {}),
    // What the sink does not receive holds for every caller up the chain.
    ...(hit.notReceived ? { notReceived: hit.notReceived } : {}),
    ...(hit.toolCall ? { toolCall: hit.toolCall } : {}),
    ...(hit.reportedInside.length > 0 || hit.reportedBelow ? { reportedBelow: [...hit.reportedInside, ...(hit.reportedBelow ?? [])] } : {}),
  };
}

/** The function of the program a reference names: a declaration, a method, or a `const` holding an arrow. */
function functionDeclarationOf(walker: Walker, reference: ts.Expression): FunctionLikeWithBody | undefined {
  const node = ts.isPropertyAccessExpression(reference) ? reference.name : reference;
  // `{ onProgress }`: the variable the shorthand property is given, not the property.
  const symbol = ts.isShorthandPropertyAssignment(node.parent) ? walker.checker.getShorthandAssignmentValueSymbol(node.parent) : walker.symbolOf(node);
  return symbol ? functionWithBodyOf(symbol.flags & ts.SymbolFlags.Alias ? walker.checker.getAliasedSymbol(symbol) : symbol) : undefined;
}

/** A call of a project function: its summary applied to the arguments' values. */
export function applySummary(walker: Walker, call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): TaintValue {
  const declaration = info.projectFunction!;
  const summary = walker.analysis.functionResult(declaration).summary;
  const restIndex = declaration.parameters.findIndex(parameter => parameter.dotDotDotToken !== undefined);
  const argumentsOf = (index: number): { value: TaintValue; node: ts.Node }[] => {
    if (restIndex !== -1 && index === restIndex) {
      return argumentValues.slice(index).map((value, offset) => ({ value, node: call.arguments[index + offset]! }));
    }
    const node = call.arguments[index];
    return node ? [{ value: argumentValues[index] ?? CLEAN, node }] : [];
  };
  const passed = (index: number): TaintValue => {
    const value = argumentsOf(index).reduce((joined, argument) => join(joined, argument.value), CLEAN);
    // A helper that "encrypts" weakly returns data that still counts as plaintext, and says why.
    const weak = summary.parameterSinks.get(index)?.find(hit => hit.weakness !== undefined);
    return weak?.weakness ? annotate(value, weakEncryptionNote(info.text, weak.weakness.reason)) : value;
  };
  const value = instantiate(summary.returnShape, passed);
  for (const [index, hits] of summary.parameterSinks) {
    for (const argument of argumentsOf(index)) {
      for (const hit of hits) {
        const reaching = notReportedInside(valueAtPath(argument.value, hit.path), hit);
        if (isTainted(reaching)) walker.record(reaching, argument.node, through(hit, info.text));
      }
    }
  }
  return value;
}

/**
 * The arguments of a call to a project function that its known result ignores: they reach no
 * sink, prompt, callback or return (`calculateTurn(chat.messages)` counting turns). One that only
 * reads (`chat.messages`) need not be evaluated, which spares the checker the type of `chat`. Only
 * a result known already counts (analysed, or carried from the previous program), so the order in
 * which functions are analysed stays as it was; a function walked in place, or any call a user
 * setting may name, is left as it was.
 */
export function ignoredArguments(walker: Walker, call: ts.CallExpression, info: CalleeInfo): ReadonlySet<number> | undefined {
  const declaration = info.projectFunction;
  const custom = walker.analysis.customization;
  const userNamed = [custom.logSinks, custom.storageSinks, custom.outputSources, custom.promptSources, custom.sanitizers].some(list => list.length > 0);
  if (!declaration || (info.alternatives?.length ?? 0) > 0 || info.byName || info.name === EMIT_METHOD || userNamed || call.arguments.length === 0) {
    return undefined;
  }
  if (declaration.parameters.some(parameter => parameter.dotDotDotToken) || localClosure(walker, declaration)) {
    return undefined;
  }
  const summary = walker.analysis.knownResult(declaration)?.summary;
  if (!summary) {
    return undefined;
  }
  const ignored = new Set<number>();
  call.arguments.forEach((argument, index) => {
    // A callback is found in the argument itself, or in a property of an object literal (`callbackAt`).
    const calledBack = summary.callbackCalls.get(index)?.some(callbackCall => callbackCall.path.length === 0 || ts.isObjectLiteralExpression(skipTransparent(argument)));
    const used =
      summary.parametersToReturn.has(index) ||
      summary.parameterSinks.has(index) ||
      summary.parametersToPrompt.has(index) ||
      summary.parameterFieldsToPrompt.has(index) ||
      calledBack ||
      mentionsParameter(summary.returnShape, index) ||
      [...summary.callbackCalls.values()].some(calls => calls.some(callbackCall => callbackCall.arguments.some(value => mentionsParameter(value, index))));
    if (!used) ignored.add(index);
  });
  return ignored;
}

/** Whether a value (or any of its fields) holds a parameter's data. */
function mentionsParameter(value: TaintValue, index: number, depth = 0): boolean {
  if (value.taints.some(taint => taint.kind === 'parameter' && taint.parameterIndex === index)) return true;
  if (depth > MAX_SHAPE_DEPTH) return true;
  if (value.rest && mentionsParameter(value.rest, index, depth + 1)) return true;
  for (const field of value.fields?.values() ?? []) if (mentionsParameter(field, index, depth + 1)) return true;
  return false;
}

/**
 * The callbacks a call passes to a project function that calls them with data
 * (`parseSSE(resp, message => log(message))`, `client.chat({ messages, onUpdate: text => ... })`):
 * each is walked again with its parameters bound to what the function passes, named in terms of
 * this call's arguments.
 */
export function applyCallbackCalls(walker: Walker, call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): void {
  if (call.arguments.length === 0) {
    // No callback given: nothing to run, and no summary needed (an immediately invoked function is walked in place).
    return;
  }
  const summary = walker.analysis.functionResult(info.projectFunction!).summary;
  for (const [index, calls] of summary.callbackCalls) {
    const argument = call.arguments[index];
    if (!argument) continue;
    for (const callbackCall of calls) {
      const seeds = callbackCall.arguments.map(value => instantiate(value, index => argumentValues[index] ?? CLEAN));
      if (!seeds.some(isTainted)) continue;
      const callback = callbackAt(argument, callbackCall.path, walker);
      if (!callback) continue;
      if (ts.isFunctionExpression(callback) || ts.isArrowFunction(callback) || ts.isMethodDeclaration(callback)) {
        runCallback(walker, callback, seeds);
      } else {
        applyCallbackReference(walker, callback, seeds);
      }
    }
  }
}

/** The function found at a field path of an argument: the argument itself, or a property of an object literal. */
function callbackAt(argument: ts.Expression, path: readonly string[], walker: Walker): ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.Expression | undefined {
  const node = skipTransparent(argument);
  if (path.length === 0) {
    return ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? node : undefined;
  }
  if (path.length !== 1 || !ts.isObjectLiteralExpression(node)) {
    return undefined;
  }
  for (const property of node.properties) {
    const name = property.name ? staticPropertyName(property.name, walker.checker) : undefined;
    if (name !== path[0]) continue;
    if (ts.isMethodDeclaration(property)) return property;
    if (ts.isPropertyAssignment(property)) return callbackAt(property.initializer, [], walker);
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}

/** A summary's value in terms of one call: "what the caller passes as argument k" becomes that argument's value. */
function instantiate(value: TaintValue, argumentOf: (index: number) => TaintValue, depth = 0): TaintValue {
  let result = CLEAN;
  for (const taint of value.taints) {
    if (taint.kind === 'parameter') {
      result = join(result, withoutFields(valueAtPath(argumentOf(taint.parameterIndex ?? -1), taint.path ?? [])));
    } else {
      result = join(result, { taints: [taint] });
    }
  }
  if (!value.fields || depth >= MAX_SHAPE_DEPTH) {
    return result;
  }
  // A returned object keeps its fields: `return { run, steps }` gives the caller a clean `run`.
  const fields = new Map<string, TaintValue>();
  for (const [name, field] of value.fields) fields.set(name, instantiate(field, argumentOf, depth + 1));
  const rest = value.rest && instantiate(value.rest, argumentOf, depth + 1);
  return { taints: result.taints, fields, ...(rest && (isTainted(rest) || rest.fields) ? { rest } : {}) };
}

/** Returned objects keep their fields this many levels deep. */
const MAX_SHAPE_DEPTH = 3;

/** Methods of a stream's underlying source that enqueue its chunks. */
const STREAM_SOURCE_METHODS: ReadonlySet<string> = new Set(['start', 'pull']);

/**
 * `new ReadableStream({ start(controller) { ... controller.enqueue(chunk) } })`: the stream holds what
 * its source's `start` and `pull` enqueue, also from callbacks they hand on (a client's `onEvent`
 * that enqueues each answer), read back through `getReader().read()` or `for await`.
 */
export function runStreamSource(walker: Walker, source: ts.ObjectLiteralExpression): TaintValue {
  let held = CLEAN;
  for (const property of source.properties) {
    const name = property.name ? staticPropertyName(property.name, walker.checker) : undefined;
    const initializer = ts.isPropertyAssignment(property) ? skipTransparent(property.initializer) : undefined;
    const fn = ts.isMethodDeclaration(property) ? property : initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) ? initializer : undefined;
    if (name !== undefined && STREAM_SOURCE_METHODS.has(name) && fn?.body) held = join(held, runHandingOn(walker, fn));
  }
  return held;
}

/**
 * `new Promise((resolve, reject) => { ... resolve(text) ... })`: the executor is walked with
 * `resolve` tracked, and the promise holds what it is called with (`await` and `then` read it).
 */
export function runPromiseExecutor(walker: Walker, executor: ts.FunctionExpression | ts.ArrowFunction): TaintValue {
  return runHandingOn(walker, executor);
}

/**
 * Walks a function in place with its first parameter tracked as a hand-over (a promise's `resolve`,
 * a stream controller's `enqueue`): what is handed over through it, from the function or from the
 * callbacks it passes on.
 */
function runHandingOn(walker: Walker, fn: FunctionLikeWithBody): TaintValue {
  walker.analysis.analysedInPlace(fn);
  const child = walker.child(fn);
  const handOver = fn.parameters[0];
  const symbol = handOver && ts.isIdentifier(handOver.name) ? walker.symbolOf(handOver.name) : undefined;
  if (symbol) child.resolvers.set(symbol, CLEAN);
  child.runFunction(fn, [], false);
  walker.findings.push(...child.findings);
  return symbol ? (child.resolvers.get(symbol) ?? CLEAN) : CLEAN;
}
