// Code that looks like it leaks model output but does not: metadata, numbers, errors, hashes,
// output returned to the caller, and project types that merely share SDK names.
// Every line of this file must stay clean.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import pino from 'pino';

const openai = new OpenAI();
const anthropic = new Anthropic();
const logger = pino();

// A project type called ChatCompletion, unrelated to the SDK.
interface ChatCompletion {
  content: string;
  savedAt: Date;
}

function loadDraft(id: string): ChatCompletion {
  return { content: `draft ${id}`, savedAt: new Date() };
}

export function logDraft(id: string): void {
  const completion = loadDraft(id);
  logger.info({ content: completion.content }, 'draft loaded');
}

// Variables named like model output that hold user or config data.
export function logNames(): void {
  const answer = process.env.DEFAULT_ANSWER ?? 'n/a';
  const response = { text: answer };
  console.log('defaults', answer, response.text);
}

export async function metrics(question: string): Promise<string> {
  const started = performance.now();
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';

  logger.info({
    requestId: completion.id,
    model: completion.model,
    created: completion.created,
    tokens: completion.usage?.total_tokens,
    finishReason: completion.choices[0]?.finish_reason,
    choices: completion.choices.length,
    ms: Math.round(performance.now() - started),
  });
  logger.info({ chars: text.length, words: text.split(/\s+/).length, empty: text.length === 0 });
  logger.info({ mentionsRefund: text.includes('refund'), startsPolitely: text.startsWith('Sure') });
  logger.info(`answer digest ${createHash('sha256').update(text).digest('hex')}`);
  return text;
}

export async function errorsOnly(question: string): Promise<void> {
  try {
    await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: question }] });
  } catch (error) {
    if (error instanceof Anthropic.APIError) {
      logger.error({ status: error.status, requestId: error.requestID }, 'anthropic call failed');
    } else {
      logger.error(error, 'unexpected failure');
    }
  }
}

export async function anthropicMetadata(question: string): Promise<void> {
  const message = await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: question }] });
  logger.info({ id: message.id, model: message.model, stop: message.stop_reason, usage: message.usage });
  logger.info({ blocks: message.content.length, types: message.content.map(block => block.type) });
}

// The answer is sent to the HTTP client: that is the product, not a log.
export const server = createServer(async (req, res) => {
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: url.searchParams.get('q') ?? 'Hello' }],
  });
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-request-id', requestId);
  res.end(JSON.stringify({ answer: completion.choices[0]?.message.content, usage: completion.usage }));
  logger.info({ requestId, status: res.statusCode }, 'request served');
});

// A variable first holding output, then overwritten before logging.
export async function overwritten(): Promise<void> {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'ping' }] });
  let status = completion.choices[0]?.message.content ?? '';
  status = completion.choices[0]?.finish_reason === 'stop' ? 'complete' : 'partial';
  logger.info({ status });
}

// Listing models, embeddings and moderation results carry no generated text.
export async function catalog(): Promise<void> {
  for await (const model of openai.models.list()) {
    logger.debug({ id: model.id, owner: model.owned_by });
  }
  const embedding = await openai.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
  logger.debug({ dimensions: embedding.data[0]?.embedding.length, tokens: embedding.usage.total_tokens });
  const moderation = await openai.moderations.create({ input: 'some user text' });
  logger.debug({ flagged: moderation.results[0]?.flagged, categories: moderation.results[0]?.categories });
}
