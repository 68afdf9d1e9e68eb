// Code that looks like the weak patterns but protects conversations properly, or is not
// encryption at all. None of it may be reported by no-weak-prompt-encryption.
import { createCipheriv, createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';

import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import OpenAI from 'openai';
import { Redis } from 'ioredis';

const kms = new KMSClient({ region: process.env.AWS_REGION });
const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const openai = new OpenAI();

// valid: AES-256-GCM with a random 12-byte nonce per message, stored with the ciphertext.
export function sealTurn(turn: ChatCompletionMessageParam, key: Buffer): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(JSON.stringify(turn), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

// valid: envelope encryption: a data key from KMS, used once.
export async function sealWithDataKey(messages: ChatCompletionMessageParam[]): Promise<{ wrappedKey?: Uint8Array; sealed: Buffer }> {
  const { Plaintext, CiphertextBlob } = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/chat-history', KeySpec: 'AES_256' }));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Plaintext!, iv);
  const sealed = Buffer.concat([iv, cipher.update(JSON.stringify(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { wrappedKey: CiphertextBlob, sealed };
}

// valid: a data key unwrapped by KMS at start-up, kept in memory (a long-lived key is fine; IVs are fresh).
let historyKey: Buffer | undefined;
export async function loadHistoryKey(wrapped: Uint8Array): Promise<void> {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: wrapped }));
  historyKey = Buffer.from(Plaintext!);
}
export function sealWithLoadedKey(messages: ChatCompletionMessageParam[]): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', historyKey!, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(messages), 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

// valid: a key from the environment without a fallback, and a passphrase from the environment through scrypt.
export function sealWithEnvKey(messages: ChatCompletionMessageParam[]): Buffer {
  const key = Buffer.from(process.env.HISTORY_KEY!, 'base64');
  const derived = scryptSync(process.env.HISTORY_PASSPHRASE!, 'history-v2', 32);
  const iv = randomBytes(12);
  const first = createCipheriv('aes-256-gcm', key, iv).update(JSON.stringify(messages), 'utf8');
  const second = createCipheriv('aes-256-gcm', derived, randomBytes(12)).update(JSON.stringify(messages), 'utf8');
  return Buffer.concat([iv, first, second]);
}

// valid: a hash of the conversation as a cache key: the answer is cached, the prompt only hashed.
export async function cachedCompletion(messages: ChatCompletionMessageParam[]): Promise<string> {
  const cacheKey = createHash('sha256').update(JSON.stringify(messages)).digest('hex');
  const cached = await redis.get(`completion:${cacheKey}`);
  if (cached !== null) return cached;
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const answer = completion.choices[0]?.message.content ?? '';
  await redis.set(`completion:${cacheKey}`, String(answer.length));
  return answer;
}

// valid: an HMAC over the conversation to detect tampering: a signature, not encryption.
export function signTranscript(messages: ChatCompletionMessageParam[]): string {
  return createHmac('sha256', Buffer.from(process.env.TRANSCRIPT_SIGNING_KEY!, 'base64')).update(JSON.stringify(messages)).digest('base64url');
}

// valid: a short id for a conversation from a hash of its first message (not a key).
export function conversationSlug(messages: ChatCompletionMessageParam[]): string {
  return createHash('sha1').update(JSON.stringify(messages[0] ?? '')).digest('hex').slice(0, 10);
}

// valid: 3DES with a key in the source, on a value that is no conversation (a feature flag blob).
const FLAG_KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
export function encodeFlags(flags: Record<string, boolean>): string {
  return createCipheriv('des-ede3-cbc', FLAG_KEY, Buffer.alloc(8)).update(JSON.stringify(flags), 'utf8', 'hex');
}
