// A background worker that exports chat transcripts (Vercel AI SDK UI messages) to partners and to
// cold storage. Every exporter picks its own IV strategy; several make one IV and reuse it.
import { createCipher, createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';

import type { UIMessage } from 'ai';
import CryptoJS from 'crypto-js';

const EXPORT_KEY = Buffer.from(process.env.EXPORT_KEY ?? '', 'base64');
// The partner contract fixed an IV in an environment variable "so both sides agree".
const PARTNER_IV = Buffer.from(process.env.PARTNER_IV ?? '', 'hex');
const processNonce = randomBytes(12);
let sessionNonce = randomBytes(12);

function text(messages: UIMessage[]): string {
  return JSON.stringify(messages.map(message => message.parts));
}

// One IV for every export the process makes: from the environment, and made once at start-up.
export function exportForPartner(messages: UIMessage[]): string {
  const cipher = createCipheriv('aes-256-cbc', EXPORT_KEY, PARTNER_IV); // expect: no-weak-prompt-encryption
  return cipher.update(text(messages), 'utf8', 'base64') + cipher.final('base64');
}

export function exportForArchive(messages: UIMessage[]): Buffer {
  const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, processNonce); // expect: no-weak-prompt-encryption
  return Buffer.concat([cipher.update(text(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// One nonce per batch: reused for every conversation in the loop.
export function exportBatch(batch: UIMessage[][]): Buffer[] {
  const nonce = randomBytes(12);
  const sealed: Buffer[] = [];
  for (const messages of batch) {
    const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, nonce); // expect: no-weak-prompt-encryption
    sealed.push(Buffer.concat([nonce, cipher.update(text(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]));
  }
  return sealed;
}

// One nonce for the transcript and its summary.
export function exportWithSummary(messages: UIMessage[], summary: UIMessage): Buffer[] {
  const nonce = randomBytes(12);
  const body = createCipheriv('chacha20-poly1305', EXPORT_KEY, nonce, { authTagLength: 16 }); // expect: no-weak-prompt-encryption
  const head = createCipheriv('chacha20-poly1305', EXPORT_KEY, nonce, { authTagLength: 16 }); // expect: no-weak-prompt-encryption
  return [body.update(text(messages), 'utf8'), head.update(text([summary]), 'utf8')];
}

// An exporter object that makes its IV once, in the constructor.
export class ColdStorageExporter {
  private readonly key: Buffer;
  private iv: Buffer;
  static readonly SHARED_IV = randomBytes(16);

  constructor() {
    this.key = Buffer.from(process.env.COLD_STORAGE_KEY ?? '', 'base64');
    this.iv = randomBytes(16);
  }

  seal(messages: UIMessage[]): string {
    return createCipheriv('aes-256-cbc', this.key, this.iv).update(text(messages), 'utf8', 'base64'); // expect: no-weak-prompt-encryption
  }

  sealLegacy(messages: UIMessage[]): string {
    return createCipheriv('aes-256-cbc', this.key, ColdStorageExporter.SHARED_IV).update(text(messages), 'utf8', 'base64'); // expect: no-weak-prompt-encryption
  }
}

// Old exporters that still run for one partner each.
export function exportRc4(messages: UIMessage[]): string {
  return createCipheriv('rc4', EXPORT_KEY, null).update(text(messages), 'utf8', 'hex'); // expect: no-weak-prompt-encryption
}

export function exportWithPassword(messages: UIMessage[]): string {
  const cipher = createCipher('aes-192-cbc', process.env.PARTNER_PASSWORD ?? ''); // expect: no-weak-prompt-encryption
  return cipher.update(text(messages), 'utf8', 'hex') + cipher.final('hex');
}

const CTR_IV = CryptoJS.enc.Hex.parse('00000000000000000000000000000001');
export function exportCtr(messages: UIMessage[]): string {
  const key = CryptoJS.enc.Base64.parse(process.env.CTR_KEY ?? '');
  return CryptoJS.AES.encrypt(text(messages), key, { iv: CTR_IV, mode: CryptoJS.mode.CTR, padding: CryptoJS.pad.NoPadding }).toString(); // expect: no-weak-prompt-encryption
}

export function exportBlowfish(messages: UIMessage[]): string {
  return CryptoJS.Blowfish.encrypt(text(messages), CryptoJS.enc.Base64.parse(process.env.BF_KEY ?? ''), { iv: CryptoJS.lib.WordArray.random(8) }).toString(); // expect: no-weak-prompt-encryption
}

// Look-alikes that stay clean.

// valid: a fresh nonce for every conversation of the batch.
export function exportBatchV2(batch: UIMessage[][]): Buffer[] {
  return batch.map(messages => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, nonce);
    return Buffer.concat([nonce, cipher.update(text(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  });
}

// valid: the session nonce made anew before each use.
export function exportForArchiveV2(messages: UIMessage[]): Buffer {
  sessionNonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, sessionNonce);
  return Buffer.concat([sessionNonce, cipher.update(text(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// valid: a field IV that each call replaces.
export class RotatingExporter {
  private iv = randomBytes(16);
  seal(messages: UIMessage[]): Buffer {
    this.iv = randomBytes(16);
    return Buffer.concat([this.iv, createCipheriv('aes-256-cbc', EXPORT_KEY, this.iv).update(text(messages), 'utf8')]);
  }
}

// valid: a zero buffer filled with random bytes, and a self-test that decrypts with the IV it encrypted with.
export function exportAndVerify(messages: UIMessage[]): Buffer {
  const iv = Buffer.alloc(12);
  randomFillSync(iv);
  const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, iv);
  const sealed = Buffer.concat([cipher.update(text(messages), 'utf8'), cipher.final()]);
  const check = createDecipheriv('aes-256-gcm', EXPORT_KEY, iv);
  check.setAuthTag(cipher.getAuthTag());
  check.update(sealed);
  return Buffer.concat([iv, sealed]);
}

// valid: a counter nonce written into a fresh buffer per message (unique per key).
let counter = 0;
export function exportCounted(messages: UIMessage[]): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUInt32BE(++counter, 8);
  const cipher = createCipheriv('aes-256-gcm', EXPORT_KEY, nonce);
  return Buffer.concat([nonce, cipher.update(text(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// valid: crypto-js CTR with a fresh random IV per message.
export function exportCtrV2(messages: UIMessage[]): string {
  const iv = CryptoJS.lib.WordArray.random(16);
  const key = CryptoJS.enc.Base64.parse(process.env.CTR_KEY ?? '');
  return `${iv.toString()}:${CryptoJS.AES.encrypt(text(messages), key, { iv, mode: CryptoJS.mode.CTR, padding: CryptoJS.pad.NoPadding }).toString()}`;
}
