// A support assistant that archives every conversation in Redis. The archive helper was written
// years ago for a settings cache: 3DES, a key pasted into the source, a zero IV. Reusing it for
// chat transcripts is the pattern the public reports on AI apps found.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { Redis } from 'ioredis';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const openai = new OpenAI();

const LEGACY_KEY = Buffer.from('6b2f9e0c41d87a35c0e91f4b7d2a68e35f1c0b9a7e4d2c18', 'hex');
const LEGACY_IV = Buffer.alloc(8);

function legacyEncrypt(plain: string): string {
  const cipher = createCipheriv('des-ede3-cbc', LEGACY_KEY, LEGACY_IV); // expect: no-weak-prompt-encryption
  return cipher.update(plain, 'utf8', 'base64') + cipher.final('base64');
}

function legacyDecrypt(sealed: string): string {
  const decipher = createDecipheriv('des-ede3-cbc', LEGACY_KEY, LEGACY_IV);
  return decipher.update(sealed, 'base64', 'utf8') + decipher.final('utf8');
}

// valid: what the helper was written for: user preferences, no prompt in them. Not this rule's business.
interface Preferences {
  theme: 'light' | 'dark';
  locale: string;
}

export async function savePreferences(userId: string, preferences: Preferences): Promise<void> {
  await redis.set(`prefs:${userId}`, legacyEncrypt(JSON.stringify(preferences)));
}

export async function loadPreferences(userId: string): Promise<Preferences | undefined> {
  const sealed = await redis.get(`prefs:${userId}`);
  return sealed ? (JSON.parse(legacyDecrypt(sealed)) as Preferences) : undefined;
}

// The transcript goes through the same helper: its cipher is reported in the helper (once, however
// many callers), and the storage rule reports the write here, saying the encryption does not count.
export async function archiveTranscript(ticketId: string, transcript: ChatCompletionMessageParam[]): Promise<void> {
  await redis.set(`transcript:${ticketId}`, legacyEncrypt(JSON.stringify(transcript))); // expect: no-plaintext-prompt-storage
}

// A key that "only" falls back to a literal in development is that literal in every
// environment where the variable is missing.
const ARCHIVE_KEY = Buffer.from(process.env.ARCHIVE_KEY || '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');

export async function answer(ticketId: string, question: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a helpful support agent.' },
      { role: 'user', content: question },
    ],
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ARCHIVE_KEY, iv); // expect: no-weak-prompt-encryption
  const body = Buffer.concat([cipher.update(question, 'utf8'), cipher.final()]);
  await redis.hset(`ticket:${ticketId}`, { question: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') }); // expect: no-plaintext-prompt-storage
  return completion.choices[0]?.message.content ?? '';
}

// valid: the replacement: AES-256-GCM, a key from the secret manager, a fresh IV per message.
declare function secretFromVault(name: string): Promise<Buffer>;

async function sealForArchive(plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await secretFromVault('archive-key'), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export async function archiveTranscriptSafely(ticketId: string, transcript: ChatCompletionMessageParam[]): Promise<void> {
  await redis.set(`transcript:v2:${ticketId}`, await sealForArchive(JSON.stringify(transcript)));
}

// valid: counting turns with the legacy helper leaks nothing about their content.
export async function saveTurnCount(ticketId: string, transcript: ChatCompletionMessageParam[]): Promise<void> {
  await redis.set(`turns:${ticketId}`, legacyEncrypt(String(transcript.length)));
}
