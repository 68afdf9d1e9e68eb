// A terminal chat client that keeps its history between runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { homedir } from 'node:os';
import path from 'node:path';

import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

const client = new OpenAI();
const historyFile = path.join(homedir(), '.chat-history.json');
const statsFile = path.join(homedir(), '.chat-stats.json');

const history: ChatCompletionMessageParam[] = existsSync(historyFile)
  ? (JSON.parse(readFileSync(historyFile, 'utf8')) as ChatCompletionMessageParam[])
  : [];

const rl = createInterface({ input: process.stdin, output: process.stdout });
for (;;) {
  const line = await rl.question('> ');
  if (line === '/quit') break;
  history.push({ role: 'user', content: line });
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: history });
  const answer = completion.choices[0]?.message.content ?? '';
  history.push({ role: 'assistant', content: answer });
  process.stdout.write(`${answer}\n`);

  // Counts are fine to keep.
  writeFileSync(statsFile, JSON.stringify({ turns: history.length, updatedAt: Date.now() }));
  // The whole conversation, in plain text in the home directory.
  writeFileSync(historyFile, JSON.stringify(history, null, 2)); // expect: no-plaintext-prompt-storage
}
rl.close();
