import { createHash } from 'node:crypto';

import { ask } from './llm.js';
import { logEvent, logger } from './logger.js';

export async function handleChat(request: Request): Promise<Response> {
  const { question } = (await request.json()) as { question: string };
  const started = Date.now();
  const answer = await ask(question);

  // Safe: metadata only.
  logger.info({ tokens: answer.tokens, model: answer.model, ms: Date.now() - started }, 'chat answered');
  // Safe: a fingerprint of the answer, not the answer.
  logger.debug({ digest: createHash('sha256').update(answer.text).digest('hex') }, 'answer digest');

  // Planted: the answer itself goes to the log, directly and through the helper.
  logger.info({ answer: answer.text }, 'chat answered');
  logEvent('chat.answer', { text: answer.text });

  // Safe: the answer is returned to the user who asked.
  return Response.json({ answer: answer.text });
}
