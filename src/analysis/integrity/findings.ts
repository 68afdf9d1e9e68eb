import type ts from 'typescript';

import { displayAlgorithm } from './hashing.js';
import type { Verdict } from './verdicts.js';

export type FindingKind =
  | 'unpinnedDownload'
  | 'mutableRevision'
  | 'unhashedLocalFile'
  | 'unhashedBuffer'
  | 'hashNotEnforced'
  | 'weakHash'
  | 'pinDefeated'
  | 'webLlmWeightsUnverified';

export type SuggestionKind = 'addRevision' | 'addUriRevision' | 'failClosed';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Finding {
  readonly kind: FindingKind;
  /** The node the report points at. */
  readonly node: ts.Node;
  readonly data: Readonly<Record<string, string>>;
  readonly suggestions: readonly { readonly kind: SuggestionKind; readonly edits: readonly TextEdit[] }[];
}

/** What a suggestion inserts: a placeholder the user must replace (the rule keeps reporting it until they do). */
export const REVISION_PLACEHOLDER = 'REPLACE_WITH_FULL_40_CHAR_COMMIT_SHA';

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** A finding for a verdict that found a hash (weak or not enforced); `undefined` otherwise. */
export function findingForVerdict(verdict: Verdict, at: ts.Node, loader: string, model: string): Finding | undefined {
  if (verdict.kind === 'weak') {
    return { kind: 'weakHash', node: at, data: { loader, model, algorithm: displayAlgorithm(verdict.algorithm) }, suggestions: [] };
  }
  if (verdict.kind === 'not-enforced') {
    const problems: Record<typeof verdict.reason, string> = {
      'fail-open': 'is only enforced when another condition also holds (fail-open)',
      'not-enforced': 'does not stop the load when it does not match',
      unpinned: 'is compared with a value that is not pinned in the source',
      'never-compared': 'is never compared with a pinned value',
    };
    const algorithm = verdict.algorithm === undefined ? 'hash' : displayAlgorithm(verdict.algorithm);
    const what = verdict.reason === 'never-compared' ? `${algorithm} hash computed on line` : `${algorithm} check on line`;
    return {
      kind: 'hashNotEnforced',
      node: at,
      data: { loader, model, check: `${what} ${lineOf(verdict.node)}`, problem: problems[verdict.reason] },
      suggestions: [],
    };
  }
  return undefined;
}

/** The download is pinned neither to an immutable revision nor by a hash check. */
export function unpinnedDownload(at: ts.Node, loader: string, model: string, remedy: string, suggestions: Finding['suggestions'] = []): Finding {
  return { kind: 'unpinnedDownload', node: at, data: { loader, model, remedy }, suggestions };
}

/** The pin names a branch, tag or short SHA that can move. */
export function mutableRevision(at: ts.Node, loader: string, model: string, revision: string): Finding {
  return { kind: 'mutableRevision', node: at, data: { loader, model, revision }, suggestions: [] };
}
