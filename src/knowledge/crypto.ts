/**
 * What real encryption looks like, and what only looks like it.
 *
 * A library call the plugin knows nothing about ends a flow, so strong encryption (AES-GCM through
 * `createCipheriv`, `crypto.subtle.encrypt`, libsodium / tweetnacl boxes, `jose` JWE, KMS encrypt
 * commands) ends it without a list. What needs knowledge is the opposite: encryption that does not
 * protect the data. Its output still carries the plaintext for the storage rule, and the data
 * entering it is a finding of `no-weak-prompt-encryption`.
 */

/** Node.js cipher factories: which argument is the algorithm, the key and the IV. */
export interface CipherFactory {
  readonly from: readonly string[];
  readonly name: string;
  readonly algorithmArgument: number;
  readonly keyArgument: number;
  /** Absent when the API has no IV at all (`createCipher`: deprecated, derives key and IV from a password with MD5). */
  readonly ivArgument?: number;
  /** Weak whatever its arguments. */
  readonly alwaysWeak?: string;
}

export const CIPHER_FACTORIES: readonly CipherFactory[] = [
  { from: ['node:crypto'], name: 'createCipheriv', algorithmArgument: 0, keyArgument: 1, ivArgument: 2 },
  {
    from: ['node:crypto'],
    name: 'createCipher',
    algorithmArgument: 0,
    keyArgument: 1,
    alwaysWeak: "the deprecated 'createCipher()' derives key and IV from the password with one round of MD5 and no salt",
  },
];

/** Methods of a Node.js cipher object that take the plaintext. */
export const CIPHER_INPUT_METHODS: ReadonlySet<string> = new Set(['update']);
/** Methods of a cipher object whose result is ciphertext (or the tag). */
export const CIPHER_OUTPUT_METHODS: ReadonlySet<string> = new Set(['update', 'final', 'getAuthTag']);

/**
 * Algorithms (OpenSSL names, lower case) that do not protect data today: broken or 64-bit-block
 * ciphers, and stream ciphers with known biases. Matched as a prefix of the algorithm name.
 */
export const WEAK_CIPHER_PREFIXES: readonly string[] = [
  'des', // des, des-cbc, des-ede, des-ede3 (3DES, Sweet32), desx
  'rc2',
  'rc4',
  'bf', // Blowfish: 64-bit blocks
  'blowfish',
  'cast', // CAST5: 64-bit blocks
  'idea',
  'seed',
];

/** `-ecb` anywhere in the name: identical blocks give identical ciphertext (the ECB penguin). */
export const ECB_PATTERN = /(^|-)ecb($|-)/i;

/** crypto-js: cipher namespaces and how their `encrypt(message, key, cfg)` behaves. */
export interface CryptoJsCipher {
  readonly namespace: string;
  /** Why it is weak whatever the key, if it is. */
  readonly weakBecause?: string;
}

export const CRYPTO_JS_PACKAGE = 'crypto-js';
export const CRYPTO_JS_CIPHERS: readonly CryptoJsCipher[] = [
  { namespace: 'AES' },
  { namespace: 'DES', weakBecause: 'DES has a 56-bit key' },
  { namespace: 'TripleDES', weakBecause: '3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST' },
  { namespace: 'RC4', weakBecause: 'RC4 has exploitable keystream biases' },
  { namespace: 'RC4Drop', weakBecause: 'RC4 has exploitable keystream biases' },
  { namespace: 'Rabbit' },
];
/** crypto-js modes that are weak (`{ mode: CryptoJS.mode.ECB }`). */
export const CRYPTO_JS_WEAK_MODES: ReadonlySet<string> = new Set(['ECB']);

/**
 * Functions whose output is a fixed value derived from their input: a key or IV derived from a
 * literal with one of these is as hard-coded as the literal (`scryptSync('secret', 'salt', 32)`).
 */
export const KEY_DERIVATIONS: readonly { readonly from: readonly string[]; readonly names: readonly string[] }[] = [
  { from: ['node:crypto'], names: ['scryptSync', 'pbkdf2Sync', 'hkdfSync', 'createSecretKey'] },
  { from: ['node:buffer', 'lib'], names: ['from', 'alloc', 'concat'] },
];
