import ts from 'typescript';

import { type CalleeInfo, calleeText, functionWithBodyOf } from '../callees.js';
import { weakEncryptionNote } from '../sinks/weak-encryption.js';
import type { FunctionLikeWithBody } from './summaries.js';
import { CLEAN, type TaintValue, annotate, isTainted, join, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Call steps into functions of the program: a call applies the callee's summary (which
 * parameters reach its result, a sink, a prompt); a function literal passed to a call is walked
 * in place with its parameters bound to what the call will pass; a function passed by reference
 * (`stream.on('text', printDelta)`) is applied through its summary.
 */

/** Analyses a function literal passed to a call, with its parameters bound to `seeds`. */
export function runCallback(walker: Walker, fn: ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration, seeds: readonly TaintValue[]): TaintValue {
  walker.analysis.inlineFunctions.add(fn);
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
 * A function passed by reference as a callback (`stream.on('text', printDelta)`): its summary says
 * which of the values it will receive reach a sink (reported at the reference) or its result.
 * `undefined` when the reference is not a function of the program.
 */
export function applyCallbackReference(walker: Walker, reference: ts.Expression, seeds: readonly TaintValue[]): TaintValue | undefined {
  const declaration = functionDeclarationOf(walker, reference);
  if (!declaration) {
    return undefined;
  }
  const summary = walker.analysis.functionResult(declaration).summary;
  const seedOf = (index: number): TaintValue => {
    const parameter = declaration.parameters[index];
    return parameter ? walker.keepIfText(parameter.name, seeds[index] ?? CLEAN) : CLEAN;
  };
  const name = calleeText(reference);
  for (const [index, hits] of summary.parameterSinks) {
    const seed = seedOf(index);
    if (!isTainted(seed)) continue;
    for (const hit of hits) {
      walker.record(seed, reference, { ...hit, via: [`${name}()`, ...hit.via] });
    }
  }
  let value = summary.returns;
  for (const index of summary.parametersToReturn) {
    value = join(value, seedOf(index));
  }
  return value;
}

/** The function of the program a reference names: a declaration, a method, or a `const` holding an arrow. */
function functionDeclarationOf(walker: Walker, reference: ts.Expression): FunctionLikeWithBody | undefined {
  const node = ts.isPropertyAccessExpression(reference) ? reference.name : reference;
  const symbol = walker.symbolOf(node);
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
  let value = summary.returns;
  for (const index of summary.parametersToReturn) {
    // A helper that "encrypts" weakly returns data that still counts as plaintext, and says why.
    const weak = summary.parameterSinks.get(index)?.find(hit => hit.weakness !== undefined);
    for (const argument of argumentsOf(index)) {
      const passed = withoutFields(argument.value);
      value = join(value, weak?.weakness ? annotate(passed, weakEncryptionNote(info.text, weak.weakness.reason)) : passed);
    }
  }
  for (const [index, hits] of summary.parameterSinks) {
    for (const argument of argumentsOf(index)) {
      if (!isTainted(argument.value)) continue;
      for (const hit of hits) {
        walker.record(argument.value, argument.node, { ...hit, via: [`${info.text}()`, ...hit.via] });
      }
    }
  }
  return value;
}
