import ts from '../typescript.cjs';

import { FEED_PARSERS, type FeedParser } from '../../knowledge/propagation.js';
import type { CalleeInfo } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { originMatches } from '../packages.js';
import { applyCallbackReference, runCallback } from './project-calls.js';
import { type TaintValue, isTainted, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Links between a call that registers a handler and a later call that runs it: an SSE parser
 * created with `createParser({ onEvent })` hands `onEvent` what `parser.feed(chunk)` gets. At the
 * feeding call the handler is walked again with its parameter bound to the data fed.
 */
export function feedParserHandlers(walker: Walker, call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): void {
  const fed = argumentValues[0];
  if (!fed || !isTainted(fed) || info.name === undefined) {
    return;
  }
  const parser = FEED_PARSERS.find(
    candidate => candidate.feed === info.name && info.declarations.some(declaration => candidate.from.some(pattern => originMatches(declaration.origin, pattern))),
  );
  const callee = skipTransparent(call.expression);
  if (!parser || !ts.isPropertyAccessExpression(callee)) {
    return;
  }
  for (const handler of handlersOf(walker, callee.expression, parser)) {
    if (ts.isMethodDeclaration(handler) || ts.isFunctionExpression(handler) || ts.isArrowFunction(handler)) {
      runCallback(walker, handler, [withoutFields(fed)]);
    } else {
      applyCallbackReference(walker, handler, [withoutFields(fed)]);
    }
  }
}

/** The handlers given to the factory call that created the parser a variable holds. */
function handlersOf(walker: Walker, receiver: ts.Expression, parser: FeedParser): (ts.Expression | ts.MethodDeclaration)[] {
  const expression = skipTransparent(receiver);
  const declaration = ts.isIdentifier(expression) ? walker.symbolOf(expression)?.valueDeclaration : undefined;
  const creation = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipTransparent(declaration.initializer) : undefined;
  if (!creation || !ts.isCallExpression(creation) || walker.analysis.callees.resolve(creation).name !== parser.factory) {
    return [];
  }
  const first = creation.arguments[0] && skipTransparent(creation.arguments[0]);
  if (!first) {
    return [];
  }
  if (!ts.isObjectLiteralExpression(first)) {
    return [first];
  }
  const handlers: (ts.Expression | ts.MethodDeclaration)[] = [];
  for (const property of first.properties) {
    const name = property.name ? staticPropertyName(property.name, walker.checker) : undefined;
    if (name === undefined || !parser.handlerOptions.includes(name)) continue;
    if (ts.isMethodDeclaration(property)) handlers.push(property);
    else if (ts.isPropertyAssignment(property)) handlers.push(skipTransparent(property.initializer));
    else if (ts.isShorthandPropertyAssignment(property)) handlers.push(property.name);
  }
  return handlers;
}
