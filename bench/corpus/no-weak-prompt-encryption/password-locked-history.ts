// "Lock my chats with a password": a desktop assistant (Electron main process) lets users protect
// their local history with a password. Over the years several code paths grew, each deriving the
// key its own way. Half of them derive it too cheaply for a password a person chose.
import { createCipheriv, createHash, hkdfSync, pbkdf2, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

import argon2 from 'argon2';
import CryptoJS from 'crypto-js';
import { argon2id } from 'hash-wasm';
import type { ModelMessage } from 'ai';

const KDF_ITERATIONS = 100_000;

/** AES-256-GCM with a fresh IV: strong, whatever the key it is given. */
function sealWith(key: Buffer | Uint8Array, history: ModelMessage[]): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(history), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

// Version 1: PBKDF2 at a count from 2015.
export function lockV1(history: ModelMessage[], password: string, salt: Buffer): Buffer {
  const key = pbkdf2Sync(password, salt, KDF_ITERATIONS, 32, 'sha256'); // expect: no-weak-prompt-encryption
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// Version 2: the async API, SHA-1, and fewer iterations still.
export function lockV2(history: ModelMessage[], password: string, salt: Buffer, done: (sealed: Buffer) => void): void {
  pbkdf2(password, salt, 10_000, 32, 'sha1', (error, key) => { // expect: no-weak-prompt-encryption
    if (error) return;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    done(Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]));
  });
}

// Version 3: scrypt, "made faster" for old laptops, in a key helper.
function keyV3(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase, salt, 32, { N: 2 ** 10, r: 8, p: 1 }); // expect: no-weak-prompt-encryption
}

export function lockV3(history: ModelMessage[], passphrase: string, salt: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyV3(passphrase, salt), iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// Version 4: Argon2, with the memory turned down to a toy setting.
export async function lockV4(history: ModelMessage[], password: string, salt: Buffer): Promise<Buffer> {
  const key = await argon2.hash(password, { raw: true, salt, memoryCost: 2048, timeCost: 2, hashLength: 32 }); // expect: no-weak-prompt-encryption
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// Version 5: the renderer's WASM Argon2id, same mistake.
export async function lockV5(history: ModelMessage[], password: string, salt: Uint8Array): Promise<Buffer> {
  const key = await argon2id({ password, salt, iterations: 1, memorySize: 1024, parallelism: 1, hashLength: 32, outputType: 'binary' }); // expect: no-weak-prompt-encryption
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// Version 6: a PIN, hashed once.
export function lockWithPin(history: ModelMessage[], pin: string): Buffer {
  const key = createHash('sha256').update(pin).digest(); // expect: no-weak-prompt-encryption
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(history), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// Version 7: the same weak PBKDF2, but the key is handed to the shared sealing helper.
export function lockV7(history: ModelMessage[], password: string, salt: Buffer): Buffer {
  const key = pbkdf2Sync(password, salt, 50_000, 32, 'sha512'); // expect: no-weak-prompt-encryption // known-gap: a key passed into a helper as an argument is not traced to the helper's cipher
  return sealWith(key, history);
}

// The browser build uses crypto-js: its PBKDF2 defaults, its EvpKDF, and a hashed password.
export function lockInBrowser(history: ModelMessage[], password: string): string[] {
  const iv = CryptoJS.lib.WordArray.random(16);
  const text = JSON.stringify(history);
  const pbkdf2Key = CryptoJS.PBKDF2(password, CryptoJS.lib.WordArray.random(16), { keySize: 8 }); // expect: no-weak-prompt-encryption
  const evpKey = CryptoJS.EvpKDF(password, CryptoJS.lib.WordArray.random(8), { keySize: 8, iterations: 1 }); // expect: no-weak-prompt-encryption
  return [
    CryptoJS.AES.encrypt(text, pbkdf2Key, { iv }).toString(),
    CryptoJS.AES.encrypt(text, evpKey, { iv: CryptoJS.lib.WordArray.random(16) }).toString(),
    CryptoJS.AES.encrypt(text, CryptoJS.SHA256(password), { iv: CryptoJS.lib.WordArray.random(16) }).toString(), // expect: no-weak-prompt-encryption
  ];
}

// WebCrypto in the renderer, with a count copied from an old MDN example.
export async function lockInRenderer(history: ModelMessage[], password: string): Promise<ArrayBuffer> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey( // expect: no-weak-prompt-encryption
    { name: 'PBKDF2', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: 100000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, new TextEncoder().encode(JSON.stringify(history)));
}

// Look-alikes that stay clean.

// valid: PBKDF2 at OWASP's counts: 600,000 for SHA-256, 210,000 for SHA-512.
export async function lockV8(history: ModelMessage[], password: string, salt: Buffer): Promise<void> {
  await writeFile('history.v7', sealWith(pbkdf2Sync(password, salt, 600_000, 32, 'sha256'), history));
  await writeFile('history.v7b', sealWith(pbkdf2Sync(password, salt, 210_000, 32, 'sha512'), history));
}

// valid: scrypt at Node.js's defaults, and at OWASP's N = 2^17.
export function lockV9(history: ModelMessage[], passphrase: string, salt: Buffer): Buffer[] {
  return [
    sealWith(scryptSync(passphrase, salt, 32), history),
    sealWith(scryptSync(passphrase, salt, 32, { cost: 1 << 17, blockSize: 8, maxmem: 256 * 1024 * 1024 }), history),
  ];
}

// valid: Argon2 at the library's defaults (64 MiB, 3 passes), and hash-wasm at OWASP's 19 MiB / 2 passes.
export async function lockV10(history: ModelMessage[], password: string, salt: Buffer): Promise<Buffer[]> {
  const fromDefaults = await argon2.hash(password, { raw: true, salt, hashLength: 32 });
  const fromWasm = await argon2id({ password, salt, iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32, outputType: 'binary' });
  return [sealWith(fromDefaults, history), sealWith(fromWasm, history)];
}

// valid: crypto-js PBKDF2 with an explicit, sufficient count.
export function lockInBrowserV2(history: ModelMessage[], password: string): string {
  const key = CryptoJS.PBKDF2(password, CryptoJS.lib.WordArray.random(16), { keySize: 8, iterations: 600_000, hasher: CryptoJS.algo.SHA256 });
  return CryptoJS.AES.encrypt(JSON.stringify(history), key, { iv: CryptoJS.lib.WordArray.random(16) }).toString();
}

// valid: WebCrypto PBKDF2 at OWASP's count.
export async function lockInRendererV2(history: ModelMessage[], password: string): Promise<ArrayBuffer> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations: 600_000, hash: 'SHA-256' }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, new TextEncoder().encode(JSON.stringify(history)));
}

// valid: a key from a random master secret through HKDF, and a SHA-256 of a random secret: neither is a password.
const MASTER_SECRET = Buffer.from(process.env.HISTORY_MASTER_SECRET ?? '', 'base64');

export function lockForSync(history: ModelMessage[], deviceId: string): Buffer[] {
  const perDevice = Buffer.from(hkdfSync('sha256', MASTER_SECRET, Buffer.from(deviceId), 'history-sync', 32));
  const sized = createHash('sha256').update(MASTER_SECRET).digest();
  return [sealWith(perDevice, history), sealWith(sized, history)];
}

// valid: the password's hash stored for login (PBKDF2 for password storage, not for a key): not encryption.
export function passwordRecord(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${pbkdf2Sync(password, salt, 600_000, 32, 'sha256').toString('hex')}`;
}
