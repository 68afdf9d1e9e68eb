import rule from '../../src/rules/no-prompt-logging.js';
import { createRuleTester } from '../rule-tester.js';
import { malformedToolPartLog } from './shared-cases.js';

const ruleTester = createRuleTester();
const messageId = 'promptLogged' as const;

// Two-line preludes: the case's own code starts on line 3.
const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;
const history = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const messages: ChatCompletionMessageParam[];`;

ruleTester.run('no-prompt-logging', rule, {
  valid: [
    // The field placed in the prompt is prompt data, the request's other fields are not; a persona
    // written in the source holds no user data.
    `${openai}
const PERSONA = { system: 'You are a concise assistant.', temperature: 0.2 };
export async function handle(req: { body: { question: string; userId: string }; headers: Record<string, string> }) {
  console.log('request from', req.body.userId, req.headers['user-agent']);
  console.log('persona', PERSONA);
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: PERSONA.system }, { role: 'user', content: req.body.question }] });
}
`,
    // Ids collected with reduce: the accumulator starts as the empty list, not as a message.
    `${history}
const names = messages.reduce<string[]>((collected, message) => (message.role === 'user' ? [...collected, message.role] : collected), []);
console.log('roles', names);
`,
    // The number of messages, the role of the last one.
    `${history}
console.log('turns', messages.length, messages.at(-1)?.role);
`,
    // A constant system prompt is not user data.
    `${openai}
const SYSTEM_PROMPT = 'You are a concise assistant.';
await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }] });
console.info('system prompt', SYSTEM_PROMPT);
`,
    // Non-prompt parameters of the same call.
    `${openai}
export async function ask(question: string) {
  const model = process.env.MODEL ?? 'gpt-4o';
  const temperature = 0.3;
  console.log('calling', model, 'at', temperature);
  return client.chat.completions.create({ model, temperature, max_tokens: 256, messages: [{ role: 'user', content: question }] });
}
`,
    // The length of the question and a hash of it.
    `${openai}
import { createHash } from 'node:crypto';
import pino from 'pino';
const logger = pino();
export async function ask(question: string) {
  logger.info({ chars: question.length, digest: createHash('sha256').update(question).digest('hex') }, 'question received');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // Ids next to the prompt.
    `${openai}
export async function ask(chatId: string, userId: string, question: string) {
  console.log('chat', chatId, 'user', userId);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }], user: userId });
}
`,
    // allowConsole for a CLI.
    {
      code: `${history}
console.log(messages);
`,
      options: [{ allowConsole: true }],
    },
    // A redaction helper named in the options.
    {
      code: `${history}
declare function redactPii(text: string): string;
console.log(redactPii(JSON.stringify(messages)));
`,
      options: [{ sanitizers: ['redactPii'] }],
    },
    // Text that never reaches a model.
    `const searchTerm = new URL('https://example.com/?q=x').searchParams.get('q') ?? '';
console.log('search', searchTerm);
`,
    // Embedding input is not a chat prompt.
    `${openai}
const input = process.argv[2] ?? '';
await client.embeddings.create({ model: 'text-embedding-3-small', input });
console.log('embedded', input);
`,
    // Moderation input is not a prompt either.
    `${openai}
const text = process.argv[2] ?? '';
const moderation = await client.moderations.create({ input: text });
console.log(text, moderation.results[0]?.flagged);
`,
    // Storing is another rule's business.
    `${history}
import { writeFileSync } from 'node:fs';
writeFileSync('history.json', JSON.stringify(messages));
`,
    // Errors around a model call.
    `${openai}
export async function ask(question: string) {
  try {
    return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  } catch (error) {
    console.error('completion failed', error);
    throw error;
  }
}
`,
    // Model output is another rule's business.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Tell a joke' }] });
console.log(completion.choices[0]?.message.content);
`,
    // Telemetry with counts.
    `${history}
import { trace } from '@opentelemetry/api';
const span = trace.getTracer('llm').startSpan('chat');
span.setAttribute('gen_ai.request.messages', messages.length);
span.end();
`,
    // The roles of a conversation.
    `${history}
console.debug(messages.map(message => message.role).join(','));
`,
    // A variable reassigned before logging.
    `${openai}
export async function ask(question: string) {
  let shown = question;
  shown = '[redacted]';
  console.log(shown);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Summarise the document' }] });
}
`,
    // Sentry exception only.
    `${openai}
import * as Sentry from '@sentry/node';
export async function ask(question: string) {
  try {
    return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  } catch (error) {
    Sentry.captureException(error);
    return undefined;
  }
}
`,
    // PostHog event with counts.
    `${history}
import { PostHog } from 'posthog-node';
const posthog = new PostHog('phc_key');
posthog.capture({ distinctId: 'u1', event: 'chat', properties: { turns: messages.length } });
`,
    // Process stdout in a CLI echo (not reported unless checkStdout).
    `${history}
process.stdout.write(JSON.stringify(messages));
`,
    // A user's name logged by a function that never sends it to a model.
    `${openai}
export function greet(name: string) {
  console.log('hello', name);
}
await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }] });
`,
    // Vercel AI SDK: usage only.
    `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function summarise(notes: string) {
  const { usage } = await generateText({ model: openai('gpt-4o'), prompt: notes });
  console.log('summary tokens', usage.totalTokens);
}
`,
    // Anthropic request metadata.
    `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function ask(question: string) {
  const maxTokens = 1024;
  console.log('max tokens', maxTokens);
  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: maxTokens, messages: [{ role: 'user', content: question }] });
}
`,
    // A boolean about the prompt.
    `${openai}
export async function ask(question: string) {
  console.log('is question', question.endsWith('?'), question.trim().length === 0);
  return client.responses.create({ model: 'gpt-4.1', input: question });
}
`,
    // The messages a chat-completion stream emits are the model's, though the SDK types the event
    // with the whole message union; a Responses API result holds output items, not the input.
    `${openai}
export async function ask(question: string) {
  const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }).on('message', msg => console.log(msg));
  await runner.finalChatCompletion();
  const response = await client.responses.create({ model: 'gpt-4.1', input: question });
  console.log(response);
}
`,
    // A streamed reply accumulated in the stream's callback is the model's answer, though the whole
    // reply is placed in a second prompt afterwards (a title request): its tokens are output.
    `${openai}
export async function chat(question: string) {
  let reply = '';
  const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: question }] });
  const onToken = (token: string) => {
    console.debug(token);
    reply += token;
  };
  for await (const chunk of stream) onToken(chunk.choices[0]?.delta.content ?? '');
  const title = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Title for: \${reply}\` }] });
  return { reply, title: title.choices[0]?.message.content };
}
`,
    // An Assistants run's stream emits the run's messages; the thread id it is started with is a
    // path parameter, not the request.
    `${openai}
export async function run(threadId: string, question: string) {
  await client.beta.threads.messages.create(threadId, { role: 'user', content: question });
  console.log('running on thread', threadId);
  client.beta.threads.runs
    .stream(threadId, { assistant_id: 'asst_1' })
    .on('messageDelta', (_delta, snapshot) => console.log(snapshot))
    .on('messageDone', message => console.log(message));
}
`,
    // The app's own part type is too loose to narrow; the case label says it is a tool part.
    `interface Part { type: string; text?: string; input?: unknown }
interface ChatMessage { id: string; role: 'user' | 'assistant'; content: string; parts: Part[] }
export function toRows(message: ChatMessage) {
  return message.parts.map(part => {
    switch (part.type) {
      case 'tool-search':
        if (part.input === undefined) console.error('Invalid tool part:', part);
        return { kind: 'search' };
      default:
        return null;
    }
  });
}
`,
    // A part narrowed to a tool part: the tool call the model made, logged when it is malformed. It is
    // model output (no-model-output-logging reports it), not what the user typed.
    malformedToolPartLog,
    // Number of UI messages in a route handler.
    `import type { UIMessage } from 'ai';
export async function POST(request: Request) {
  const { messages }: { messages: UIMessage[] } = await request.json();
  console.log('messages in request', messages.length);
  return new Response(null, { status: 204 });
}
`,
    // Ollama model name.
    `import ollama from 'ollama';
export async function ask(question: string) {
  const model = 'llama3.1';
  console.log('asking', model);
  return ollama.chat({ model, messages: [{ role: 'user', content: question }] });
}
`,
    // LangChain: the template itself is a constant.
    `import { ChatPromptTemplate } from '@langchain/core/prompts';
const TEMPLATE = 'Answer the question: {question}';
const prompt = ChatPromptTemplate.fromMessages([['human', TEMPLATE]]);
console.log('template', TEMPLATE);
void prompt;
`,
    // Loggers with metadata only.
    `${history}
import winston from 'winston';
const logger = winston.createLogger();
logger.info('conversation', { turns: messages.length, lastRole: messages.at(-1)?.role });
`,
    // A debug logger with an id.
    `${openai}
import createDebug from 'debug';
const debug = createDebug('chat');
export async function ask(id: string, question: string) {
  debug('request %s', id);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // Google GenAI: token count of the contents.
    `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export async function ask(question: string) {
  const { totalTokens } = await ai.models.countTokens({ model: 'gemini-2.5-flash', contents: question });
  console.log('tokens', totalTokens);
}
`,
    // Logging the prompt's language code, a literal union.
    `${openai}
type Language = 'en' | 'fr' | 'de';
export async function translate(text: string, language: Language) {
  console.log('target language', language);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Translate to \${language}: \${text}\` }] });
}
`,
    // A Mistral request logged only by model.
    `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
export async function ask(question: string) {
  const model = 'mistral-small-latest';
  console.info('model', model);
  return mistral.chat.complete({ model, messages: [{ role: 'user', content: question }] });
}
`,
    // Bunyan with a request id.
    `${openai}
import bunyan from 'bunyan';
const log = bunyan.createLogger({ name: 'chat' });
export async function ask(requestId: string, question: string) {
  log.info({ requestId }, 'asking');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // consola with a count.
    `${history}
import { consola } from 'consola';
consola.info(\`\${messages.length} messages\`);
`,
    // Groq request: the model only.
    `import Groq from 'groq-sdk';
const groq = new Groq();
export async function ask(question: string) {
  const model = 'llama-3.1-8b-instant';
  console.log(model);
  return groq.chat.completions.create({ model, messages: [{ role: 'user', content: question }] });
}
`,
    // Sentry breadcrumb without the text.
    `${history}
import * as Sentry from '@sentry/node';
Sentry.addBreadcrumb({ category: 'chat', message: 'sending conversation', data: { turns: messages.length } });
`,
    // NestJS logger with a count.
    `${history}
import { Logger } from '@nestjs/common';
const logger = new Logger('Chat');
logger.log(\`sending \${messages.length} messages\`);
`,
    // OpenTelemetry: the model name attribute.
    `${openai}
import { trace } from '@opentelemetry/api';
export async function ask(question: string) {
  const span = trace.getTracer('llm').startSpan('chat');
  span.setAttribute('gen_ai.request.model', 'gpt-4o');
  const result = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.end();
  return result;
}
`,
    // Logging the time a question arrived.
    `${openai}
export async function ask(question: string) {
  console.log('received at', new Date().toISOString());
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // A LangChain chain input used only for its keys.
    `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
const chain = ChatPromptTemplate.fromMessages([['human', '{question}']]).pipe(new ChatOpenAI({ model: 'gpt-4o-mini' }));
export async function ask(question: string) {
  const input = { question };
  console.log('variables', Object.keys(input));
  return chain.invoke(input);
}
`,
    // Other fields of the request body that held the question are not prompt data.
    `${openai}
export async function POST(request: Request) {
  const body = (await request.json()) as { ticketId: string; question: string };
  const question = body.question.trim();
  console.log('ticket', body.ticketId);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // The key used to look a conversation up is not part of it.
    `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
const conversations = new Map<string, ChatCompletionMessageParam[]>();
export async function send(userId: string, text: string) {
  const turns = conversations.get(userId) ?? [];
  turns.push({ role: 'user', content: text });
  console.log('user', userId, 'turns', turns.length);
  return client.chat.completions.create({ model: 'gpt-4o', messages: turns });
}
`,
    // A tool call's arguments are model output, not prompt data, even when the tool result goes back into the history.
    `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
export async function step(messages: ChatCompletionMessageParam[]) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages });
  const message = completion.choices[0]?.message;
  if (!message) return;
  messages.push(message);
  for (const call of message.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    const args = JSON.parse(call.function.arguments) as { city: string };
    messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify({ city: args.city, celsius: 21 }) });
    process.stdout.write(args.city);
  }
}
`,
    // An earlier answer replayed as an assistant turn is model output, not what the user typed.
    `${openai}
export async function followUp(question: string, previousAnswer: string) {
  console.log('previous answer', previousAnswer);
  return client.chat.completions.create({
    model: 'gpt-4o',
    messages: [
      { role: 'assistant', content: previousAnswer },
      { role: 'user', content: question },
    ],
  });
}
`,
    // The number of words.
    `${openai}
export async function ask(question: string) {
  console.log('words', question.split(/\\s+/).length);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // Functions a module or a class declares as values, logging only the size of what they send.
    `${openai}
export const ask = async (question: string) => {
  console.log('asking', question.length);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
};
export class ChatPanel {
  retry = async () => {
    const question = process.argv[2] ?? '';
    console.log('retrying', question.split(' ').length, 'words');
    return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  };
}
`,
  ],
  invalid: [
    // Functions a module declares as constants: each finds the prompts in its own body, with or
    // without parameters, and whether the module's walk or a caller reaches it first.
    {
      code: `${openai}
const readQuestion = () => process.argv[2] ?? '';
export const run = async () => {
  const question = readQuestion();
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log('asked', question);
};
export const ask = async function (question: string) {
  console.info(\`asking: \${question}\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
};
`,
      errors: [
        { messageId, line: 7, column: 24 },
        { messageId, line: 10, column: 16 },
      ],
    },
    // A listener's parameter typed only by the event map it is registered under: a message by its shape.
    {
      code: `interface ChatMessage { role: 'user' | 'assistant'; content: string }
interface ServerEvents { message: (msg: ChatMessage) => void }
declare const socket: { on<K extends keyof ServerEvents>(event: K, listener: ServerEvents[K]): void };
socket.on('message', msg => console.log(msg));
`,
      errors: [{ messageId, line: 4, column: 41 }],
    },
    // A function a class declares as a field (bound to the instance): the prompts of its own body.
    {
      code: `${openai}
export class ChatPanel {
  handleSend = async (draft: string) => {
    const question = draft.trim();
    console.log('sending', question);
    return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  };
  retry = async () => {
    const question = process.argv[2] ?? '';
    console.log(question);
    return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  };
}
`,
      errors: [
        { messageId, line: 6, column: 28 },
        { messageId, line: 11, column: 17 },
      ],
    },
    // A module's history filled by one function and written out by another.
    {
      code: `${openai}
const history: { role: 'user' | 'assistant'; content: string }[] = [];
export const send = async (text: string) => {
  history.push({ role: 'user', content: text });
  return client.chat.completions.create({ model: 'gpt-4o', messages: history });
};
export const dump = () => console.log(JSON.stringify(history));
`,
      errors: [{ messageId, line: 8, column: 39 }],
    },
    // An Express body logged before it is sent, as it is, as the user's message.
    {
      code: `${openai}
export async function handleRequest(req: { body: any }) {
  console.log('Received request:', req.body);
  const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user' as const, content: req.body }] });
  return stream.finalChatCompletion();
}
`,
      errors: [{ messageId, line: 4, column: 36 }],
    },
    // A body whose question field is the prompt: logging the whole body logs the question.
    {
      code: `${openai}
export async function handleRequest(req: { body: { question: string; userId: string } }) {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: req.body.question }] });
  console.debug('handled', req.body);
}
`,
      errors: [{ messageId, line: 5, column: 28 }],
    },
    // The text of every message joined with reduce, and a reduce that starts from the user's question.
    {
      code: `${history}
const transcript = messages.reduce((text, message) => text + String(message.content), '');
console.log(transcript);
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 13 }],
    },
    {
      code: `${openai}
export async function ask(question: string, notes: string[]) {
  const line = notes.reduce((text, note) => \`\${text} (\${note.length})\`, question);
  console.log(line);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 15 }],
    },
    {
      code: `interface Part { type: string; text?: string; input?: unknown }
interface ChatMessage { id: string; role: 'user' | 'assistant'; content: string; parts: Part[] }
export function toRows(message: ChatMessage) {
  return message.parts.map(part => {
    switch (part.type) {
      case 'text':
        console.error('Text part:', part);
        return { kind: 'text' };
      default:
        return null;
    }
  });
}
`,
      errors: [{ messageId: 'promptLogged', line: 7, column: 37 }],
    },
    // The same switch, logging a text part: what the user wrote.
    {
      code: `import type { UIMessage } from 'ai';
export function toRows(message: UIMessage) {
  return message.parts.map(part => {
    switch (part.type) {
      case 'text':
        console.debug('text part', part);
        return { kind: 'text', length: part.text.length };
      default:
        return null;
    }
  });
}
`,
      errors: [{ messageId: 'promptLogged', line: 6, column: 36 }],
    },
    // A typed chat history.
    {
      code: `${history}
console.log(messages);
`,
      errors: [
        {
          messageId,
          data: { source: "'messages'", where: 'line 2', destination: 'the console log', sink: "'console.log()'" },
          line: 3,
          column: 13,
        },
      ],
    },
    // The user's question placed in a message literal.
    {
      code: `${openai}
export async function ask(question: string) {
  console.log('user asked:', question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [
        {
          messageId,
          data: {
            source: "the 'messages' passed to 'client.chat.completions.create()'",
            where: 'line 5',
            destination: 'the console log',
            sink: "'console.log()'",
          },
          line: 4,
          column: 30,
        },
      ],
    },
    // A string built from the question.
    {
      code: `${openai}
import pino from 'pino';
const logger = pino();
export async function ask(question: string) {
  const content = \`Answer briefly: \${question.trim()}\`;
  logger.info({ content }, 'prompt built');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
}
`,
      errors: [{ messageId, line: 7, column: 15 }],
    },
    // The whole request parameters.
    {
      code: `${openai}
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
export async function send(question: string) {
  const params: ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages: [{ role: 'user', content: question }] };
  console.debug('request', JSON.stringify(params));
  return client.chat.completions.create(params);
}
`,
      errors: [{ messageId, line: 6, column: 28 }],
    },
    // Vercel AI SDK prompt.
    {
      code: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function summarise(notes: string) {
  console.log('summarising', notes);
  return generateText({ model: openai('gpt-4o'), system: 'Summarise the notes.', prompt: notes });
}
`,
      errors: [{ messageId, line: 4, column: 30 }],
    },
    // UI messages of a route handler.
    {
      code: `import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function POST(request: Request) {
  const { messages }: { messages: UIMessage[] } = await request.json();
  console.log('incoming', JSON.stringify(messages));
  return streamText({ model: openai('gpt-4o'), messages: await convertToModelMessages(messages) }).toUIMessageStreamResponse();
}
`,
      errors: [{ messageId, line: 5, column: 27 }],
    },
    // Anthropic message params.
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function send(turns: Anthropic.MessageParam[]) {
  console.info(turns.map(turn => turn.content));
  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: turns });
}
`,
      errors: [{ messageId, line: 4, column: 16 }],
    },
    // The Responses API input and instructions.
    {
      code: `${openai}
export async function respond(input: string, persona: string) {
  const instructions = \`You are \${persona}\`;
  console.log(input, instructions);
  return client.responses.create({ model: 'gpt-4.1', input, instructions });
}
`,
      errors: [
        { messageId, line: 5, column: 15 },
        { messageId, line: 5, column: 22 },
      ],
    },
    // LangChain template variables.
    {
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
const chain = ChatPromptTemplate.fromMessages([['human', '{question}']]).pipe(new ChatOpenAI({ model: 'gpt-4o-mini' }));
export async function ask(question: string) {
  console.log('question', question);
  return chain.invoke({ question });
}
`,
      errors: [{ messageId, line: 5, column: 27 }],
    },
    // LangChain messages by type.
    {
      code: `import { HumanMessage } from '@langchain/core/messages';
export function build(text: string) {
  const message = new HumanMessage(text);
  console.log(message);
  return message;
}
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // Ollama.
    {
      code: `import ollama from 'ollama';
export async function ask(question: string) {
  const messages = [{ role: 'user', content: question }];
  console.log(messages);
  return ollama.chat({ model: 'llama3.1', messages });
}
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // Google GenAI contents.
    {
      code: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export async function ask(contents: string) {
  console.log(contents);
  return ai.models.generateContent({ model: 'gemini-2.5-flash', contents });
}
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // Mistral.
    {
      code: `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
export async function ask(question: string) {
  console.warn(question);
  return mistral.chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 4, column: 16 }],
    },
    // Sentry context.
    {
      code: `${history}
import * as Sentry from '@sentry/node';
Sentry.setContext('llm', { messages });
`,
      errors: [{ messageId, line: 4, column: 26 }],
    },
    // OpenTelemetry prompt attribute.
    {
      code: `${openai}
import { trace } from '@opentelemetry/api';
export async function ask(question: string) {
  const span = trace.getTracer('llm').startSpan('chat');
  span.setAttribute('gen_ai.prompt', question);
  const result = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.end();
  return result;
}
`,
      errors: [{ messageId, line: 6, column: 38 }],
    },
    // PostHog properties.
    {
      code: `${openai}
import { PostHog } from 'posthog-node';
const posthog = new PostHog('phc_key');
export async function ask(userId: string, question: string) {
  posthog.capture({ distinctId: userId, event: 'question', properties: { question } });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 6, column: 60 }],
    },
    // A helper in the same file that logs its argument; its only call passes the history, so the
    // report is at the log inside it.
    {
      code: `${history}
function audit(label: string, payload: unknown) {
  console.log(label, JSON.stringify(payload));
}
audit('sending', messages);
`,
      errors: [{ messageId, line: 4, column: 22 }],
    },
    // The same helper called with other data too: reported at the call that passes the history.
    {
      code: `${history}
function audit(label: string, payload: unknown) {
  console.log(label, JSON.stringify(payload));
}
audit('config', { retries: 3 });
audit('sending', messages);
`,
      errors: [{ messageId, line: 7, column: 18 }],
    },
    // A helper that puts its parameter into a prompt makes the caller's argument prompt data.
    {
      code: `${openai}
async function ask(question: string) {
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
export async function handle(body: { text: string }) {
  const text = body.text;
  console.log('handling', text);
  return ask(text);
}
`,
      errors: [{ messageId, line: 8, column: 27 }],
    },
    // A history with pushes, logged.
    {
      code: `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
const turns: ChatCompletionMessageParam[] = [];
export async function turn(input: string) {
  turns.push({ role: 'user', content: input });
  console.log(\`history: \${JSON.stringify(turns)}\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: turns });
}
`,
      errors: [{ messageId, line: 7, column: 15 }],
    },
    // A prompt logged in a catch block.
    {
      code: `${openai}
export async function ask(question: string) {
  try {
    return await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  } catch (error) {
    console.error('failed for', question, error);
    throw error;
  }
}
`,
      errors: [{ messageId, line: 7, column: 33 }],
    },
    // winston, bunyan, consola, NestJS.
    {
      code: `${history}
import winston from 'winston';
import bunyan from 'bunyan';
import { consola } from 'consola';
import { Logger } from '@nestjs/common';
const logger = winston.createLogger();
const log = bunyan.createLogger({ name: 'chat' });
const nest = new Logger('Chat');
logger.info('conversation', { messages });
log.debug({ messages }, 'conversation');
consola.log(messages);
nest.verbose(JSON.stringify(messages));
`,
      errors: [
        { messageId, line: 10, column: 29 },
        { messageId, line: 11, column: 11 },
        { messageId, line: 12, column: 13 },
        { messageId, line: 13, column: 14 },
      ],
    },
    // stderr.
    {
      code: `${history}
process.stderr.write(\`prompt: \${JSON.stringify(messages)}\\n\`);
`,
      errors: [{ messageId, line: 3, column: 22 }],
    },
    // checkStdout.
    {
      code: `${history}
process.stdout.write(JSON.stringify(messages));
`,
      options: [{ checkStdout: true }],
      errors: [{ messageId, line: 3, column: 22 }],
    },
    // The system prompt built from user data.
    {
      code: `${openai}
export async function ask(profile: { bio: string }, question: string) {
  const system = \`The user says about themselves: \${profile.bio}\`;
  console.log(system);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: system }, { role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // A user-configured sink.
    {
      code: `${history}
declare function track(event: string, payload: unknown): void;
track('chat', messages);
`,
      options: [{ sinks: ['track'] }],
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // A user-configured prompt type.
    {
      code: `interface ChatTurn { text: string }
declare const turn: ChatTurn;
console.log(turn.text);
`,
      options: [{ sources: [{ from: 'file', name: 'ChatTurn' }] }],
      errors: [{ messageId, line: 3, column: 13 }],
    },
    // debug.
    {
      code: `${openai}
import createDebug from 'debug';
const debug = createDebug('chat');
export async function ask(question: string) {
  debug('question: %s', question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 6, column: 25 }],
    },
    // loglevel with the last message's content.
    {
      code: `${history}
import log from 'loglevel';
log.info(messages.at(-1)?.content);
`,
      errors: [{ messageId, line: 4, column: 10 }],
    },
    // Groq.
    {
      code: `import Groq from 'groq-sdk';
const groq = new Groq();
export async function ask(question: string) {
  const messages = [{ role: 'user' as const, content: question }];
  console.log(messages[0]?.content);
  return groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages });
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Sentry breadcrumb with the prompt.
    {
      code: `${openai}
import * as Sentry from '@sentry/node';
export async function ask(question: string) {
  Sentry.addBreadcrumb({ category: 'llm', message: question });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 5, column: 24 }],
    },
    // A LangChain prompt value rendered.
    {
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';
const template = ChatPromptTemplate.fromMessages([['human', 'Review my contract: {contract}']]);
export async function render(contract: string) {
  const promptValue = await template.invoke({ contract });
  console.log(promptValue.toString());
  return promptValue;
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Anthropic stream input messages.
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export function stream(question: string) {
  const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: question }] });
  console.log(stream.messages);
  return stream;
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Ollama generate prompt.
    {
      code: `import { Ollama } from 'ollama';
const ollama = new Ollama();
export async function complete(prompt: string) {
  console.log('prompt', prompt);
  return ollama.generate({ model: 'llama3.1', prompt });
}
`,
      errors: [{ messageId, line: 4, column: 25 }],
    },
    // Logged after the call too.
    {
      code: `${openai}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log({ question, id: completion.id });
  return completion;
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Telemetry span event with the messages.
    {
      code: `${history}
import { trace } from '@opentelemetry/api';
const span = trace.getTracer('llm').startSpan('chat');
span.addEvent('gen_ai.request', { messages: JSON.stringify(messages) });
span.end();
`,
      errors: [{ messageId, line: 5, column: 33 }],
    },
    // A class whose method sends a prompt and logs it.
    {
      code: `${openai}
export class Assistant {
  async ask(question: string) {
    console.log('[assistant]', question);
    return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  }
}
`,
      errors: [{ messageId, line: 5, column: 32 }],
    },
    // A chat history argument logged in a helper that does both.
    {
      code: `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
export async function complete(history: ChatCompletionMessageParam[]) {
  console.log(history.map(message => message.content).join('\\n'));
  return client.chat.completions.create({ model: 'gpt-4o', messages: history });
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Vercel AI SDK messages of a chat request, logged in a helper of the same file.
    {
      code: `import { streamText, type ModelMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
const debugLog = (label: string, value: unknown) => console.debug(label, value);
export function chat(messages: ModelMessage[]) {
  debugLog('messages', messages);
  return streamText({ model: openai('gpt-4o'), messages });
}
`,
      errors: [{ messageId, line: 3, column: 74 }],
    },
    // A user turn pushed into the history is prompt data.
    {
      code: `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
const history: ChatCompletionMessageParam[] = [];
export async function send(text: string) {
  history.push({ role: 'user', content: text });
  const reply = await client.chat.completions.create({ model: 'gpt-4o', messages: history });
  console.info('sent', text);
  return reply;
}
`,
      errors: [{ messageId, line: 8, column: 24 }],
    },
    // Concatenation.
    {
      code: `${openai}
export async function ask(question: string) {
  console.log('Q: ' + question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // A conversation stored in a class field and logged in another method.
    {
      code: `import type Anthropic from '@anthropic-ai/sdk';
export class Session {
  private turns: Anthropic.MessageParam[] = [];
  add(turn: Anthropic.MessageParam) {
    this.turns.push(turn);
  }
  dump() {
    console.log(this.turns);
  }
}
`,
      errors: [{ messageId, line: 8, column: 17 }],
    },
  ],
});
