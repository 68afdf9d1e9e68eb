// An agent backend that keeps Claude conversations encrypted in Postgres. Most of it is right;
// a few shortcuts are not: a key derived from a literal, one nonce for the whole process, a zero IV.
import { createCipheriv, hkdfSync, randomBytes, randomFillSync, scryptSync } from 'node:crypto';

import type Anthropic from '@anthropic-ai/sdk';
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import sodium from 'libsodium-wrappers';
import nacl from 'tweetnacl';
import pg from 'pg';

type Turn = Anthropic.MessageParam;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const kms = new KMSClient({ region: process.env.AWS_REGION });

// Shortcut 1: "we derive the key with scrypt", from a password in the source.
const VAULT_KEY = scryptSync('agent-vault-password', 'agent-vault-salt', 32);
// Shortcut 2: a random nonce, but made once at startup and reused for every conversation.
const PROCESS_NONCE = randomBytes(12);

export class ConversationVault {
  private readonly iv = Buffer.alloc(16);

  seal(turns: Turn[]): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', VAULT_KEY, iv); // expect: no-weak-prompt-encryption
    const body = Buffer.concat([cipher.update(JSON.stringify(turns), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  sealTitle(firstTurn: Turn): Buffer {
    const cipher = createCipheriv('aes-256-gcm', Buffer.from(process.env.TITLE_KEY ?? '', 'hex'), PROCESS_NONCE); // expect: no-weak-prompt-encryption
    const body = Buffer.concat([cipher.update(JSON.stringify(firstTurn.content), 'utf8'), cipher.final()]);
    return Buffer.concat([cipher.getAuthTag(), body]);
  }

  // Shortcut 3: a zero IV in a field, with a key from the environment.
  sealSummary(summary: Turn): string {
    const cipher = createCipheriv('aes-256-cbc', Buffer.from(process.env.SUMMARY_KEY ?? '', 'hex'), this.iv); // expect: no-weak-prompt-encryption
    return cipher.update(JSON.stringify(summary), 'utf8', 'base64') + cipher.final('base64');
  }
}

// A cipher made by a factory function still has the factory's weaknesses.
function exportCipher() {
  return createCipheriv('aes-128-ecb', Buffer.from(process.env.EXPORT_KEY ?? '', 'hex'), null); // expect: no-weak-prompt-encryption
}

export function exportForAnalytics(turns: Turn[]): string {
  const cipher = exportCipher();
  return cipher.update(turns.map(turn => JSON.stringify(turn.content)).join('\n'), 'utf8', 'hex') + cipher.final('hex');
}

// Look-alikes that stay clean.

const MASTER_KEY = Buffer.from(process.env.VAULT_MASTER_KEY ?? '', 'base64');

// valid: HKDF from a master key (its first argument is the digest name, not a key), a fresh IV per message.
function conversationKey(conversationId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', MASTER_KEY, Buffer.from(conversationId), 'conversation-v1', 32));
}

export async function storeConversation(conversationId: string, turns: Turn[]): Promise<void> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', conversationKey(conversationId), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(turns), 'utf8'), cipher.final()]);
  await pool.query('insert into conversations (id, body) values ($1, $2)', [conversationId, Buffer.concat([iv, cipher.getAuthTag(), body])]);
}

// valid: a zero buffer that is filled with random bytes before use is a random IV.
export function sealWithFilledIv(turns: Turn[]): Buffer {
  const iv = Buffer.alloc(16);
  randomFillSync(iv);
  const cipher = createCipheriv('aes-256-cbc', MASTER_KEY, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(turns), 'utf8'), cipher.final()]);
}

// valid: KMS.
export async function sealWithKms(turns: Turn[]): Promise<Uint8Array | undefined> {
  const result = await kms.send(new EncryptCommand({ KeyId: 'alias/agent-conversations', Plaintext: Buffer.from(JSON.stringify(turns)) }));
  return result.CiphertextBlob;
}

// valid: libsodium secretbox.
export async function sealWithSodium(turns: Turn[], key: Uint8Array): Promise<Uint8Array> {
  await sodium.ready;
  const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
  return sodium.crypto_secretbox_easy(JSON.stringify(turns), nonce, key);
}

// valid: tweetnacl secretbox.
export function sealWithNacl(turns: Turn[], key: Uint8Array): Uint8Array {
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  return nacl.secretbox(new TextEncoder().encode(JSON.stringify(turns)), nonce, key);
}

// valid: the vault's own health check encrypts a fixed probe with the legacy settings: no prompt data.
export function probe(): string {
  const cipher = createCipheriv('aes-256-cbc', VAULT_KEY, Buffer.alloc(16));
  return cipher.update('vault-probe', 'utf8', 'hex') + cipher.final('hex');
}
