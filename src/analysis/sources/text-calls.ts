import ts from '../typescript.cjs';

import { MODEL_COMMANDS } from '../../knowledge/llm-sdks.js';
import { MODEL_TEXT_CALLS, type ModelTextCall } from '../../knowledge/text-results.js';
import type { CalleeInfo } from '../callees.js';
import { skipTransparent } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { originMatches } from '../packages.js';
import { typeIsOneOf } from './type-families.js';

/**
 * Source evidence by call, where the result's type says nothing: SDK methods whose plain-`string`
 * (or untyped) result is model output (`knowledge/text-results.ts`), and commands sent through a
 * client's `send` (`client.send(new ConverseCommand(input))`, `MODEL_COMMANDS`).
 */

const TEXT_CALLS_BY_NAME = new Map<string, ModelTextCall[]>();
for (const entry of MODEL_TEXT_CALLS) {
  for (const name of entry.names) {
    TEXT_CALLS_BY_NAME.set(name, [...(TEXT_CALLS_BY_NAME.get(name) ?? []), entry]);
  }
}

/**
 * The knowledge entry of a call to an SDK method that answers with plain text, if it is one; for a
 * call whose package does not resolve where the lint runs (untyped JavaScript), what its import binds
 * it to (`new LLMChain(...)` of `require('langchain/chains')`, then `chain.call(values)`).
 */
export function modelTextCall(analysis: FlowAnalysis, call: ts.CallExpression, info: CalleeInfo): ModelTextCall | undefined {
  const typed = modelTextCallOf(info.declarations);
  if (typed || info.declarations.length > 0 || info.name === undefined || !TEXT_CALLS_BY_NAME.has(info.name)) {
    return typed;
  }
  const bound = analysis.callees.boundTo(call);
  return bound ? modelTextCallOf([bound]) : undefined;
}

/** The knowledge entry matching one of a callee's declarations. */
export function modelTextCallOf(declarations: CalleeInfo['declarations']): ModelTextCall | undefined {
  for (const declaration of declarations) {
    for (const entry of TEXT_CALLS_BY_NAME.get(declaration.name) ?? []) {
      if (entry.containers && !entry.containers.includes(declaration.container ?? '')) continue;
      if (entry.from.some(pattern => originMatches(declaration.origin, pattern))) return entry;
    }
  }
  return undefined;
}

/**
 * `client.send(command)` where the command is one of an LLM SDK's model commands. The argument's
 * type is looked up only for a `send` declared by a client runtime the knowledge names.
 */
export function isModelCommandSend(analysis: FlowAnalysis, call: ts.CallExpression, info: CalleeInfo): boolean {
  const command = call.arguments[0];
  if (info.name !== 'send' || command === undefined || !ts.isPropertyAccessExpression(skipTransparent(call.expression))) {
    return false;
  }
  return MODEL_COMMANDS.some(
    family =>
      info.declarations.some(declaration => declaration.name === 'send' && family.clientFrom.some(pattern => originMatches(declaration.origin, pattern))) &&
      typeIsOneOf(analysis.program, analysis.checker, command, family.commands, family.from),
  );
}
