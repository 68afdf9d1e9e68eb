import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Module state: a variable declared at a module's top level that one function writes and another
// reads (a chat bot's module-level history, the last answer kept for a later command). What any
// function of the module writes there is what every reader may see. Variables only ever given
// counts, ids or constants, and a local variable of the same name, stay quiet.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;

ruleTester.run('no-model-output-logging: module state', outputRule, {
  valid: [
    // Only the token count is kept at module level.
    `${openai}
let lastTokens = 0;
let lastModel = '';
export async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  lastTokens = completion.usage?.total_tokens ?? 0;
  lastModel = completion.model;
  return completion.choices[0]?.message.content ?? '';
}
export function stats(): void {
  console.log('last call', lastTokens, lastModel);
}
`,
    // A module-level cache of completions: the keys it is iterated with are lookups, not answers.
    `${openai}
const cache = new Map<string, { answer: string; storedAt: number }>();
export async function ask(conversationId: string, question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  cache.set(conversationId, { answer, storedAt: Date.now() });
  return answer;
}
export function evict(now: number): void {
  for (const [conversationId, entry] of cache) {
    if (now - entry.storedAt > 60_000) {
      cache.delete(conversationId);
      console.log('evicted', conversationId);
    }
  }
}
`,
    // A local variable that shadows the module's: the reader logs its own.
    `${openai}
let answer = '';
export async function ask(question: string): Promise<void> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  answer = completion.choices[0]?.message.content ?? '';
}
export function status(): void {
  const answer = 'idle';
  console.log(answer);
}
`,
  ],
  invalid: [
    // The last answer kept for a later command.
    {
      code: `${openai}
let lastAnswer = '';
export async function ask(question: string): Promise<void> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  lastAnswer = completion.choices[0]?.message.content ?? '';
}
export function debugLast(): void {
  console.debug('last answer', lastAnswer);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 32 }],
    },
    // A field of a module-level state object, in plain JavaScript.
    {
      code: `${openai}
const state = { reply: '', busy: false };
export async function ask(question) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  state.reply = completion.choices[0].message.content;
}
export function dump() {
  console.log(state);
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 15 }],
    },
  ],
});

ruleTester.run('no-prompt-logging: module state', promptRule, {
  valid: [],
  invalid: [
    // A chat bot's module-level history, pushed by the handler and printed by a command.
    {
      code: `${openai}
const history = [];
export async function onMessage(text) {
  history.push({ role: 'user', content: text });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
  history.push(completion.choices[0].message);
}
export function printHistory() {
  console.log(JSON.stringify(history));
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 10, column: 15 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: module state', storageRule, {
  valid: [
    // Only ids at module level.
    `import fs from 'node:fs';
${openai}
const seen: string[] = [];
export async function ask(question: string): Promise<void> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  seen.push(completion.id);
}
export function flush(): void {
  fs.writeFileSync('seen.json', JSON.stringify(seen));
}
`,
  ],
  invalid: [
    // The answer to a history that starts empty and is filled later: not the answer to a fixed prompt.
    {
      code: `import fs from 'node:fs';
${openai}
const history: OpenAI.ChatCompletionMessageParam[] = [];
let lastAnswer = '';
export async function onMessage(text: string): Promise<void> {
  history.push({ role: 'user', content: text });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
  lastAnswer = completion.choices[0]?.message.content ?? '';
}
export function saveLastAnswer(file: string): void {
  fs.writeFileSync(file, lastAnswer);
}
`,
      errors: [{ messageId: 'promptStored', line: 12, column: 26 }],
    },
    {
      code: `import fs from 'node:fs';
${openai}
const transcript: string[] = [];
export async function ask(question: string): Promise<void> {
  transcript.push(question);
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  transcript.push(completion.choices[0]?.message.content ?? '');
}
export function flush(): void {
  fs.writeFileSync('transcript.json', JSON.stringify(transcript));
}
`,
      errors: [{ messageId: 'promptStored', line: 11, column: 39 }],
    },
  ],
});
