import ts from '../../typescript.cjs';

import type { ModelLoader } from '../../../knowledge/model-loaders.js';
import { type Finding, REVISION_PLACEHOLDER, type SuggestionKind, type TextEdit } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import { checkRemoteLocation } from '../revisions.js';
import { classifyLocation, describeExpression, partialStaticString, skipValueWrappers } from '../values.js';

/** node-llama-cpp downloads (`resolveModelFile`, `createModelDownloader`) of `hf:` URIs and URLs. */
export function checkUriDownload(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind !== 'present') {
    return [];
  }
  const text = partialStaticString(lookup.value, judge.checker);
  const kind = classifyLocation(text, { repoIds: false });
  if (kind !== 'url' && kind !== 'hf-uri') {
    // A local path (the load judges it) or a value only known at run time.
    return [];
  }
  const label = judge.label(call, loader);
  const model = describeExpression(lookup.value);
  const suggestions: { kind: SuggestionKind; edits: TextEdit[] }[] = [];
  const literal = skipValueWrappers(lookup.value);
  // `hf:<user>/<model>/<file-path>` accepts `#<revision>`; the `:<quant>` form does not.
  if (kind === 'hf-uri' && ts.isStringLiteral(literal) && /^hf:[^/:#]+\/[^/:#]+\/[^:#]+$/.test(literal.text)) {
    const quote = literal.getText().charAt(0);
    suggestions.push({
      kind: 'addUriRevision',
      edits: [{ start: literal.getStart(), end: literal.getEnd(), text: `${quote}${literal.text}#${REVISION_PLACEHOLDER}${quote}` }],
    });
  }
  return checkRemoteLocation(judge, call, lookup.value, label, model, text ?? '', kind, loader.remedy, suggestions);
}
