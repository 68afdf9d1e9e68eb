import ts from '../typescript.cjs';

import { EVENT_SUBSCRIBE_METHODS } from '../../knowledge/llm-endpoints.js';
import { EMIT_METHOD } from '../../knowledge/propagation.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { applyCallbackReference, runCallback } from './project-calls.js';
import { CLEAN, type TaintValue, filterTaints, isTainted, join, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/** Events this many argument positions deep are followed (`emit('delta', text, index)`). */
const MAX_EVENT_ARGUMENTS = 4;

/**
 * Events within one program: `emitter.emit('answer', text)` reaches `emitter.on('answer', handler)`
 * when both name the same event literally and the same emitter: the same project class (an
 * `EventEmitter` subclass emitting from its methods, listened to on its instances) or the same
 * variable (a module's `const bus = new EventEmitter()`). The emitting functions are analysed on
 * demand when a listener is found, like class fields.
 */
export class Emitters {
  private readonly emitted = new WeakMap<ts.Node | ts.Symbol, Map<string, TaintValue[]>>();
  private readonly indexed = new WeakSet<ts.Node | ts.Symbol>();
  private readonly emittingByScope = new WeakMap<ts.Node, ts.SignatureDeclaration[]>();

  constructor(private readonly analysis: FlowAnalysis) {}

  /** Records `emit('event', ...values)` on the emitter `key`. */
  record(key: ts.Node | ts.Symbol, event: string, values: readonly TaintValue[]): void {
    const concrete = values.map(value => withoutFields(filterTaints(value, taint => taint.kind !== 'parameter')));
    if (!concrete.some(isTainted)) {
      return;
    }
    // A side effect on the program's state: the function must be walked again in the next program.
    this.analysis.usesWholeProgram();
    const events = this.emitted.get(key) ?? new Map<string, TaintValue[]>();
    const previous = events.get(event) ?? [];
    events.set(event, Array.from({ length: Math.max(previous.length, concrete.length) }, (_, index) => join(previous[index] ?? CLEAN, concrete[index] ?? CLEAN)));
    this.emitted.set(key, events);
  }

  /** What `emit` calls pass for an event of an emitter, after analysing the functions that emit it. */
  valuesFor(key: ts.Node | ts.Symbol, event: string, scope: ts.Node): readonly TaintValue[] {
    if (!this.indexed.has(key)) {
      this.indexed.add(key);
      let emitting = this.emittingByScope.get(scope);
      if (!emitting) {
        emitting = scope.getSourceFile().text.includes('.emit(') ? emittingFunctions(scope) : [];
        this.emittingByScope.set(scope, emitting);
      }
      for (const emitter of emitting) this.analysis.functionResult(emitter);
    }
    return this.emitted.get(key)?.get(event) ?? [];
  }
}

/** The functions in a class or file that call `.emit(...)`. */
function emittingFunctions(scope: ts.Node): ts.SignatureDeclaration[] {
  const found: ts.SignatureDeclaration[] = [];
  const visit = (node: ts.Node, enclosing: ts.SignatureDeclaration | undefined): void => {
    const fn = ts.isFunctionLike(node) && 'body' in node && node.body ? (node as ts.SignatureDeclaration) : enclosing;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === EMIT_METHOD && fn && !found.includes(fn)) {
      found.push(fn);
    }
    ts.forEachChild(node, child => visit(child, fn));
  };
  visit(scope, undefined);
  return found;
}

/** Whether the program can emit to this receiver at all: its file, or a project class, calls `.emit(`. */
function hasEmits(walker: Walker, receiver: ts.Expression): boolean {
  const file = receiver.getSourceFile();
  if (file.text.includes('.emit(')) {
    return true;
  }
  const expression = skipTransparent(receiver);
  const declaration = ts.isIdentifier(expression) ? walker.symbolOf(expression)?.valueDeclaration : undefined;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) {
    return false;
  }
  if (declaration.getSourceFile() !== file) {
    return declaration.getSourceFile().text.includes('.emit(');
  }
  // `const client = new ChatClient()`: the class may emit from its own file.
  const initializer = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipTransparent(declaration.initializer) : undefined;
  const classFile = initializer && ts.isNewExpression(initializer) ? walker.analysis.callees.resolve(initializer).symbol?.valueDeclaration?.getSourceFile() : undefined;
  return classFile !== undefined && !classFile.isDeclarationFile && classFile.text.includes('.emit(');
}

/** The emitter a receiver names: its project class (by type) or the variable holding it. */
function emitterKey(walker: Walker, receiver: ts.Expression): { key: ts.Node | ts.Symbol; scope: ts.Node } | undefined {
  const expression = skipTransparent(receiver);
  if (expression.kind === ts.SyntaxKind.ThisKeyword) {
    return walker.classNode ? { key: walker.classNode, scope: walker.classNode } : undefined;
  }
  let type: ts.Type | undefined;
  try {
    type = walker.checker.getTypeAtLocation(expression);
  } catch {
    type = undefined;
  }
  const classDeclaration = type?.getSymbol()?.getDeclarations()?.find(ts.isClassLike);
  if (classDeclaration && !classDeclaration.getSourceFile().isDeclarationFile) {
    return { key: classDeclaration, scope: classDeclaration };
  }
  const symbol = ts.isIdentifier(expression) ? walker.symbolOf(expression) : undefined;
  return symbol ? { key: symbol, scope: expression.getSourceFile() } : undefined;
}

/** `emitter.emit('answer', text)`: recorded for the listeners of that event. */
export function recordEmit(walker: Walker, call: ts.CallExpression, method: string | undefined, argumentValues: readonly TaintValue[]): void {
  const callee = skipTransparent(call.expression);
  if (method !== EMIT_METHOD || !ts.isPropertyAccessExpression(callee) || !call.arguments[0] || !argumentValues.slice(1).some(isTainted)) {
    return;
  }
  const event = staticStringValue(call.arguments[0], walker.checker);
  const emitter = event === undefined ? undefined : emitterKey(walker, callee.expression);
  if (event !== undefined && emitter) {
    walker.analysis.emitters.record(emitter.key, event, argumentValues.slice(1, 1 + MAX_EVENT_ARGUMENTS));
  }
}

/** `emitter.on('answer', handler)`: the handler receives what the program emits for that event. */
export function listenToEmits(walker: Walker, call: ts.CallExpression, method: string | undefined): void {
  const callee = skipTransparent(call.expression);
  const handler = call.arguments[1] && skipTransparent(call.arguments[1]);
  if (method === undefined || !EVENT_SUBSCRIBE_METHODS.has(method) || !ts.isPropertyAccessExpression(callee) || !call.arguments[0] || !handler) {
    return;
  }
  const event = staticStringValue(call.arguments[0], walker.checker);
  const emitter = event === undefined || !hasEmits(walker, callee.expression) ? undefined : emitterKey(walker, callee.expression);
  if (event === undefined || !emitter) {
    return;
  }
  const seeds = walker.analysis.emitters.valuesFor(emitter.key, event, emitter.scope);
  if (!seeds.some(isTainted)) {
    return;
  }
  if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    runCallback(walker, handler, seeds);
  } else if (ts.isIdentifier(handler) || ts.isPropertyAccessExpression(handler)) {
    applyCallbackReference(walker, handler, seeds);
  }
}
