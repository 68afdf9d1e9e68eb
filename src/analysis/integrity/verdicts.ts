import type ts from 'typescript';

import { type ByteTrace, sameBytes, traceBytes } from './bytes.js';
import type { Evidence, IneffectiveReason, IntegrityContext } from './context.js';

export type Verdict =
  | { readonly kind: 'verified' }
  | { readonly kind: 'weak'; readonly algorithm: string | undefined; readonly node: ts.Node }
  | { readonly kind: 'not-enforced'; readonly reason: IneffectiveReason | 'unpinned' | 'never-compared'; readonly node: ts.Node; readonly algorithm: string | undefined }
  | { readonly kind: 'unverified' };

function inputsMatch(loaded: ByteTrace, inputs: readonly ts.Expression[], context: IntegrityContext, directory: boolean): boolean {
  return inputs.some(input => sameBytes(loaded, traceBytes(input, context), { directory }));
}

/** Decides whether the bytes traced by `loaded` were verified, given the evidence before the load. */
export function verdictFor(loaded: ByteTrace, evidence: Evidence, context: IntegrityContext, options: { allowWeakHashes: boolean; directory: boolean }): Verdict {
  let weak: Verdict | undefined;
  let unpinned: Verdict | undefined;
  for (const { bytes } of evidence.effective) {
    if (bytes.ollama || !inputsMatch(loaded, bytes.inputs, context, options.directory)) {
      continue;
    }
    if (bytes.pinned.kind === 'unpinned') {
      unpinned ??= { kind: 'not-enforced', reason: 'unpinned', node: bytes.node, algorithm: bytes.algorithm };
      continue;
    }
    if (bytes.strength === 'weak') {
      if (options.allowWeakHashes) {
        return { kind: 'verified' };
      }
      weak ??= { kind: 'weak', algorithm: bytes.algorithm, node: bytes.node };
      continue;
    }
    return { kind: 'verified' };
  }
  if (weak) {
    return weak;
  }
  if (unpinned) {
    return unpinned;
  }
  for (const { bytes, reason } of evidence.ineffective) {
    if (!bytes.ollama && inputsMatch(loaded, bytes.inputs, context, options.directory)) {
      return { kind: 'not-enforced', reason, node: bytes.node, algorithm: bytes.algorithm };
    }
  }
  for (const digest of evidence.digests) {
    if (inputsMatch(loaded, digest.inputs, context, options.directory)) {
      return { kind: 'not-enforced', reason: 'never-compared', node: digest.node, algorithm: digest.algorithm };
    }
  }
  return { kind: 'unverified' };
}

/** Is there an effective check of an Ollama model digest against a pinned value? */
export function hasOllamaDigestCheck(evidence: Evidence): boolean {
  return evidence.effective.some(({ bytes }) => bytes.ollama && bytes.pinned.kind !== 'unpinned');
}
