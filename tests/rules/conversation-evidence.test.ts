import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Conversation data wherever it lives: the apps' own message types, REST calls to LLM APIs, message
// literals in untyped code, asserted and parsed types. Each kind of evidence with its look-alikes.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');
const cjs = path.join(FIXTURES_DIR, 'script.cjs');

// One-line preludes: the case's own code starts on line 2.
const chatMessage = `interface ChatMessage { id: string; role: 'user' | 'assistant' | 'system'; content: string; createdAt: number }`;
const assistantMessage = `interface AssistantTurn { role: 'assistant'; content: string; tokens: number }`;

ruleTester.run('no-prompt-logging: conversation data by evidence', promptRule, {
  valid: [
    // A title generated for a stored conversation: the request names the conversation by id only.
    {
      code: `export async function genTitle(conversationId, messageId, debug) {
  const opts = { method: 'POST', body: JSON.stringify({ message_id: messageId, model: 'text-davinci-002-render' }) };
  if (debug) console.debug('gen title request', opts);
  const res = await fetch(\`https://chat.openai.com/backend-api/conversation/gen_title/\${conversationId}\`, opts);
  return (await res.json()).title;
}
`,
      filename: js,
    },
    // The app's own message type: its metadata fields are not the conversation.
    `${chatMessage}
export function trace(message: ChatMessage) {
  console.log('message', message.id, message.role, message.createdAt, message.content.length);
}
`,
    // A `role` that is a user's role in the app, next to `content`: no chat message.
    `interface Post { role: 'admin' | 'member'; content: string }
export function audit(post: Post) {
  console.log('post', post);
}
`,
    // A record with text but no role is not a message.
    `interface Note { title: string; text: string }
export function show(note: Note) {
  console.log(note);
}
`,
    // A prompt written entirely in the source carries no user data.
    `import OpenAI from 'openai';
const client = new OpenAI();
const messages = [{ role: 'system' as const, content: 'You are terse.' }, { role: 'user' as const, content: 'Say hello.' }];
await client.chat.completions.create({ model: 'gpt-4o', messages });
console.log(messages);
`,
    // The app's own tool results and tool schemas reach the model, but they are not what the user said.
    `import OpenAI from 'openai';
const client = new OpenAI();
const tools = [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: {} } } }];
export async function answer(question: string, forecast: string) {
  await client.chat.completions.create({
    model: 'gpt-4o',
    tools,
    messages: [{ role: 'user', content: question }, { role: 'tool', tool_call_id: 'c1', content: forecast }],
  });
  console.log('tools', tools, 'forecast', forecast);
}
`,
    // A metadata endpoint is no model call.
    `export async function models(base: string, question: string) {
  const res = await fetch(\`\${base}/v1/models\`, { method: 'GET' });
  console.log(await res.json(), question.length);
}
`,
    // A body posted to a service that is no LLM, without a conversation in it.
    `export async function track(event: string) {
  const body = { event, at: Date.now() };
  await fetch('/api/analytics', { method: 'POST', body: JSON.stringify(body) });
  console.log(body);
}
`,
    // Untyped code: the length of a message literal's content, and the role.
    {
      code: `export function send(socket, text) {
  const message = { role: 'user', content: text };
  socket.send(JSON.stringify(message));
  console.log('sent', text.length, message.role);
}
`,
      filename: js,
    },
  ],
  invalid: [
    // The app's own message type (an interface with role and content).
    {
      code: `${chatMessage}
export function trace(message: ChatMessage) {
  console.log('message', message);
}
`,
      errors: [{ messageId: 'promptLogged', line: 3, column: 26 }],
    },
    // A history of them, behind an alias and an intersection.
    {
      code: `${chatMessage}
type Stored = ChatMessage & { chatId: string };
type History = readonly Stored[];
export function dump(history: History) {
  console.debug(JSON.stringify(history));
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 17 }],
    },
    // A session whose field holds the history; `Pick` and `Omit` keep the shape.
    {
      code: `${chatMessage}
interface Session { id: string; messages: Omit<ChatMessage, 'id'>[] }
export function dump(session: Session, last: Pick<ChatMessage, 'role' | 'content'>) {
  console.log(session);
  console.log(last);
}
`,
      errors: [
        { messageId: 'promptLogged', line: 4, column: 15 },
        { messageId: 'promptLogged', line: 5, column: 15 },
      ],
    },
    // A prompt-typed field of a parameter.
    {
      code: `${chatMessage}
export function dump(state: { title: string; messages: ChatMessage[] }) {
  console.log(state.messages);
}
`,
      errors: [{ messageId: 'promptLogged', line: 3, column: 15 }],
    },
    // A zod-inferred request body, parsed from the request.
    {
      code: `import { z } from 'zod';
const ChatRequest = z.object({ messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })) });
export async function POST(req: Request) {
  const body = ChatRequest.parse(await req.json());
  console.log('chat request', body);
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 31 }],
    },
    // An asserted type and an annotated one decide what parsed JSON is.
    {
      code: `${chatMessage}
export async function POST(req: Request) {
  const history = (await req.json()) as ChatMessage[];
  const last: ChatMessage = JSON.parse(req.headers.get('x-last') ?? '{}');
  console.log(history, last);
}
`,
      errors: [
        { messageId: 'promptLogged', line: 5, column: 15 },
        { messageId: 'promptLogged', line: 5, column: 24 },
      ],
    },
    // A raw REST call: the body's messages are prompt data.
    {
      code: `export async function ask(baseUrl: string, apiKey: string, question: string) {
  const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: question }];
  const res = await fetch(\`\${baseUrl}/chat/completions\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${apiKey}\` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: false }),
  });
  console.log('request', messages);
  return res.json();
}
`,
      errors: [{ messageId: 'promptLogged', line: 8, column: 26 }],
    },
    // The URL from a path constant held in an object, the body built before the call.
    {
      code: `const PATHS = { chat: '/v1/messages', models: '/v1/models' } as const;
export async function ask(settings: { base: string }, prompt: string) {
  const payload = { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: prompt }] };
  await fetch(settings.base + PATHS.chat, { method: 'POST', body: JSON.stringify(payload) });
  console.info(payload);
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 16 }],
    },
    // Untyped code: a user message literal makes its content prompt data.
    {
      code: `export function send(socket, text) {
  socket.send(JSON.stringify({ role: 'user', content: text }));
  console.log('sent', text);
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 3, column: 23 }],
    },
  ],
});

ruleTester.run('no-model-output-logging: conversation data by evidence', outputRule, {
  valid: [
    // A metadata endpoint with an id at the end of its path: the model's description, not an answer.
    {
      code: `export async function describeModel(modelId) {
  const res = await fetch(\`https://api.openai.com/v1/models/\${modelId}\`);
  console.log('model', await res.json());
}
`,
      filename: js,
    },
    // Web apps of chat services: their other endpoints (the account's organizations, a session list)
    // and a \`/conversation\` path on another host are no model calls.
    `export async function organizations(prompt: string) {
  const orgs = await fetch('https://claude.ai/api/organizations', { method: 'GET' });
  console.log('orgs', await orgs.json());
  const saved = await fetch('https://example.com/conversation', { method: 'POST', body: JSON.stringify({ prompt }) });
  console.log('saved', await saved.json());
}
`,
    // Counts and metadata of a REST response.
    `export async function ask(question: string) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }) });
  const data = await res.json();
  console.log(res.status, data.usage.total_tokens, data.model, data.choices.length);
}
`,
    // The rejection of a model call is an error, not model output.
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(question: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }).catch(error => {
    console.error('completion failed', error);
    return null;
  });
}
`,
    // Model output narrowed to fixed labels is a classification.
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function classify(ticket: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: ticket }] });
  const label = completion.choices[0]?.message.content as 'bug' | 'feature' | 'other';
  console.log('label', label);
}
`,
    // An assistant turn's metadata.
    `${assistantMessage}
export function trace(turn: AssistantTurn) {
  console.log(turn.role, turn.tokens);
}
`,
    // The body of a failed call is the provider's error.
    `export async function ask(question: string) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }) });
  if (!res.ok) {
    console.error('completion failed', res.status, await res.text());
    return undefined;
  }
  return res.json();
}
`,
    // A helper that hands its callback only the length of the answer.
    `import OpenAI from 'openai';
const client = new OpenAI();
async function complete(prompt: string, onDone: (chars: number) => void) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
  onDone((completion.choices[0]?.message.content ?? '').length);
}
export async function run(question: string) {
  await complete(question, chars => console.log('answer chars', chars));
}
`,
    // A helper given an LLM URL alone only reads the URL: what it returns is no answer.
    `const CHAT_URL = 'https://api.openai.com/v1/chat/completions';
function baseOf(url: string): string {
  return url.slice(0, url.indexOf('/v1') + 3);
}
export function describeEndpoint() {
  console.log('base', baseOf(CHAT_URL));
}
`,
    // Server-sent events from an LLM endpoint: only the size of each event is logged.
    `import { fetchEventSource } from '@microsoft/fetch-event-source';
export async function stream(question: string) {
  await fetchEventSource('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }),
    onmessage(message) {
      console.debug('event', message.data.length);
    },
  });
}
`,
    // Handlers that keep only a count of the events: the promise resolves with a number.
    `import { fetchEventSource } from '@microsoft/fetch-event-source';
export async function ask(question: string) {
  const events = await new Promise<number>((resolve, reject) => {
    let count = 0;
    fetchEventSource('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }),
      onclose() {
        resolve(count);
      },
      onmessage(message) {
        if (message.data === '[DONE]') return resolve(count);
        count += 1;
      },
    }).catch(reject);
  });
  console.debug('events', events);
}
`,
    // The same call through a package the program cannot resolve and no knowledge names: no evidence
    // that it is an HTTP client, so the URL alone does not make it a model call.
    {
      code: `import { fetchEventSource } from 'unknown-sse-client';
export async function stream(question) {
  await fetchEventSource('https://api.openai.com/v1/chat/completions', {
    body: JSON.stringify({ messages: [{ role: 'user', content: question }] }),
    onmessage(message) {
      console.debug(message);
    },
  });
}
`,
      filename: js,
    },
    // Untyped: the length of the answer.
    {
      code: `export async function ask(question) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) });
  const data = await res.json();
  console.log('answer chars', data.content[0].text.length, data.content[0].text.trim().length);
}
`,
      filename: js,
    },
  ],
  invalid: [
    // A field given another class's method with \`.bind(this)\` runs that method: its answer is output.
    {
      code: `class Completer {
  async getCompletion(input) {
    const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: input }) });
    return res.json();
  }
}
export class Client {
  constructor() {
    this.completer = new Completer();
    this.getCompletion = this.completer.getCompletion.bind(this);
  }
  async send(question) {
    const result = await this.getCompletion([{ role: 'user', content: question }]);
    console.debug('result', result);
    return result.choices[0].message.content;
  }
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 14, column: 29 }],
    },
    // The title the ChatGPT web app generates for a conversation is the model's text.
    {
      code: `export async function genTitle(conversationId, messageId, debug) {
  const opts = { method: 'POST', body: JSON.stringify({ message_id: messageId }) };
  const res = await fetch(\`https://chat.openai.com/backend-api/conversation/gen_title/\${conversationId}\`, opts);
  const data = await res.text();
  if (debug) console.log('Gen title response: ', data);
  return JSON.parse(data).title;
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 5, column: 50 }],
    },
    // Untyped: a text method on parsed JSON passes the text on, though nothing declares it.
    {
      code: `export async function ask(question) {
  const res = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) });
  const data = await res.json();
  const reply = data.content[0].text.trim().split('\\n')[0];
  console.log('reply', reply);
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 5, column: 24 }],
    },
    // A promise settled by the stream's handlers: \`onclose\` (written first, given no data) resolves
    // with what \`onmessage\` stored; handlers run many times and in any order.
    {
      code: `import { fetchEventSource } from '@microsoft/fetch-event-source';
export async function ask(question: string) {
  const last = await new Promise<unknown>((resolve, reject) => {
    let lastEvent: unknown = null;
    fetchEventSource('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }),
      onclose() {
        resolve(lastEvent);
      },
      onmessage(message) {
        if (message.data === '[DONE]') return resolve(lastEvent);
        lastEvent = JSON.parse(message.data);
      },
    }).catch(reject);
  });
  console.debug('last event', last);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 17, column: 31 }],
    },
    // Each server-sent event of a streamed chat completion carries a piece of the answer.
    {
      code: `import { fetchEventSource } from '@microsoft/fetch-event-source';
export async function stream(question: string) {
  await fetchEventSource('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }),
    onmessage(message) {
      console.debug(message);
    },
  });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 21 }],
    },
    // A logger package that is not installed where the lint runs: the require binding names it.
    {
      code: `const log4js = require('log4js');
const logger = log4js.getLogger('chat');
export async function ask(question) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) });
  const data = await res.json();
  logger.info('answer', data.choices[0].message.content);
  logger.debug('answer chars', data.choices[0].message.content.length);
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 6, column: 25 }],
    },
    // The fork with the same API, in untyped JavaScript where the package is not installed: the
    // import still says which client it is.
    {
      code: `import { fetchEventSource } from '@waylaidwanderer/fetch-event-source';
export async function stream(question, debug) {
  await fetchEventSource('https://api.openai.com/v1/chat/completions', {
    body: JSON.stringify({ messages: [{ role: 'user', content: question }] }),
    onmessage(message) {
      if (debug) console.debug(message);
    },
  });
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 6, column: 32 }],
    },
    {
      code: `export async function ask(question: string) {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }) });
  const data = await res.json();
  console.log(data.choices[0].message.content);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 15 }],
    },
    // A stream read by hand: every decoded chunk is model output.
    {
      code: `export async function stream(base: string, prompt: string) {
  const res = await fetch(\`\${base}/api/generate\`, { method: 'POST', body: JSON.stringify({ model: 'llama3', prompt }) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    console.log(decoder.decode(value));
  }
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 8, column: 17 }],
    },
    // The app's own client, given an LLM URL: its callbacks receive the answer.
    {
      code: `async function post(url: string, body: unknown, onUpdate: (text: string) => void) {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  onUpdate(await res.text());
}
export async function chat(question: string) {
  await post('https://openrouter.ai/api/v1/chat/completions', { messages: [{ role: 'user', content: question }] }, text => {
    console.log('partial', text);
  });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 28 }],
    },
    // An SSE parser in a helper hands the caller's callback every event of the stream.
    {
      code: `import { createParser } from 'eventsource-parser';
async function parseSSE(resp: Response, onMessage: (data: string) => void) {
  const parser = createParser({ onEvent: event => onMessage(event.data) });
  const decoder = new TextDecoder();
  for await (const chunk of resp.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk));
}
export async function chat(question: string) {
  const resp = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] }) });
  await parseSSE(resp, data => {
    console.debug('sse', data);
  });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 10, column: 26 }],
    },
    // A browser extension calls the Claude web app with the user's session and logs each SSE message.
    {
      code: `import { createParser } from 'eventsource-parser';
async function parseSSEResponse(resp: Response, onMessage: (message: string) => void) {
  const parser = createParser({ onEvent: event => onMessage(event.data) });
  const decoder = new TextDecoder();
  for await (const chunk of resp.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk));
}
export async function send(organizationId: string, conversationId: string, prompt: string) {
  const resp = await fetch('https://claude.ai/api/append_message', { method: 'POST', body: JSON.stringify({ organization_uuid: organizationId, conversation_uuid: conversationId, text: prompt, completion: { prompt } }) });
  await parseSSEResponse(resp, message => {
    console.debug('claude sse message', message);
  });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 10, column: 41 }],
    },
    // The Qwen web app's conversation endpoint: the answer text is logged.
    {
      code: `export async function ask(sessionId: string, prompt: string) {
  const resp = await fetch('https://qianwen.aliyun.com/conversation', { method: 'POST', body: JSON.stringify({ action: 'next', contents: [{ contentType: 'text', content: prompt }], sessionId }) });
  console.log('qianwen', await resp.text());
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 26 }],
    },
    // The app's own client calls the \`onUpdate\` of its options with each delta.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI();
async function complete(options: { prompt: string; onUpdate?: (text: string) => void }) {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: options.prompt }] });
  for await (const chunk of stream) options.onUpdate?.(chunk.choices[0]?.delta.content ?? '');
}
export async function run(question: string) {
  await complete({ prompt: question, onUpdate: text => console.log(text) });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 8, column: 68 }],
    },
    // Untyped: the endpoint is held in a field the constructor sets.
    {
      code: `export class Client {
  constructor(options) {
    if (options.proxy) this.url = options.proxy;
    else this.url = 'https://api.openai.com/v1/chat/completions';
  }
  async ask(messages) {
    const res = await fetch(this.url, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages }) });
    const json = await res.json();
    console.log(json.choices[0].message.content);
  }
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 17 }],
    },
    // An assistant turn of the app's own type.
    {
      code: `${assistantMessage}
export function trace(turn: AssistantTurn) {
  console.log(turn.content);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 15 }],
    },
    // Untyped: an assistant message literal makes its content model output.
    {
      code: `export function remember(history, reply) {
  history.push({ role: 'assistant', content: reply });
  console.log('assistant said', reply);
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 33 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: conversation data by evidence', storageRule, {
  valid: [
    // A notice for an account with the user role, in the `{ role, message }` form: no chat turn.
    {
      code: `export function remember(account, notice) {
  const entry = { role: 'admin', message: notice };
  const greeting = { role: 'user', message: 'Signed in' };
  localStorage.setItem('notices', JSON.stringify([entry, greeting, account.id]));
}
`,
      filename: js,
    },
    // A comment's author is a person, not a chat role.
    `interface Comment { author: string; text: string }
export function save(comments: Comment[]) {
  localStorage.setItem('comments', JSON.stringify(comments));
}
`,
    // Settings and ids next to a chat, in the app's own types.
    `${chatMessage}
export function saveSettings(theme: string, last: ChatMessage) {
  localStorage.setItem('theme', theme);
  localStorage.setItem('last-id', last.id);
}
`,
  ],
  invalid: [
    // node-chatgpt-api's turn format (`{ role: 'User', message }`), kept in a keyv file cache.
    {
      code: `const Keyv = require('keyv');
async function addToCache(userMessage, responseMessage) {
  const cache = new Keyv({ namespace: 'chatgpt' });
  const conversation = (await cache.get(userMessage.conversationId)) ?? { messages: [] };
  const turn = { id: userMessage.id, role: 'User', message: userMessage.text };
  conversation.messages.push(turn, { role: 'ChatGPT', message: responseMessage.text });
  await cache.set(userMessage.conversationId, conversation);
}
module.exports = { addToCache };
`,
      filename: cjs,
      errors: [{ messageId: 'promptStored', line: 7, column: 47 }],
    },
    // A cache the class constructs into its field when none is given (untyped): a keyv store. The
    // statistics map beside it is memory.
    {
      code: `import Keyv from 'keyv';
import OpenAI from 'openai';
const client = new OpenAI();
export class ChatClient {
  constructor(options = {}) {
    if (options.keyv) {
      this.conversationsCache = options.keyv;
    } else {
      this.conversationsCache = new Keyv(options.cacheOptions);
    }
    this.stats = options.stats || new Map();
  }
  async sendMessage(message, conversationId) {
    const conversation = { messages: [] };
    const result = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: message }] });
    conversation.messages.push({ role: 'Bing', message: result.choices[0].message.content });
    this.stats.set(conversationId, conversation.messages.length);
    await this.conversationsCache.set(conversationId, conversation);
  }
}
`,
      filename: js,
      errors: [{ messageId: 'promptStored', line: 18, column: 55 }],
    },
    // The app's own history type stored in the browser.
    {
      code: `${chatMessage}
export function save(history: ChatMessage[]) {
  localStorage.setItem('history', JSON.stringify(history));
}
`,
      errors: [{ messageId: 'promptStored', line: 3, column: 35 }],
    },
    // A message type that says who spoke in \`author\`.
    {
      code: `interface ChatMessageModel { id: string; author: 'user' | 'chatgpt' | 'claude'; text: string }
export function save(messages: ChatMessageModel[]) {
  sessionStorage.setItem('messages', JSON.stringify(messages));
}
`,
      errors: [{ messageId: 'promptStored', line: 3, column: 38 }],
    },
    // A keyv cache of conversations (a JSON file or Redis behind it).
    {
      code: `import Keyv from 'keyv';
const conversations = new Keyv({ namespace: 'conversations' });
export async function remember(id: string, question: string, reply: string) {
  const conversation = { messages: [{ role: 'user', content: question }, { role: 'assistant', content: reply }] };
  await conversations.set(id, conversation);
}
`,
      errors: [{ messageId: 'promptStored', line: 5, column: 31 }],
    },
    // A title generated by the model, stored: model output is conversation data too.
    {
      code: `import OpenAI from 'openai';
import { writeFileSync } from 'node:fs';
const client = new OpenAI();
export async function title(chatId: string, firstMessage: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Title for: \${firstMessage}\` }] });
  const generated = completion.choices[0]?.message.content ?? '';
  writeFileSync(\`titles/\${chatId}.txt\`, generated);
}
`,
      errors: [{ messageId: 'promptStored', line: 7, column: 41 }],
    },
  ],
});
