import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import rule from '../../src/rules/no-weak-prompt-encryption.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** Complete message data for a finding about \`messages\` (declared on line 2 by the preludes). */
function about(sink: string, reason: string, at: string): Record<string, string> {
  return { source: "'messages'", where: 'line 2', sink, reason, at };
}

// Two-line preludes: the case's own code starts on line 3.
const history = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const messages: ChatCompletionMessageParam[];`;
const nodeCrypto = `import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
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
localStorage.setItem('chat', CryptoJS.TripleDES.encrypt(JSON.stringify(messages), sessionStorage.getItem('k') ?? '').toString());
`;

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
    // The algorithm in a constant, the key derived from a secret with scrypt (the salt may be fixed).
    `${history}
${nodeCrypto}
const ALGORITHM = 'aes-256-gcm';
const key = scryptSync(process.env.HISTORY_PASSPHRASE ?? '', 'history-v1', 32);
createCipheriv(ALGORITHM, key, randomBytes(12)).update(JSON.stringify(messages));
`,
    // HKDF takes its secret second: the digest name is no key.
    `${history}
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
const master = Buffer.from(process.env.MASTER_KEY ?? '', 'hex');
const key = Buffer.from(hkdfSync('sha256', master, randomBytes(16), 'chat-history', 32));
createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
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
    // WebCrypto with a random IV.
    `${history}
declare const key: CryptoKey;
const iv = crypto.getRandomValues(new Uint8Array(12));
await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(messages)));
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
    // crypto-js AES with a passphrase from the environment (crypto-js salts it).
    `${history}
import CryptoJS from 'crypto-js';
CryptoJS.AES.encrypt(JSON.stringify(messages), process.env.HISTORY_PASSPHRASE ?? '').toString();
`,
    // crypto-js AES with a key from the environment and a random IV.
    `${history}
${cryptoJs}
const iv = CryptoJS.lib.WordArray.random(16);
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { iv, mode: CryptoJS.mode.CBC }).toString();
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
    // Hashing a prompt (a cache key) is not encryption.
    `${history}
import { createHash } from 'node:crypto';
import CryptoJS from 'crypto-js';
createHash('md5').update(JSON.stringify(messages)).digest('hex');
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
CryptoJS.TripleDES.encrypt(completion.choices[0]?.message.content ?? '', process.env.K ?? '');
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
  ],
  invalid: [
    // 3DES (the case from the reports), with the full message data.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('des-ede3-cbc', envKey, randomBytes(8));
const sealed = cipher.update(JSON.stringify(messages), 'utf8', 'base64') + cipher.final('base64');
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about("'cipher.update()'", "'des-ede3-cbc' is a weak cipher", ' (line 5)'),
          line: 6,
          column: 30,
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
      errors: [{ messageId: 'weakAlgorithm', line: 5, column: 15 }],
    },
    // RC4 (no IV), called on the factory's result directly.
    {
      code: `${history}
${nodeCrypto}
createCipheriv('rc4', envKey, null).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 5, column: 44 }],
    },
    // Blowfish and RC2: 64-bit blocks.
    {
      code: `${history}
${nodeCrypto}
const bf = createCipheriv('bf-cbc', envKey, randomBytes(8));
bf.update(JSON.stringify(messages));
const rc2 = createCipheriv('rc2-cbc', envKey, randomBytes(8));
rc2.update(JSON.stringify(messages));
`,
      errors: [
        { messageId: 'weakAlgorithm', line: 6, column: 11 },
        { messageId: 'weakAlgorithm', line: 8, column: 12 },
      ],
    },
    // The algorithm in a module constant, spelled in upper case.
    {
      code: `${history}
${nodeCrypto}
const ALGORITHM = 'DES-EDE3';
export function seal(text: string) {
  return createCipheriv(ALGORITHM, envKey, null).update(text, 'utf8', 'hex');
}
seal(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 9, column: 6 }],
    },
    // The algorithm in a configuration object.
    {
      code: `${history}
${nodeCrypto}
const CONFIG = { history: { algorithm: 'des-ede3-cbc', ivLength: 8 } };
const cipher = createCipheriv(CONFIG.history.algorithm, envKey, randomBytes(CONFIG.history.ivLength));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'weakAlgorithm', line: 7, column: 15 }],
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
          data: about("'cipher.update()'", "'aes-128-ecb' uses ECB mode, which shows repeated blocks of the plaintext", ' (line 5)'),
          line: 6,
          column: 15,
        },
      ],
    },
    // ECB through the unprefixed module name.
    {
      code: `${history}
import { createCipheriv } from 'crypto';
const cipher = createCipheriv('aes-256-ecb', Buffer.from(process.env.KEY ?? '', 'hex'), null);
cipher.update(JSON.stringify(messages), 'utf8', 'hex');
`,
      errors: [{ messageId: 'ecbMode', line: 5, column: 15 }],
    },
    // The deprecated createCipher (no IV, MD5 key derivation).
    {
      code: `${history}
import crypto from 'node:crypto';
const cipher = crypto.createCipher('aes-256-cbc', process.env.HISTORY_PASSWORD ?? '');
cipher.update(JSON.stringify(messages), 'utf8', 'hex');
`,
      errors: [{ messageId: 'deprecatedApi', line: 5, column: 15 }],
    },
    // A key written as a string literal.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-gcm', 'k3y-f0r-ch4t-h1st0ry-0123456789!', randomBytes(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', data: about("'cipher.update()'", 'the key is written in the source code', ' (line 5)'), line: 6, column: 15 }],
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
          data: about("'cipher.update()'", "the key 'HISTORY_KEY' is written in the source code", ' (line 5)'),
          line: 7,
          column: 15,
        },
      ],
    },
    // scryptSync of a literal password.
    {
      code: `${history}
${nodeCrypto}
const key = scryptSync('correct horse battery staple', 'salt', 32);
createCipheriv('aes-256-gcm', key, randomBytes(12)).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 60 }],
    },
    // A SHA-256 of a literal as the key.
    {
      code: `${history}
${nodeCrypto}
const key = createHash('sha256').update('chat-history-secret').digest();
createCipheriv('aes-256-cbc', key, randomBytes(16)).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 60 }],
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
        { messageId: 'hardcodedKey', line: 5, column: 64 },
        { messageId: 'hardcodedKey', line: 7, column: 64 },
      ],
    },
    // A key built from a literal with a string method.
    {
      code: `${history}
${nodeCrypto}
createCipheriv('aes-256-gcm', Buffer.from('k'.repeat(32)), randomBytes(12)).update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 5, column: 84 }],
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
          data: about("'cipher.update()'", "the key 'key' falls back to a value written in the source code", ' (line 4)'),
          line: 6,
          column: 15,
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
      errors: [{ messageId: 'hardcodedKey', line: 12, column: 24 }],
    },
    // A key nested in a configuration object.
    {
      code: `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
const settings = { storage: { encryption: { key: '3f7a1c9e5b2d4f6a8c0e1b3d5f7a9c2e', ivBytes: 12 } } } as const;
const cipher = createCipheriv('aes-256-gcm', settings.storage.encryption.key, randomBytes(settings.storage.encryption.ivBytes));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 15 }],
    },
    // A zero IV from Buffer.alloc.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-cbc', envKey, Buffer.alloc(16));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', data: about("'cipher.update()'", 'the IV is all zero bytes', ' (line 5)'), line: 6, column: 15 }],
    },
    // An IV written as a string of zeros.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-cbc', envKey, Buffer.from('0000000000000000'));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', data: about("'cipher.update()'", 'the IV is a constant', ' (line 5)'), line: 6, column: 15 }],
    },
    // A zero nonce from a typed array, for GCM.
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('aes-256-gcm', envKey, new Uint8Array(12));
cipher.update(JSON.stringify(messages));
`,
      errors: [{ messageId: 'constantIv', line: 6, column: 15 }],
    },
    // A module-level constant IV used inside a helper.
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
      errors: [
        {
          messageId: 'constantIv',
          data: about("'seal()', which passes it to 'cipher.update()'", "the IV 'IV' is a constant", ' (line 5)'),
          line: 10,
          column: 6,
        },
      ],
    },
    // A random IV made once at startup is reused for every message.
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
          messageId: 'constantIv',
          data: about("'seal()', which passes it to 'cipher.update()'", "the IV 'NONCE' is created once and reused for every message", ' (line 5)'),
          line: 10,
          column: 6,
        },
      ],
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
      errors: [{ messageId: 'constantIv', line: 11, column: 26 }],
    },
    // crypto-js TripleDES, DES and RC4.
    {
      code: `${history}
${cryptoJs}
CryptoJS.TripleDES.encrypt(JSON.stringify(messages), wordKey).toString();
CryptoJS.DES.encrypt(JSON.stringify(messages), wordKey).toString();
CryptoJS.RC4.encrypt(JSON.stringify(messages), wordKey).toString();
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about("'CryptoJS.TripleDES.encrypt()'", '3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST', ' (line 5)'),
          line: 5,
          column: 28,
        },
        { messageId: 'weakAlgorithm', line: 6, column: 22 },
        { messageId: 'weakAlgorithm', line: 7, column: 22 },
      ],
    },
    // crypto-js AES with a literal passphrase.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
const sealed = CryptoJS.AES.encrypt(JSON.stringify(messages), 'my-secret-passphrase').toString();
`,
      errors: [
        { messageId: 'hardcodedKey', data: about("'CryptoJS.AES.encrypt()'", 'the passphrase is written in the source code', ' (line 4)'), line: 4, column: 37 },
      ],
    },
    // crypto-js AES through a named import, with the passphrase in a constant.
    {
      code: `${history}
import { AES } from 'crypto-js';
const PASSPHRASE = 'chat-history-2024';
AES.encrypt(JSON.stringify(messages), PASSPHRASE).toString();
`,
      errors: [
        { messageId: 'hardcodedKey', data: about("'AES.encrypt()'", "the passphrase 'PASSPHRASE' is written in the source code", ' (line 4)'), line: 5, column: 13 },
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
        { messageId: 'ecbMode', line: 5, column: 22 },
        { messageId: 'ecbMode', line: 7, column: 22 },
      ],
    },
    // crypto-js AES with a key parsed from a literal.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
const key = CryptoJS.enc.Hex.parse('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
CryptoJS.AES.encrypt(JSON.stringify(messages), key, { iv: CryptoJS.lib.WordArray.random(16) });
`,
      errors: [{ messageId: 'hardcodedKey', data: about("'CryptoJS.AES.encrypt()'", "the key 'key' is written in the source code", ' (line 4)'), line: 5, column: 22 }],
    },
    // crypto-js AES with a constant IV.
    {
      code: `${history}
${cryptoJs}
const iv = CryptoJS.enc.Hex.parse('00000000000000000000000000000000');
CryptoJS.AES.encrypt(JSON.stringify(messages), wordKey, { iv });
`,
      errors: [{ messageId: 'constantIv', data: about("'CryptoJS.AES.encrypt()'", "the IV 'iv' is a constant", ' (line 5)'), line: 6, column: 22 }],
    },
    // A project helper: reported at the call, naming the helper.
    {
      code: `${history}
import { createCipheriv } from 'node:crypto';
const KEY = Buffer.from(process.env.KEY ?? '', 'hex');
function weakEncrypt(text: string): string {
  const c = createCipheriv('des-ede3-cbc', KEY, Buffer.alloc(8));
  return c.update(text, 'utf8', 'hex') + c.final('hex');
}
export const stored = weakEncrypt(JSON.stringify(messages));
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: about("'weakEncrypt()', which passes it to 'c.update()'", "'des-ede3-cbc' is a weak cipher", ' (line 6)'),
          line: 9,
          column: 35,
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
      errors: [{ messageId: 'hardcodedKey', line: 5, column: 59 }],
    },
    // The text a user typed, identified by the model call it is sent to.
    {
      code: `import OpenAI from 'openai';
import CryptoJS from 'crypto-js';
const client = new OpenAI();
export async function ask(question: string) {
  const archived = CryptoJS.TripleDES.encrypt(question, process.env.ARCHIVE_KEY ?? '').toString();
  const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return { archived, answer };
}
`,
      errors: [
        {
          messageId: 'weakAlgorithm',
          data: {
            source: "the 'messages' passed to 'client.chat.completions.create()'",
            where: 'line 6',
            sink: "'CryptoJS.TripleDES.encrypt()'",
            reason: '3DES has 64-bit blocks (Sweet32) and is withdrawn by NIST',
            at: ' (line 5)',
          },
          line: 5,
          column: 47,
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
      errors: [{ messageId: 'ecbMode', line: 5, column: 24 }],
    },
    // AI SDK UI messages in a route handler.
    {
      code: `import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import CryptoJS from 'crypto-js';
export async function POST(request: Request) {
  const { messages }: { messages: UIMessage[] } = await request.json();
  const backup = CryptoJS.RC4.encrypt(JSON.stringify(messages), process.env.BACKUP_KEY ?? '').toString();
  return streamText({ model: openai('gpt-4o'), messages: await convertToModelMessages(messages), headers: { 'x-backup': backup } }).toUIMessageStreamResponse();
}
`,
      errors: [{ messageId: 'weakAlgorithm', line: 6, column: 39 }],
    },
    // A cipher used as a stream: write() and end().
    {
      code: `${history}
${nodeCrypto}
const cipher = createCipheriv('bf-cbc', envKey, randomBytes(8));
cipher.write(JSON.stringify(messages.slice(0, -1)));
cipher.end(JSON.stringify(messages.at(-1)));
`,
      errors: [
        { messageId: 'weakAlgorithm', line: 6, column: 14 },
        { messageId: 'weakAlgorithm', line: 7, column: 12 },
      ],
    },
    // A cipher made by a project factory function.
    {
      code: `${history}
${nodeCrypto}
function historyCipher() {
  return createCipheriv('aes-256-cbc', envKey, Buffer.alloc(16, 0));
}
const cipher = historyCipher();
cipher.update(messages.map(message => message.content).join('\\n'));
`,
      errors: [{ messageId: 'constantIv', line: 9, column: 15 }],
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
      errors: [{ messageId: 'hardcodedKey', line: 6, column: 39 }],
    },
    // Weak encryption, then storage: this rule reports the encryption...
    { code: zeroIvThenFile, errors: [{ messageId: 'constantIv', line: 7, column: 44 }] },
    { code: tripleDesThenLocalStorage, errors: [{ messageId: 'weakAlgorithm', line: 4, column: 57 }] },
    // A source named in the options.
    {
      code: `import { createCipheriv } from 'node:crypto';
declare function loadConversation(id: string): string;
const cipher = createCipheriv('des-ede3-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), Buffer.alloc(8));
cipher.update(loadConversation('c1'));
`,
      options: [{ sources: [{ from: 'file', name: 'loadConversation' }] }],
      errors: [{ messageId: 'weakAlgorithm', line: 4, column: 15 }],
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
  ],
});
