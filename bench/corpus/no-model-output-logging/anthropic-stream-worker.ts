// workers/transcribe-summary.worker.ts: a queue worker that streams a Claude answer into a
// websocket-like channel and keeps progress logs.
import Anthropic from '@anthropic-ai/sdk';
import winston from 'winston';

const anthropic = new Anthropic({ maxRetries: 3, timeout: 60_000 });
const logger = winston.createLogger({ level: 'debug', transports: [new winston.transports.Console()] });

export interface Job {
  id: string;
  transcript: string;
}

export interface Channel {
  send(data: string): void;
  close(): void;
}

export async function runJob(job: Job, channel: Channel): Promise<void> {
  const startedAt = Date.now();
  const stream = anthropic.messages.stream({
    model: 'claude-sonnet-4-5',
    max_tokens: 2048,
    messages: [{ role: 'user', content: `Summarise this call transcript:\n${job.transcript}` }],
  });

  stream.on('connect', () => logger.info(`job ${job.id}: stream connected`));
  stream.on('text', delta => {
    channel.send(delta);
    logger.silly(`job ${job.id} delta`, { delta }); // expect: no-model-output-logging
  });
  stream.on('error', error => logger.error(`job ${job.id}: stream failed`, { error: error.message }));

  const final = await stream.finalMessage();
  channel.close();

  logger.info(`job ${job.id} done`, {
    ms: Date.now() - startedAt,
    inputTokens: final.usage.input_tokens,
    outputTokens: final.usage.output_tokens,
    stopReason: final.stop_reason,
    messageId: final.id,
  });
  logger.debug('final message', final.content); // expect: no-model-output-logging
}

// Raw server-sent events, without the helper class.
export async function runJobRaw(job: Job): Promise<string> {
  const events = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    stream: true,
    messages: [{ role: 'user', content: job.transcript }],
  });
  const parts: string[] = [];
  for await (const event of events) {
    switch (event.type) {
      case 'message_start':
        logger.debug(`job ${job.id}: message ${event.message.id} started`);
        break;
      case 'content_block_delta':
        if (event.delta.type === 'text_delta') {
          parts.push(event.delta.text);
        }
        break;
      case 'message_delta':
        logger.debug(`job ${job.id}: stop reason ${event.delta.stop_reason ?? 'none'}, ${event.usage.output_tokens} tokens`);
        break;
      default:
        break;
    }
  }
  const summary = parts.join('');
  logger.info(`job ${job.id}: summary of ${summary.length} chars ready`);
  logger.info(`job ${job.id}: summary ${summary}`); // expect: no-model-output-logging
  return summary;
}
