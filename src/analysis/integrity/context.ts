/**
 * The vocabulary the verification steps share: the context they run in, what a check vouches for,
 * the evidence gathered before a load, and summaries of project helpers.
 */
import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type ts from 'typescript';

import type { DigestInfo, HashContext, HashStrength } from './hashing.js';

/** What require-model-integrity's options make of a model load. */
export interface IntegritySettings {
  readonly allowLocalPaths: boolean;
  readonly allowWeakHashes: boolean;
  readonly loaders: readonly TypeOrValueSpecifier[];
  readonly verifiers: readonly TypeOrValueSpecifier[];
}

/** Options that change what counts as verification. */
export interface IntegrityContext extends HashContext {
  /** Project or package functions the user declared as verifiers (they throw on mismatch). */
  readonly verifiers: readonly TypeOrValueSpecifier[];
  /** A stable key of the options above, for caches. */
  readonly optionsKey: string;
  /**
   * The summary of a project helper (summaries.ts). Handed in by the analyzer, like
   * {@link HashContext.helperDigest}: summaries are built from checks and evidence, so the checks
   * reach them through the context rather than by an import that would close a cycle.
   */
  readonly summarize: (fn: ts.SignatureDeclaration) => HelperSummary;
}

/** Is the expected value of a comparison fixed in the source? */
export type Pinnedness =
  | { readonly kind: 'pinned' }
  | { readonly kind: 'unpinned' }
  /** A parameter of the function being summarised: its callers decide. */
  | { readonly kind: 'param'; readonly index: number };

/** Bytes a check vouches for. */
export interface CheckedBytes {
  /** Where the check is (a comparison, a helper call). */
  readonly node: ts.Node;
  /** Expressions whose bytes were hashed. Empty for an Ollama manifest digest. */
  readonly inputs: readonly ts.Expression[];
  readonly algorithm: string | undefined;
  readonly strength: HashStrength;
  readonly pinned: Pinnedness;
  /** An Ollama model digest (from `ollama.list()`) was compared. */
  readonly ollama: boolean;
  /** For helper calls: the helper throws (`throws`) or returns whether the bytes match (`boolean`). */
  readonly mode: 'throws' | 'boolean' | 'compare';
  /** The helper itself does not stop on a mismatch. */
  readonly failOpen?: boolean;
}

export type IneffectiveReason = 'fail-open' | 'not-enforced';

/** How a mismatch branch leaves: the load after it is not reached either way. */
export type ExitKind = 'throw' | 'return-falsy' | 'return' | 'loop';

export interface EffectiveCheck {
  readonly bytes: CheckedBytes;
  readonly exit: ExitKind | 'condition';
}

export interface Evidence {
  /** Checks whose mismatch stops execution before the point. */
  readonly effective: EffectiveCheck[];
  /** Checks that exist but do not stop a mismatch. */
  readonly ineffective: { readonly bytes: CheckedBytes; readonly reason: IneffectiveReason }[];
  /** Digests computed before the point. */
  readonly digests: DigestInfo[];
}

export interface VerifiedParameter {
  readonly param: number;
  readonly algorithm: string | undefined;
  readonly strength: HashStrength;
  readonly mode: 'throws' | 'boolean';
  /** The parameter holding the expected digest, if the caller provides it. */
  readonly expectedParam?: number;
  readonly pinned: Pinnedness;
  readonly ollama: boolean;
  readonly failOpen?: boolean;
}

export interface HelperSummary {
  /** Parameters whose bytes the helper hashes and compares fail-closed (or returns the result of). */
  readonly verifies: readonly VerifiedParameter[];
  /** Parameters whose bytes the helper returns the digest of (`sha256File(path)`). */
  readonly returnsDigest: readonly { readonly param: number; readonly algorithm: string | undefined }[];
  /** The helper returns bytes it verified first (`fetchVerified(url)`). */
  readonly returnsVerified: { readonly strength: HashStrength; readonly algorithm: string | undefined } | undefined;
  /** The helper contains a fail-closed check of some hash against a pinned value (custom fetch functions). */
  readonly verifiesSomething: boolean;
}
