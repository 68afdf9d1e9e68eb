import { readFileSync } from 'node:fs';
import path from 'node:path';

import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import rule from '../../src/rules/no-weak-prompt-encryption.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** Message data for a construct that encrypts `messages` (declared on line 2 by the preludes). */
function about(construct: string, weaknesses: string, action = 'encrypts'): Record<string, string> {
  return { construct, action, data: "prompt data from 'messages' (line 2)", weaknesses };
}

// Two-line preludes: the case's own code starts on line 3.
const history = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const messages: ChatCompletionMessageParam[];`;
const nodeCrypto = `import { createCipheriv, createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
const envKey = Buffer.from(process.env.HISTORY_KEY ?? '', 'base64');`;
const cryptoJs = `import CryptoJS from 'crypto-js';
const wordKey = CryptoJS.enc.Base64.parse(process.env.HISTORY_KEY ?? '');`;

// Weak encryption whose output is then stored: each rule reports its own finding (see the last block).
const zeroIvThenFile = `${history}
${nodeCrypto}
import { writeFileSync } from 'node:fs';
const cipher = createCipheriv('aes-256-cbc', envKey, Buffer.alloc(16));
writeFileSync('history.enc', cipher.update(JSON.stringify(messages), 'utf8', 'hex') + cipher.final('hex'));
`;
const tripleDesThenLocalStorage = `${history}
import CryptoJS from 'crypto-js';
localStorage.setItem('chat', CryptoJS.TripleDES.encrypt(JSON.stringify(messages), CryptoJS.enc.Hex.parse(sessionStorage.getItem('k') ?? '')).toString());
`;
const passphraseThenLocalStorage = `${history}
import CryptoJS from 'crypto-js';
localStorage.setItem('chat', CryptoJS.AES.encrypt(JSON.stringify(messages), process.env.CHAT_PASSPHRASE ?? '').toString());
`;
const webCryptoZeroNonceThenIndexedDb = `${history}
declare const key: CryptoKey;
declare const store: IDBObjectStore;
const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, new TextEncoder().encode(JSON.stringify(messages)));
store.put(sealed, 'chat');
`;

// A weak helper in another file, called with conversations from a third (tests/fixtures/helpers/weak-crypto/).
const helperFile = path.join(FIXTURES_DIR, 'helpers/weak-crypto/legacy-cipher.ts');
const callerFile = path.join(FIXTURES_DIR, 'helpers/weak-crypto/archive.ts');

ruleTester.run('no-weak-prompt-encryption', rule, {
  valid: [
    // AES-256-GCM, key from the environment, a fresh random IV per message.
    `${history}
${nodeCrypto}
export function seal(): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', envKey, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(messages), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}
`,
    // ChaCha20-Poly1305 with a key from the environment.
    `${history}
${nodeCrypto}
const nonce = randomBytes(12);
const cipher = createCipheriv('chacha20-poly1305', envKey, nonce, { authTagLength: 16 });
cipher.update(JSON.stringify(messages), 'utf8');
`,
    // AES-256-CBC with a random IV and a key from the environment is not this rule's concern.
    `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-cbc', envKey, randomBytes(16));
cipher.update(JSON.stringify(messages), 'utf8', 'base64');
`,
    // A key from the environment with no fallback at all.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
export function seal() {
  return createCipheriv('aes-256-gcm', Buffer.from(process.env.CHAT_KEY!, 'base64'), randomBytes(12)).update(JSON.stringify(messages));
}
`,
    // A data key from KMS.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function seal() {
  const { Plaintext } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/chat', KeySpec: 'AES_256' }));
  const iv = randomBytes(12);
  return createCipheriv('aes-256-gcm', Plaintext!, iv).update(JSON.stringify(messages));
}
`,
    // The algorithm in a constant, the key derived with scrypt at Node.js's defaults (the salt may be fixed).
    `${history}
${nodeCrypto}
const ALGORITHM = 'aes-256-gcm';
const key = scryptSync(process.env.HISTORY_PASSPHRASE ?? '', 'history-v1', 32);
createCipheriv(ALGORITHM, key, randomBytes(12)).update(JSON.stringify(messages));
`,
    // scrypt with OWASP's cost, PBKDF2 at OWASP's iteration counts for SHA-256 and SHA-512.
    `${history}
${nodeCrypto}
export function seal(password: string) {
  const a = scryptSync(password, randomBytes(16), 32, { N: 2 ** 17, maxmem: 256 * 1024 * 1024 });
  const b = pbkdf2Sync(password, randomBytes(16), 600_000, 32, 'sha256');
  const c = pbkdf2Sync(password, randomBytes(16), 210000, 32, 'sha512');
  for (const key of [a, b, c]) createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
}
`,
    // HKDF takes its secret second: the digest name is no key.
    `${history}
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
const master = Buffer.from(process.env.MASTER_KEY ?? '', 'hex');
const key = Buffer.from(hkdfSync('sha256', master, randomBytes(16), 'chat-history', 32));
createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
`,
    // A key that is a hash of a random secret (not a password) is a fine key.
    `${history}
${nodeCrypto}
export function seal() {
  const key = createHash('sha256').update(process.env.MASTER_SECRET ?? '').digest();
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
}
`,
    // A zero buffer filled with random bytes before use is a random IV.
    `${history}
import { createCipheriv, randomFillSync } from 'node:crypto';
const key = Buffer.from(process.env.KEY ?? '', 'hex');
export function seal() {
  const iv = Buffer.alloc(16);
  randomFillSync(iv);
  return createCipheriv('aes-256-cbc', key, iv).update(JSON.stringify(messages));
}
`,
    // The same with WebCrypto's getRandomValues on a typed array, and a copy into a buffer.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const key = Buffer.from(process.env.KEY ?? '', 'hex');
export function seal() {
  const nonce = new Uint8Array(12);
  crypto.getRandomValues(nonce);
  const iv = Buffer.alloc(16);
  randomBytes(16).copy(iv);
  createCipheriv('aes-256-gcm', key, nonce).update(JSON.stringify(messages));
  return createCipheriv('aes-256-cbc', key, iv).update(JSON.stringify(messages));
}
`,
    // A fresh nonce per message inside the loop.
    `${history}
${nodeCrypto}
export function sealEach() {
  return messages.map(message => {
    const iv = randomBytes(12);
    return createCipheriv('aes-256-gcm', envKey, iv).update(JSON.stringify(message));
  });
}
`,
    // An IV field that each call replaces before use.
    `${history}
${nodeCrypto}
class Sealer {
  private iv = randomBytes(16);
  seal(text: string) {
    this.iv = randomBytes(16);
    return createCipheriv('aes-256-cbc', envKey, this.iv).update(text);
  }
}
new Sealer().seal(JSON.stringify(messages));
`,
    // One IV used to encrypt and then to decrypt the same message is no reuse.
    `${history}
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
declare const key: Buffer;
export function roundTrip() {
  const iv = randomBytes(12);
  const sealed = createCipheriv('aes-256-gcm', key, iv).update(JSON.stringify(messages));
  return createDecipheriv('aes-256-gcm', key, iv).update(sealed);
}
`,
    // A key read once from the environment in a readonly field, a fresh IV per call.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
class HistoryVault {
  private readonly key = Buffer.from(process.env.VAULT_KEY ?? '', 'base64');
  seal(text: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  }
}
new HistoryVault().seal(JSON.stringify(messages));
`,
    // WebCrypto with a random IV, per message.
    `${history}
declare const key: CryptoKey;
export async function seal() {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(messages)));
}
`,
    // WebCrypto with a zero nonce filled by getRandomValues before use, passed in shorthand.
    `${history}
declare const key: CryptoKey;
export async function seal() {
  const iv = new Uint8Array(12);
  crypto.getRandomValues(iv);
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(messages)));
}
`,
    // WebCrypto with a key derived at OWASP's PBKDF2 iteration count.
    `${history}
export async function seal(password: string) {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: 600_000, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, new TextEncoder().encode(JSON.stringify(messages)));
}
`,
    // tweetnacl secretbox.
    `${history}
import nacl from 'tweetnacl';
declare const key: Uint8Array;
const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
nacl.secretbox(new TextEncoder().encode(JSON.stringify(messages)), nonce, key);
`,
    // libsodium secretbox.
    `${history}
import sodium from 'libsodium-wrappers';
await sodium.ready;
declare const key: Uint8Array;
const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
sodium.crypto_secretbox_easy(JSON.stringify(messages), nonce, key);
`,
    // JWE with jose.
    `${history}
import { CompactEncrypt } from 'jose';
declare const publicKey: CryptoKey;
await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(messages))).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(publicKey);
`,
    // AWS KMS.
    `${history}
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
await kms.send(new EncryptCommand({ KeyId: 'alias/chat-history', Plaintext: Buffer.from(JSON.stringify(messages)) }));
`,
    // crypto-js AES with a key from the environment and a random IV.
    `${history}
${cryptoJs}
const iv = CryptoJS.lib.WordArray.random(16);
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { iv, mode: CryptoJS.mode.CBC }).toString();
`,
    // crypto-js PBKDF2 at OWASP's count, with its hasher named.
    `${history}
import CryptoJS from 'crypto-js';
export function seal(password: string) {
  const key = CryptoJS.PBKDF2(password, CryptoJS.lib.WordArray.random(16), { keySize: 8, iterations: 600_000, hasher: CryptoJS.algo.SHA256 });
  return CryptoJS.AES.encrypt(JSON.stringify(messages), key, { iv: CryptoJS.lib.WordArray.random(16) }).toString();
}
`,
    // Argon2 at its library's defaults, and hash-wasm's Argon2id at OWASP's setting.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { argon2id } from 'hash-wasm';
export async function seal(password: string) {
  const a = await argon2.hash(password, { raw: true, salt: randomBytes(16) });
  const b = await argon2id({ password, salt: randomBytes(16), iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32, outputType: 'binary' });
  createCipheriv('aes-256-gcm', a, randomBytes(12)).update(JSON.stringify(messages));
  return createCipheriv('aes-256-gcm', b, randomBytes(12)).update(JSON.stringify(messages));
}
`,
    // 3DES on data that is not a prompt: a legacy settings cache.
    `import { createCipheriv } from 'node:crypto';
const LEGACY_KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
declare const settings: { theme: string; locale: string };
const cipher = createCipheriv('des-ede3-cbc', LEGACY_KEY, Buffer.alloc(8));
cipher.update(JSON.stringify(settings), 'utf8', 'hex');
`,
    // The deprecated createCipher on a cache file with no prompt in it.
    `import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
const cipher = crypto.createCipher('aes-256-cbc', 'cache-password');
cipher.update(readFileSync('cache.json'));
`,
    // crypto-js with a literal passphrase on a non-prompt value.
    `import CryptoJS from 'crypto-js';
declare const user: { id: string; plan: string };
CryptoJS.AES.encrypt(user.plan, 'not-a-secret').toString();
`,
    // A weak helper called only with non-prompt data.
    `${history}
import { createCipheriv } from 'node:crypto';
const KEY = Buffer.from('00112233445566778899aabbccddeeff0011223344556677', 'hex');
function legacyEncrypt(text: string): string {
  const c = createCipheriv('des-ede3-cbc', KEY, Buffer.alloc(8));
  return c.update(text, 'utf8', 'hex') + c.final('hex');
}
legacyEncrypt(String(messages.length));
legacyEncrypt(new Date().toISOString());
`,
    // The prompt's length (a number) is not the prompt.
    `${history}
import { createCipheriv } from 'node:crypto';
createCipheriv('rc4', Buffer.from('secret'), null).update(String(messages.length));
`,
    // Hashing a prompt (a cache key) is not encryption, nor is a hash of it used as a Redis key.
    `${history}
import { createHash } from 'node:crypto';
import CryptoJS from 'crypto-js';
import { Redis } from 'ioredis';
const redis = new Redis();
const cacheKey = createHash('md5').update(JSON.stringify(messages)).digest('hex');
await redis.set(\`completion:\${cacheKey}\`, 'cached answer');
CryptoJS.SHA256(JSON.stringify(messages)).toString();
`,
    // An HMAC signature over the prompt with a literal key is no encryption either.
    `${history}
import { createHmac } from 'node:crypto';
createHmac('sha256', 'signing-key').update(JSON.stringify(messages)).digest('base64');
`,
    // Decrypting old ciphertext with a weak cipher: no prompt goes in.
    `import { createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
const decipher = createDecipheriv('des-ede3-cbc', Buffer.from(process.env.OLD_KEY ?? '', 'hex'), Buffer.alloc(8));
decipher.update(readFileSync('legacy.bin'));
`,
    // The algorithm comes from configuration: unknown, not reported.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const algorithm = process.env.HISTORY_CIPHER ?? 'aes-256-gcm';
createCipheriv(algorithm, Buffer.from(process.env.KEY ?? '', 'hex'), randomBytes(12)).update(JSON.stringify(messages));
`,
    // An IV created inside the function, per call (even in a const), is fresh.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const KEY = Buffer.from(process.env.KEY ?? '', 'hex');
export const seal = (text: string) => {
  const IV = randomBytes(12);
  return createCipheriv('aes-256-gcm', KEY, IV).update(text);
};
seal(JSON.stringify(messages));
`,
    // A redaction helper named as a sanitizer: what goes into the cipher is no longer the prompt.
    {
      code: `${history}
import { createCipheriv } from 'node:crypto';
declare function redact(text: string): string;
createCipheriv('des-ede3-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), null).update(redact(JSON.stringify(messages)));
`,
      options: [{ sanitizers: [{ from: 'file', name: 'redact' }] }],
    },
    // Model output is not prompt data (other rules cover it).
    `import OpenAI from 'openai';
import CryptoJS from 'crypto-js';
const client = new OpenAI();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Say hi.' }] });
CryptoJS.TripleDES.encrypt(completion.choices[0]?.message.content ?? '', CryptoJS.enc.Hex.parse(process.env.K ?? ''));
`,
    // A zero-length key fallback (\`?? ''\`) only satisfies the types.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
createCipheriv('aes-256-gcm', Buffer.from(process.env.KEY || '', 'hex'), randomBytes(12)).update(JSON.stringify(messages));
`,
    // A key generated at startup is random (only IVs must be fresh per message).
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const SESSION_KEY = randomBytes(32);
export function seal(text: string) {
  return createCipheriv('aes-256-gcm', SESSION_KEY, randomBytes(12)).update(text);
}
seal(JSON.stringify(messages));
`,
    // Writing the prompt to a file stream is not encryption (the storage rule's concern).
    `${history}
import { createWriteStream } from 'node:fs';
const out = createWriteStream('history.jsonl');
out.write(JSON.stringify(messages));
out.end(JSON.stringify(messages));
`,
    // encodeURIComponent and base64 are no encryption, but not weak encryption either.
    `${history}
const encoded = encodeURIComponent(JSON.stringify(messages));
const b64 = Buffer.from(JSON.stringify(messages)).toString('base64');
export { encoded, b64 };
`,
    // A field whose placeholder the constructor replaces, and a config object filled at startup.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
declare function loadKeyFromVault(): Buffer;
const config = { historyKey: 'set-at-startup' };
config.historyKey = process.env.HISTORY_KEY ?? '';
class Sealer {
  private readonly key: Buffer = Buffer.alloc(32);
  constructor() {
    this.key = loadKeyFromVault();
  }
  seal(text: string) {
    createCipheriv('aes-256-gcm', Buffer.from(config.historyKey, 'hex'), randomBytes(12)).update(text);
    return createCipheriv('aes-256-gcm', this.key, randomBytes(12)).update(text);
  }
}
new Sealer().seal(JSON.stringify(messages));
`,
    // A string method on an environment value is not a literal.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const key = (process.env.KEY ?? '').padEnd(32, '0').slice(0, 32);
createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
`,
    // ORM hooks on fields that hold no conversation: a settings schema, a plain entity.
    `import { Schema } from 'mongoose';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { createCipheriv } from 'node:crypto';
const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const encrypt = (text: string) => createCipheriv('aes-256-cbc', KEY, Buffer.alloc(16)).update(text, 'utf8', 'hex');
export const SettingsSchema = new Schema({ theme: { type: String, set: encrypt }, locale: String });
@Entity()
export class ApiToken {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ transformer: { to: encrypt, from: (value: string) => value } }) token!: string;
}
`,
    // An ORM hook on a conversation field with strong encryption.
    `import { Schema } from 'mongoose';
import { createCipheriv, randomBytes } from 'node:crypto';
const KEY = Buffer.from(process.env.CHAT_KEY!, 'base64');
function seal(text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}
export const MessageSchema = new Schema({ role: String, content: { type: String, set: seal } });
`,
    // The caller of a weak helper in another file is not reported: the helper's cipher is (below).
    { code: readFileSync(callerFile, 'utf8'), filename: callerFile },
    // With checkAllData, strong encryption stays clean.
    {
      code: `import { createCipheriv, randomBytes } from 'node:crypto';
declare const settings: { theme: string };
export function seal(key: Buffer) {
  const iv = randomBytes(12);
  return createCipheriv('aes-256-gcm', key, iv).update(JSON.stringify(settings));
}
`,
      options: [{ checkAllData: true }],
    },
  ],
  invalid: [
    // 3DES (the case from the reports), with the full message data, reported at the cipher.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('des-ede3-cbc', envKey, randomBytes(8));
const sealed = cipher.update(JSON.stringify(messages), 'utf8', 'base64') + cipher.final('base64');
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about("'createCipheriv()'", "'des-ede3-cbc' is a weak cipher (line 5)"),
          line: 5,
          column: 16,
        },
      ],
    },
    // DES through the default import.
    {
      code: `${history}
import crypto from 'node:crypto';
const cipher = crypto.createCipheriv('des-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), crypto.randomBytes(8));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 4, column: 16 }],
    },
    // RC4 (no IV), called on the factory's result directly.
    {
      code: `${history}
${nodeCrypto}
createCipheriv('rc4', envKey, null).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 5, column: 1 }],
    },
    // Blowfish and RC2: 64-bit blocks. Two constructs, two reports.
    {
      code: `${history}
${nodeCrypto}
const bf = createCipheriv('bf-cbc', envKey, randomBytes(8));
bf.update(JSON.stringify(messages));
const rc2 = createCipheriv('rc2-cbc', envKey, randomBytes(8));
rc2.update(JSON.stringify(messages));
`,
      errors: [
        { messageId: 'weakAlgorithm', line: 5, column: 12 },
        { messageId: 'weakAlgorithm', line: 7, column: 13 },
      ],
    },
    // The algorithm in a module constant, spelled in upper case: the report names its line.
    {
      code: `${history}
${nodeCrypto}
const ALGORITHM = 'DES-EDE3';
export function seal(text: string) {
  return createCipheriv(ALGORITHM, envKey, null).update(text, 'utf8', 'hex');
}
seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', data: about("'createCipheriv()'", "'des-ede3' is a weak cipher (line 7)"), line: 7, column: 10 }],
    },
    // The algorithm in a configuration object.
    {
      code: `${history}
${nodeCrypto}
const CONFIG = { history: { algorithm: 'des-ede3-cbc', ivLength: 8 } };
const cipher = createCipheriv(CONFIG.history.algorithm, envKey, randomBytes(CONFIG.history.ivLength));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 6, column: 16 }],
    },
    // AES in ECB mode.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-128-ecb', envKey, null);
cipher.update(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'ecbMode',
          data: about("'createCipheriv()'", "'aes-128-ecb' uses ECB mode, which shows repeated blocks of the plaintext (line 5)"),
          line: 5,
          column: 16,
        },
      ],
    },
    // The deprecated createCipher (no IV, MD5 key derivation).
    {
      code: `${history}
import crypto from 'node:crypto';
const cipher = crypto.createCipher('aes-256-cbc', process.env.HISTORY_PASSWORD ?? '');
cipher.update(JSON.stringify(messages), 'utf8', 'hex');
`,
      errors: [
        {
          messageId: 'deprecatedApi',
          data: about(
            "'crypto.createCipher()'",
            "the deprecated 'createCipher()' derives key and IV from the password with one round of MD5 and no salt (line 4)",
          ),
          line: 4,
          column: 16,
        },
      ],
    },
    // A key written as a string literal.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-gcm', 'k3y-f0r-ch4t-h1st0ry-0123456789!', randomBytes(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', data: about("'createCipheriv()'", 'the key is written in the source code (line 5)'), line: 5, column: 16 }],
    },
    // A key from Buffer.from('...') in a module constant.
    {
      code: `${history}
${nodeCrypto}
const HISTORY_KEY = Buffer.from('5f1c3b8a9d2e4f6071829304a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e', 'hex');
const cipher = createCipheriv('aes-256-gcm', HISTORY_KEY, randomBytes(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'hardcodedKey',
          data: about("'createCipheriv()'", "the key 'HISTORY_KEY' is written in the source code (line 5)"),
          line: 6,
          column: 16,
        },
      ],
    },
    // scryptSync of a literal password: one report, at the cipher (the work factor does not matter).
    {
      code: `${history}
${nodeCrypto}
const key = scryptSync('correct horse battery staple', 'salt', 32, { N: 1024 });
createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'hardcodedKey',
          data: about("'createCipheriv()'", "the key 'key' is derived from a value written in the source code (line 5)"),
          line: 6,
          column: 1,
        },
      ],
    },
    // A SHA-256 of a literal as the key.
    {
      code: `${history}
${nodeCrypto}
const key = createHash('sha256').update('chat-history-secret').digest();
createCipheriv('aes-256-cbc', key, randomBytes(16)).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 1 }],
    },
    // pbkdf2Sync of a literal, and a TextEncoder-encoded literal.
    {
      code: `${history}
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
const derived = pbkdf2Sync('history-password', randomBytes(16), 100_000, 32, 'sha256');
createCipheriv('aes-256-gcm', derived, randomBytes(12)).update(JSON.stringify(messages));
const encoded = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
createCipheriv('aes-256-gcm', encoded, randomBytes(12)).update(JSON.stringify(messages));
`,
      errors: [
        { messageId: 'hardcodedKey', line: 5, column: 1 },
        { messageId: 'hardcodedKey', line: 7, column: 1 },
      ],
    },
    // A key built from a literal with a string method.
    {
      code: `${history}
${nodeCrypto}
createCipheriv('aes-256-gcm', Buffer.from('k'.repeat(32)), randomBytes(12)).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 5, column: 1 }],
    },
    // A development fallback: the literal is the key whenever the variable is missing.
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const key = Buffer.from(process.env.HISTORY_KEY || 'dev-only-history-key-32-bytes!!!');
const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'hardcodedKey',
          data: about("'createCipheriv()'", "the key 'key' falls back to a value written in the source code (line 4)"),
          line: 5,
          column: 16,
        },
      ],
    },
    // A readonly class field holding a literal key.
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
export class ChatArchive {
  private readonly key = Buffer.from('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hex');
  seal(text: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    return Buffer.concat([iv, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  }
}
new ChatArchive().seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 8, column: 20 }],
    },
    // A key nested in a configuration object.
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const settings = { storage: { encryption: { key: '3f7a1c9e5b2d4f6a8c0e1b3d5f7a9c2e', ivBytes: 12 } } } as const;
const cipher = createCipheriv('aes-256-gcm', settings.storage.encryption.key, randomBytes(settings.storage.encryption.ivBytes));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 5, column: 16 }],
    },
    // A zero IV from Buffer.alloc (CBC: a constant IV).
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-cbc', envKey, Buffer.alloc(16));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', data: about("'createCipheriv()'", 'the IV is all zero bytes (line 5)'), line: 5, column: 16 }],
    },
    // An IV written as a string of zeros.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-cbc', envKey, Buffer.from('0000000000000000'));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', data: about("'createCipheriv()'", 'the IV is a constant (line 5)'), line: 5, column: 16 }],
    },
    // A zero nonce from a typed array, for GCM: nonce reuse.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-gcm', envKey, new Uint8Array(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'nonceReuse', data: about("'createCipheriv()'", 'the IV is all zero bytes (line 5)'), line: 5, column: 16 }],
    },
    // A module-level constant IV used inside a helper: reported at the helper's cipher, not at its call.
    {
      code: `${history}
${nodeCrypto}
const IV = Buffer.from('a1b2c3d4e5f60718293a4b5c6d7e8f90', 'hex');
export function seal(text: string): string {
  const cipher = createCipheriv('aes-256-cbc', envKey, IV);
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}
seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', data: about("'createCipheriv()'", "the IV 'IV' is a constant (line 5)"), line: 7, column: 18 }],
    },
    // A random nonce made once at startup is reused for every message.
    {
      code: `${history}
${nodeCrypto}
const NONCE = randomBytes(12);
export function seal(text: string) {
  const cipher = createCipheriv('aes-256-gcm', envKey, NONCE);
  return cipher.update(text, 'utf8');
}
seal(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'nonceReuse',
          data: about("'createCipheriv()'", "the IV 'NONCE' is created once and reused for every message (line 5)"),
          line: 7,
          column: 18,
        },
      ],
    },
    // An IV from the environment is one IV for every message too.
    {
      code: `${history}
${nodeCrypto}
const IV = Buffer.from(process.env.HISTORY_IV ?? '', 'hex');
export function seal(text: string) {
  return createCipheriv('aes-256-cbc', envKey, IV).update(text, 'utf8', 'hex');
}
seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', line: 7, column: 10 }],
    },
    // The same with a readonly field.
    {
      code: `${history}
${nodeCrypto}
class HistoryCipher {
  private readonly iv = randomBytes(16);
  seal(text: string) {
    return createCipheriv('aes-256-cbc', envKey, this.iv).update(text, 'utf8', 'hex');
  }
}
new HistoryCipher().seal(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'constantIv',
          data: about("'createCipheriv()'", "the IV 'this.iv' is created once per instance and reused for every message it encrypts (line 6)"),
          line: 8,
          column: 12,
        },
      ],
    },
    // A field set once in the constructor.
    {
      code: `${history}
${nodeCrypto}
class HistoryCipher {
  private nonce: Buffer;
  constructor() {
    this.nonce = randomBytes(12);
  }
  seal(text: string) {
    return createCipheriv('aes-256-gcm', envKey, this.nonce).update(text);
  }
}
new HistoryCipher().seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'nonceReuse', line: 11, column: 12 }],
    },
    // One nonce before the loop, reused in every iteration.
    {
      code: `${history}
${nodeCrypto}
export function sealEach() {
  const nonce = randomBytes(12);
  for (const message of messages) {
    createCipheriv('aes-256-gcm', envKey, nonce).update(JSON.stringify(message));
  }
}
`,
      errors: [
        {
          messageId: 'nonceReuse',
          data: about("'createCipheriv()'", "the IV 'nonce' is created once before the loop and reused in every iteration (line 6)"),
          line: 8,
          column: 5,
        },
      ],
    },
    // One nonce for two encryptions in one function (GCM nonce reuse).
    {
      code: `${history}
${nodeCrypto}
export function sealTwo() {
  const nonce = randomBytes(12);
  const head = createCipheriv('aes-256-gcm', envKey, nonce).update(JSON.stringify(messages[0]));
  const tail = createCipheriv('aes-256-gcm', envKey, nonce).update(JSON.stringify(messages.slice(1)));
  return [head, tail];
}
`,
      errors: [
        { messageId: 'nonceReuse', data: about("'createCipheriv()'", "the IV 'nonce' is also used by another encryption (line 8)"), line: 7, column: 16 },
        { messageId: 'nonceReuse', data: about("'createCipheriv()'", "the IV 'nonce' is also used by another encryption (line 7)"), line: 8, column: 16 },
      ],
    },
    // The incident: 3DES, a key in the source and one IV for every message, in one report.
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
const IV = randomBytes(8);
export function encryptChat(text: string): string {
  const cipher = createCipheriv('des-ede3-cbc', KEY, IV);
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}
encryptChat(JSON.stringify(messages));
encryptChat(JSON.stringify(messages.at(-1)));
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about(
            "'createCipheriv()'",
            "'des-ede3-cbc' is a weak cipher (line 7), the key 'KEY' is written in the source code (line 4) and the IV 'IV' is created once and reused for every message (line 5)",
          ),
          line: 7,
          column: 18,
        },
      ],
    },
    // PBKDF2 below OWASP's count: reported at the derivation, naming the count's line.
    {
      code: `${history}
${nodeCrypto}
export function seal(password: string) {
  const key = pbkdf2Sync(password, randomBytes(16), 10_000, 32, 'sha256');
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
}
`,
      errors: [
        {
          messageId: 'weakKeyDerivation',
          data: about("'pbkdf2Sync()'", 'PBKDF2-HMAC-SHA256 runs 10,000 iterations, below the 600,000 OWASP asks for (line 6)', 'derives the key that encrypts'),
          line: 6,
          column: 15,
        },
      ],
    },
    // SHA-1 needs 1,300,000; a count in a constant; the async form with a callback.
    {
      code: `${history}
import { createCipheriv, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
const ITERATIONS = 1_000_000;
export function seal(password: string) {
  const key = pbkdf2Sync(password, randomBytes(16), ITERATIONS, 32, 'sha1');
  createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
  pbkdf2(password, randomBytes(16), 5000, 32, 'sha512', (error, derived) => {
    createCipheriv('aes-256-gcm', derived, randomBytes(12)).update(JSON.stringify(messages));
  });
}
`,
      errors: [
        { messageId: 'weakKeyDerivation', data: about("'pbkdf2Sync()'", 'PBKDF2-HMAC-SHA1 runs 1,000,000 iterations, below the 1,300,000 OWASP asks for (line 4)', 'derives the key that encrypts'), line: 6, column: 15 },
        { messageId: 'weakKeyDerivation', line: 8, column: 3 },
      ],
    },
    // scrypt with toy parameters.
    {
      code: `${history}
${nodeCrypto}
export function seal(passphrase: string) {
  const key = scryptSync(passphrase, randomBytes(16), 32, { N: 1024, r: 8, p: 1 });
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
}
`,
      errors: [
        {
          messageId: 'weakKeyDerivation',
          data: about(
            "'scryptSync()'",
            "scrypt with N = 1,024 and r = 8 uses 1,024 KiB of memory, a toy setting (Node.js's default is N = 16,384, r = 8; OWASP asks for N = 2^17) (line 6)",
            'derives the key that encrypts',
          ),
          line: 6,
          column: 15,
        },
      ],
    },
    // Argon2 with toy parameters (the argon2 package and hash-wasm).
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { argon2id } from 'hash-wasm';
export async function seal(password: string) {
  const a = await argon2.hash(password, { raw: true, memoryCost: 1024, timeCost: 1 });
  const b = await argon2id({ password, salt: randomBytes(16), iterations: 3, memorySize: 4096, parallelism: 1, hashLength: 32, outputType: 'binary' });
  createCipheriv('aes-256-gcm', a, randomBytes(12)).update(JSON.stringify(messages));
  return createCipheriv('aes-256-gcm', b, randomBytes(12)).update(JSON.stringify(messages));
}
`,
      errors: [
        { messageId: 'weakKeyDerivation', line: 7, column: 19 },
        { messageId: 'weakKeyDerivation', line: 8, column: 19 },
      ],
    },
    // A key that is one hash of a password or PIN.
    {
      code: `${history}
${nodeCrypto}
export function seal(userPin: string) {
  const key = createHash('sha256').update(userPin).digest();
  return createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
}
`,
      errors: [
        {
          messageId: 'weakKeyDerivation',
          data: about("'createHash().digest()'", "the key is a single SHA256 hash of the password 'userPin', with no salt and no work factor (line 6)", 'derives the key that encrypts'),
          line: 6,
          column: 15,
        },
      ],
    },
    // WebCrypto: the all-zero nonce, reported at the encrypt call.
    {
      code: `${history}
declare const key: CryptoKey;
export async function seal() {
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, new TextEncoder().encode(JSON.stringify(messages)));
}
`,
      errors: [
        {
          messageId: 'nonceReuse',
          data: about("'crypto.subtle.encrypt()'", 'the IV is all zero bytes (line 5)'),
          line: 5,
          column: 10,
        },
      ],
    },
    // WebCrypto: a constant CBC IV in a constant algorithm object, a constant CTR counter.
    {
      code: `${history}
declare const key: CryptoKey;
const CBC = { name: 'AES-CBC', iv: new TextEncoder().encode('0123456789abcdef') };
export async function seal() {
  const data = new TextEncoder().encode(JSON.stringify(messages));
  await crypto.subtle.encrypt(CBC, key, data);
  return crypto.subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 64 }, key, data);
}
`,
      errors: [
        { messageId: 'constantIv', line: 7, column: 9 },
        { messageId: 'nonceReuse', line: 8, column: 10 },
      ],
    },
    // WebCrypto: a key imported from bytes in the source, a key derived with too few iterations, a key hashed from a PIN.
    {
      code: `${history}
export async function seal(pin: string, password: string) {
  const data = new TextEncoder().encode(JSON.stringify(messages));
  const fixed = await crypto.subtle.importKey('raw', new TextEncoder().encode('0123456789abcdef0123456789abcdef'), 'AES-GCM', false, ['encrypt']);
  await crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, fixed, data);
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  const derived = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 100_000, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  await crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, derived, data);
  const hashed = await crypto.subtle.importKey('raw', await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pin)), 'AES-GCM', false, ['encrypt']);
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, hashed, data);
}
`,
      errors: [
        { messageId: 'hardcodedKey', data: about("'crypto.subtle.encrypt()'", "the key 'fixed' is written in the source code (line 5)"), line: 6, column: 9 },
        { messageId: 'weakKeyDerivation', line: 8, column: 25 },
        { messageId: 'weakKeyDerivation', line: 10, column: 61 },
      ],
    },
    // crypto-js TripleDES, DES, RC4 and Blowfish.
    {
      code: `${history}
${cryptoJs}
CryptoJS.TripleDES.encrypt(JSON.stringify(messages), wordKey).toString();
CryptoJS.DES.encrypt(JSON.stringify(messages), wordKey).toString();
CryptoJS.RC4.encrypt(JSON.stringify(messages), wordKey).toString();
CryptoJS.Blowfish.encrypt(JSON.stringify(messages), wordKey).toString();
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about("'CryptoJS.TripleDES.encrypt()'", '3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST (line 5)'),
          line: 5,
          column: 1,
        },
        { messageId: 'weakAlgorithm', line: 6, column: 1 },
        { messageId: 'weakAlgorithm', line: 7, column: 1 },
        { messageId: 'weakAlgorithm', line: 8, column: 1 },
      ],
    },
    // crypto-js AES with a literal passphrase.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
const sealed = CryptoJS.AES.encrypt(JSON.stringify(messages), 'my-secret-passphrase').toString();
`,
      errors: [
        { messageId: 'hardcodedKey', data: about("'CryptoJS.AES.encrypt()'", 'the passphrase is written in the source code (line 4)'), line: 4, column: 16 },
      ],
    },
    // crypto-js AES through a named import, with the passphrase in a constant.
    {
      code: `${history}
import { AES } from 'crypto-js';
const PASSPHRASE = 'chat-history-2024';
AES.encrypt(JSON.stringify(messages), PASSPHRASE).toString();
`,
      errors: [{ messageId: 'hardcodedKey', data: about("'AES.encrypt()'", "the passphrase 'PASSPHRASE' is written in the source code (line 4)"), line: 5, column: 1 }],
    },
    // crypto-js passphrase mode with a passphrase from the environment: EVP_BytesToKey with MD5.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
CryptoJS.AES.encrypt(JSON.stringify(messages), process.env.HISTORY_PASSPHRASE ?? '').toString();
`,
      errors: [
        {
          messageId: 'weakKeyDerivation',
          data: about(
            "'CryptoJS.AES.encrypt()'",
            "a string key puts crypto-js in passphrase mode, which derives the key with OpenSSL's EVP_BytesToKey (one round of MD5) (line 4)",
          ),
          line: 4,
          column: 1,
        },
      ],
    },
    // crypto-js keys from PBKDF2 at its defaults, from EvpKDF, and from a hash of a PIN.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
export function seal(password: string, pin: string) {
  const iv = CryptoJS.lib.WordArray.random(16);
  const a = CryptoJS.PBKDF2(password, CryptoJS.lib.WordArray.random(16), { keySize: 8 });
  CryptoJS.AES.encrypt(JSON.stringify(messages), a, { iv: CryptoJS.lib.WordArray.random(16) });
  CryptoJS.AES.encrypt(JSON.stringify(messages), CryptoJS.EvpKDF(password, CryptoJS.lib.WordArray.random(8)), { iv });
  return CryptoJS.AES.encrypt(JSON.stringify(messages), CryptoJS.SHA256(pin), { iv: CryptoJS.lib.WordArray.random(16) });
}
`,
      errors: [
        {
          messageId: 'weakKeyDerivation',
          data: about("'CryptoJS.PBKDF2()'", "PBKDF2-HMAC-SHA256 runs 250,000 iterations (crypto-js's default), below the 600,000 OWASP asks for (line 6)", 'derives the key that encrypts'),
          line: 6,
          column: 13,
        },
        { messageId: 'weakKeyDerivation', line: 8, column: 50 },
        { messageId: 'weakKeyDerivation', line: 9, column: 57 },
      ],
    },
    // crypto-js AES in ECB mode, inline and through a constant options object.
    {
      code: `${history}
${cryptoJs}
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 });
const ECB_OPTIONS = { mode: CryptoJS.mode.ECB };
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, ECB_OPTIONS);
`,
      errors: [
        { messageId: 'ecbMode', line: 5, column: 1 },
        { messageId: 'ecbMode', line: 7, column: 1 },
      ],
    },
    // crypto-js AES with a key parsed from a literal.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
const key = CryptoJS.enc.Hex.parse('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
CryptoJS.AES.encrypt(JSON.stringify(messages), key, { iv: CryptoJS.lib.WordArray.random(16) });
`,
      errors: [{ messageId: 'hardcodedKey', data: about("'CryptoJS.AES.encrypt()'", "the key 'key' is written in the source code (line 4)"), line: 5, column: 1 }],
    },
    // crypto-js AES with a constant IV, and in CTR mode (nonce reuse).
    {
      code: `${history}
${cryptoJs}
const iv = CryptoJS.enc.Hex.parse('00000000000000000000000000000000');
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { iv });
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { iv, mode: CryptoJS.mode.CTR });
`,
      errors: [
        { messageId: 'constantIv', data: about("'CryptoJS.AES.encrypt()'", "the IV 'iv' is a constant (line 5)"), line: 6, column: 1 },
        { messageId: 'nonceReuse', line: 7, column: 1 },
      ],
    },
    // A weak helper called from two places with two conversations: one report, at its cipher, naming both.
    {
      code: `${history}
import { createCipheriv } from 'node:crypto';
declare const drafts: ChatCompletionMessageParam[];
const KEY = Buffer.from(process.env.KEY ?? '', 'hex');
function weakEncrypt(text: string): string {
  const c = createCipheriv('des-ede3-cbc', KEY, Buffer.alloc(8));
  return c.update(text, 'utf8', 'hex') + c.final('hex');
}
export const stored = weakEncrypt(JSON.stringify(messages));
export const storedDrafts = weakEncrypt(JSON.stringify(drafts));
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: {
            construct: "'createCipheriv()'",
            action: 'encrypts',
            data: "prompt data from 'messages' (line 2) and 'drafts' (line 4)",
            weaknesses: "'des-ede3-cbc' is a weak cipher (line 7) and the IV is all zero bytes (line 7)",
          },
          line: 7,
          column: 13,
        },
      ],
    },
    // An arrow helper around crypto-js.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
const encryptText = (plain: string) => CryptoJS.AES.encrypt(plain, 'app-secret').toString();
export const sealed = messages.map(message => encryptText(String(message.content)));
`,
      errors: [{ messageId: 'hardcodedKey', line: 4, column: 40 }],
    },
    // The text a user typed, identified by the model call it is sent to.
    {
      code: `import OpenAI from 'openai';
import CryptoJS from 'crypto-js';
const client = new OpenAI();
export async function ask(question: string) {
  const archived = CryptoJS.TripleDES.encrypt(question, CryptoJS.enc.Hex.parse(process.env.ARCHIVE_KEY ?? '')).toString();
  const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return { archived, answer };
}
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: {
            construct: "'CryptoJS.TripleDES.encrypt()'",
            action: 'encrypts',
            data: "prompt data from the 'messages' passed to 'client.chat.completions.create()' (line 6)",
            weaknesses: '3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST (line 5)',
          },
          line: 5,
          column: 20,
        },
      ],
    },
    // Anthropic message params.
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
import { createCipheriv } from 'node:crypto';
export function archive(turns: Anthropic.MessageParam[]) {
  const cipher = createCipheriv('aes-192-ecb', Buffer.from(process.env.KEY ?? '', 'hex'), null);
  return cipher.update(JSON.stringify(turns), 'utf8', 'base64');
}
`,
      errors: [{ messageId: 'ecbMode', line: 4, column: 18 }],
    },
    // AI SDK UI messages in a route handler.
    {
      code: `import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import CryptoJS from 'crypto-js';
export async function POST(request: Request) {
  const { messages }: { messages: UIMessage[] } = await request.json();
  const backup = CryptoJS.RC4.encrypt(JSON.stringify(messages), CryptoJS.enc.Hex.parse(process.env.BACKUP_KEY ?? '')).toString();
  return streamText({ model: openai('gpt-4o'), messages: await convertToModelMessages(messages), headers: { 'x-backup': backup } }).toUIMessageStreamResponse();
}
`,
      errors: [{ messageId: 'weakAlgorithm', line: 6, column: 18 }],
    },
    // An app's own message type (a conversation by its shape).
    {
      code: `interface ChatTurn { id: string; role: 'user' | 'assistant'; content: string }
import { createCipheriv } from 'node:crypto';
export function seal(turns: ChatTurn[]) {
  return createCipheriv('aes-256-cbc', Buffer.from('0123456789abcdef0123456789abcdef'), Buffer.alloc(16)).update(JSON.stringify(turns));
}
`,
      errors: [{ messageId: 'hardcodedKey', line: 4, column: 10 }],
    },
    // A cipher used as a stream: write() and end(). One construct, one report.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('bf-cbc', envKey, randomBytes(8));
cipher.write(JSON.stringify(messages.slice(0, -1)));
cipher.end(JSON.stringify(messages.at(-1)));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 5, column: 16 }],
    },
    // A cipher made by a project factory function: reported in the factory.
    {
      code: `${history}
${nodeCrypto}
function historyCipher() {
  return createCipheriv('aes-256-cbc', envKey, Buffer.alloc(16, 0));
}
const cipher = historyCipher();
cipher.update(messages.map(message => message.content).join('\\n'));
`,
      errors: [{ messageId: 'constantIv', line: 6, column: 10 }],
    },
    // A prompt assembled in a template literal.
    {
      code: `import CryptoJS from 'crypto-js';
import OpenAI from 'openai';
const client = new OpenAI();
export async function summarise(notes: string) {
  const prompt = \`Summarise these notes:\\n\${notes}\`;
  const backup = CryptoJS.AES.encrypt(prompt, 'backup-key').toString();
  await client.responses.create({ model: 'gpt-4.1', input: prompt });
  return backup;
}
`,
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 18 }],
    },
    // Weak encryption, then storage: this rule reports the encryption...
    { code: zeroIvThenFile, errors: [{ messageId: 'constantIv', line: 6, column: 16 }] },
    { code: tripleDesThenLocalStorage, errors: [{ messageId: 'weakAlgorithm', line: 4, column: 30 }] },
    { code: passphraseThenLocalStorage, errors: [{ messageId: 'weakKeyDerivation', line: 4, column: 30 }] },
    { code: webCryptoZeroNonceThenIndexedDb, errors: [{ messageId: 'nonceReuse', line: 5, column: 22 }] },
    // A source named in the options.
    {
      code: `import { createCipheriv } from 'node:crypto';
declare function loadConversation(id: string): string;
const cipher = createCipheriv('des-ede3-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), Buffer.alloc(8));
cipher.update(loadConversation('c1'));
`,
      options: [{ sources: [{ from: 'file', name: 'loadConversation' }] }],
      errors: [{ messageId: 'weakAlgorithm', data: { construct: "'createCipheriv()'", action: 'encrypts', data: "prompt data from 'loadConversation()' (line 4)", weaknesses: "'des-ede3-cbc' is a weak cipher (line 3) and the IV is all zero bytes (line 3)" }, line: 3, column: 16 }],
    },
    // A weak helper in another file: reported there, once, naming the callers' conversations.
    {
      code: readFileSync(helperFile, 'utf8'),
      filename: helperFile,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: {
            construct: "'createCipheriv()'",
            action: 'encrypts',
            data: "prompt data from parameter 'transcript' (archive.ts:6) and parameter 'draft' (archive.ts:10)",
            weaknesses:
              "'des-ede3-cbc' is a weak cipher (line 9), the key 'LEGACY_KEY' is written in the source code (line 5) and the IV 'LEGACY_IV' is created once and reused for every message (line 6)",
          },
          line: 9,
          column: 18,
        },
        { messageId: 'weakKeyDerivation', line: 14, column: 10 },
      ],
    },
    // mongoose: a conversation field with a weak set / get pair. Cipher and decipher are both reported.
    {
      code: `import { Schema } from 'mongoose';
import { createCipheriv, createDecipheriv } from 'node:crypto';
const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const IV = Buffer.alloc(16);
const encrypt = (text: string) => createCipheriv('aes-256-cbc', KEY, IV).update(text, 'utf8', 'base64');
const decrypt = (text: string) => createDecipheriv('aes-256-cbc', KEY, IV).update(text, 'base64', 'utf8');
export const MessageSchema = new Schema({
  conversationId: { type: String, index: true },
  role: { type: String, enum: ['user', 'assistant', 'system'] },
  content: { type: String, set: encrypt, get: decrypt },
});
`,
      errors: [
        {
          messageId: 'hardcodedKey',
          data: {
            construct: "'createCipheriv()'",
            action: 'encrypts',
            data: "prompt data from the 'content' field of 'MessageSchema' (line 10: a chat message, by its role/content shape)",
            weaknesses: "the key 'KEY' is written in the source code (line 3) and the IV 'IV' is all zero bytes (line 4)",
          },
          line: 5,
          column: 35,
        },
        { messageId: 'hardcodedKey', line: 6, column: 35 },
      ],
    },
    // TypeORM: a column transformer object on a message entity, and a transformer class on a history column.
    {
      code: `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import CryptoJS from 'crypto-js';
const SECRET = 'typeorm-column-secret';
const encrypted: ValueTransformer = {
  to: (value: string) => CryptoJS.AES.encrypt(value, SECRET).toString(),
  from: (value: string) => CryptoJS.AES.decrypt(value, SECRET).toString(CryptoJS.enc.Utf8),
};
class HistoryTransformer implements ValueTransformer {
  to(value: ChatCompletionMessageParam[]) {
    return CryptoJS.TripleDES.encrypt(JSON.stringify(value), CryptoJS.enc.Hex.parse(process.env.K ?? '')).toString();
  }
  from(value: string) {
    return value;
  }
}
@Entity()
export class ChatMessage {
  @PrimaryGeneratedColumn() id!: number;
  @Column() role!: 'user' | 'assistant';
  @Column({ type: 'text', transformer: encrypted }) content!: string;
}
@Entity()
export class Conversation {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'text', transformer: new HistoryTransformer() }) messages!: ChatCompletionMessageParam[];
}
`,
      errors: [
        { messageId: 'hardcodedKey', line: 6, column: 26 },
        { messageId: 'hardcodedKey', line: 7, column: 28 },
        { messageId: 'weakAlgorithm', line: 11, column: 12 },
      ],
    },
    // Sequelize: a setter on a message model's text.
    {
      code: `import { DataTypes, Model, Sequelize } from 'sequelize';
import { createCipheriv } from 'node:crypto';
const sequelize = new Sequelize('sqlite::memory:');
function seal(text: string) {
  return createCipheriv('des-ede3-cbc', Buffer.from(process.env.K ?? '', 'hex'), Buffer.alloc(8)).update(text, 'utf8', 'hex');
}
export class Turn extends Model {}
Turn.init(
  {
    role: DataTypes.STRING,
    text: {
      type: DataTypes.TEXT,
      set(value: string) {
        this.setDataValue('text', seal(value));
      },
    },
  },
  { sequelize },
);
`,
      errors: [{ messageId: 'weakAlgorithm', line: 5, column: 10 }],
    },
    // checkAllData: weak encryption of any data, decryption included, reported as encryption of "data".
    {
      code: `import { createCipheriv, createDecipher, createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
declare const settings: { theme: string };
createCipheriv('des-ede3-cbc', Buffer.from(process.env.K ?? '', 'hex'), Buffer.alloc(8)).update(JSON.stringify(settings));
createDecipheriv('aes-256-ecb', Buffer.from(process.env.K ?? '', 'hex'), null).update(readFileSync('old.bin'));
createDecipher('aes-256-cbc', process.env.PASSWORD ?? '').update(readFileSync('older.bin'));
`,
      options: [{ checkAllData: true }],
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: { construct: "'createCipheriv()'", action: 'encrypts', data: 'data', weaknesses: "'des-ede3-cbc' is a weak cipher (line 4) and the IV is all zero bytes (line 4)" },
          line: 4,
          column: 1,
        },
        { messageId: 'ecbMode', data: { construct: "'createDecipheriv()'", action: 'decrypts', data: 'data', weaknesses: "'aes-256-ecb' uses ECB mode, which shows repeated blocks of the plaintext (line 5)" }, line: 5, column: 1 },
        { messageId: 'deprecatedApi', line: 6, column: 1 },
      ],
    },
    // checkAllData still names prompt data where it reaches the construct.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
CryptoJS.AES.encrypt(JSON.stringify(messages), 'literal');
CryptoJS.AES.encrypt('ping', 'literal');
`,
      options: [{ checkAllData: true }],
      errors: [
        { messageId: 'hardcodedKey', data: about("'CryptoJS.AES.encrypt()'", 'the passphrase is written in the source code (line 4)'), line: 4, column: 1 },
        { messageId: 'hardcodedKey', data: { construct: "'CryptoJS.AES.encrypt()'", action: 'encrypts', data: 'data', weaknesses: 'the passphrase is written in the source code (line 5)' }, line: 5, column: 1 },
      ],
    },
  ],
});

// The storage rule must agree: weak encryption is no sanitizer, and it says so (one finding each).
ruleTester.run('no-plaintext-prompt-storage next to no-weak-prompt-encryption', storageRule, {
  valid: [
    // Strong encryption before storage: neither rule reports.
    `${history}
${nodeCrypto}
import { writeFileSync } from 'node:fs';
const iv = randomBytes(12);
const cipher = createCipheriv('aes-256-gcm', envKey, iv);
const body = Buffer.concat([cipher.update(JSON.stringify(messages)), cipher.final()]);
writeFileSync('history.bin', Buffer.concat([iv, cipher.getAuthTag(), body]));
`,
    // Weak encryption that is not stored: only no-weak-prompt-encryption reports it.
    `${history}
import CryptoJS from 'crypto-js';
export const sealed = CryptoJS.TripleDES.encrypt(JSON.stringify(messages), process.env.KEY ?? '').toString();
`,
    // A weak key derivation makes a password cheaper to guess, but the data is still encrypted:
    // no-weak-prompt-encryption reports it, the storage rule counts the encryption.
    passphraseThenLocalStorage,
  ],
  invalid: [
    // ...and the storage rule reports the storage, saying the encryption does not count.
    {
      code: zeroIvThenFile,
      errors: [
        {
          messageId: 'promptStoredWeaklyEncrypted',
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'a file',
            sink: "'writeFileSync()'",
            note: "its encryption by 'cipher.update()' does not count: the IV is all zero bytes",
          },
          line: 7,
          column: 30,
        },
      ],
    },
    {
      code: tripleDesThenLocalStorage,
      errors: [
        {
          messageId: 'promptStoredWeaklyEncrypted',
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'browser storage',
            sink: "'localStorage.setItem()'",
            note: "its encryption by 'CryptoJS.TripleDES.encrypt()' does not count: 3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST",
          },
          line: 4,
          column: 30,
        },
      ],
    },
    {
      code: webCryptoZeroNonceThenIndexedDb,
      errors: [
        {
          messageId: 'promptStoredWeaklyEncrypted',
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'browser storage',
            sink: "'store.put()'",
            note: "its encryption by 'crypto.subtle.encrypt()' does not count: the IV is all zero bytes",
          },
          line: 6,
          column: 11,
        },
      ],
    },
  ],
});
