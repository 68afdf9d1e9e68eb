import ts from '../typescript.cjs';

import { ASSIGNMENT_SINKS } from '../../knowledge/sinks.js';
import { calleeText } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { type TaintValue, isTainted } from '../flow/taint.js';
import type { Walker } from '../flow/walker.js';
import { typeIsOneOf } from '../sources/type-families.js';

/** Sink evidence for assignments: `localStorage.history = json`, `document.cookie = ...`. */
export function checkAssignmentSink(walker: Walker, target: ts.Expression, valueNode: ts.Expression, value: TaintValue): void {
  if (!isTainted(value)) {
    return;
  }
  const left = skipTransparent(target);
  if (!ts.isPropertyAccessExpression(left) && !ts.isElementAccessExpression(left)) {
    return;
  }
  const property = ts.isPropertyAccessExpression(left) ? left.name.text : staticPropertyName(left.argumentExpression, walker.checker);
  for (const sink of ASSIGNMENT_SINKS) {
    if (sink.properties && (property === undefined || !sink.properties.includes(property))) continue;
    if (!typeIsOneOf(walker.analysis.program, walker.checker, left.expression, sink.objectTypes, sink.from)) continue;
    walker.record(value, valueNode, { kind: sink.kind, category: sink.category, callee: `${calleeText(left)} =`, via: [] });
    return;
  }
}
