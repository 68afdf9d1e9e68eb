// app/api/support/route.ts: a support assistant behind a Next.js route handler.
import { createHash } from 'node:crypto';

import OpenAI from 'openai';
import pino from 'pino';
import * as Sentry from '@sentry/node';

const client = new OpenAI();
const logger = pino({ name: 'support' });

interface SupportRequest {
  ticketId: string;
  customerId: string;
  question: string;
}

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json()) as SupportRequest;
  const question = body.question.trim();

  // Metadata only: fine.
  logger.info({ ticket: body.ticketId, customer: body.customerId, chars: question.length }, 'support question');
  logger.debug({ digest: createHash('sha256').update(question).digest('hex') }, 'question fingerprint');

  // The question itself: a leak.
  logger.debug({ question }, 'raw question'); // expect: no-prompt-logging
  Sentry.addBreadcrumb({ category: 'support', message: `asked: ${question}` }); // expect: no-prompt-logging

  try {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a support agent for Acme. Be concise.' },
        { role: 'user', content: question },
      ],
    });
    return Response.json({ answer: completion.choices[0]?.message.content ?? '' });
  } catch (error) {
    logger.error({ err: error, ticket: body.ticketId }, 'completion failed');
    return Response.json({ error: 'try again later' }, { status: 502 });
  }
}
