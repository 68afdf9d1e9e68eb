import ts from '../../typescript.cjs';

import type { ModelLoader } from '../../../knowledge/model-loaders.js';
import { evidenceAfter } from '../evidence.js';
import { type Finding, unpinnedDownload } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import { describeExpression, partialStaticString, UNKNOWN } from '../values.js';
import { hasOllamaDigestCheck } from '../verdicts.js';

export function checkOllamaPull(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const findings: Finding[] = [];
  const label = judge.label(call, loader);
  const lookup = judge.findModel(call, loader.model);
  const model = lookup.kind === 'present' ? describeExpression(lookup.value) : 'the model';
  // `insecure: true` is a transport problem: no-insecure-llm-transport reports it (one finding per concern).
  if (lookup.kind === 'present' && !hasOllamaDigestCheck(evidenceAfter(statementOf(call), judge.context))) {
    findings.push(unpinnedDownload(lookup.value, label, model, loader.remedy));
  }
  return findings;
}

export function checkOllamaCreate(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind !== 'present') {
    return [];
  }
  const from = partialStaticString(lookup.value, judge.checker);
  // Only a base model named by a registry host (`hf.co/user/repo:Q4_K_M`) is certainly pulled;
  // a plain tag (`llama3.2`) is usually a model already pulled (where `pull()` is judged).
  if (from === undefined || from.startsWith(UNKNOWN) || !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\//i.test(from)) {
    return [];
  }
  if (hasOllamaDigestCheck(evidenceAfter(statementOf(call), judge.context))) {
    return [];
  }
  return [unpinnedDownload(lookup.value, judge.label(call, loader), describeExpression(lookup.value), loader.remedy)];
}

export function statementOf(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && !ts.isBlock(current.parent) && !ts.isSourceFile(current.parent) && !ts.isCaseClause(current.parent) && !ts.isModuleBlock(current.parent)) {
    current = current.parent;
  }
  return current;
}
