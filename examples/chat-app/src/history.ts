import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Redis } from 'ioredis';

import { logger } from './logger.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

/** AES-256-GCM with a key from the environment (a KMS in production). */
function seal(plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(process.env.HISTORY_KEY ?? '', 'base64'), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export async function saveHistory(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  // Safe: encrypted before it is written.
  await writeFile(`history-${chatId}.bin`, seal(JSON.stringify(messages)));
  // Safe: only the number of turns.
  logger.info({ chatId, turns: messages.length }, 'history saved');

  // Planted: the conversation is cached in Redis in plain text...
  await redis.set(`chat:${chatId}`, JSON.stringify(messages));
  // ...and the last user message is logged.
  logger.debug({ last: messages.at(-1)?.content }, 'last message');
}
