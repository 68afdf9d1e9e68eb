// A shared "crypto utils" module from the app's first year. Its callers live in other files
// (inbox-service.ts); the weak constructs are reported here, once, where they have to be fixed.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

const APP_SECRET = 'inbox-app-secret-do-not-share';

/** "Encrypts" text for the database: AES-256-CBC under a key hashed from a literal, with a zero IV. */
export function seal(plain: string): string {
  const key = createHash('sha256').update(APP_SECRET).digest();
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16)); // expect: no-weak-prompt-encryption
  return cipher.update(plain, 'utf8', 'base64') + cipher.final('base64');
}

/** Per-user keys from the user's PIN, hashed once. */
export function userKey(pin: string): Buffer {
  return createHash('sha256').update(`${pin}:inbox`).digest(); // expect: no-weak-prompt-encryption
}

export function sealForUser(plain: string, pin: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', userKey(pin), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// valid: the replacement helper: a key from the environment, a fresh IV per message.
const DATA_KEY = Buffer.from(process.env.INBOX_DATA_KEY ?? '', 'base64');
export function sealV2(plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', DATA_KEY, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// valid: a weak helper nobody calls with a conversation (only with ticket numbers).
export function obfuscateTicketNumber(ticket: number): string {
  return createCipheriv('des-ede3-cbc', Buffer.from(APP_SECRET.padEnd(24, '0').slice(0, 24)), Buffer.alloc(8)).update(String(ticket), 'utf8', 'hex');
}
