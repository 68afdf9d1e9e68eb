// src/assistant/answer-cache.ts: an in-memory answer cache keyed by conversation, and a typed
// event bus other modules subscribe to. Keys, hit flags and ids are bookkeeping; answers are not.
import { EventEmitter } from 'node:events';

import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import pino from 'pino';

const client = new OpenAI();
const logger = pino({ name: 'answer-cache' });

interface AssistantEvents {
  answered: [conversationId: string, completion: ChatCompletion];
  evicted: [conversationId: string, ageMs: number];
}

export const assistantEvents = new EventEmitter<AssistantEvents>();
const cache = new Map<string, { completion: ChatCompletion; storedAt: number }>();
const MAX_AGE_MS = 10 * 60_000;

export async function answer(conversationId: string, question: string): Promise<string> {
  const hit = cache.get(conversationId);
  logger.info({ conversationId, hit: hit !== undefined, size: cache.size }, 'cache lookup');
  if (hit && Date.now() - hit.storedAt < MAX_AGE_MS) {
    logger.debug({ conversationId, cached: hit.completion.choices[0]?.message.content }, 'cache hit'); // expect: no-model-output-logging
    return hit.completion.choices[0]?.message.content ?? '';
  }
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  cache.set(conversationId, { completion, storedAt: Date.now() });
  assistantEvents.emit('answered', conversationId, completion);
  return completion.choices[0]?.message.content ?? '';
}

export function evictStale(now = Date.now()): number {
  let evicted = 0;
  for (const [conversationId, entry] of cache) {
    const age = now - entry.storedAt;
    if (age > MAX_AGE_MS) {
      cache.delete(conversationId);
      assistantEvents.emit('evicted', conversationId, age);
      evicted += 1;
    }
  }
  logger.info({ evicted, remaining: cache.size }, 'cache sweep');
  return evicted;
}

// Subscribers elsewhere in the app: metrics are fine, the answer text is not.
assistantEvents.on('answered', (conversationId, completion) => {
  logger.info({ conversationId, id: completion.id, tokens: completion.usage?.total_tokens }, 'answered');
});
assistantEvents.on('answered', (conversationId, completion) => {
  logger.debug({ conversationId, answer: completion.choices[0]?.message.content }, 'answer text'); // expect: no-model-output-logging
});
assistantEvents.on('evicted', (conversationId, ageMs) => {
  logger.debug({ conversationId, ageMs }, 'evicted');
});
