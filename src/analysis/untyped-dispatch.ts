import ts from './typescript.cjs';

import { GENERIC_METHOD_NAMES } from '../knowledge/propagation.js';
import { indexByName } from './syntax-index.js';
import { isProjectCode } from './packages.js';

/** Classes with a method of the same name that a call may run; more, and the name says too little. */
export const MAX_DISPATCH_TARGETS = 6;

/**
 * Calls on a receiver that has no type (plain JavaScript: `client.titleConvo(...)` on a client an
 * injected factory made) run one of the program's own class methods of that name, when the
 * program declares a few and the name is not one every library uses (`get`, `send`, `on`). Which
 * class is not known, so the call runs each. The index is syntax only, kept per `SourceFile`.
 */
const methodsByFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly ts.SignatureDeclaration[]>>();

/** Whether a class method has a body a call can run (given by `callees.ts`, which owns that judgement). */
export type RunnableMethod = (method: ts.MethodDeclaration) => boolean;

export class MethodsByName {
  private merged: Map<string, ts.SignatureDeclaration[]> | undefined;

  constructor(
    private readonly program: ts.Program,
    private readonly runnable: RunnableMethod,
  ) {}

  /** The class methods (with bodies, not placeholders) of the program declared under `name`; empty for generic names. */
  named(name: string): readonly ts.SignatureDeclaration[] {
    if (GENERIC_METHOD_NAMES.has(name) || name.length < 4) {
      return [];
    }
    if (!this.merged) {
      this.merged = new Map();
      for (const file of this.program.getSourceFiles()) {
        if (!isProjectCode(file, this.program)) continue;
        for (const [method, declarations] of methodsOf(file, this.runnable)) {
          const known = this.merged.get(method);
          if (known) known.push(...declarations);
          else this.merged.set(method, [...declarations]);
        }
      }
    }
    const found = this.merged.get(name) ?? [];
    return found.length <= MAX_DISPATCH_TARGETS ? found : [];
  }
}

function methodsOf(file: ts.SourceFile, runnable: RunnableMethod): ReadonlyMap<string, readonly ts.SignatureDeclaration[]> {
  return indexByName(methodsByFile, file, (node, add) => {
    if (!ts.isClassLike(node)) return;
    for (const member of node.members) {
      const name = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
      const fn =
        ts.isMethodDeclaration(member) && runnable(member)
          ? member
          : ts.isPropertyDeclaration(member) && member.initializer && (ts.isArrowFunction(member.initializer) || ts.isFunctionExpression(member.initializer))
            ? member.initializer
            : undefined;
      if (name !== undefined && fn) add(name, fn);
    }
  });
}
