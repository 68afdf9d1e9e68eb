import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// The links between values that real apps use on the way from a source to a sink: promises,
// closures, wrappers, loggers written as objects, recursion through helpers, sessions that hold a
// history next to other fields, and one report per flow.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

// A recursive run loop that returns the history it accumulates next to its steps (LibreChat's
// runAssistant). After the two-line \`chatMessage\` prelude, the case's own code starts on line 14.
const runLoop = `interface RunResult { status: string; steps: string[]; messages: ChatMessage[] }
async function poll(runId: string): Promise<string> {
  return (await fetch(\`/runs/\${runId}\`)).statusText;
}
export async function runLoop({ runId, steps = [], messages = [] }: { runId: string; steps?: string[]; messages?: ChatMessage[] }): Promise<RunResult> {
  const status = await poll(runId);
  if (status === 'requires_action') {
    return runLoop({ runId, steps: [...steps, status], messages });
  }
  return { status, steps, messages };
}
`;

// One-line preludes: the case's own code starts on line 3.
const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;
const chatMessage = `interface ChatMessage { id: string; role: 'user' | 'assistant'; content: string }
interface Session { id: string; apiBase: string; title: string; messages: ChatMessage[] }`;

ruleTester.run('no-model-output-logging: links', outputRule, {
  valid: [
    // A placeholder method whose only override answers from the app's own table, not a model.
    {
      code: `class BaseStore {
  async load() {
    throw new Error('load must be implemented');
  }
  async describe(key) {
    const value = await this.load(key);
    logger.debug('loaded ' + value);
    return value;
  }
}
export class SettingsStore extends BaseStore {
  async load(key) {
    return { theme: 'dark', language: 'en' }[key] ?? '';
  }
}
`,
      filename: js,
    },
    // A union of the app's own backends where no member returns the answer's text: only counts are logged.
    `${openai}
class OpenAiBackend {
  async send(prompt: string): Promise<number> {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
    return completion.usage?.total_tokens ?? 0;
  }
}
class EchoBackend {
  async send(prompt: string): Promise<number> {
    return prompt.length;
  }
}
function backendFor(name: string) {
  return name === 'echo' ? new EchoBackend() : new OpenAiBackend();
}
export async function run(name: string, question: string) {
  console.log('tokens', await backendFor(name).send(question));
}
`,
    // A retry wrapper that returns only whether the call succeeded.
    `${openai}
async function succeeds(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch {
    return false;
  }
}
export async function probe(question: string) {
  const ok = await succeeds(() => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }));
  console.log('probe', ok);
}
`,
    // A promise resolved with the token count only.
    `${openai}
export async function count(question: string) {
  const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const tokens = await new Promise<number>(resolve => {
    stream.on('totalUsage', usage => resolve(usage.total_tokens));
  });
  console.log('tokens', tokens);
}
`,
    // A closure that counts chunks, not text.
    `${openai}
export async function chunks(question: string) {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] });
  let received = 0;
  for await (const chunk of stream) {
    [chunk].forEach(() => {
      received += 1;
    });
  }
  console.log('chunks', received);
}
`,
    // The answer kept in a field of the client: the client's other parts (its API results) are not the answer.
    `${openai}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const holder = client as typeof client & { lastAnswer?: string };
  holder.lastAnswer = completion.choices[0]?.message.content ?? '';
  const models = await holder.models.list();
  console.log('models', models);
}
`,
    // A helper given the client as a parameter stuffs the pending answer onto it (as LibreChat's
    // assistants controllers do); what the helper later reads from the client's other fields and
    // logs is the API's bookkeeping, not the answer.
    `${openai}
type Client = typeof client & { pending?: Promise<string> };
async function track(api: Client, pending: Promise<string>, threadId: string) {
  api.pending = pending;
  const runs = await api.beta.threads.runs.list(threadId);
  console.log('runs', runs.data.length, api.baseURL);
}
export async function ask(question: string, threadId: string) {
  const pending = client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }).then(completion => completion.choices[0]?.message.content ?? '');
  await track(client, pending, threadId);
}
`,
    // A local closure that logs only the length of the answer it reads from around it.
    `${openai}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';
  const report = () => console.log('answer chars', text.length);
  report();
  return text;
}
`,
    // A local closure that calls itself (a retry loop) still ends.
    `${openai}
export async function ask(question: string) {
  const attempt = async (left: number): Promise<string> => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    const text = completion.choices[0]?.message.content;
    if (!text && left > 0) return attempt(left - 1);
    return text ?? '';
  };
  const answer = await attempt(2);
  console.log('answered', answer.length > 0);
}
`,
  ],
  invalid: [
    // A progress callback held in a \`let\` and given a function only when streaming (a server's SSE
    // route): the app's client calls it with every token.
    {
      code: `${openai}
class ChatClient {
  async sendMessage(text: string, opts: { onProgress?: ((token: string) => void) | null }) {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: text }] });
    let reply = '';
    for await (const chunk of stream) {
      const token = chunk.choices[0]?.delta.content ?? '';
      opts.onProgress?.(token);
      reply += token;
    }
    return reply;
  }
}
export async function handle(body: { message: string; stream: boolean; debug: boolean }, send: (data: string) => void) {
  let onProgress: ((token: string) => void) | null;
  if (body.stream) {
    onProgress = token => {
      if (body.debug) console.debug(token);
      send(JSON.stringify(token));
    };
  } else {
    onProgress = null;
  }
  return new ChatClient().sendMessage(body.message, { onProgress });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 19, column: 37 }],
    },
    // A class field initialised with a function of the program runs it when called.
    {
      code: `async function complete(input: unknown[]): Promise<any> {
  const res = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: input }) });
  return res.json();
}
export class Client {
  private readonly getCompletion = complete;
  async send(question: string) {
    const result = await this.getCompletion([{ role: 'user', content: question }]);
    console.debug('result', result.choices[0].message.content);
  }
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 29 }],
    },
    // A union of the app's own backends (one class per provider): the call may run any member's
    // method, and one of them returns the model's answer.
    {
      code: `${openai}
class OpenAiBackend {
  async send(prompt: string): Promise<string> {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
    return completion.choices[0]?.message.content ?? '';
  }
}
class EchoBackend {
  async send(prompt: string): Promise<string> {
    return prompt.toUpperCase();
  }
}
function backendFor(name: string) {
  return name === 'echo' ? new EchoBackend() : new OpenAiBackend();
}
export async function run(name: string, question: string) {
  const answer = await backendFor(name).send(question);
  console.log(answer);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 19, column: 15 }],
    },
    // A trace update whose input holds the history from many places still holds the answer too.
    {
      code: `${openai}
type Turn = { role: 'user' | 'assistant'; content: string };
export async function ask(a: Turn, b: Turn, c: Turn, d: Turn, e: Turn, f: Turn, g: Turn) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [a, b, c, d, e, f, g] });
  const update = { input: [a, b, c, d, e, f, g], output: completion.choices[0]?.message.content };
  console.log('trace', update);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 24 }],
    },
    // The stuffed field itself, and the parameter as a whole, do hold the answer.
    ...['await api.pending', 'api'].map(logged => ({
      code: `${openai}
type Client = typeof client & { pending?: Promise<string> };
async function track(api: Client, pending: Promise<string>) {
  api.pending = pending;
  console.log('logged', ${logged});
}
export async function ask(question: string) {
  const pending = client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }).then(completion => completion.choices[0]?.message.content ?? '');
  await track(client, pending);
}
`,
      // Reported where the helper logs it: its only call passes the answer.
      errors: [{ messageId: 'modelOutputLogged' as const, line: 6, column: 25 }],
    })),
    // The same field, logged, and the object that holds it.
    {
      code: `${openai}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const turn = { id: 'turn-1', answer: '' };
  turn.answer = completion.choices[0]?.message.content ?? '';
  console.log('turn', turn.id);
  console.log('answer', turn.answer);
  console.log('turn', turn);
}
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 8, column: 25 },
        { messageId: 'modelOutputLogged', line: 9, column: 23 },
      ],
    },
    // A local closure reads the answer from the function around it when it is called.
    {
      code: `${openai}
export async function ask(question: string) {
  let text = '';
  const report = async () => {
    console.log('answer', text);
  };
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  text = completion.choices[0]?.message.content ?? '';
  await report();
  return text;
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 6, column: 27 }],
    },
    // A retry wrapper returns what its callback returns.
    {
      code: `${openai}
async function withRetry<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
export async function ask(question: string) {
  const completion = await withRetry(() => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }));
  console.log(completion.choices[0]?.message.content);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 14, column: 15 }],
    },
    // A promise resolved from a stream's callbacks, the text gathered in a closure.
    {
      code: `${openai}
export async function ask(question: string) {
  const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = await new Promise<string>((resolve, reject) => {
    let text = '';
    stream.on('content', delta => {
      text += delta;
    });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
  console.log(answer);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 13, column: 15 }],
    },
    // A logger written as an object of functions.
    {
      code: `${openai}
const log = {
  info: (...values: unknown[]) => console.log('[info]', ...values),
  error: (...values: unknown[]) => console.error('[error]', ...values),
};
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  log.info('answer', completion.choices[0]?.message.content);
}
`,
      // Its only call passes the answer: reported inside the logger, where it is written.
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 57 }],
    },
    // A debounced logger: the wrapped function is what runs.
    {
      code: `${openai}
function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
const trace = debounce((text: string) => console.debug('partial', text), 200);
export async function ask(question: string) {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] });
  for await (const chunk of stream) trace(chunk.choices[0]?.delta.content ?? '');
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 10, column: 67 }],
    },
    // The app's own client behind an interface: what its implementations return.
    {
      code: `${openai}
interface LlmProvider {
  complete(prompt: string): Promise<string>;
}
class OpenAiProvider implements LlmProvider {
  async complete(prompt: string): Promise<string> {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
    return completion.choices[0]?.message.content ?? '';
  }
}
class EchoProvider implements LlmProvider {
  async complete(prompt: string): Promise<string> {
    return prompt.toUpperCase();
  }
}
export async function run(provider: LlmProvider, question: string) {
  const answer = await provider.complete(question);
  console.info(answer);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 19, column: 16 }],
    },
    // An abstract method whose declared result is an SDK type.
    {
      code: `import type { ChatCompletion } from 'openai/resources/chat/completions';
abstract class ChatBackend {
  abstract send(prompt: string): Promise<ChatCompletion>;
}
export async function run(backend: ChatBackend, question: string) {
  const completion = await backend.send(question);
  console.info(completion.choices[0]?.message.content);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 16 }],
    },
    // Plain JavaScript: a base class's placeholder method (it only throws) runs its subclasses'
    // overrides, so the base class's `sendPayload` answers with what a provider's client returns.
    {
      code: `${openai}
class BaseClient {
  async sendCompletion() {
    throw new Error('sendCompletion must be implemented');
  }
  async sendPayload(payload) {
    return this.sendCompletion(payload);
  }
}
export class OpenAIClient extends BaseClient {
  async sendCompletion(payload) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: payload });
    return completion.choices[0].message.content;
  }
  async titleConvo(text) {
    const title = await this.sendPayload([{ role: 'system', content: 'Write a title.' }, { role: 'user', content: text }]);
    logger.debug('title: ' + title);
    return title;
  }
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 18, column: 18 }],
    },
    // Mutual recursion: the helper first asked for (while its caller is half done) still reaches the
    // log, reported there (the helpers only pass on what \`ask\` gives them).
    {
      code: `${openai}
function logTurn(turn: string, retry: boolean): void {
  if (retry) queueTurn(turn);
  else console.log(turn);
}
function queueTurn(turn: string): void {
  logTurn(turn, false);
}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  queueTurn(completion.choices[0]?.message.content ?? '');
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 5, column: 20 }],
    },
  ],
});

ruleTester.run('no-prompt-logging: links', promptRule, {
  valid: [
    // Options spread into an argument (\`{ text, ...endpointOption }\`): the helper logs only the
    // fields it takes from the spread, never the prompt written beside it.
    {
      code: `const logger = require('./logger');
const { generateText } = require('ai');
async function ask({ text, context, model }) {
  const options = { context, model };
  logger.debug('options', options);
  return generateText({ model, prompt: text });
}
async function route(req, endpointOption) {
  return ask({ text: req.body.text, ...endpointOption });
}
module.exports = { route };
`,
      filename: js,
    },
    // A tool part logged two helpers down is still no prompt for the caller who put the question in it.
    `${openai}
interface Part { type: string; input?: unknown }
function toRows(parts: Part[]) {
  return parts.map(part => {
    switch (part.type) {
      case 'tool-search':
        console.error('Invalid tool part:', part);
        return null;
      default:
        return null;
    }
  });
}
function save(message: { parts: Part[] }) {
  return toRows(message.parts);
}
export async function handle(question: string) {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return save({ parts: [{ type: 'tool-search', input: question }] });
}
`,
    // A helper returns one field of its argument, which becomes the prompt: the argument's other
    // fields, logged inside the helper, are not prompt data.
    `${openai}
interface Context { trigger: string; history: string[] }
function prepare(context: Context): string[] {
  const { trigger } = context;
  console.log(\`prepare: trigger=\${trigger}\`);
  return context.history;
}
export async function run(context: Context) {
  const history = prepare(context);
  return client.chat.completions.create({ model: 'gpt-4o', messages: history.map(text => ({ role: 'user' as const, content: text })) });
}
`,
    // A recursive run loop returns the history it accumulates next to its steps (as LibreChat's
    // runAssistant does): the steps logged by the caller are not the history.
    `${chatMessage}
${runLoop}export async function handle(runId: string) {
  const response = await runLoop({ runId });
  console.log('run', response.status, response.steps);
}
`,
    // An app type that is never sent to a model is not learned.
    `${openai}
interface Ticket { subject: string; body: string }
export async function triage(ticket: Ticket) {
  console.log('ticket', ticket);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Classify the latest ticket.' }] });
}
`,
    // The other fields of a session that holds a history are no conversation.
    `${chatMessage}
export function trace(session: Session) {
  console.log('session', session.apiBase, session.messages.length);
}
`,
    `${chatMessage}
export function trace({ apiBase, title }: Session) {
  console.log('session', apiBase, title.length);
}
`,
  ],
  invalid: [
    // The app's own provider interface: an implementation sends \`params.prompt\` to the model, so the
    // \`prompt\` given to the interface method is prompt data, and so is the question a port message
    // carries into it (the message's tab id is not).
    {
      code: `interface GenerateAnswerParams { prompt: string; onEvent: (data: string) => void }
interface Provider { generateAnswer(params: GenerateAnswerParams): Promise<void> }
class OpenAIProvider implements Provider {
  constructor(private readonly apiKey: string) {}
  async generateAnswer(params: GenerateAnswerParams) {
    const res = await fetch('https://api.openai.com/v1/completions', {
      method: 'POST',
      headers: { Authorization: \`Bearer \${this.apiKey}\` },
      body: JSON.stringify({ model: 'gpt-3.5-turbo-instruct', prompt: params.prompt, stream: false }),
    });
    params.onEvent(await res.text());
  }
}
export async function generateAnswers(provider: Provider, question: string) {
  await provider.generateAnswer({ prompt: question, onEvent: data => void data });
}
export function onPortMessage(msg: { question: string; tabId: number }, provider: Provider) {
  console.debug('received msg', msg);
  console.debug('from tab', msg.tabId);
  return generateAnswers(provider, msg.question);
}
export const providers = [new OpenAIProvider('k')];
`,
      errors: [{ messageId: 'promptLogged', line: 18, column: 33 }],
    },
    // The history the recursive run loop returns is the conversation.
    {
      code: `${chatMessage}
${runLoop}export async function handle(runId: string) {
  const response = await runLoop({ runId });
  console.log('run', response.messages);
}
`,
      errors: [{ messageId: 'promptLogged', line: 16, column: 22 }],
    },
    // A learned app type: its values are the prompt of a model call elsewhere in the program.
    {
      code: `${openai}
interface Question { text: string; locale: string }
export async function ask(question: Question) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question.text }], metadata: { locale: question.locale } });
}
export async function send(prompt: Question) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt }) });
  return res.json();
}
export function audit(question: Question) {
  console.log('audit', question);
}
`,
      errors: [{ messageId: 'promptLogged', line: 12, column: 24 }],
    },
    // Reported once, in the helper whose parameter is typed as a message, not again at its callers.
    {
      code: `${chatMessage}
function logMessage(message: ChatMessage) {
  console.log('message', message);
}
export function trace(session: Session) {
  for (const message of session.messages) logMessage(message);
}
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 26 }],
    },
    // Also through a helper in between whose parameter is typed the same way: the sink two calls down
    // is reported there, not at the helper in between nor at its caller.
    {
      code: `${chatMessage}
function logMessage(message: ChatMessage) {
  console.log('message', message);
}
function record(message: ChatMessage) {
  logMessage(message);
}
export function trace(session: Session) {
  for (const message of session.messages) record(message);
}
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 26 }],
    },
    // Reported once, inside the helper that sends the request body to a chat endpoint, not again at
    // the caller whose message reaches the same log through it.
    {
      code: `
export async function complete(messages: unknown[]) {
  const body = { model: 'gpt-4o-mini', messages };
  console.debug(body);
  const response = await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify(body) });
  return response.json();
}
export async function reply(text: string) {
  return complete([{ role: 'user', content: text }]);
}
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 17 }],
    },
    // The history field of a destructured session.
    {
      code: `${chatMessage}
export function trace({ apiBase, messages }: Session) {
  console.log(apiBase, messages);
}
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 24 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: links', storageRule, {
  valid: [
    // A debounced save of the theme.
    `function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
const saveTheme = debounce((theme: string) => localStorage.setItem('theme', theme), 300);
saveTheme('dark');
`,
  ],
  invalid: [
    // A debounced save of the history.
    {
      code: `${chatMessage}
function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
const save = debounce((history: string) => localStorage.setItem('history', history), 500);
export function onChange(session: Session) {
  save(JSON.stringify(session.messages));
}
`,
      errors: [{ messageId: 'promptStored', line: 10, column: 76 }],
    },
    // A storage module of local functions returned as an object (\`return { set, get }\`).
    {
      code: `${chatMessage}
function createStorage() {
  function set(key: string, data: unknown) {
    localStorage.setItem(key, JSON.stringify({ data, savedAt: Date.now() }));
  }
  function get(key: string): unknown {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  }
  return { set, get };
}
const storage = createStorage();
export function persist(session: Session) {
  storage.set('theme', 'dark');
  storage.set('session', session);
}
`,
      errors: [{ messageId: 'promptStored', line: 15, column: 26 }],
    },
    // A local closure, called for user and assistant messages alike, hands each to a helper that
    // stores it: the helper's store is where every caller's data arrives, reported there once.
    {
      code: `${chatMessage}
function recordMessage(message: { text: string; user: string }) {
  localStorage.setItem(\`message:\${message.user}\`, JSON.stringify(message));
}
export function syncThread(session: Session, user: string) {
  const processNewMessage = (apiMessage: ChatMessage) => {
    recordMessage({ text: apiMessage.content, user });
  };
  for (const message of session.messages) {
    if (message.role === 'user') {
      processNewMessage(message);
      continue;
    }
    processNewMessage(message);
  }
}
`,
      errors: [{ messageId: 'promptStored', line: 4, column: 51 }],
    },
  ],
});

// Calls on a receiver without a type (plain JavaScript) run the program's own class methods of the
// name called, unless the name is a generic one or the receiver comes from a package.
// String utilities keep the text: lodash's (typed) and \`slashes\` (not installed here: its import binding).
ruleTester.run('no-model-output-logging: string utilities', outputRule, {
  valid: [
    // A hash of the answer from a package that does not resolve is not the answer.
    {
      code: `import OpenAI from 'openai';
import { digest } from 'tiny-hash';
const client = new OpenAI();
export async function ask(question) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.debug('answer digest', digest(completion.choices[0].message.content));
}
`,
      filename: js,
    },
  ],
  invalid: [
    {
      code: `import OpenAI from 'openai';
import { removeSlashes } from 'slashes';
import { truncate } from 'lodash';
const client = new OpenAI();
export async function ask(question) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = removeSlashes(completion.choices[0].message.content ?? '');
  console.debug('action input', answer);
  console.debug('preview', truncate(completion.choices[0].message.content ?? '', { length: 80 }));
}
`,
      filename: js,
      errors: [
        { messageId: 'modelOutputLogged', line: 8, column: 33 },
        { messageId: 'modelOutputLogged', line: 9, column: 28 },
      ],
    },
  ],
});

ruleTester.run('no-model-output-logging: untyped receivers', outputRule, {
  valid: [
    // A Telegram bot's \`sendMessage\` is the package's, not the app's LLM client of the same name.
    {
      code: `const TelegramBot = require('node-telegram-bot-api');
import OpenAI from 'openai';
class ChatBot {
  constructor() { this.openai = new OpenAI(); }
  async sendMessage(text) {
    const completion = await this.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content;
  }
}
const bot = new TelegramBot(process.env.TOKEN);
async function notify(chatId, logger) {
  const sent = await bot.sendMessage(chatId, 'Your report is ready');
  logger.info('sent', sent);
}
export { ChatBot, notify };
`,
      filename: js,
    },
    // A generic name (\`update\`) says nothing of which class a call runs.
    {
      code: `import OpenAI from 'openai';
class Summary {
  constructor() { this.openai = new OpenAI(); }
  async update(text) {
    const completion = await this.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    return completion.choices[0].message.content;
  }
}
async function refresh(store, logger) {
  const row = await store.update({ seen: true });
  logger.info('updated', row);
}
export { Summary, refresh };
`,
      filename: js,
    },
  ],
  invalid: [
    // LibreChat's shape: a client an injected factory made, whose class generates the title.
    {
      code: `import OpenAI from 'openai';
class OpenAIClient {
  constructor(apiKey) { this.client = new OpenAI({ apiKey }); }
  async titleConvo({ text, responseText }) {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Title for: \${text}\\n\${responseText}\` }] });
    return completion.choices[0].message.content;
  }
}
async function addTitle(req, { text, response, client }, logger) {
  const title = await client.titleConvo({ text, responseText: response.text });
  logger.debug('title', title);
}
export { OpenAIClient, addTitle };
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 11, column: 25 }],
    },
  ],
});

ruleTester.run('no-model-output-logging: events', outputRule, {
  valid: [
    // Listeners of an event that carries only counts.
    `import { EventEmitter } from 'node:events';
import OpenAI from 'openai';
const client = new OpenAI();
class Assistant extends EventEmitter {
  async ask(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.emit('usage', completion.usage?.total_tokens ?? 0);
    this.emit('answer', completion.choices[0]?.message.content ?? '');
  }
}
const assistant = new Assistant();
assistant.on('usage', tokens => console.log('tokens', tokens));
`,
  ],
  invalid: [
    // A class that emits the answer; a listener elsewhere in the file logs it.
    {
      code: `import { EventEmitter } from 'node:events';
import OpenAI from 'openai';
const client = new OpenAI();
class Assistant extends EventEmitter {
  async ask(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.emit('answer', completion.choices[0]?.message.content ?? '');
  }
}
const assistant = new Assistant();
assistant.on('answer', (text: string) => console.log('answer', text));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 11, column: 64 }],
    },
  ],
});

// chathub's shape: an abstract bot whose implementations report each answer through an \`onEvent\`
// callback, which enqueues it into a ReadableStream that an async generator reads back.
const streamingBots = `import OpenAI from 'openai';
const client = new OpenAI();
type Event = { type: 'UPDATE_ANSWER'; data: { text: string } } | { type: 'DONE' } | { type: 'PROGRESS'; percent: number };
interface SendMessageParams { prompt: string; onEvent: (event: Event) => void }
async function* streamAsyncIterable<T>(stream: ReadableStream<T>) {
  const reader = stream.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
abstract class AbstractBot {
  protected async *generate(prompt: string) {
    const stream = new ReadableStream<{ text: string }>({
      start: controller => {
        this.doSendMessage({
          prompt,
          onEvent(event) {
            if (event.type === 'UPDATE_ANSWER') controller.enqueue(event.data);
            else if (event.type === 'DONE') controller.close();
          },
        });
      },
    });
    yield* streamAsyncIterable(stream);
  }
  abstract doSendMessage(params: SendMessageParams): Promise<void>;
}
class ChatGPTBot extends AbstractBot {
  async doSendMessage(params: SendMessageParams) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: params.prompt }] });
    params.onEvent({ type: 'PROGRESS', percent: 100 });
    params.onEvent({ type: 'UPDATE_ANSWER', data: { text: completion.choices[0]?.message.content ?? '' } });
    params.onEvent({ type: 'DONE' });
  }
}
`;

ruleTester.run('no-model-output-logging: generators and refs', outputRule, {
  valid: [
    // A stream whose source enqueues only progress numbers.
    `const progress = new ReadableStream<number>({
  start(controller) {
    for (let percent = 0; percent <= 100; percent += 10) controller.enqueue(percent);
    controller.close();
  },
});
export async function show() {
  const reader = progress.getReader();
  const { value } = await reader.read();
  console.log('progress', value);
}
`,
  ],
  invalid: [
    {
      code: `${streamingBots}export class Agent extends ChatGPTBot {
  async run(prompt: string) {
    for await (const payload of this.generate(prompt)) {
      console.debug('llm output', payload);
    }
  }
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 41, column: 35 }],
    },
    // An async generator that yields the deltas; the caller logs what it iterates.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI();
async function* deltas(question: string) {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] });
  for await (const chunk of stream) yield chunk.choices[0]?.delta.content ?? '';
}
export async function print(question: string) {
  for await (const text of deltas(question)) console.debug(text);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 8, column: 60 }],
    },
  ],
});

// Vuex: `commit('name', payload)` runs the store's mutation of that name with the payload, and
// `dispatch('name', payload)` its action (vuex is not installed here: plain JavaScript, as in the apps).
const vuexStore = `import { createStore } from 'vuex';
import Dexie from 'dexie';
import OpenAI from 'openai';
const db = new Dexie('chats');
const openai = new OpenAI();
export const store = createStore({
  state: { chatId: 1, theme: 'dark' },
  mutations: {
    setChatContext(state, { bot, context }) {
      db.table('chats').update(state.chatId, { [\`contexts.\${bot}\`]: context });
    },
    setTheme(state, theme) {
      state.theme = theme;
      db.table('settings').put({ key: 'theme', theme });
    },
  },
  actions: {
    saveReply({ commit }, { reply }) {
      commit('setChatContext', { bot: 'openai', context: reply });
    },
  },
});
async function ask(question) {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return completion.choices[0].message.content;
}`;

ruleTester.run('no-plaintext-prompt-storage: Vuex mutations and actions', storageRule, {
  valid: [
    // A setting committed next to the chat, a commit by a computed name, a name with no handler.
    {
      code: `${vuexStore}
export async function run(question, mutation) {
  const answer = await ask(question);
  store.commit('setTheme', 'light');
  store.commit(mutation, { bot: 'openai', context: answer });
  store.commit('setChatTitle', answer);
  return answer;
}
`,
      filename: js,
    },
    // The context kept for the next turn holds the service's ids and session token, read from the
    // answer and written field by field (ChatALL's bots): no conversation text.
    {
      code: `${vuexStore}
export async function run(question, previous) {
  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: previous.parentMessageId ? question : \`New chat: \${question}\` }] });
  const context = {};
  context.parentMessageId = completion.id;
  context.last_backend_uuid = completion.system_fingerprint;
  context.read_write_token = completion.choices[0].message.content;
  store.commit('setChatContext', { bot: 'openai', context });
  store.commit('setChatContext', { bot: 'previous', context: previous });
}
`,
      filename: js,
    },
  ],
  invalid: [
    // Committed from a component, and dispatched to an action that commits it.
    {
      code: `${vuexStore}
export async function run(question) {
  const answer = await ask(question);
  store.commit('setChatContext', { bot: 'openai', context: answer });
  await store.dispatch('saveReply', { reply: answer });
}
`,
      filename: js,
      errors: [
        { messageId: 'promptStored', line: 29, column: 34 },
        { messageId: 'promptStored', line: 30, column: 37 },
      ],
    },
  ],
});

// Plain JavaScript handed the app's bots as values (a store action given them in its payload)
// imports none of them; calling `bot.sendPrompt(prompt)` still makes `prompt` the prompt
// (tests/fixtures/helpers/bots: a base class whose subclass posts to Ollama's chat endpoint).
ruleTester.run('no-plaintext-prompt-storage: clients handed over as values', storageRule, {
  valid: [
    {
      code: `export async function sendToAll(bots, prompt, theme) {
  for (const bot of bots) bot.sendPrompt(\`\${prompt}\`, () => {});
  localStorage.setItem('theme', theme);
  localStorage.setItem('bot-count', String(bots.length));
}
`,
      filename: js,
    },
  ],
  invalid: [
    {
      code: `export async function sendToAll(bots, prompt) {
  for (const bot of bots) bot.sendPrompt(prompt, () => {});
  localStorage.setItem('last-prompt', prompt);
}
`,
      filename: js,
      errors: [{ messageId: 'promptStored', line: 3, column: 39 }],
    },
  ],
});

// A provider client in plain JavaScript that builds its request in steps (LibreChat's clients): the
// base class keeps the history on the instance and calls placeholders its subclasses override, and
// the subclass writes the payload into a settings object that it spreads into the SDK call. The
// base class's \`sendMessage\` is the case's own code, from line 14.
const stepwiseClients = (sendMessage: string, rest = 'module.exports = { OpenAIClient };') => `const OpenAI = require('openai');
const logger = require('./logger');
class BaseClient {
  constructor() {
    this.currentMessages = [];
    this.sessionIds = [];
  }
  async buildMessages() {
    throw new Error('Subclasses must implement buildMessages');
  }
  async sendCompletion() {
    throw new Error('sendCompletion must be implemented');
  }
${sendMessage}
}
class OpenAIClient extends BaseClient {
  async buildMessages(messages) {
    return { prompt: messages.map(message => ({ role: message.isCreatedByUser ? 'user' : 'assistant', content: message.text })) };
  }
  async sendCompletion(payload) {
    const openai = new OpenAI();
    const modelOptions = { model: 'gpt-4o', temperature: 0.2 };
    modelOptions.messages = payload;
    const completion = await openai.chat.completions.create({ ...modelOptions });
    return completion.choices[0].message.content;
  }
}
${rest}
`;

ruleTester.run('no-prompt-logging: requests built in steps', promptRule, {
  valid: [
    // Settings spread beside a prompt of the call's own: the spread object holds no conversation.
    {
      code: `${openai}
export async function ask(question: string, settings: { model: string; temperature: number }) {
  const options = { ...settings };
  options.temperature = 0.5;
  console.log('options', options);
  return client.chat.completions.create({ ...options, messages: [{ role: 'user', content: question }] });
}
`,
    },
    // Settings and ids written into the request are no conversation.
    {
      code: `${openai}
export async function ask(history: OpenAI.ChatCompletionMessageParam[], modelName: string, requestId: string) {
  const request: Record<string, unknown> = {};
  request.model = modelName;
  request.request_id = requestId;
  request.messages = history;
  console.log('model', modelName, requestId);
  return client.chat.completions.create({ ...request } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
}
`,
    },
    // Only what the method put into the history field is the prompt, not its other fields.
    {
      code: stepwiseClients(`  async sendMessage(message, sessionId) {
    this.sessionIds.push(sessionId);
    this.currentMessages.push({ text: message, isCreatedByUser: true });
    const { prompt } = await this.buildMessages(this.currentMessages);
    logger.debug('[BaseClient] session', sessionId);
    return this.sendCompletion(prompt);
  }`),
      filename: js,
    },
    // An override that prompts with fixed instructions and only counts the history.
    {
      code: `const OpenAI = require('openai');
const logger = require('./logger');
class BaseClient {
  constructor() {
    this.currentMessages = [];
  }
  async buildMessages() {
    throw new Error('Subclasses must implement buildMessages');
  }
  async sendMessage(message) {
    const userMessage = { text: message, isCreatedByUser: true };
    this.currentMessages.push(userMessage);
    const { prompt } = await this.buildMessages(this.currentMessages);
    logger.debug('[BaseClient] userMessage', userMessage);
    return new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: prompt });
  }
}
class SummaryClient extends BaseClient {
  async buildMessages(messages) {
    return { prompt: [{ role: 'system', content: 'Summarise the session.' }], count: messages.length };
  }
}
module.exports = { SummaryClient };
`,
      filename: js,
    },
  ],
  invalid: [
    // The payload written into a settings object spread into the request.
    {
      code: `${openai}
export async function complete(history: string[], settings: { model: string; temperature: number }) {
  const request: Record<string, unknown> = { ...settings };
  request.messages = history.map(content => ({ role: 'user', content }));
  console.log('history', history);
  return client.chat.completions.create({ ...request, stream: false } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
}
`,
      errors: [{ messageId: 'promptLogged', line: 6, column: 26 }],
    },
    // The user's message pushed into the instance's history, which the subclass's \`buildMessages\`
    // turns into the payload of its \`sendCompletion\`; and the text a route hands to \`sendMessage\`
    // of a client it was given (no type: the program's method of that name).
    {
      code: stepwiseClients(
        `  async sendMessage(message) {
    const userMessage = { text: message, isCreatedByUser: true };
    this.currentMessages.push(userMessage);
    const { prompt: payload } = await this.buildMessages(this.currentMessages);
    logger.debug('[BaseClient] userMessage', userMessage);
    return this.sendCompletion(payload);
  }`,
        `async function ask(req, client) {
  const { text } = req.body;
  logger.debug('[ask]', { text });
  return client.sendMessage(text);
}
module.exports = { OpenAIClient, ask };`,
      ),
      filename: js,
      errors: [
        { messageId: 'promptLogged', line: 18, column: 46 },
        { messageId: 'promptLogged', line: 36, column: 25 },
      ],
    },
  ],
});

// The app's own HTTP routes: what LLM code posts to `/api/...` is what the Next.js route handler of
// that path reads from its request (tests/fixtures/helpers/routes/post-to-routes.ts posts the
// model's answers; tests/fixtures/app/api/*/route.ts are the handlers each case writes).
const route = (routePath: string) => path.join(FIXTURES_DIR, 'app', 'api', routePath, 'route.ts');

ruleTester.run('no-model-output-logging: requests to the app\'s own routes', outputRule, {
  valid: [
    // Only the fields the model's answer was posted in: the count posted beside it is the app's own.
    {
      code: `export async function POST(request: Request) {
  const { query, maxResults } = await request.json();
  console.log('max results', maxResults);
  return Response.json({ query, maxResults });
}
`,
      filename: route('search'),
    },
    // A route the program posts only its own data to.
    {
      code: `export async function POST(request: Request) {
  const { page } = await request.json();
  console.log('view', page);
  return new Response(null, { status: 204 });
}
`,
      filename: route('views'),
    },
    // The same path on another host is another service, not this route.
    {
      code: `export async function POST(request: Request) {
  const { query } = await request.json();
  console.log('lookup', query);
  return Response.json({ query });
}
`,
      filename: route('lookup'),
    },
    // A helper of the route given only the app's own values: nothing of the request reaches its log.
    {
      code: `async function readCache(key: string): Promise<string | null> {
  console.log(\`cache read: \${key}\`);
  return null;
}
export async function POST(request: Request) {
  const { query } = await request.json();
  const warm = await readCache('search:warmup');
  return Response.json({ query, warm });
}
`,
      filename: route('search'),
    },
    // A handler that is not exported under an HTTP method name does not serve the route.
    {
      code: `async function handle(request: Request) {
  const { query } = await request.json();
  console.log('search', query);
  return Response.json({ query });
}
export const GET = handle;
`,
      filename: route('search'),
    },
  ],
  invalid: [
    {
      code: `export async function POST(request: Request) {
  const { query } = await request.json();
  const cacheKey = \`search:\${query}\`;
  console.log(\`Cache miss for key: \${cacheKey}\`);
  return Response.json({ query });
}
`,
      filename: route('search'),
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 15 }],
    },
    // The route's own helper logs the key built from the query: reported where it logs.
    {
      code: `async function readCache(key: string): Promise<string | null> {
  console.log(\`cache miss for key: \${key}\`);
  return null;
}
export async function POST(request: Request) {
  const { query, maxResults } = await request.json();
  const cached = await readCache(\`search:\${query}:\${maxResults}\`);
  return Response.json(cached ?? { query });
}
`,
      filename: route('search'),
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 15 }],
    },
    // A dynamic segment (\`/api/chats/\${chatId}\`), an arrow handler.
    {
      code: `export const PATCH = async (request: Request) => {
  const body = await request.json();
  console.info('rename', body.title);
  return new Response(null, { status: 204 });
};
`,
      filename: route('chats/[id]'),
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 26 }],
    },
  ],
});
