import ts from '../typescript.cjs';

import { skipTransparent } from '../constants.js';

/** What is weak about an encryption construct, one kind per message of the rule. */
export type WeaknessKind = 'weak-algorithm' | 'deprecated-api' | 'ecb-mode' | 'hardcoded-key' | 'nonce-reuse' | 'constant-iv' | 'weak-kdf';

/**
 * In this order the kinds are named in messages, and the first one decides the message id: a
 * broken cipher before its mode, its key and its IV, and a weak key derivation last.
 */
export const WEAKNESS_ORDER: readonly WeaknessKind[] = ['weak-algorithm', 'deprecated-api', 'ecb-mode', 'hardcoded-key', 'nonce-reuse', 'constant-iv', 'weak-kdf'];

/**
 * Weaknesses after which the ciphertext is as good as plaintext for anyone with the code or two
 * ciphertexts: the storage rule does not count such encryption. A weak key derivation only makes
 * guessing a password cheaper, so the encryption still counts there (it is reported by
 * `no-weak-prompt-encryption` all the same).
 */
const BREAKS_ENCRYPTION: ReadonlySet<WeaknessKind> = new Set(['weak-algorithm', 'deprecated-api', 'ecb-mode', 'hardcoded-key', 'nonce-reuse', 'constant-iv']);

/** One weakness of a construct. */
export interface WeaknessDetail {
  readonly kind: WeaknessKind;
  /** A sentence fragment for messages, e.g. `'des-ede3-cbc' is a weak cipher`. */
  readonly reason: string;
  /** Where the weakness is written: the algorithm, the literal a key or IV comes from, the IV made once. */
  readonly evidence: ts.Node;
}

/**
 * A weak construct: the call where the fix goes (a cipher creation, a crypto-js or WebCrypto
 * `encrypt` call, a key derivation) and everything weak about it.
 */
export interface WeakConstruct {
  readonly node: ts.CallExpression;
  /** How messages name it, e.g. `'createCipheriv()'`. */
  readonly label: string;
  /** What it does to the data: it encrypts (or decrypts) it, or derives the key that does. */
  readonly role: 'encrypts' | 'decrypts' | 'derives-key';
  /** In {@link WEAKNESS_ORDER}; never empty. */
  readonly details: readonly WeaknessDetail[];
}

/**
 * Why one encryption call does not protect the data it is given: the weak constructs it depends on
 * (the cipher it uses, and the key derivations behind its key). `kind`, `reason` and `evidence` are
 * those of the first weakness that breaks the encryption (or of the first weakness at all), for the
 * storage rule's note.
 */
export interface Weakness extends WeaknessDetail {
  readonly constructs: readonly WeakConstruct[];
  /** Whether the output still counts as plaintext (see {@link BREAKS_ENCRYPTION}). */
  readonly breaksEncryption: boolean;
}

/** Details in {@link WEAKNESS_ORDER}, one per kind (the first found). */
export function sortDetails(details: readonly WeaknessDetail[]): WeaknessDetail[] {
  const byKind = new Map<WeaknessKind, WeaknessDetail>();
  for (const detail of details) {
    if (!byKind.has(detail.kind)) byKind.set(detail.kind, detail);
  }
  return WEAKNESS_ORDER.flatMap(kind => byKind.get(kind) ?? []);
}

export function construct(node: ts.CallExpression, role: WeakConstruct['role'], details: readonly WeaknessDetail[]): WeakConstruct | undefined {
  return details.length === 0 ? undefined : { node, label: `'${constructName(node)}()'`, role, details: sortDetails(details) };
}

/** The weakness of an encryption call that depends on these constructs, `undefined` when none is weak. */
export function weaknessOf(constructs: readonly (WeakConstruct | undefined)[]): Weakness | undefined {
  const present = constructs.filter((item): item is WeakConstruct => item !== undefined);
  const details = present.flatMap(item => item.details);
  const breaking = details.find(detail => BREAKS_ENCRYPTION.has(detail.kind));
  const primary = breaking ?? details[0];
  return primary && { ...primary, constructs: present, breaksEncryption: breaking !== undefined };
}

/** Names longer than this are shortened in messages. */
const MAX_NAME_LENGTH = 40;

/** `createCipheriv` for `crypto.createCipheriv(...)`, `CryptoJS.AES.encrypt`, `createHash(...).digest`. */
function constructName(call: ts.CallExpression): string {
  const callee = skipTransparent(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = skipTransparent(callee.expression);
    if (ts.isCallExpression(receiver)) {
      // `createHash('sha256').update(password).digest()`: name the chain by its ends.
      let first: ts.Expression = receiver;
      while (ts.isCallExpression(first) && ts.isPropertyAccessExpression(skipTransparent(first.expression))) {
        first = skipTransparent((skipTransparent(first.expression) as ts.PropertyAccessExpression).expression);
      }
      const head = ts.isCallExpression(first) ? shortText(first.expression) : shortText(first);
      return `${head}().${callee.name.text}`;
    }
  }
  return shortText(callee);
}

function shortText(node: ts.Expression): string {
  const text = node.getText().replace(/\s+/g, '');
  return text.length > MAX_NAME_LENGTH ? `…${text.slice(-MAX_NAME_LENGTH)}` : text;
}

/** ` 'KEY'` for a key or IV held in a variable or property, `''` for an expression written in place. */
export function nameOf(node: ts.Expression): string {
  const expression = skipTransparent(node);
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
    const text = expression.getText().replace(/\s+/g, '');
    return text.length <= MAX_NAME_LENGTH ? ` '${text}'` : '';
  }
  return '';
}

/** How the source fixes a key or IV (see `fixed-values.ts`). */
type Fixedness = 'literal' | 'derived' | 'zeros' | 'fallback';

const KEY_FIXED: Readonly<Record<Fixedness, string>> = {
  literal: 'is written in the source code',
  derived: 'is derived from a value written in the source code',
  zeros: 'is all zero bytes',
  fallback: 'falls back to a value written in the source code',
};
const IV_FIXED: Readonly<Record<Fixedness, string>> = {
  literal: 'is a constant',
  derived: 'is derived from a constant',
  zeros: 'is all zero bytes',
  fallback: 'falls back to a constant',
};
const IV_REUSED: Readonly<Record<'module' | 'instance' | 'loop' | 'shared', string>> = {
  module: 'is created once and reused for every message',
  instance: 'is created once per instance and reused for every message it encrypts',
  loop: 'is created once before the loop and reused in every iteration',
  shared: 'is also used by another encryption',
};

/** A key (or crypto-js passphrase, or `createCipher` password) that the source fixes. */
export function keyDetail(role: 'key' | 'passphrase' | 'password', key: ts.Expression, fixed: { how: Fixedness; node: ts.Node }): WeaknessDetail {
  return { kind: 'hardcoded-key', reason: `the ${role}${nameOf(key)} ${KEY_FIXED[fixed.how]}`, evidence: fixed.node };
}

/**
 * An IV the source fixes, or one made once and reused. In GCM, CTR and the other stream modes the
 * IV is a nonce, and reusing it is worse: `nonce-reuse`.
 */
export function ivDetail(
  iv: ts.Expression,
  found: { fixed?: { how: Fixedness; node: ts.Node } | undefined; reuse?: { how: keyof typeof IV_REUSED; node: ts.Node } | undefined },
  nonceMode: boolean,
): WeaknessDetail | undefined {
  const kind = nonceMode ? 'nonce-reuse' : 'constant-iv';
  if (found.fixed) {
    return { kind, reason: `the IV${nameOf(iv)} ${IV_FIXED[found.fixed.how]}`, evidence: found.fixed.node };
  }
  if (found.reuse) {
    return { kind, reason: `the IV${nameOf(iv)} ${IV_REUSED[found.reuse.how]}`, evidence: found.reuse.node };
  }
  return undefined;
}
