import ts from '../typescript.cjs';

import { STREAM_CALLBACK_OPTIONS } from '../../knowledge/llm-endpoints.js';
import { OUTPUT_CALLBACK_OPTIONS } from '../../knowledge/llm-sdks.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { applyCallbackReference, runCallback } from './project-calls.js';
import { CLEAN, type TaintValue, fieldValue, join, objectValue, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/** Options whose callbacks receive a model call's output (`onFinish`, `onChunk`, an app client's `onUpdate`). */
function receivesOutput(name: string): boolean {
  return OUTPUT_CALLBACK_OPTIONS.has(name) || STREAM_CALLBACK_OPTIONS.has(name);
}

/**
 * Local step for object literals: each property keeps its own value, so `{ text, tokens }.tokens`
 * stays clean. Given a `callbackTaint` (the object is the options of a model call), callbacks
 * named in `OUTPUT_CALLBACK_OPTIONS` (`onFinish`, `onChunk`, ...) receive it as their parameters.
 */
export function evaluateObject(walker: Walker, node: ts.ObjectLiteralExpression, callbackTaint?: TaintValue): TaintValue {
  const analysis = walker.analysis;
  const fields = new Map<string, TaintValue>();
  let unknownParts = CLEAN;
  // A model call's handlers, walked where they are: they run many times, in any order.
  const handlers: (() => void)[] = [];
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property)) {
      const name = staticPropertyName(property.name, walker.checker);
      const initializer = skipTransparent(property.initializer);
      let value: TaintValue;
      if (callbackTaint && name !== undefined && (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer))) {
        const seeds = receivesOutput(name) ? [callbackTaint] : [];
        value = runCallback(walker, initializer, seeds);
        handlers.push(() => runCallback(walker, initializer, seeds));
      } else if (callbackTaint && name !== undefined && receivesOutput(name) && (ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer))) {
        // `onFinish: handleFinish` with the handler declared elsewhere.
        value = applyCallbackReference(walker, initializer, [callbackTaint]) ?? walker.evaluate(property.initializer);
      } else {
        value = walker.evaluate(property.initializer);
      }
      if (name === undefined) {
        // `[key]: value` may overwrite any field written before it.
        for (const [known, before] of fields) fields.set(known, join(before, withoutFields(value)));
        unknownParts = join(unknownParts, withoutFields(value));
      } else {
        fields.set(name, value);
      }
    } else if (ts.isShorthandPropertyAssignment(property)) {
      fields.set(property.name.text, walker.evaluate(property.name));
    } else if (ts.isSpreadAssignment(property)) {
      const spread = walker.evaluate(property.expression);
      if (spread.fields && !spread.rest) {
        for (const [name, value] of spread.fields) fields.set(name, value);
      } else {
        // The spread object may overwrite any field written before it; later fields overwrite it.
        for (const [known, before] of fields) fields.set(known, join(before, fieldValue(spread, known)));
        unknownParts = join(unknownParts, spread);
      }
    } else if (ts.isMethodDeclaration(property) && property.body) {
      const name = staticPropertyName(property.name, walker.checker);
      if (callbackTaint && name !== undefined) {
        // Also handlers given no data (`onclose() { resolve(lastEvent) }`): they read what the others wrote.
        const seeds = receivesOutput(name) ? [callbackTaint] : [];
        runCallback(walker, property, seeds);
        handlers.push(() => runCallback(walker, property, seeds));
      } else {
        analysis.analyseDeclared(property, walker);
      }
    } else if (ts.isAccessor(property) && property.body) {
      analysis.analyseDeclared(property, walker);
    }
  }
  // A second round, so a handler sees what another (or a later run of itself) wrote to the variables
  // around them: `onmessage` sets `lastEvent`, `onclose` resolves the promise with it.
  for (const handler of handlers) handler();
  return objectValue(fields, unknownParts);
}
