import type { ModelLoader } from '../../../knowledge/model-loaders.js';
import { traceBytes } from '../bytes.js';
import { type Finding, findingForVerdict, unpinnedDownload } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import { classifyLocation, describeExpression, lookupArgument, partialStaticString } from '../values.js';

export function checkGpt4AllLoad(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind !== 'present') {
    return [];
  }
  const label = judge.label(call, loader);
  const model = describeExpression(lookup.value);
  const verdict = judge.verdict(call, traceBytes(lookup.value, judge.context), false, lookup.value);
  if (verdict.kind === 'verified') {
    return [];
  }
  const hashFinding = findingForVerdict(verdict, lookup.value, label, model);
  if (hashFinding) {
    return [hashFinding];
  }
  const location = classifyLocation(partialStaticString(lookup.value, judge.checker), { repoIds: false });
  const localOnly = judge.optionIsTrue(call, loader.localOnlyWhenFalse, false);
  if (localOnly || (location === 'local' && /[\\/]/.test(lookup.value.getText()))) {
    return judge.localFile(lookup.value, label, model);
  }
  return [unpinnedDownload(lookup.value, label, model, loader.remedy)];
}

export function checkGpt4AllDownload(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind !== 'present') {
    return [];
  }
  const label = judge.label(call, loader);
  const model = describeExpression(lookup.value);
  if (loader.hashOption) {
    const hash = lookupArgument(call, loader.hashOption, judge.checker);
    if (hash.kind === 'present') {
      if (judge.settings.allowWeakHashes) {
        return [];
      }
      return [{ kind: 'weakHash', node: hash.value, data: { loader: label, model, algorithm: loader.hashOption.algorithm }, suggestions: [] }];
    }
    if (hash.kind === 'unknown') {
      return [];
    }
  }
  return [unpinnedDownload(lookup.value, label, model, loader.remedy)];
}

