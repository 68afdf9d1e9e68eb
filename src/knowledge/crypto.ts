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

/**
 * Methods of a Node.js cipher object that take the plaintext: `update()`, and the stream methods
 * `write()` / `end()` (a cipher is a Transform stream).
 */
export const CIPHER_INPUT_METHODS: ReadonlySet<string> = new Set(['update', 'write', 'end']);
/** Where those methods are declared: the cipher interfaces, and the stream classes they extend. */
export const CIPHER_INPUT_ORIGINS: readonly string[] = ['node:crypto', 'node:stream'];
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
 * Modes whose IV is a nonce: reusing it reveals the XOR of two plaintexts (and, for GCM, lets an
 * attacker forge tags). Matched against the lower-case algorithm name.
 */
export const NONCE_MODE_PATTERN = /(^|-)(gcm|ctr|ofb|cfb\d*|ccm|ocb)($|-)|^chacha20/;

/** crypto-js `encrypt(message, key, cfg)`: the options that hold the mode and the IV. */
export const CRYPTO_JS_MODE_OPTION = 'mode';
export const CRYPTO_JS_IV_OPTION = 'iv';

/**
 * Functions whose output is a fixed value when their input is: a key or IV made with one of these
 * from a literal is as hard-coded as the literal. `input` is the argument that carries the secret
 * (`hkdfSync(digest, ikm, ...)` takes it second); `derives` says the output is a hash or KDF of it
 * (`scryptSync('secret', 'salt', 32)`) rather than the same bytes re-encoded (`Buffer.from('...')`).
 */
export interface FixedDerivation {
  readonly from: readonly string[];
  readonly names: readonly string[];
  readonly input: number;
  readonly derives: boolean;
}

export const KEY_DERIVATIONS: readonly FixedDerivation[] = [
  { from: ['node:crypto'], names: ['scryptSync', 'pbkdf2Sync'], input: 0, derives: true },
  { from: ['node:crypto'], names: ['hkdfSync'], input: 1, derives: true },
  { from: ['node:crypto'], names: ['createSecretKey'], input: 0, derives: false },
  { from: ['node:buffer'], names: ['from', 'concat'], input: 0, derives: false },
  { from: ['lib'], names: ['from'], input: 0, derives: false }, // Uint8Array.from([...]), Array.from('...')
  { from: ['lib', 'node:util'], names: ['encode'], input: 0, derives: false }, // new TextEncoder().encode('...')
  { from: [CRYPTO_JS_PACKAGE], names: ['parse'], input: 0, derives: false }, // CryptoJS.enc.Utf8.parse('...')
  {
    from: [CRYPTO_JS_PACKAGE],
    names: ['PBKDF2', 'EvpKDF', 'MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160'],
    input: 0,
    derives: true,
  },
];

/**
 * Buffers that start as zero bytes: `Buffer.alloc(16)`, `new Uint8Array(16)`. Constant unless the
 * program fills them (see {@link BUFFER_FILLERS}).
 */
export const ZERO_FILLED_ALLOCATORS: readonly { readonly from: readonly string[]; readonly names: readonly string[] }[] = [
  { from: ['node:buffer'], names: ['alloc'] },
];
/** Typed-array constructors: `new Uint8Array(16)` is sixteen zero bytes. */
export const TYPED_ARRAYS: ReadonlySet<string> = new Set(['Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'ArrayBuffer']);

/**
 * How a program fills a buffer it allocated, so `const iv = Buffer.alloc(16); randomFillSync(iv)`
 * is not a constant IV: functions that fill an argument, and buffer methods that write into the
 * buffer (`iv.set(...)`, `iv.fill(...)`, `iv.write(...)`, `source.copy(iv)`).
 */
export const BUFFER_FILLERS: ReadonlySet<string> = new Set(['randomFillSync', 'randomFill', 'getRandomValues', 'copy']);
export const BUFFER_WRITING_METHODS: ReadonlySet<string> = new Set(['set', 'fill', 'write', 'copyWithin']);
export const BUFFER_WRITING_METHOD_PREFIX = 'write';

/**
 * Methods that turn a fixed value into another fixed value (`'k'.repeat(32)`, `KEY.slice(0, 32)`,
 * `wordArray.toString()`). A key made this way from a literal is still written in the source.
 */
export const FIXED_TRANSFORMS: ReadonlySet<string> = new Set([
  'repeat',
  'padStart',
  'padEnd',
  'slice',
  'substring',
  'substr',
  'toUpperCase',
  'toLowerCase',
  'trim',
  'normalize',
  'concat',
  'toString',
  'subarray',
  'valueOf',
]);
/** Hash and HMAC objects: `createHash('sha256').update('secret').digest()` is fixed when every input is. */
export const DIGEST_METHODS: ReadonlySet<string> = new Set(['digest']);
export const DIGEST_INPUT_METHODS: ReadonlySet<string> = new Set(['update']);
