import ts from '../typescript.cjs';

import { staticStringValue } from '../constants.js';
import { type Finding, mutableRevision, unpinnedDownload } from './findings.js';
import type { LoadCall, LoadJudge } from './load-judge.js';
import { isCommitSha, literalStringsOfType, revisionInLocation, UNKNOWN } from './values.js';

/** A `revision` value: a full commit SHA is fine; branches, tags and short SHAs are not. */
export function judgeRevision(judge: LoadJudge, revision: ts.Expression, label: string, model: string): Finding[] {
  const values = staticStringValue(revision, judge.checker) !== undefined ? [staticStringValue(revision, judge.checker) ?? ''] : literalStringsOfType(revision, judge.checker);
  if (!values) {
    // Only known at run time (a parameter, configuration): the caller decides.
    return [];
  }
  const moving = values.find(value => !isCommitSha(value));
  return moving === undefined ? [] : [mutableRevision(revision, label, model, moving)];
}

/** Options the rule cannot see into: use the type of their `revision` property, if it is literal. */
export function judgeRevisionType(judge: LoadJudge, options: ts.Expression, label: string, model: string): Finding[] {
  const type = judge.checker.getTypeAtLocation(options);
  const property = type.getProperty('revision');
  if (!property) {
    return [];
  }
  const propertyType = judge.checker.getTypeOfSymbol(property);
  const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
  const values: string[] = [];
  for (const part of parts) {
    if (part.isStringLiteral()) {
      values.push(part.value);
    } else if (!(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) {
      return [];
    }
  }
  const moving = values.find(value => !isCommitSha(value));
  return moving === undefined ? [] : [mutableRevision(options, label, model, moving)];
}

/** An `hf:` URI or an http(s) URL: pinned by `#<sha>` or `/resolve/<sha>/`, or not at all. */
export function checkRemoteLocation(
  judge: LoadJudge,
  call: LoadCall,
  at: ts.Node,
  label: string,
  model: string,
  text: string,
  kind: 'url' | 'hf-uri',
  remedy: string,
  suggestions: Finding['suggestions'] = [],
): Finding[] {
  const revision = revisionInLocation(text, kind);
  if (revision !== undefined) {
    if (revision.includes(UNKNOWN)) {
      return [];
    }
    return isCommitSha(revision) ? [] : [mutableRevision(at, label, model, revision)];
  }
  if (judge.resultVerifiedAfter(call)) {
    return [];
  }
  return [unpinnedDownload(at, label, model, remedy, suggestions)];
}
