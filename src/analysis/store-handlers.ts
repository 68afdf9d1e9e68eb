import ts from './typescript.cjs';

import { NAMED_HANDLER_STORES } from '../knowledge/propagation.js';
import { indexByName } from './syntax-index.js';
import { isProjectCode } from './packages.js';

/** Handlers per file, by `<handlers property>:<name>` (`mutations:setChatContext`). */
const handlersByFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly ts.SignatureDeclaration[]>>();
const handlerCalls = new Set(NAMED_HANDLER_STORES.map(store => store.call));

/**
 * The store handlers a call by name runs (`commit('setChatContext', payload)`: the `setChatContext`
 * of a Vuex store's `mutations`), read from the syntax of the files that define stores (they import
 * the store package). Matched by the handler's name across the program: store modules are merged by
 * the package at run time, so the name is what the call and the handler share.
 */
export function storeHandlersFor(program: ts.Program, call: ts.CallExpression, name: string | undefined): readonly ts.SignatureDeclaration[] {
  if (name === undefined || !handlerCalls.has(name)) {
    return [];
  }
  const event = call.arguments[0];
  if (!event || !ts.isStringLiteralLike(event)) {
    return [];
  }
  const found: ts.SignatureDeclaration[] = [];
  for (const store of NAMED_HANDLER_STORES) {
    if (store.call !== name) continue;
    for (const file of storeFiles(program, store.package)) {
      found.push(...(handlersIn(file).get(`${store.handlers}:${event.text}`) ?? []));
    }
  }
  return found;
}

const storeFilesByProgram = new WeakMap<ts.Program, Map<string, readonly ts.SourceFile[]>>();

/** The project files that name the store package (where stores are defined), once per program. */
function storeFiles(program: ts.Program, packageName: string): readonly ts.SourceFile[] {
  let byPackage = storeFilesByProgram.get(program);
  if (!byPackage) {
    byPackage = new Map();
    storeFilesByProgram.set(program, byPackage);
  }
  let files = byPackage.get(packageName);
  if (!files) {
    files = program.getSourceFiles().filter(file => isProjectCode(file, program) && file.text.includes(packageName));
    byPackage.set(packageName, files);
  }
  return files;
}

function handlersIn(file: ts.SourceFile): ReadonlyMap<string, readonly ts.SignatureDeclaration[]> {
  return indexByName(handlersByFile, file, (node, add) => {
    if (!ts.isPropertyAssignment(node) || !ts.isObjectLiteralExpression(node.initializer)) return;
    const group = ts.isIdentifier(node.name) ? node.name.text : undefined;
    if (!NAMED_HANDLER_STORES.some(store => store.handlers === group)) return;
    for (const member of node.initializer.properties) {
      const handler = ts.isMethodDeclaration(member)
        ? member
        : ts.isPropertyAssignment(member) && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))
          ? member.initializer
          : undefined;
      const handlerName = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
      if (handler?.body && handlerName !== undefined) add(`${group}:${handlerName}`, handler);
    }
  });
}
