import ts from '../typescript.cjs';

import { TOOL_DEFINITIONS, TOOL_LOCATION_FIELDS } from '../../knowledge/llm-sdks.js';
import { outermostTransparent, staticPropertyName } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { CLEAN, type Taint, type TaintValue, join, taintValue } from '../flow/taint.js';
import { originMatches } from '../packages.js';

/**
 * Source evidence by definition: the function of a tool definition (`tool({ execute: async ({ query })
 * => ... })` of the AI SDK, LangChain's `tool(fn, { schema })`) receives as its first parameter the
 * input the model generated for the tool: model output, whatever the schema types it as.
 */
export function toolInputOf(analysis: FlowAnalysis, fn: ts.Node): Taint | undefined {
  const parameter = ts.isFunctionLike(fn) ? fn.parameters[0] : undefined;
  if (!parameter) {
    return undefined;
  }
  const definition = toolDefinitionCall(fn, analysis.checker);
  if (!definition) {
    return undefined;
  }
  const { call, property, index } = definition;
  const info = analysis.callees.resolve(call);
  const matches = TOOL_DEFINITIONS.some(
    family =>
      (property === undefined ? family.argument === index : family.execute === property) &&
      info.declarations.some(declaration => family.names.includes(declaration.name) && family.from.some(pattern => originMatches(declaration.origin, pattern))),
  );
  return matches ? { kind: 'output', toolInput: true, origin: parameter, label: `the input the model generated for the tool of '${ts.isNewExpression(call) ? 'new ' : ''}${info.text}()'` } : undefined;
}

/** The call a function is the tool function of: `tool({ execute: fn })`, `new DynamicTool({ func: fn })`, `tool(fn, options)`. */
function toolDefinitionCall(fn: ts.Node, checker: ts.TypeChecker): { call: ts.CallExpression | ts.NewExpression; property?: string; index?: number } | undefined {
  const holder = ts.isMethodDeclaration(fn) ? fn : ts.isPropertyAssignment(fn.parent) && fn.parent.initializer === fn ? fn.parent : undefined;
  if (holder) {
    const object = holder.parent;
    const argument = ts.isObjectLiteralExpression(object) ? argumentOf(object) : undefined;
    const name = staticPropertyName(holder.name, checker);
    return argument && name !== undefined ? { call: argument.call, property: name } : undefined;
  }
  return argumentOf(fn);
}

/** The call a node is a direct argument of (through parentheses and type assertions), and its position. */
function argumentOf(node: ts.Node): { call: ts.CallExpression | ts.NewExpression; index: number } | undefined {
  const current = outermostTransparent(node);
  const parent = current.parent;
  if (!parent || (!ts.isCallExpression(parent) && !ts.isNewExpression(parent))) {
    return undefined;
  }
  const index = parent.arguments?.indexOf(current as ts.Expression) ?? -1;
  return index >= 0 ? { call: parent, index } : undefined;
}

/** What a tool's function is given: the model's input, except the file-system places in it. */
export function toolInputValue(passed: TaintValue, input: Taint): TaintValue {
  const whole = join(passed, taintValue(input));
  return { taints: whole.taints, fields: new Map(TOOL_LOCATION_FIELDS.map(name => [name, CLEAN])), rest: whole };
}
