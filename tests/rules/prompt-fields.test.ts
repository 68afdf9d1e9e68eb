import path from 'node:path';

import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Fields placed in a prompt: a field destructured into a prompt (`const { text } = req.body`), a
// destructured parameter (`function ask({ question })`), and an object built elsewhere that a
// helper prompts with (`run(combinedParams)` where `run` reads `params.prompt`). The object is prompt
// data where it is read whole; its other fields are not.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;

ruleTester.run('no-prompt-logging: fields placed in a prompt', promptRule, {
  valid: [
    // Only the field destructured into the prompt is prompt data: the request's headers and id are not.
    `${openai}
export async function handler(req: { body: any; headers: Record<string, string> }) {
  const { text, model, chatId } = req.body;
  console.log('request', req.headers, chatId, model);
  await client.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
}
`,
    // The model's own turn destructured from a reply is output, not the user's prompt.
    `${openai}
export async function handler(req: { body: any }) {
  const { reply } = req.body;
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'assistant', content: reply }, { role: 'user', content: 'Go on.' }] });
  console.log('continuing from', req.body.chatId);
}
`,
    // A destructured parameter: callers passing the prompt field are reported at their own logs only, not for the id.
    `${openai}
async function ask({ question, id }: { question: string; id: string }) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
export async function caller(q: string, id: string) {
  console.log('asking for', id);
  return ask({ question: q, id });
}
`,
    // A helper that prompts with a field of an object built by its caller: the caller's other fields are settings.
    `${openai}
async function run(kind: string, params: any) {
  const { prompt } = params;
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
export async function service(prompt: string, retries: number, label: string) {
  const combined = { retries, label, prompt };
  console.log('running', label, combined.label);
  return run('text', combined);
}
`,
    // Settings written in the source and spread into the request hold no user data.
    `${openai}
const DEFAULTS = { prompt: 'Say hello.', retries: 3 };
async function run(params: any) {
  const { prompt } = params;
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
export async function hello() {
  const params = { ...DEFAULTS };
  console.log('defaults', DEFAULTS);
  return run(params);
}
`,
    // A template helper returns its variables in `metadata`, but only the prompt field goes into the
    // rendered text: the project root given next to the prompt is not prompt data.
    `${openai}
function render(id: string, vars: { prompt: string; root: string }) {
  return { userPrompt: \`Task: \${vars.prompt}\`, metadata: { parameters: vars, id } };
}
export async function run(prompt: string, root: string) {
  console.log('project root', root);
  const { userPrompt } = render('add-task', { prompt, root });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
`,
  ],
  invalid: [
    // The field of a helper's result that is sent holds the variable it was rendered from.
    {
      code: `${openai}
function render(id: string, vars: { prompt: string; root: string }) {
  return { userPrompt: \`Task: \${vars.prompt}\`, metadata: { parameters: vars, id } };
}
export async function run(prompt: string, root: string) {
  console.log('adding task', prompt);
  const { userPrompt } = render('add-task', { prompt, root });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
`,
      errors: [{ messageId: 'promptLogged', line: 7, column: 30 }],
    },
    // Express-style: the body whose `text` is the prompt, logged whole before it is sent.
    {
      code: `${openai}
export async function handler(req: { body: any }) {
  console.log('body', req.body);
  const { text, model } = req.body;
  await client.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
}
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 23 }],
    },
    // Nested destructuring and a multimodal content part, in untyped JavaScript.
    {
      code: `${openai}
export async function handler(req) {
  const { input: { text } } = req.body;
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text }] }] });
  console.debug('request body', req.body);
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 6, column: 33 }],
    },
    // A destructured parameter tells the caller which field of its argument is the prompt.
    {
      code: `${openai}
async function ask({ question, id }: { question: string; id: string }) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
export async function caller(q: string, id: string) {
  console.log('asking', q);
  return ask({ question: q, id });
}
`,
      errors: [{ messageId: 'promptLogged', line: 7, column: 25 }],
    },
    // Through an object built elsewhere and spread into another (a service wrapper over a runner).
    {
      code: `${openai}
async function run(kind: string, params: any) {
  const { prompt, ...rest } = params;
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }], ...rest });
}
async function service(params: any) {
  const combined = { retries: 3, ...params };
  return run('text', combined);
}
export async function addTask(description: string) {
  console.info('adding task', description);
  return service({ prompt: description, role: 'main' });
}
`,
      errors: [{ messageId: 'promptLogged', line: 12, column: 31 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: fields placed in a prompt', storageRule, {
  valid: [
    // The request's id destructured next to the prompt is metadata.
    `import OpenAI from 'openai';
import { writeFileSync } from 'node:fs';
const client = new OpenAI();
export async function handler(req: { body: { text: string; chatId: string } }) {
  const { text, chatId } = req.body;
  writeFileSync('last-chat.txt', chatId);
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
}
`,
  ],
  invalid: [
    {
      code: `import OpenAI from 'openai';
import { writeFileSync } from 'node:fs';
const client = new OpenAI();
export async function handler(req: { body: { text: string; chatId: string } }) {
  const { text } = req.body;
  writeFileSync('request.json', JSON.stringify(req.body));
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
}
`,
      errors: [{ messageId: 'promptStored', line: 6, column: 33 }],
    },
  ],
});
