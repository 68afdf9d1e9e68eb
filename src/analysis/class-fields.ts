import ts from './typescript.cjs';

import { skipTransparent } from './constants.js';

/** Per class (a syntax node, so per program version): field name to the values written into it. */
const fieldValues = new WeakMap<ts.Node, Map<string, ts.Expression[]>>();

/** What a class writes into `this.<name>`: its field initializer and every `this.<name> = value` in its members. */
export function thisFieldValues(access: ts.PropertyAccessExpression): ts.Expression[] {
  const classNode = ts.findAncestor(access, ts.isClassLike);
  if (!classNode) {
    return [];
  }
  let byName = fieldValues.get(classNode);
  if (!byName) {
    const found = new Map<string, ts.Expression[]>();
    const add = (name: string, value: ts.Expression): void => {
      found.set(name, [...(found.get(name) ?? []), value]);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = skipTransparent(node.left);
        if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) add(left.name.text, node.right);
      }
      if (!ts.isClassLike(node)) ts.forEachChild(node, visit);
    };
    for (const member of classNode.members) {
      if (ts.isPropertyDeclaration(member) && member.initializer && ts.isIdentifier(member.name)) add(member.name.text, member.initializer);
      if (ts.isFunctionLike(member)) ts.forEachChild(member, visit);
    }
    byName = found;
    fieldValues.set(classNode, byName);
  }
  return byName.get(access.name.text) ?? [];
}
