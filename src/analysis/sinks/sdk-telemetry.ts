import path from 'node:path';

import ts from '../typescript.cjs';

import { SDK_TELEMETRY_OPTIONS, TRACED_RUNNABLE_CALLS, type TelemetryOption } from '../../knowledge/sinks.js';
import { type CalleeInfo, functionWithBodyOf } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { lineOf } from '../flow/finding.js';
import { type TaintValue, isTainted, taintValue } from '../flow/taint.js';
import type { Walker } from '../flow/walker.js';
import { originMatches } from '../packages.js';
import { isFixedPrompt, promptArgumentsOf } from '../sources/model-calls.js';
import { typeIsOneOf } from '../sources/type-families.js';

/** How far a telemetry config is followed through variables, helpers and branches. */
const MAX_DEPTH = 4;

/**
 * A model call whose own options make the SDK record its prompt and output in telemetry spans
 * (`generateText({ ..., experimental_telemetry: { isEnabled: true } })`, also through a variable,
 * a spread `...(config && { experimental_telemetry: config })` or a helper that returns the config).
 * The prompt and the output are written to telemetry at the call, unless the config turns that
 * recording off. Only settings the source fixes count: `isEnabled: flag` is not guessed.
 */
export function checkSdkTelemetry(walker: Walker, call: ts.CallExpression, info: CalleeInfo, output: TaintValue): void {
  const options = call.arguments[0];
  const telemetry = options && SDK_TELEMETRY_OPTIONS.find(candidate => info.declarations.some(declaration => candidate.from.some(pattern => originMatches(declaration.origin, pattern))));
  if (!telemetry || !options) {
    return;
  }
  const configs = optionValues(walker, options, telemetry.option).flatMap(value => objectsOf(walker, value, 0));
  const enabled = configs.filter(config => settingIs(walker, config, telemetry.enabled, ts.SyntaxKind.TrueKeyword));
  if (enabled.length === 0) {
    return;
  }
  const config = enabled[0]!;
  const configFile = config.getSourceFile();
  const at = configFile === call.getSourceFile() ? `line ${lineOf(config)}` : `${path.basename(configFile.fileName)}:${lineOf(config)}`;
  const recordedBy = `its '${telemetry.option}' (${at}) records`;
  const hit = { kind: 'log' as const, category: 'telemetry' as const, callee: `${info.text}()`, via: [] };
  const records = (setting: keyof Pick<TelemetryOption, 'recordInputs' | 'recordOutputs'>): boolean =>
    enabled.some(config => !settingIs(walker, config, telemetry[setting], ts.SyntaxKind.FalseKeyword));
  const prompts = promptArgumentsOf(call, info, walker.checker).map(argument => argument.expression);
  if (records('recordInputs') && prompts.length > 0 && !isFixedPrompt(prompts, walker.checker)) {
    walker.record(taintValue({ kind: 'prompt', origin: prompts[0]!, label: `the prompt of '${info.text}()', which ${recordedBy}` }), call.expression, hit);
  }
  if (records('recordOutputs') && isTainted(output)) {
    walker.record(taintValue({ kind: 'output', origin: call, label: `the output of '${info.text}()', which ${recordedBy}` }), call.expression, hit);
  }
}

/**
 * A LangChain runnable run with a LangSmith tracer among its callbacks
 * (`graph.streamEvents({ messages }, { callbacks: tracer ? [tracer] : [] })`): the tracer uploads the
 * run's input and the outputs of its steps. Also where the runnable's package does not resolve (a
 * LangGraph graph in a project that lints without it): its import binding decides.
 */
export function checkTracedRunnable(walker: Walker, call: ts.CallExpression, info: CalleeInfo): void {
  const spec = TRACED_RUNNABLE_CALLS;
  const config = call.arguments[spec.configArgument];
  const input = call.arguments[0];
  if (!config || !input || info.name === undefined || !(spec.names as readonly string[]).includes(info.name)) {
    return;
  }
  const declarations = info.declarations.length > 0 ? info.declarations : [walker.analysis.callees.boundTo(call)].filter(declaration => declaration !== undefined);
  if (!declarations.some(declaration => spec.from.some(pattern => originMatches(declaration.origin, pattern)))) {
    return;
  }
  const tracer = optionValues(walker, config, spec.option)
    .flatMap(value => arraysOf(value, 0))
    .flatMap(array => array.elements)
    .find(element => typeIsOneOf(walker.analysis.program, walker.checker, element, spec.tracerTypes, spec.tracerFrom));
  if (!tracer) {
    return;
  }
  const hit = { kind: 'log' as const, category: 'telemetry' as const, callee: `${info.text}()`, via: [] };
  const recordedBy = `whose LangSmith tracer (line ${lineOf(tracer)}) uploads it`;
  if (!isFixedPrompt([input], walker.checker)) {
    walker.record(taintValue({ kind: 'prompt', origin: input, label: `the input of '${info.text}()', ${recordedBy}` }), call.expression, hit);
  }
  walker.record(taintValue({ kind: 'output', origin: call, label: `the outputs of the run of '${info.text}()', ${recordedBy}` }), call.expression, hit);
}

/** The array literals an expression can evaluate to, through branches (`tracer ? [tracer] : []`). */
function arraysOf(expression: ts.Expression, depth: number): ts.ArrayLiteralExpression[] {
  const node = skipTransparent(expression);
  if (depth > MAX_DEPTH) return [];
  if (ts.isArrayLiteralExpression(node)) return [node];
  if (ts.isConditionalExpression(node)) return [...arraysOf(node.whenTrue, depth + 1), ...arraysOf(node.whenFalse, depth + 1)];
  return [];
}

/** The values of an option in an options object, also inside spreads (`...(on && { option })`). */
function optionValues(walker: Walker, options: ts.Expression, option: string): ts.Expression[] {
  return objectsOf(walker, options, 0).flatMap(object =>
    object.properties.flatMap(property => {
      if (ts.isSpreadAssignment(property)) return optionValues(walker, property.expression, option);
      const name = property.name ? staticPropertyName(property.name, walker.checker) : undefined;
      if (name !== option) return [];
      if (ts.isPropertyAssignment(property)) return [property.initializer];
      return ts.isShorthandPropertyAssignment(property) ? [property.name] : [];
    }),
  );
}

/** The object literals an expression can evaluate to, through constants, branches and project helpers' returns. */
function objectsOf(walker: Walker, expression: ts.Expression, depth: number): ts.ObjectLiteralExpression[] {
  const node = skipTransparent(expression);
  if (depth > MAX_DEPTH) return [];
  if (ts.isObjectLiteralExpression(node)) return [node];
  if (ts.isConditionalExpression(node)) return [...objectsOf(walker, node.whenTrue, depth + 1), ...objectsOf(walker, node.whenFalse, depth + 1)];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return objectsOf(walker, node.right, depth + 1);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return [...objectsOf(walker, node.left, depth + 1), ...objectsOf(walker, node.right, depth + 1)];
    }
    return [];
  }
  if (ts.isIdentifier(node)) {
    const declaration = walker.symbolOf(node)?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? objectsOf(walker, declaration.initializer, depth + 1) : [];
  }
  if (ts.isAwaitExpression(node)) return objectsOf(walker, node.expression, depth + 1);
  if (ts.isCallExpression(node)) {
    const symbol = walker.analysis.callees.resolve(node).symbol;
    const helper = symbol && functionWithBodyOf(symbol);
    return helper ? returnedExpressions(helper).flatMap(returned => objectsOf(walker, returned, depth + 1)) : [];
  }
  return [];
}

/** What a function body returns (an arrow's expression body included), not counting nested functions. */
function returnedExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

/** Whether an object sets a boolean setting to `true` / `false` as written in the source. */
function settingIs(walker: Walker, object: ts.ObjectLiteralExpression, setting: string, literal: ts.SyntaxKind.TrueKeyword | ts.SyntaxKind.FalseKeyword): boolean {
  return object.properties.some(
    property =>
      ts.isPropertyAssignment(property) &&
      staticPropertyName(property.name, walker.checker) === setting &&
      skipTransparent(property.initializer).kind === literal,
  );
}
