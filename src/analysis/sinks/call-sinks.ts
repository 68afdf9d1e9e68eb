import ts from '../typescript.cjs';

import { CALL_SINKS, type CallSink, PATH_SINKS, STORAGE_SINKS, UNTYPED_BUILDER_SINKS, UNTYPED_LOGGER_SINK, type UntypedBuilderSink } from '../../knowledge/sinks.js';
import type { CalleeInfo } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import type { SinkHit } from '../flow/finding.js';
import { CLEAN, type TaintValue, fieldValue, isTainted } from '../flow/taint.js';
import type { Walker } from '../flow/walker.js';
import { originMatches } from '../packages.js';
import { toolPartKind } from '../sanitizers/tool-parts.js';
import { typeIsOneOf } from '../sources/type-families.js';
import { calleeMatchesUser } from '../sources/user-specifiers.js';

/**
 * Sink evidence for calls: a call writes its arguments to a log, telemetry or storage when its
 * callee is declared under a sink's name in a sink's package (`knowledge/sinks.ts`), when the
 * receiver has a sink's type (`fs.createWriteStream(path).write(data)`), when it is a known global
 * path (`process.stderr.write`), or when the user configured it as a sink.
 */

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

/** Records the sensitive arguments of a call that writes them out. */
export function checkCallSinks(walker: Walker, call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): void {
  if (!argumentValues.some(isTainted)) {
    return;
  }
  const callee = `${info.text}()`;
  const matched = new Set<CallSink>();
  // A call whose package does not resolve is matched by what its import binds it to.
  const bound = !info.unresolved && info.declarations.length === 0 && info.name !== undefined && SINKS_BY_NAME.has(info.name) ? walker.analysis.callees.boundTo(call) : undefined;
  for (const declaration of bound ? [bound] : info.declarations) {
    for (const sink of SINKS_BY_NAME.get(declaration.name) ?? []) {
      if (matched.has(sink)) continue;
      if (sink.receiverTypes) {
        if (!receiverTypeMatches(walker, call, sink)) continue;
      } else if (!sink.from.some(pattern => originMatches(declaration.origin, pattern))) {
        continue;
      }
      if (sink.receivers && (declaration.container === undefined || !sink.receivers.includes(declaration.container))) continue;
      matched.add(sink);
      recordSinkArguments(walker, call, argumentValues, sink, { kind: sink.kind, category: sink.category, callee, via: [] });
    }
  }
  if (matched.size > 0) {
    return;
  }
  if (info.declarations.length === 0) {
    const builder = untypedBuilderSink(walker, call, info);
    if (builder) {
      recordSinkArguments(walker, call, argumentValues, builder, { kind: builder.kind, category: builder.category, callee, via: [] });
      return;
    }
    if (isUntypedLoggerCall(call)) {
      recordSinkArguments(walker, call, argumentValues, {}, { kind: UNTYPED_LOGGER_SINK.kind, category: UNTYPED_LOGGER_SINK.category, callee, via: [] });
      return;
    }
  }
  const path = calleePath(call.expression);
  if (path) {
    for (const sink of PATH_SINKS) {
      if (sink.path === path && isGlobalRoot(walker, call.expression)) {
        recordSinkArguments(walker, call, argumentValues, sink, { kind: sink.kind, category: sink.category, callee, via: [] });
        return;
      }
    }
  }
  const customization = walker.analysis.customization;
  if (calleeMatchesUser(info, customization.logSinks)) {
    recordSinkArguments(walker, call, argumentValues, {}, { kind: 'log', category: 'logger', callee, via: [] });
  }
  if (calleeMatchesUser(info, customization.storageSinks)) {
    recordSinkArguments(walker, call, argumentValues, {}, { kind: 'storage', category: 'database', callee, via: [] });
  }
}

/** Which arguments (or properties of an options argument) a sink writes out. */
interface WrittenArguments {
  readonly arguments?: readonly number[];
  readonly argumentsFrom?: number;
  readonly properties?: readonly string[];
}

function recordSinkArguments(walker: Walker, call: ts.CallExpression, argumentValues: readonly TaintValue[], sink: WrittenArguments, hit: SinkHit): void {
  call.arguments.forEach((argument, index) => {
    if (sink.arguments && !sink.arguments.includes(index)) return;
    if (sink.argumentsFrom !== undefined && index < sink.argumentsFrom) return;
    const value = argumentValues[index] ?? CLEAN;
    if (!isTainted(value)) return;
    const object = skipTransparent(argument);
    if (sink.properties && ts.isObjectLiteralExpression(object)) {
      for (const property of object.properties) {
        const name = property.name ? staticPropertyName(property.name, walker.checker) : undefined;
        if (name === undefined || !sink.properties.includes(name)) continue;
        const propertyValue = fieldValue(value, name);
        if (isTainted(propertyValue)) walker.record(propertyValue, property, hit);
      }
      return;
    }
    // A tool call is what the model asked for, a tool result what the app answered: not what the user said.
    const toolPart = toolPartKind(walker.checker, argument);
    walker.record(value, argument, toolPart === 'call' ? { ...hit, toolCall: true } : toolPart === 'result' ? { ...hit, notReceived: ['prompt'] } : hit);
  });
}

/** `tx.insert(messages).values(row)` on an untyped `tx`: the table's declared type decides. */
function untypedBuilderSink(walker: Walker, call: ts.CallExpression, info: CalleeInfo): UntypedBuilderSink | undefined {
  const callee = skipTransparent(call.expression);
  const start = ts.isPropertyAccessExpression(callee) ? skipTransparent(callee.expression) : undefined;
  if (!start || !ts.isCallExpression(start) || !ts.isPropertyAccessExpression(start.expression) || !start.arguments[0]) {
    return undefined;
  }
  const startName = start.expression.name.text;
  const table = start.arguments[0];
  return UNTYPED_BUILDER_SINKS.find(
    sink =>
      sink.names.includes(info.name ?? '') &&
      sink.start.includes(startName) &&
      typeIsOneOf(walker.analysis.program, walker.checker, table, sink.tableTypes, sink.from),
  );
}

/**
 * `log.info(x)`, `this.logger.debug(x)` on a receiver without a type: its name and the method's
 * decide. `mcpLog[level](x)` picks the level at run time: any of them is a log.
 */
function isUntypedLoggerCall(call: ts.CallExpression): boolean {
  const callee = skipTransparent(call.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) {
    return false;
  }
  const levels: readonly string[] = UNTYPED_LOGGER_SINK.names;
  const key = ts.isElementAccessExpression(callee) ? skipTransparent(callee.argumentExpression) : undefined;
  const isLevel = ts.isPropertyAccessExpression(callee)
    ? levels.includes(callee.name.text)
    : ts.isStringLiteralLike(key!)
      ? levels.includes(key.text)
      : // A level held by a variable or field (`logger[level]`, `log[options.level]`): any of them.
        ts.isIdentifier(key!) || ts.isPropertyAccessExpression(key!);
  if (!isLevel) {
    return false;
  }
  const receiver = skipTransparent(callee.expression);
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : undefined;
  return name !== undefined && UNTYPED_LOGGER_SINK.receiverName.test(name);
}

/** `fs.createWriteStream(path).write(data)`: the receiver's type decides. */
function receiverTypeMatches(walker: Walker, call: ts.CallExpression, sink: CallSink): boolean {
  const callee = skipTransparent(call.expression);
  if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) {
    return false;
  }
  return typeIsOneOf(walker.analysis.program, walker.checker, callee.expression, sink.receiverTypes ?? [], sink.from);
}

function isGlobalRoot(walker: Walker, expression: ts.Expression): boolean {
  let root = skipTransparent(expression);
  while (ts.isPropertyAccessExpression(root)) root = skipTransparent(root.expression);
  const symbol = ts.isIdentifier(root) ? walker.symbolOf(root) : undefined;
  return symbol?.getDeclarations()?.some(declaration => declaration.getSourceFile().isDeclarationFile) ?? false;
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
