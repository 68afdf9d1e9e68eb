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
  /** A decipher: no plaintext goes in, but its algorithm, key and IV are those the data was encrypted with. */
  readonly decrypts?: true;
}

const CREATE_CIPHER_WEAKNESS = "derives key and IV from the password with one round of MD5 and no salt";

export const CIPHER_FACTORIES: readonly CipherFactory[] = [
  { from: ['node:crypto'], name: 'createCipheriv', algorithmArgument: 0, keyArgument: 1, ivArgument: 2 },
  { from: ['node:crypto'], name: 'createCipher', algorithmArgument: 0, keyArgument: 1, alwaysWeak: `the deprecated 'createCipher()' ${CREATE_CIPHER_WEAKNESS}` },
  { from: ['node:crypto'], name: 'createDecipheriv', algorithmArgument: 0, keyArgument: 1, ivArgument: 2, decrypts: true },
  {
    from: ['node:crypto'],
    name: 'createDecipher',
    algorithmArgument: 0,
    keyArgument: 1,
    alwaysWeak: `the deprecated 'createDecipher()' ${CREATE_CIPHER_WEAKNESS}`,
    decrypts: true,
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
  { namespace: 'Blowfish', weakBecause: 'Blowfish has 64-bit blocks (Sweet32)' },
];
/** crypto-js methods on those namespaces: encryption takes the plaintext first, decryption the ciphertext. */
export const CRYPTO_JS_ENCRYPT = 'encrypt';
export const CRYPTO_JS_DECRYPT = 'decrypt';
/**
 * A string key puts crypto-js in passphrase mode: it derives key and IV with OpenSSL's
 * `EVP_BytesToKey`, one round of MD5 over the passphrase and a random salt.
 */
export const CRYPTO_JS_PASSPHRASE_WEAKNESS =
  "a string key puts crypto-js in passphrase mode, which derives the key with OpenSSL's EVP_BytesToKey (one round of MD5)";
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
  { from: ['argon2'], names: ['hash'], input: 0, derives: true },
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

/**
 * WebCrypto: `crypto.subtle.encrypt(algorithm, key, data)` (the DOM library and `node:crypto`'s
 * `webcrypto`), and which member of the algorithm object is its IV.
 */
export const WEB_CRYPTO_ORIGINS: readonly string[] = ['lib', 'node:crypto'];
export const WEB_CRYPTO_CONTAINER = 'SubtleCrypto';
export const WEB_CRYPTO_PLAINTEXT_ARGUMENT = 2;
export const WEB_CRYPTO_IV_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['aes-gcm', 'iv'],
  ['aes-cbc', 'iv'],
  ['aes-ctr', 'counter'],
]);
/** `importKey(format, keyData, ...)`, `deriveKey(params, baseKey, ...)`, `deriveBits(params, baseKey, length)`. */
export const WEB_CRYPTO_IMPORT_KEY = 'importKey';
export const WEB_CRYPTO_DERIVATIONS: ReadonlySet<string> = new Set(['deriveKey', 'deriveBits']);
export const WEB_CRYPTO_DIGEST = 'digest';

/**
 * Key derivation work factors below which a password-derived key is cheap to guess offline.
 *
 * PBKDF2: the OWASP Password Storage Cheat Sheet
 * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#pbkdf2, as of
 * 2025) asks for 1,300,000 iterations of PBKDF2-HMAC-SHA1, 600,000 of HMAC-SHA256 and 210,000 of
 * HMAC-SHA512. A digest the code does not fix is held to the lowest of the three.
 */
export const PBKDF2_MIN_ITERATIONS: ReadonlyMap<string, number> = new Map([
  ['sha1', 1_300_000],
  ['sha256', 600_000],
  ['sha512', 210_000],
]);
export const PBKDF2_MIN_ITERATIONS_ANY_DIGEST = 210_000;

/**
 * scrypt with toy parameters: less memory (128 · N · r bytes) than Node.js's defaults (N = 2^14,
 * r = 8: 16 MiB, the scrypt paper's interactive-login setting). OWASP asks for N = 2^17; the range
 * between the two is not reported (see the rule's documentation).
 */
export const SCRYPT_MIN_MEMORY_BYTES = 128 * 2 ** 14 * 8;

/**
 * Argon2 with toy parameters: below the weakest of OWASP's equivalent Argon2id settings (from
 * 46 MiB with 1 pass to 7 MiB with 5 passes): less than 7,168 KiB of memory, or less memory times
 * passes than 7,168 KiB × 5.
 */
export const ARGON2_MIN_MEMORY_KIB = 7168;
export const ARGON2_MIN_MEMORY_TIMES_PASSES = 7168 * 5;

/** Where a key derivation's input and parameters are: an argument, or properties of an options argument. */
export interface KdfParameter {
  readonly argument: number;
  /** Property names in an options object (any of them), when the value is not the argument itself. */
  readonly properties?: readonly string[];
}

export type KdfFamily = 'pbkdf2' | 'scrypt' | 'argon2' | 'evp';

export interface KeyDerivationFunction {
  readonly from: readonly string[];
  readonly names: readonly string[];
  readonly family: KdfFamily;
  /** The password (or other secret) the key is derived from. */
  readonly password: KdfParameter;
  /** PBKDF2 iterations, Argon2 passes. */
  readonly iterations?: KdfParameter;
  /** PBKDF2 digest (`'sha256'`, `CryptoJS.algo.SHA1`). */
  readonly digest?: KdfParameter;
  /** Argon2 memory in KiB. */
  readonly memory?: KdfParameter;
  /** scrypt cost (N) and block size (r). */
  readonly cost?: KdfParameter;
  readonly blockSize?: KdfParameter;
  /** Values the library uses when the code does not set them. */
  readonly defaults?: { readonly iterations?: number; readonly digest?: string; readonly memory?: number; readonly cost?: number; readonly blockSize?: number };
  /** Why the default is what it is, for messages (`crypto-js 4.2's default`). */
  readonly defaultsNote?: string;
  /** Async forms: the argument that is a callback receiving the key as its second parameter. */
  readonly callback?: number;
}

export const KEY_DERIVATION_FUNCTIONS: readonly KeyDerivationFunction[] = [
  { from: ['node:crypto'], names: ['pbkdf2Sync'], family: 'pbkdf2', password: { argument: 0 }, iterations: { argument: 2 }, digest: { argument: 4 } },
  { from: ['node:crypto'], names: ['pbkdf2'], family: 'pbkdf2', password: { argument: 0 }, iterations: { argument: 2 }, digest: { argument: 4 }, callback: 5 },
  {
    from: ['node:crypto'],
    names: ['scryptSync', 'scrypt'],
    family: 'scrypt',
    password: { argument: 0 },
    cost: { argument: 3, properties: ['N', 'cost'] },
    blockSize: { argument: 3, properties: ['r', 'blockSize'] },
    defaults: { cost: 2 ** 14, blockSize: 8 },
    callback: 3,
  },
  {
    from: [CRYPTO_JS_PACKAGE],
    names: ['PBKDF2'],
    family: 'pbkdf2',
    password: { argument: 0 },
    iterations: { argument: 2, properties: ['iterations'] },
    digest: { argument: 2, properties: ['hasher'] },
    // crypto-js 4.2 (October 2023) raised its defaults from 1 iteration of SHA-1.
    defaults: { iterations: 250_000, digest: 'sha256' },
    defaultsNote: "crypto-js's default",
  },
  { from: [CRYPTO_JS_PACKAGE], names: ['EvpKDF'], family: 'evp', password: { argument: 0 } },
  {
    from: ['argon2'],
    names: ['hash'],
    family: 'argon2',
    password: { argument: 0 },
    iterations: { argument: 1, properties: ['timeCost'] },
    memory: { argument: 1, properties: ['memoryCost'] },
    defaults: { iterations: 3, memory: 65_536 },
  },
  {
    from: ['hash-wasm'],
    names: ['argon2id', 'argon2i', 'argon2d'],
    family: 'argon2',
    password: { argument: 0, properties: ['password'] },
    iterations: { argument: 0, properties: ['iterations'] },
    memory: { argument: 0, properties: ['memorySize'] },
  },
  {
    from: ['hash-wasm'],
    names: ['pbkdf2'],
    family: 'pbkdf2',
    password: { argument: 0, properties: ['password'] },
    iterations: { argument: 0, properties: ['iterations'] },
  },
  {
    from: ['hash-wasm'],
    names: ['scrypt'],
    family: 'scrypt',
    password: { argument: 0, properties: ['password'] },
    cost: { argument: 0, properties: ['costFactor'] },
    blockSize: { argument: 0, properties: ['blockSize'] },
  },
];

/**
 * Plain hashes: a key that is one hash of a password has no salt and no work factor. Node.js
 * `createHash(alg).update(x).digest()` (the chain is followed from `digest`), crypto-js hashers
 * called directly, WebCrypto `subtle.digest(alg, data)`.
 */
export const NODE_HASH_FACTORIES: ReadonlySet<string> = new Set(['createHash']);
export const CRYPTO_JS_HASHERS: ReadonlySet<string> = new Set(['MD5', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'SHA3', 'RIPEMD160']);

/**
 * Words that name a password or PIN in identifiers (`userPassword`, `pin_code`, `passphrase`).
 * A plain hash of such a value as a key is reported; a hash of a random secret (an environment
 * variable holding 32 random bytes) is a fine key and is not.
 */
export const PASSWORD_WORDS: ReadonlySet<string> = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode', 'pin', 'pincode']);

/**
 * ORM hooks that transform a field's value on its way to and from the database. Encryption done
 * there is encryption of whatever the field holds.
 * - mongoose: `new Schema({ content: { type: String, set: encrypt, get: decrypt } })`;
 * - Sequelize: `Model.init({ content: { type: DataTypes.TEXT, set(value) {...}, get() {...} } })`,
 *   `sequelize.define('Message', { ... })`;
 * - TypeORM: `@Column({ transformer: { to: encrypt, from: decrypt } })` (or a transformer object or class instance).
 */
export interface OrmSchemaDefinition {
  readonly from: readonly string[];
  /** A constructor (`new Schema(...)`) or a function or method called with the definition. */
  readonly names: readonly string[];
  readonly definitionArgument: number;
}

export const ORM_SCHEMA_DEFINITIONS: readonly OrmSchemaDefinition[] = [
  { from: ['mongoose'], names: ['Schema'], definitionArgument: 0 },
  { from: ['sequelize', 'sequelize-typescript'], names: ['init'], definitionArgument: 0 },
  { from: ['sequelize', 'sequelize-typescript'], names: ['define'], definitionArgument: 1 },
];
/** Field options that hold a hook: writing (the value is plaintext) and reading. */
export const ORM_WRITE_HOOKS: ReadonlySet<string> = new Set(['set']);
export const ORM_READ_HOOKS: ReadonlySet<string> = new Set(['get']);

export const ORM_COLUMN_DECORATORS: { readonly from: readonly string[]; readonly names: ReadonlySet<string> } = {
  from: ['typeorm'],
  names: new Set(['Column', 'PrimaryColumn', 'CreateDateColumn', 'UpdateDateColumn', 'ViewColumn']),
};
export const ORM_TRANSFORMER_OPTION = 'transformer';
export const ORM_TRANSFORMER_WRITE = 'to';
export const ORM_TRANSFORMER_READ = 'from';

/**
 * Where encryption calls take their IV, to tell two encryptions that share one IV variable:
 * `createCipheriv(algorithm, key, iv)`, and an `iv` / `nonce` / `counter` option of an `encrypt`
 * call (crypto-js `{ iv }`, WebCrypto `{ name: 'AES-GCM', iv }`).
 */
export const IV_USING_CALLS: ReadonlyMap<string, { readonly argument?: number; readonly options?: true }> = new Map([
  ['createCipheriv', { argument: 2 }],
  ['encrypt', { options: true }],
]);
export const CIPHER_IV_OPTIONS: ReadonlySet<string> = new Set(['iv', 'nonce', 'counter']);
