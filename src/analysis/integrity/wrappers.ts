import ts from '../typescript.cjs';

import { calleeName } from '../callees.js';
import { isProjectCode, resolveAlias } from '../packages.js';
import { skipValueWrappers } from './values.js';

/**
 * Wrappers that forward their arguments to a loader unchanged:
 *
 *     const load = (...args) => import('@xenova/transformers').then(({ pipeline }) => pipeline(...args));
 *     function createSession(...args) { return ort.InferenceSession.create(...args); }
 *
 * The loader call inside sees only `...args`, so the loads are the wrapper's call sites, whose
 * arguments are the loader's. A wrapper qualifies when its rest parameter is spread into the call
 * at its own position and every parameter before it is passed through at the same position.
 */

/** A function with a rest parameter spread into a call in its body (found by syntax alone). */
interface Forwarder {
  /** Names the function is called by: its declaration, variable or property name. */
  readonly names: readonly string[];
  /** The callee name of the call it forwards to. */
  readonly innerName: string;
}

const fileForwarders = new WeakMap<ts.SourceFile, readonly Forwarder[]>();
const programNames = new WeakMap<ts.Program, Map<string, ReadonlySet<string>>>();

/** The forwarding call of a function: the call whose arguments are its parameters, rest spread last. */
export function forwardingCallOf(fn: ts.SignatureDeclaration): ts.CallExpression | undefined {
  const rest = fn.parameters.findIndex(parameter => parameter.dotDotDotToken !== undefined);
  const restParameter = fn.parameters[rest];
  if (rest === -1 || !restParameter || !ts.isIdentifier(restParameter.name) || !('body' in fn) || !fn.body) {
    return undefined;
  }
  const names = fn.parameters.map(parameter => (ts.isIdentifier(parameter.name) ? parameter.name.text : undefined));
  let found: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) {
      return;
    }
    if (ts.isCallExpression(node) && node.arguments.length === rest + 1) {
      const last = node.arguments[rest];
      const forwards =
        last !== undefined &&
        ts.isSpreadElement(last) &&
        ts.isIdentifier(last.expression) &&
        last.expression.text === names[rest] &&
        node.arguments.slice(0, rest).every((argument, index) => ts.isIdentifier(argument) && argument.text === names[index]);
      if (forwards) {
        found = node;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** The names a function is called by. */
function namesOf(fn: ts.SignatureDeclaration): string[] {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return [fn.name.text];
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const parent = fn.parent;
    if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) {
      return [parent.name.text];
    }
  }
  return [];
}

function forwardersIn(sourceFile: ts.SourceFile): readonly Forwarder[] {
  const cached = fileForwarders.get(sourceFile);
  if (cached) {
    return cached;
  }
  const found: Forwarder[] = [];
  if (sourceFile.text.includes('...')) {
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && node.parameters.some(parameter => parameter.dotDotDotToken)) {
        const names = namesOf(node);
        const call = names.length > 0 ? forwardingCallOf(node) : undefined;
        const innerName = call ? calleeName(call.expression) : undefined;
        if (innerName !== undefined) {
          found.push({ names, innerName });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  fileForwarders.set(sourceFile, found);
  return found;
}

/**
 * Names of the program's functions that forward their arguments to a callee named in `targets`,
 * directly or through other such wrappers. Each file is scanned once (cached per source file, so
 * unchanged files are not scanned again in the editor); the answer is cached per program.
 */
export function forwardingWrapperNames(program: ts.Program, targets: ReadonlySet<string>): ReadonlySet<string> {
  const key = [...targets].sort().join(',');
  let byTargets = programNames.get(program);
  const cached = byTargets?.get(key);
  if (cached) {
    return cached;
  }
  const forwarders: Forwarder[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (isProjectCode(sourceFile, program)) {
      forwarders.push(...forwardersIn(sourceFile));
    }
  }
  const names = new Set<string>();
  for (let changed = true, round = 0; changed && round < 4; round++) {
    changed = false;
    for (const forwarder of forwarders) {
      if ((targets.has(forwarder.innerName) || names.has(forwarder.innerName)) && forwarder.names.some(name => !names.has(name))) {
        forwarder.names.forEach(name => names.add(name));
        changed = true;
      }
    }
  }
  if (!byTargets) {
    byTargets = new Map();
    programNames.set(program, byTargets);
  }
  byTargets.set(key, names);
  return names;
}

/** The function a call's callee is declared as (through imports and `const f = () => ...`). */
export function calledFunction(call: ts.CallExpression, checker: ts.TypeChecker): ts.SignatureDeclaration | undefined {
  const callee = skipValueWrappers(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  const symbol = nameNode ? checker.getSymbolAtLocation(nameNode) : undefined;
  const declaration = symbol ? (resolveAlias(symbol, checker).valueDeclaration ?? undefined) : undefined;
  if (!declaration) {
    return undefined;
  }
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) {
    return declaration;
  }
  if (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) {
    const initializer = declaration.initializer ? skipValueWrappers(declaration.initializer) : undefined;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
      return initializer;
    }
  }
  return undefined;
}
