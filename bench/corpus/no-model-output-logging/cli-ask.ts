#!/usr/bin/env node
// bin/ask.ts: a small command-line tool. Printing the answer on stdout is the program's output,
// not a log; the verbose channel (debug) and stderr diagnostics are logs.
import { parseArgs } from 'node:util';

import createDebug from 'debug';
import OpenAI from 'openai';

const debug = createDebug('ask:cli');
const client = new OpenAI();

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string', default: 'gpt-4o-mini' },
    stream: { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

const question = positionals.join(' ');
if (!question) {
  console.error('usage: ask [--model m] [--stream] <question>');
  process.exit(2);
}

async function askOnce(): Promise<void> {
  const started = performance.now();
  const completion = await client.chat.completions.create({
    model: values.model ?? 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  });
  const text = completion.choices[0]?.message.content ?? '';
  process.stdout.write(`${text}\n`);

  debug('answer (%d chars): %s', text.length, text); // expect: no-model-output-logging
  if (values.verbose) {
    console.error(`model=${completion.model} tokens=${completion.usage?.total_tokens ?? 0} in ${Math.round(performance.now() - started)} ms`);
  }
}

async function askStreaming(): Promise<void> {
  const stream = await client.chat.completions.create({
    model: values.model ?? 'gpt-4o-mini',
    stream: true,
    messages: [{ role: 'user', content: question }],
  });
  let received = 0;
  for await (const chunk of stream) {
    const piece = chunk.choices[0]?.delta?.content;
    if (piece) {
      received += piece.length;
      process.stdout.write(piece);
    }
    if (values.verbose && chunk.choices[0]?.finish_reason) {
      process.stderr.write(`\n[finish: ${chunk.choices[0].finish_reason}, ${received} chars]\n`);
    }
  }
  process.stdout.write('\n');
}

try {
  await (values.stream ? askStreaming() : askOnce());
} catch (error) {
  if (error instanceof OpenAI.APIError) {
    console.error(`OpenAI error ${error.status ?? ''}: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
