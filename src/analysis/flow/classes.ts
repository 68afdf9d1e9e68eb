import ts from '../typescript.cjs';

import { MUTATING_METHODS } from '../../knowledge/propagation.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { type FunctionLikeWithBody, isFunctionLike } from './summaries.js';
import { CLEAN, type TaintValue, filterTaints, isTainted, join, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Classes: what members store in `this.<field>` is read by the other members (and, through
 * `service.field` or a getter, by code outside the class). Inherited members are found through
 * the checker's symbols.
 */
export class ClassFields {
  private readonly writes = new WeakMap<ts.Node, Map<string, TaintValue>>();
  private readonly writers = new WeakMap<ts.Node, Map<string, FunctionLikeWithBody[]>>();

  constructor(private readonly analysis: FlowAnalysis) {}

  /** Records `this.<name> = value` in a class, for reads from its other members. */
  record(classNode: ts.Node, name: string, value: TaintValue): void {
    const concrete = filterTaints(value, taint => taint.kind !== 'parameter');
    if (!isTainted(concrete)) {
      return;
    }
    // A side effect on the program's state: kept with the writing member's result, so that a result
    // carried to the next program stores it again.
    this.analysis.sideEffect({ kind: 'field', classNode, name, value: withoutFields(concrete) });
    this.store(classNode, name, withoutFields(concrete));
  }

  /** Data stored in `this.<name>` (by a member walked now, or by one whose carried result is replayed). */
  store(classNode: ts.Node, name: string, value: TaintValue): void {
    const writes = this.writes.get(classNode) ?? new Map<string, TaintValue>();
    writes.set(name, join(writes.get(name) ?? CLEAN, value));
    this.writes.set(classNode, writes);
  }

  /**
   * What the members of a class store in `this.<name>`, over all its methods. Only the members that
   * write `this.<name>` are analysed for it, so reading a field (`this.logger`) never starts the
   * analysis of unrelated members while the reader itself is half done.
   */
  read(classNode: ts.ClassLikeDeclaration, name: string): TaintValue {
    for (const member of this.membersWriting(classNode, name)) {
      this.analysis.functionResult(member);
    }
    return this.writes.get(classNode)?.get(name) ?? CLEAN;
  }

  /** Members that assign or mutate `this.<name>`, indexed once per class. */
  private membersWriting(classNode: ts.ClassLikeDeclaration, name: string): readonly FunctionLikeWithBody[] {
    let index = this.writers.get(classNode);
    if (!index) {
      index = new Map();
      for (const member of classNode.members) {
        if (!isFunctionLike(member) || !member.body) continue;
        const names = new Set<string>();
        const visit = (node: ts.Node): void => {
          const written = writtenThisField(node);
          if (written !== undefined) names.add(written);
          if (!ts.isClassLike(node)) ts.forEachChild(node, visit);
        };
        visit(member.body);
        for (const field of names) index.set(field, [...(index.get(field) ?? []), member]);
      }
      this.writers.set(classNode, index);
    }
    return index.get(name) ?? [];
  }
}

/** The field `node` writes when it is `this.x = ...`, `this.x += ...`, `this.x.push(...)` or `this.x[k] = ...`. */
function writtenThisField(node: ts.Node): string | undefined {
  const thisField = (expression: ts.Expression): string | undefined => {
    let current = skipTransparent(expression);
    while ((ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) && current.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      current = skipTransparent(current.expression);
    }
    return ts.isPropertyAccessExpression(current) && current.expression.kind === ts.SyntaxKind.ThisKeyword ? current.name.text : undefined;
  };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return thisField(node.left);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text)) {
    return thisField(node.expression.expression);
  }
  return undefined;
}

/** A class declaration or expression: its methods are analysed, its field initialisers recorded. */
export function runClass(walker: Walker, node: ts.ClassLikeDeclaration): void {
  const analysis = walker.analysis;
  for (const member of node.members) {
    if (isFunctionLike(member) && member.body) {
      analysis.analyseDeclared(member, walker);
    } else if (ts.isPropertyDeclaration(member) && member.initializer) {
      const value = walker.evaluate(member.initializer);
      const name = staticPropertyName(member.name, walker.checker);
      if (name !== undefined) {
        analysis.classFields.record(node, name, value);
      }
    }
  }
}

/** `this.<name>` read inside a member: the value written in this function, else what the class stores there. */
export function readThisField(walker: Walker, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string): TaintValue {
  const local = walker.lookup(`this.${name}`);
  if (local !== undefined) {
    return local;
  }
  const fromClass = walker.classNode ? walker.analysis.classFields.read(walker.classNode, name) : CLEAN;
  return join(fromClass, walker.analysis.typeSources.typeTaints(node, () => `'this.${name}'`));
}

/** `service.lastAnswer` or a getter of a project class: what its members store or return. */
export function memberOfProjectClass(walker: Walker, node: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string | undefined): TaintValue {
  if (name === undefined || !ts.isPropertyAccessExpression(node)) {
    return CLEAN;
  }
  const symbol = walker.symbolOf(node.name);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) {
    return CLEAN;
  }
  if (ts.isGetAccessorDeclaration(declaration) && declaration.body) {
    return walker.analysis.functionResult(declaration).summary.returns;
  }
  if ((ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration)) && ts.isClassLike(declaration.parent)) {
    return walker.analysis.classFields.read(declaration.parent, name);
  }
  return CLEAN;
}
