import ts from './typescript.cjs';

import { functionWithBodyOf, isPlaceholderMethod } from './callees.js';
import { isProjectCode, resolveAlias } from './packages.js';

/** Implementations looked at per interface method: enough for an app's providers, bounded for speed. */
const MAX_IMPLEMENTATIONS = 8;

/**
 * The app's own LLM clients behind an interface or an abstract class (`provider.generate(prompt)`
 * with one class per provider): which method bodies a call of an interface or abstract method may
 * run. The classes of the program are indexed by the types they implement or extend, once per
 * program and only when a call needs it.
 */
export class Implementations {
  private byBase: Map<ts.Symbol, ts.ClassLikeDeclaration[]> | undefined;
  private readonly cache = new WeakMap<ts.Symbol, ts.SignatureDeclaration[]>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {}

  /** The bodies of the classes that implement or override an interface or abstract method. */
  of(method: ts.Symbol): readonly ts.SignatureDeclaration[] {
    const cached = this.cache.get(method);
    if (cached) {
      return cached;
    }
    const found: ts.SignatureDeclaration[] = [];
    const ownerSymbol = this.implementedOwner(method);
    if (ownerSymbol) {
      for (const implementation of this.subclasses(ownerSymbol)) {
        const member = this.memberOf(implementation, method.getName());
        if (member) found.push(member);
        if (found.length >= MAX_IMPLEMENTATIONS) break;
      }
    }
    this.cache.set(method, found);
    return found;
  }

  /**
   * Whether a call of `method` may run implementations found anywhere in the program (not only in
   * the files the caller imports): it is an interface or abstract member of a named type.
   */
  isImplementedElsewhere(method: ts.Symbol): boolean {
    return this.implementedOwner(method) !== undefined;
  }

  /** The interface or class whose implementations a call of `method` may run. */
  private implementedOwner(method: ts.Symbol): ts.Symbol | undefined {
    const owner = method.declarations?.[0]?.parent;
    return owner && (ts.isInterfaceDeclaration(owner) || ts.isClassLike(owner)) && owner.name && isAbstractOrInterfaceMember(method) ? this.symbolAt(owner.name) : undefined;
  }

  private memberOf(classNode: ts.ClassLikeDeclaration, name: string): ts.SignatureDeclaration | undefined {
    for (const member of classNode.members) {
      if (member.name && ts.isIdentifier(member.name) && member.name.text === name) {
        const symbol = this.symbolAt(member.name);
        const fn = symbol ? functionWithBodyOf(symbol) : undefined;
        if (fn) return fn;
      }
    }
    return undefined;
  }

  private subclasses(base: ts.Symbol): ts.ClassLikeDeclaration[] {
    this.byBase ??= this.index();
    return this.byBase.get(base) ?? [];
  }

  /** Every project class, by the interfaces and classes its heritage clauses name. */
  private index(): Map<ts.Symbol, ts.ClassLikeDeclaration[]> {
    const byBase = new Map<ts.Symbol, ts.ClassLikeDeclaration[]>();
    for (const sourceFile of this.program.getSourceFiles()) {
      if (!isProjectCode(sourceFile, this.program)) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isClassLike(node)) {
          for (const clause of node.heritageClauses ?? []) {
            for (const type of clause.types) {
              const symbol = this.symbolAt(type.expression);
              if (symbol) byBase.set(symbol, [...(byBase.get(symbol) ?? []), node]);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return byBase;
  }

  private symbolAt(node: ts.Node): ts.Symbol | undefined {
    try {
      const symbol = this.checker.getSymbolAtLocation(node);
      return symbol ? resolveAlias(symbol, this.checker) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A method of an interface, or an abstract (or placeholder) method of a class: a call of it runs some implementation. */
function isAbstractOrInterfaceMember(method: ts.Symbol): boolean {
  return (method.declarations ?? []).some(
    declaration =>
      ts.isMethodSignature(declaration) ||
      ts.isPropertySignature(declaration) ||
      ((ts.isMethodDeclaration(declaration) || ts.isPropertyDeclaration(declaration)) && (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract) !== 0) ||
      isPlaceholderMethod(declaration),
  );
}
