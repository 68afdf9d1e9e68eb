import ts from '../typescript.cjs';

import { PERSISTED_STORE_SINKS } from '../../knowledge/sinks.js';
import type { CalleeInfo } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import type { Walker } from '../flow/walker.js';
import { originMatches } from '../packages.js';

/**
 * Sink evidence for state stores that persist themselves (`create(persist((set) => ({ messages:
 * [] }), { name: 'chat' }))`): the state (or what `partialize` selects) is written to storage on every
 * change, so the store is a sink when the state's type holds a conversation. Reported at the call
 * that makes the store persistent.
 */
export function checkPersistedStore(walker: Walker, call: ts.CallExpression, info: CalleeInfo): void {
  const sink = PERSISTED_STORE_SINKS.find(candidate =>
    info.declarations.some(declaration => candidate.names.includes(declaration.name) && candidate.from.some(pattern => originMatches(declaration.origin, pattern))),
  );
  const stateFunction = sink && call.arguments[sink.stateArgument];
  if (!sink || !stateFunction) {
    return;
  }
  const selector = sink.selectorOption === undefined ? undefined : selectorOf(call.arguments[sink.stateArgument + 1], sink.selectorOption, walker.checker);
  // The store's state is the persisting call's own result type (zustand's `StateCreator<ChatState>`,
  // redux-persist's reducer), unless `partialize` selects part of it.
  const persisted = selector ? returnTypeOf(selector, walker.checker) : (returnTypeOf(call, walker.checker) ?? returnTypeOf(stateFunction, walker.checker));
  if (!persisted) {
    return;
  }
  const value = walker.analysis.typeSources.taintsOfType(persisted, () => `the state persisted by '${info.text}()'`, call);
  if (value.taints.length > 0) {
    walker.record(value, call, { kind: 'storage', category: sink.category, callee: `${info.text}()`, via: [] });
  }
}

/** The function an options object gives for `name` (`partialize: state => ({ messages: state.messages })`). */
function selectorOf(options: ts.Expression | undefined, name: string, checker: ts.TypeChecker): ts.Node | undefined {
  const object = options && skipTransparent(options);
  if (!object || !ts.isObjectLiteralExpression(object)) {
    return undefined;
  }
  for (const property of object.properties) {
    if (property.name && staticPropertyName(property.name, checker) === name) {
      if (ts.isPropertyAssignment(property)) return property.initializer;
      if (ts.isMethodDeclaration(property)) return property;
    }
  }
  return undefined;
}

/** What a function returns, by its type. */
function returnTypeOf(fn: ts.Node, checker: ts.TypeChecker): ts.Type | undefined {
  try {
    const signature = checker.getTypeAtLocation(fn).getCallSignatures()[0];
    return signature?.getReturnType();
  } catch {
    return undefined;
  }
}
