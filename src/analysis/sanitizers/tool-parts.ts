import ts from 'typescript';

import { TOOL_PART_TYPE } from '../../knowledge/llm-sdks.js';
import { skipTransparent } from '../constants.js';

/**
 * A message part narrowed to a tool part (`switch (part.type) { case 'tool-search': ... }`, the
 * AI SDK's `tool-${name}` and `dynamic-tool` UI parts, `tool-call` / `tool-result` content parts):
 * the app's own tool calls and results, like a `role: 'tool'` turn, not what the user said or
 * the answer's text. Judged on the type the checker narrowed at the node.
 */
export function isToolPart(checker: ts.TypeChecker, node: ts.Node): boolean {
  if (inToolCase(node)) {
    return true;
  }
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(node);
  } catch {
    return false;
  }
  const members = type.isUnion() ? type.types : [type];
  return members.length > 0 && members.every(member => (member.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0 && hasToolPartType(checker, member, node));
}

function hasToolPartType(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): boolean {
  const property = type.getProperty('type');
  if (!property) {
    return false;
  }
  const discriminant = checker.getTypeOfSymbolAtLocation(property, node);
  const values = discriminant.isUnion() ? discriminant.types : [discriminant];
  return values.every(value => {
    if (value.isStringLiteral()) return TOOL_PART_TYPE.test(value.value);
    // `tool-${NAME}` of a generic tool set.
    return (value.flags & ts.TypeFlags.TemplateLiteral) !== 0 && TOOL_PART_TYPE.test((value as ts.TemplateLiteralType).texts[0] ?? '');
  });
}

/**
 * `switch (part.type) { case 'tool-search': ... log(part) }`: the case says what the part is, also
 * where the app's own part type is too loose for the checker to narrow (`type: string`).
 */
function inToolCase(node: ts.Node): boolean {
  const value = ts.isExpression(node) ? skipTransparent(node) : node;
  if (!ts.isIdentifier(value)) {
    return false;
  }
  for (let current: ts.Node | undefined = node.parent; current && !ts.isFunctionLike(current); current = current.parent) {
    if (!ts.isCaseClause(current)) continue;
    const discriminant = skipTransparent(current.parent.parent.expression);
    if (
      ts.isPropertyAccessExpression(discriminant) &&
      discriminant.name.text === 'type' &&
      ts.isIdentifier(discriminant.expression) &&
      discriminant.expression.text === value.text &&
      ts.isStringLiteralLike(current.expression) &&
      TOOL_PART_TYPE.test(current.expression.text)
    ) {
      return true;
    }
  }
  return false;
}
