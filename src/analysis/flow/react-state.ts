import ts from '../typescript.cjs';

import { STATE_HOOKS } from '../../knowledge/propagation.js';
import { PERSISTED_STATE_HOOKS } from '../../knowledge/sinks.js';
import type { CalleeInfo } from '../callees.js';
import { skipTransparent } from '../constants.js';
import type { SinkHit } from './finding.js';
import { originMatches } from '../packages.js';
import { runCallback } from './project-calls.js';
import { CLEAN, type TaintValue, isTainted, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/** A state hook's setter: the state variable it writes, and the storage it also writes to, if any. */
export interface StateSetter {
  readonly state: ts.Symbol;
  readonly persisted?: SinkHit;
}

function matches(info: CalleeInfo, families: readonly { readonly from: readonly string[]; readonly names: readonly string[] }[]): boolean {
  return families.some(family =>
    info.declarations.length > 0
      ? info.declarations.some(declaration => family.names.includes(declaration.name) && family.from.some(pattern => originMatches(declaration.origin, pattern)))
      : // Untyped code: a hook is known by its name.
        info.name !== undefined && family.names.includes(info.name),
  );
}

/**
 * React state: `const [messages, setMessages] = useState(...)` registers `setMessages` as a setter of
 * `messages` (and `useLocalStorage` as one that persists). Returns whether the declaration was one.
 */
export function registerStateHook(walker: Walker, declaration: ts.VariableDeclaration): boolean {
  const initializer = declaration.initializer && skipTransparent(declaration.initializer);
  if (!initializer || !ts.isCallExpression(initializer) || !ts.isArrayBindingPattern(declaration.name)) {
    return false;
  }
  const [stateElement, setterElement] = declaration.name.elements;
  if (!stateElement || !setterElement || !ts.isBindingElement(stateElement) || !ts.isBindingElement(setterElement)) {
    return false;
  }
  if (!ts.isIdentifier(stateElement.name) || !ts.isIdentifier(setterElement.name)) {
    return false;
  }
  const info = walker.analysis.callees.resolve(initializer);
  const persisted = PERSISTED_STATE_HOOKS.find(family => matches(info, [family]));
  if (!persisted && !matches(info, STATE_HOOKS)) {
    return false;
  }
  const state = walker.symbolOf(stateElement.name);
  const setter = walker.symbolOf(setterElement.name);
  if (!state || !setter) {
    return false;
  }
  walker.stateSetters.set(setter, {
    state,
    ...(persisted ? { persisted: { kind: 'storage', category: persisted.category, callee: `${info.text}()`, via: [] } } : {}),
  });
  return true;
}

/**
 * `setMessages(next)` or `setMessages(previous => [...previous, message])`: the state holds the new
 * value from the next render on (the component is walked a second time to see it); a persisting
 * hook's setter is a storage sink. `undefined` when the call is no setter.
 */
export function setStateCall(walker: Walker, call: ts.CallExpression, callee: ts.Expression): TaintValue | undefined {
  const symbol = ts.isIdentifier(callee) ? walker.symbolOf(callee) : undefined;
  const owner = symbol && walker.stateSetterOwner(symbol);
  const setter = symbol && owner?.stateSetters.get(symbol);
  const argument = call.arguments[0];
  if (!owner || !setter || !argument) {
    return undefined;
  }
  const inner = skipTransparent(argument);
  const previous = owner.stateValue(setter.state);
  const next =
    ts.isArrowFunction(inner) || ts.isFunctionExpression(inner) ? runCallback(walker, inner, [previous]) : walker.evaluate(argument);
  if (setter.persisted && isTainted(next)) {
    walker.record(withoutFields(next), argument, setter.persisted);
  }
  owner.updateState(setter.state, next);
  return CLEAN;
}

