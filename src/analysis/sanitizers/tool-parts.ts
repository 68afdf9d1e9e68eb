import ts from '../typescript.cjs';

import { TOOL_PART_TYPE, TOOL_RESULT_PART_TYPE } from '../../knowledge/llm-sdks.js';
import { skipTransparent } from '../constants.js';

/**
 * What a message part narrowed to a tool part holds (`switch (part.type) { case 'tool-search': ... }`,
 * the AI SDK's `tool-${name}` and `dynamic-tool` UI parts, `tool-call` / `tool-result` content
 * parts, Anthropic's `tool_use` / `tool_result` blocks): `call`, the input the model generated for
 * the app's tool (model output, whatever role the message had); `result`, only what the app's tool
 * answered, like a `role: 'tool'` turn. Neither is what the user said. Judged on the case label, or
 * on the type the checker narrowed at the node.
 */
export type ToolPartKind = 'call' | 'result';

export function toolPartKind(checker: ts.TypeChecker, node: ts.Node): ToolPartKind | undefined {
  const caseLabel = toolCaseLabel(node);
  if (caseLabel !== undefined) {
    return kindOf([caseLabel]);
  }
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(node);
  } catch {
    return undefined;
  }
  const members = type.isUnion() ? type.types : [type];
  const labels: string[] = [];
  for (const member of members) {
    const memberLabels = (member.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0 ? toolPartTypes(checker, member, node) : undefined;
    if (!memberLabels) return undefined;
    labels.push(...memberLabels);
  }
  return labels.length > 0 ? kindOf(labels) : undefined;
}

/** A part that may be a call holds what the model generated. */
function kindOf(labels: readonly string[]): ToolPartKind {
  return labels.every(label => TOOL_RESULT_PART_TYPE.test(label)) ? 'result' : 'call';
}

/** The tool part `type` values a part type allows, or nothing when one of them is not a tool part. */
function toolPartTypes(checker: ts.TypeChecker, type: ts.Type, node: ts.Node): string[] | undefined {
  const property = type.getProperty('type');
  if (!property) {
    return undefined;
  }
  const discriminant = checker.getTypeOfSymbolAtLocation(property, node);
  const labels: string[] = [];
  for (const value of discriminant.isUnion() ? discriminant.types : [discriminant]) {
    // `tool-${NAME}` of a generic tool set.
    const label = value.isStringLiteral() ? value.value : (value.flags & ts.TypeFlags.TemplateLiteral) !== 0 ? ((value as ts.TemplateLiteralType).texts[0] ?? '') : undefined;
    if (label === undefined || !TOOL_PART_TYPE.test(label)) return undefined;
    labels.push(label);
  }
  return labels;
}

/**
 * `switch (part.type) { case 'tool-search': ... log(part) }`: the case says what the part is, also
 * where the app's own part type is too loose for the checker to narrow (`type: string`).
 */
function toolCaseLabel(node: ts.Node): string | undefined {
  const value = ts.isExpression(node) ? skipTransparent(node) : node;
  if (!ts.isIdentifier(value)) {
    return undefined;
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
      return current.expression.text;
    }
  }
  return undefined;
}
