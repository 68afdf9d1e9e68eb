import ts from '../typescript.cjs';

import { skipTransparent, staticPropertyName } from '../constants.js';
import { isMetadataField } from '../sanitizers/metadata-fields.js';
import { CLEAN, type TaintValue, fieldValue, isTainted, join, withField, withoutFields } from './taint.js';
import { recordModuleWrite } from './module-variables.js';
import type { Walker } from './walker.js';

/**
 * Local steps that write: declarations, destructuring, assignments, and writes into containers
 * (`history.push(m)`, `obj.field = v`). Each field of a destructured object gets its own value;
 * metadata fields (`usage`, `id`, ...) are clean.
 */

/** Binds a declared name or binding pattern (`const { text, usage } = value`) to a value. */
export function bindName(walker: Walker, name: ts.BindingName, value: TaintValue): void {
  if (ts.isIdentifier(name)) {
    const symbol = walker.symbolOf(name);
    if (symbol) {
      walker.env.set(symbol, walker.withPromptMark(symbol, value));
    }
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        bindName(walker, element.name, withoutFields(value));
        continue;
      }
      const key = element.propertyName ?? (ts.isIdentifier(element.name) ? element.name : undefined);
      const property = key ? staticPropertyName(key, walker.checker) : undefined;
      let fieldTaint = isMetadataField(property) ? CLEAN : fieldValue(value, property);
      if (element.initializer) {
        fieldTaint = join(fieldTaint, walker.evaluate(element.initializer));
      }
      fieldTaint = join(
        walker.keepIfText(element.name, fieldTaint),
        walker.analysis.typeSources.typeTaints(element.name, () => `'${element.name.getText()}'`),
      );
      bindName(walker, element.name, fieldTaint);
    }
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) {
      // The key of an `Object.entries(x)` pair is a property name the code chose, not `x`'s data.
      // Likewise the key of a `Map` entry (`for (const [conversationId, entry] of cache)`): the lookup, not what is kept.
      const isKey = element === name.elements[0] && isTainted(value) && (isEntriesPair(name) || isMapEntry(walker, name));
      let elementValue = isKey ? CLEAN : withoutFields(value);
      if (element.initializer) {
        elementValue = join(elementValue, walker.evaluate(element.initializer));
      }
      bindName(walker, element.name, walker.keepIfText(element.name, elementValue));
    }
  }
}

/**
 * `for (const [key, value] of Object.entries(x))`, `Object.entries(x).map(([key, value]) => ...)`:
 * the pattern takes the pairs of `Object.entries` (syntax only).
 */
function isEntriesPair(pattern: ts.ArrayBindingPattern): boolean {
  const holder = pattern.parent;
  let source: ts.Expression | undefined;
  if (ts.isVariableDeclaration(holder) && ts.isVariableDeclarationList(holder.parent) && ts.isForOfStatement(holder.parent.parent)) {
    source = holder.parent.parent.expression;
  } else if (ts.isParameter(holder) && holder.parent.parameters[0] === holder) {
    const call = holder.parent.parent;
    const callee = call && ts.isCallExpression(call) && call.arguments.includes(holder.parent as ts.Expression) ? skipTransparent(call.expression) : undefined;
    source = callee && ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  }
  const entries = source && skipTransparent(source);
  return (
    entries !== undefined &&
    ts.isCallExpression(entries) &&
    ts.isPropertyAccessExpression(entries.expression) &&
    entries.expression.name.text === 'entries' &&
    ts.isIdentifier(entries.expression.expression) &&
    entries.expression.expression.text === 'Object'
  );
}

/** `for (const [key, value] of map)` or `of map.entries()` over a `Map` of the standard library. */
function isMapEntry(walker: Walker, pattern: ts.ArrayBindingPattern): boolean {
  const holder = pattern.parent;
  if (!ts.isVariableDeclaration(holder) || !ts.isVariableDeclarationList(holder.parent) || !ts.isForOfStatement(holder.parent.parent)) {
    return false;
  }
  let source = skipTransparent(holder.parent.parent.expression);
  if (ts.isCallExpression(source) && ts.isPropertyAccessExpression(source.expression) && source.expression.name.text === 'entries') {
    source = skipTransparent(source.expression.expression);
  }
  const symbol = walker.checker.getTypeAtLocation(source).getSymbol();
  return (symbol?.name === 'Map' || symbol?.name === 'ReadonlyMap') && (symbol.getDeclarations() ?? []).some(declaration => declaration.getSourceFile().isDeclarationFile);
}

/** Assignment to an existing target (`x = v`, `obj.f = v`, `[a, b] = v`, `this.f = v`). */
export function assignTo(walker: Walker, target: ts.Node, value: TaintValue, compound = false): void {
  const expression = ts.isExpression(target) ? skipTransparent(target) : target;
  if (ts.isIdentifier(expression)) {
    const symbol = walker.symbolOf(expression);
    if (!symbol) {
      return;
    }
    recordModuleWrite(walker.analysis, walker.owner, symbol, value);
    const outer = walker.env.get(symbol) === undefined ? walker.parent?.walkerHolding(symbol) : undefined;
    if (outer) {
      // A callback writing a variable of the function around it (`stream.on('data', d => { text += d })`):
      // the callback may run any number of times, so the variable may hold either value afterwards.
      outer.env.set(symbol, join(outer.env.get(symbol) ?? CLEAN, value));
      return;
    }
    const previous = compound ? (walker.lookup(symbol) ?? CLEAN) : CLEAN;
    walker.env.set(symbol, join(previous, value));
    return;
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const name = ts.isPropertyAccessExpression(expression) ? expression.name.text : staticPropertyName(expression.argumentExpression, walker.checker);
    const object = skipTransparent(expression.expression);
    if (isMetadataField(name)) {
      // `context.parentMessageId = data.msgId`: an id or a count, as a read of the field would give.
      value = CLEAN;
    }
    if (object.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
      const key = `this.${name}`;
      const stored = compound ? join(walker.env.get(key) ?? CLEAN, value) : value;
      walker.env.set(key, stored);
      if (walker.classNode) {
        walker.analysis.classFields.record(walker.classNode, name, stored);
      }
      return;
    }
    if (!isTainted(value)) {
      return;
    }
    if (ts.isIdentifier(object) && name !== undefined && !compound && setKnownField(walker, object, name, value)) {
      return;
    }
    // Writing sensitive data into an object makes the object carry it.
    taintContainer(walker, object, value);
    return;
  }
  if (ts.isObjectLiteralExpression(expression) || ts.isArrayLiteralExpression(expression)) {
    for (const element of ts.isArrayLiteralExpression(expression) ? expression.elements : []) {
      assignTo(walker, ts.isSpreadElement(element) ? element.expression : element, withoutFields(value));
    }
    if (ts.isObjectLiteralExpression(expression)) {
      for (const property of expression.properties) {
        if (ts.isShorthandPropertyAssignment(property)) {
          assignTo(walker, property.name, fieldValue(value, property.name.text));
        } else if (ts.isPropertyAssignment(property)) {
          const name = staticPropertyName(property.name, walker.checker);
          assignTo(walker, property.initializer, isMetadataField(name) ? CLEAN : fieldValue(value, name));
        }
      }
    }
  }
}

/**
 * `client.lastAnswer = text`: only that field holds the data, so `client.models.list()` does not.
 * The other fields keep what they held: nothing, their known values, or (a parameter, an untyped
 * value whose parts are not known) what the whole value held before.
 */
function setKnownField(walker: Walker, object: ts.Identifier, name: string, value: TaintValue): boolean {
  const symbol = walker.symbolOf(object);
  if (!symbol) {
    return false;
  }
  recordModuleWrite(walker.analysis, walker.owner, symbol, value);
  walker.env.set(symbol, withField(walker.lookup(symbol) ?? CLEAN, name, value));
  return true;
}

/** `history.push(m)`, `obj.field = v`: the container now carries the value. */
export function taintContainer(walker: Walker, container: ts.Expression, value: TaintValue): void {
  const root = skipTransparent(container);
  if (ts.isIdentifier(root)) {
    const symbol = walker.symbolOf(root);
    if (symbol) {
      recordModuleWrite(walker.analysis, walker.owner, symbol, value);
      walker.env.set(symbol, join(withoutFields(walker.lookup(symbol) ?? CLEAN), withoutFields(value)));
    }
  } else if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
    assignTo(walker, root, join(walker.evaluate(root), withoutFields(value)));
  }
}
