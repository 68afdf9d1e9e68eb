import rule from '../../src/rules/no-model-output-logging.js';
import { createRuleTester } from '../rule-tester.js';
import { malformedToolPartLog, writeFileTool } from './shared-cases.js';

const ruleTester = createRuleTester();
const messageId = 'modelOutputLogged' as const;

// Two-line preludes: the case's own code starts on line 3.
const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;
/** A same-file log helper: reported inside it or at its calls, depending on what every call passes. */
const logLine = `function logLine(line: string) {
  console.log(\`[chat] \${line}\`);
}
`;
const anthropic = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();`;

ruleTester.run('no-model-output-logging', rule, {
  valid: [
    // An image generation answers with images, not text (its stream overload is a Stream of image
    // events, which does not make the result model text).
    `${openai}
export async function draw(description: string) {
  const response = await client.images.generate({ model: 'dall-e-2', prompt: description, size: '512x512' });
  const url = response.data?.[0]?.url;
  console.log('generated image', url, response.created);
  return url;
}
`,
    // The keys of \`Object.entries\` pairs are property names the code chose; the sizes are counts.
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function run(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const breakdown = { answer: completion.choices[0]?.message.content ?? '' };
  console.log('keys', Object.keys(breakdown));
  const parts = Object.entries(breakdown).map(([k, v]) => \`\${k}=\${v.length}\`);
  console.log('sizes', parts.join(' '));
  for (const [name, value] of Object.entries(breakdown)) console.log(name, value.length);
}
`,
    // A coding agent's tool: the path the model chose is where the tool works, not text it wrote.
    writeFileTool,
    // A tool's numeric input and the tool's own results: no generated text.
    `import { tool } from 'ai';
import { z } from 'zod';
declare function searchIndex(query: string, limit: number): Promise<{ url: string }[]>;
export const search = tool({
  description: 'Search the docs',
  inputSchema: z.object({ query: z.string(), limit: z.number() }),
  execute: async ({ query, limit }) => {
    const hits = await searchIndex(query, limit);
    console.log('search', { limit, hits: hits.length, top: hits[0]?.url });
    return hits;
  },
});
`,
    // The citations of an answer (urls and offsets), not its text.
    `${openai}
export async function search(question: string) {
  const response = await client.responses.create({ model: 'gpt-4o', input: question, tools: [{ type: 'web_search_preview' }] });
  for (const item of response.output) {
    if (item.type !== 'message') continue;
    for (const part of item.content) if (part.type === 'output_text') console.log('citations', part.annotations);
  }
}
`,
    // Metadata is not content: token counts, model names, ids, timestamps, finish reasons.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
console.log(completion.usage?.total_tokens, completion.model, completion.id, completion.created);
console.log(completion.choices[0]?.finish_reason);
`,
    // The length of the text, a boolean about it, the number of choices.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const text = completion.choices[0]?.message.content ?? '';
console.log(text.length, text.includes('sorry'), completion.choices.length, text === 'yes');
`,
    // A hash of the text is not the text.
    `${openai}
import { createHash } from 'node:crypto';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const text = completion.choices[0]?.message.content ?? '';
console.log('answer digest', createHash('sha256').update(text).digest('hex'));
`,
    // Output sent to the user in an HTTP response is the feature, not a leak.
    `${openai}
export async function POST(request: Request): Promise<Response> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
  return Response.json({ answer: completion.choices[0]?.message.content });
}
`,
    // Errors are diagnostics.
    `${openai}
try {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
} catch (error) {
  console.error('completion failed', error);
}
`,
    // A variable overwritten with safe data is safe afterwards.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
let status = completion.choices[0]?.message.content ?? '';
status = 'done';
console.log(status);
`,
    // Latency measurement around a model call.
    `${openai}
const started = performance.now();
await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(\`took \${Math.round(performance.now() - started)} ms\`);
`,
    // A CLI printing the answer on stdout: that is its output, not a log (see checkStdout).
    `${openai}
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
}
`,
    // allowConsole: a script whose console is the user's screen.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(completion.choices[0]?.message.content);
`,
      options: [{ allowConsole: true }],
    },
    // Streaming chunk metadata.
    `${openai}
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
for await (const chunk of stream) {
  console.log(chunk.id, chunk.choices[0]?.finish_reason, chunk.usage?.completion_tokens);
}
`,
    // Listing models is not model output.
    `${openai}
for await (const model of client.models.list()) {
  console.log(model.id, model.owned_by);
}
`,
    // Moderation flags are booleans.
    `${openai}
const moderation = await client.moderations.create({ input: 'text' });
console.log(moderation.results[0]?.flagged);
`,
    // Stream lifecycle events without content.
    `${openai}
const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [] });
runner.on('error', error => console.error('stream failed', error));
runner.on('end', () => console.log('stream ended'));
`,
    // Anthropic usage and stop reason.
    `${anthropic}
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] });
console.log(message.usage.output_tokens, message.stop_reason, message.model, message.id);
`,
    // Anthropic stream errors and lifecycle.
    `${anthropic}
const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] });
stream.on('error', error => console.error(error));
stream.on('connect', () => console.info('connected'));
`,
    // Vercel AI SDK: usage and finish reason only.
    `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
const { usage, finishReason } = await generateText({ model: openai('gpt-4o'), prompt: 'Hi' });
console.log(usage.totalTokens, finishReason);
`,
    // Vercel AI SDK callbacks that log metadata or errors only.
    `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
const result = streamText({
  model: openai('gpt-4o'),
  prompt: 'Hi',
  onFinish({ usage, finishReason }) {
    console.log('finished', usage.totalTokens, finishReason);
  },
  onError({ error }) {
    console.error('stream error', error);
  },
});
console.log(await result.usage);
`,
    // fullStream parts: the part type is a literal union.
    `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
const result = streamText({ model: openai('gpt-4o'), prompt: 'Hi' });
for await (const part of result.fullStream) {
  console.log(part.type);
}
`,
    // LangChain response metadata.
    `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
const response = await model.invoke('Hello');
console.log(response.usage_metadata?.total_tokens, response.id);
`,
    // Ollama timings.
    `import ollama from 'ollama';
const response = await ollama.chat({ model: 'llama3.1', messages: [{ role: 'user', content: 'Why is the sky blue?' }] });
console.log(response.eval_count, response.total_duration, response.done_reason);
`,
    // Google GenAI usage metadata.
    `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Hi' });
console.log(response.usageMetadata?.totalTokenCount, response.modelVersion);
`,
    // Only the token count of an object that also holds the text.
    `${openai}
import pino from 'pino';
const logger = pino();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const record = { text: completion.choices[0]?.message.content, tokens: completion.usage?.total_tokens };
logger.info({ tokens: record.tokens });
`,
    // A helper that looks dangerous but logs only metadata.
    `${openai}
import type { ChatCompletion } from 'openai/resources/chat/completions';
function logMetadata(response: ChatCompletion) {
  console.log('model', response.model, 'tokens', response.usage?.total_tokens);
}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
logMetadata(completion);
`,
    // A project type that happens to be called ChatCompletion is not the SDK's.
    `interface ChatCompletion { content: string }
function load(): ChatCompletion { return { content: 'cached config' }; }
const completion = load();
console.log(completion.content);
`,
    // Variables named like model output but holding something else.
    `const answer = process.argv[2] ?? '';
const completion = { text: answer };
console.log(answer, completion.text);
`,
    // Sentry: the exception itself is not context.
    `${openai}
import * as Sentry from '@sentry/node';
try {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
} catch (error) {
  Sentry.captureException(error);
}
`,
    // OpenTelemetry attributes with token counts.
    `${openai}
import { trace } from '@opentelemetry/api';
const span = trace.getTracer('llm').startSpan('chat');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
span.setAttribute('llm.tokens', completion.usage?.total_tokens ?? 0);
span.setAttributes({ 'llm.model': completion.model });
span.end();
`,
    // PostHog event with metadata only; the answer is in the event name position? No: only properties are checked.
    `${openai}
import { PostHog } from 'posthog-node';
const posthog = new PostHog('phc_key');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
posthog.capture({ distinctId: 'user-1', event: 'completion', properties: { tokens: completion.usage?.total_tokens } });
`,
    // A redaction helper named in the options ends the flow.
    {
      code: `${openai}
declare function redact(text: string): string;
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(redact(completion.choices[0]?.message.content ?? ''));
`,
      options: [{ sanitizers: ['redact'] }],
    },
    // A branded redacted type named in the options.
    {
      code: `${openai}
type Redacted<T> = T & { readonly __redacted: true };
declare function scrub(text: string): Redacted<string>;
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const safe: Redacted<string> = scrub(completion.choices[0]?.message.content ?? '');
console.log(safe);
`,
      options: [{ sanitizers: [{ from: 'file', name: 'Redacted' }] }],
    },
    // for...in yields keys.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
for (const key in completion) {
  console.log(key);
}
`,
    // Embeddings are vectors of numbers.
    `${openai}
const embedding = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
console.log(embedding.data[0]?.embedding.length, embedding.usage.total_tokens);
`,
    // Logging a constant label before and after the call.
    `${openai}
console.info('calling model');
await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.info('model answered');
`,
    // Storing output in a variable that is never logged; logging something else.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const answer = completion.choices[0]?.message.content;
const count = answer ? answer.split(' ').length : 0;
console.log('words', count);
`,
    // typeof and comparison results.
    `${anthropic}
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
const block = message.content[0];
console.log(typeof block, block?.type === 'text');
`,
    // Mistral usage.
    `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
const response = await mistral.chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }] });
console.log(response.usage.totalTokens, response.model);
`,
    // Groq usage.
    `import Groq from 'groq-sdk';
const groq = new Groq();
const completion = await groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [] });
console.log(completion.usage?.total_tokens);
`,
    // A logger writing something unrelated inside an output loop.
    `${openai}
import winston from 'winston';
const logger = winston.createLogger();
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
let chunks = 0;
for await (const chunk of stream) {
  chunks += 1;
  logger.debug('chunk received', { index: chunks, id: chunk.id });
}
`,
    // The answer goes to a database, which is another rule's business.
    `${openai}
import pg from 'pg';
const pool = new pg.Pool();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
await pool.query('insert into answers(text) values ($1)', [completion.choices[0]?.message.content]);
`,
    // Promise.all of counts.
    `${openai}
const [a, b] = await Promise.all([
  client.chat.completions.create({ model: 'gpt-4o', messages: [] }),
  client.chat.completions.create({ model: 'gpt-4o', messages: [] }),
]);
console.log(a.usage?.total_tokens, b.usage?.total_tokens);
`,
    // A then-callback that logs only the id.
    `${openai}
void client.chat.completions.create({ model: 'gpt-4o', messages: [] }).then(result => console.log(result.id));
`,
    // Sentry breadcrumbs with metadata only.
    `${openai}
import * as Sentry from '@sentry/node';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
Sentry.addBreadcrumb({ category: 'llm', message: 'completion received', data: { tokens: completion.usage?.total_tokens } });
`,
    // An unrelated debug logger.
    `import createDebug from 'debug';
const debug = createDebug('app');
const user = { id: 1 };
debug('user %d logged in', user.id);
`,
    // Tool names and call ids are the developer's own bookkeeping, chosen among known tools.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
for (const call of completion.choices[0]?.message.tool_calls ?? []) {
  if (call.type === 'function') console.log('tool', call.function.name, call.id);
}
`,
    // The role of the answer is a literal.
    `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(completion.choices[0]?.message.role, completion.choices[0]?.index);
`,
    // The number of content blocks.
    `${anthropic}
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
console.log('blocks', message.content.length);
`,
    // Streaming the answer to the browser is the feature.
    `${openai}
export function GET(): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
      for await (const chunk of stream) controller.enqueue(encoder.encode(chunk.choices[0]?.delta?.content ?? ''));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/plain' } });
}
`,
    // Ollama's model list.
    `import ollama from 'ollama';
const { models } = await ollama.list();
for (const model of models) console.log(model.name, model.size, model.digest);
`,
    // Vercel AI SDK warnings and provider metadata are not the answer.
    `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
const { warnings, response } = await generateText({ model: openai('gpt-4o'), prompt: 'Hi' });
console.warn(warnings, response.id, response.modelId, response.timestamp);
`,
    // Headers are metadata.
    `${openai}
const { data, response } = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).withResponse();
console.log(response.status, response.headers.get('x-request-id'), data.id);
`,
    // A tool-result part holds what the app's tool answered, not what the model generated.
    `import type { ModelMessage } from 'ai';
export function auditTools(messages: ModelMessage[]) {
  for (const message of messages) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      switch (part.type) {
        case 'tool-result':
          console.log('tool result', part);
      }
    }
  }
}
`,
  ],
  invalid: [
    // The values of \`Object.entries\` pairs are the object's data.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI();
export async function run(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const breakdown = { answer: completion.choices[0]?.message.content ?? '' };
  Object.entries(breakdown).forEach(([k, v]) => console.log(k, v));
  for (const [, value] of Object.entries(breakdown)) console.info(value);
}
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 6, column: 64 },
        { messageId: 'modelOutputLogged', line: 7, column: 67 },
      ],
    },
    // A tool's input is what the model generated for it (the search query it chose).
    {
      code: `import { tool } from 'ai';
import { z } from 'zod';
export const search = tool({
  description: 'Search the web',
  inputSchema: z.object({ query: z.string(), maxResults: z.number().optional() }),
  execute: async ({ query, maxResults }) => {
    console.log('searching for', query, maxResults);
    return { results: [] as string[] };
  },
});
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 34 }],
    },
    // LangChain: the tool function itself, and a structured tool's \`func\`.
    {
      code: `import { DynamicStructuredTool, tool } from '@langchain/core/tools';
import { z } from 'zod';
export const weather = tool(
  async ({ city }) => {
    console.log('weather lookup', city);
    return 'sunny';
  },
  { name: 'weather', description: 'Weather', schema: z.object({ city: z.string() }) },
);
export const search = new DynamicStructuredTool({
  name: 'search',
  description: 'Search',
  schema: z.object({ query: z.string() }),
  func: async ({ query }) => {
    console.info('search', query);
    return 'results';
  },
});
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 5, column: 35 },
        { messageId: 'modelOutputLogged', line: 15, column: 28 },
      ],
    },
    // A part of a message of any role, narrowed to a tool call: the model generated its input.
    {
      code: malformedToolPartLog,
      errors: [{ messageId: 'modelOutputLogged', line: 8, column: 67 }],
    },
    // The app's loose part type, narrowed by the case label and a failed type guard, two helpers
    // from the UI message whose parts it maps for the database; reported where it is logged.
    {
      code: `import type { UIMessage } from 'ai';
interface ToolCallPart { type: 'tool-call'; toolCallId: string; args: unknown }
interface DataPart { type: string; [key: string]: unknown }
function isToolCallPart(part: DataPart): part is ToolCallPart {
  return part.type === 'tool-call' && typeof part.toolCallId === 'string';
}
function toDbParts(parts: DataPart[], messageId: string) {
  return parts.map((part, order) => {
    switch (part.type) {
      case 'tool-call':
        if (!isToolCallPart(part)) {
          console.error('Invalid tool-call part:', part);
          return null;
        }
        return { messageId, order, toolCallId: part.toolCallId };
      default:
        return { messageId, order };
    }
  });
}
export function saveMessage(message: UIMessage) {
  return toDbParts(message.parts, message.id);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 12, column: 52 }],
    },
    // A tool part of the assistant's turn is what the model asked for: still output.
    {
      code: `interface Part { type: string; input?: unknown }
interface AssistantTurn { role: 'assistant'; content: string; parts: Part[] }
export function audit(turn: AssistantTurn) {
  for (const part of turn.parts) {
    switch (part.type) {
      case 'tool-search':
        console.error('Invalid tool part:', part);
    }
  }
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 45 }],
    },
    // The same logs, reported as what they are: model output.
    {
      code: `${openai}
export async function ask(question: string) {
  const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] }).on('message', msg => console.log(msg));
  await runner.finalChatCompletion();
  const response = await client.responses.create({ model: 'gpt-4.1', input: question });
  console.log(response);
}
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 4, column: 152 },
        { messageId: 'modelOutputLogged', line: 7, column: 15 },
      ],
    },
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
const text = completion.choices[0]?.message.content;
console.log(text);
`,
      errors: [{ messageId, line: 5, column: 13 }],
    },
    // The message names the source, its line and the sink.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(completion.choices[0]?.message.content);
`,
      errors: [
        {
          messageId,
          data: {
            source: "'client.chat.completions.create()'",
            where: 'line 3',
            destination: 'the console log',
            sink: "'console.log()'",
          },
          line: 4,
          column: 13,
        },
      ],
    },
    // Destructuring.
    {
      code: `${openai}
const { choices } = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const [first] = choices;
console.info(first?.message.content);
`,
      errors: [{ messageId, line: 5, column: 14 }],
    },
    // Logging the whole completion object.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(JSON.stringify(completion, null, 2));
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // Streaming chunks to stderr.
    {
      code: `${openai}
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
for await (const chunk of stream) {
  process.stderr.write(chunk.choices[0]?.delta?.content ?? '');
}
`,
      errors: [{ messageId, line: 5, column: 24 }],
    },
    // Accumulating a stream, then logging it with pino.
    {
      code: `${openai}
import pino from 'pino';
const logger = pino();
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
let full = '';
for await (const chunk of stream) {
  full += chunk.choices[0]?.delta?.content ?? '';
}
logger.info({ answer: full }, 'completion finished');
`,
      errors: [{ messageId, line: 10, column: 13 }],
    },
    // checkStdout: servers whose stdout is collected as logs.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
process.stdout.write(completion.choices[0]?.message.content ?? '');
`,
      options: [{ checkStdout: true }],
      errors: [{ messageId, line: 4, column: 22 }],
    },
    // Responses API.
    {
      code: `${openai}
import winston from 'winston';
const logger = winston.createLogger();
const response = await client.responses.create({ model: 'gpt-4.1', input: 'Tell me a story' });
logger.info(response.output_text);
`,
      errors: [{ messageId, line: 6, column: 13 }],
    },
    // Structured output.
    {
      code: `${openai}
const parsed = await client.chat.completions.parse({ model: 'gpt-4o', messages: [] });
console.debug(parsed.choices[0]?.message);
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // ChatCompletionStream content events.
    {
      code: `${openai}
const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [] });
runner.on('content', (delta, snapshot) => {
  console.log(delta);
});
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // finalChatCompletion of a stream.
    {
      code: `${openai}
const runner = client.chat.completions.stream({ model: 'gpt-4o', messages: [] });
const final = await runner.finalChatCompletion();
console.log(final.choices[0]?.message);
`,
      errors: [{ messageId, line: 5, column: 13 }],
    },
    // An Assistants run's stream: the messages it emits are the run's answer.
    {
      code: `${openai}
client.beta.threads.runs
  .stream('thread_1', { assistant_id: 'asst_1' })
  .on('textDelta', delta => process.stdout.write(delta.value ?? ''))
  .on('messageDone', message => console.log(message));
`,
      errors: [{ messageId, line: 6, column: 45 }],
    },
    // Anthropic message content blocks.
    {
      code: `${anthropic}
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] });
const block = message.content[0];
if (block?.type === 'text') {
  console.log(block.text);
}
`,
      errors: [{ messageId, line: 6, column: 15 }],
    },
    // Anthropic text events.
    {
      code: `${anthropic}
import pino from 'pino';
const logger = pino();
anthropic.messages
  .stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] })
  .on('text', text => {
    logger.debug(text);
  });
`,
      errors: [{ messageId, line: 8, column: 18 }],
    },
    // Anthropic finalText.
    {
      code: `${anthropic}
const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] });
const text = await stream.finalText();
console.warn('final', text);
`,
      errors: [{ messageId, line: 5, column: 23 }],
    },
    // Anthropic raw stream events.
    {
      code: `${anthropic}
const events = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [], stream: true });
for await (const event of events) {
  if (event.type === 'content_block_delta') console.log(event.delta);
}
`,
      errors: [{ messageId, line: 5, column: 57 }],
    },
    // Vercel AI SDK generateText.
    {
      code: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
const { text } = await generateText({ model: openai('gpt-4o'), prompt: 'Write a haiku' });
console.log(text);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // streamText textStream.
    {
      code: `import { streamText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
import { consola } from 'consola';
const result = streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'Hi' });
for await (const delta of result.textStream) {
  consola.info(delta);
}
`,
      errors: [{ messageId, line: 6, column: 16 }],
    },
    // onFinish callback.
    {
      code: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
streamText({
  model: openai('gpt-4o'),
  prompt: 'Hi',
  onFinish({ text, usage }) {
    console.log(text, usage.totalTokens);
  },
});
`,
      errors: [{ messageId, line: 7, column: 17 }],
    },
    // onChunk callback with an arrow function.
    {
      code: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
streamText({
  model: openai('gpt-4o'),
  prompt: 'Hi',
  onChunk: ({ chunk }) => {
    if (chunk.type === 'text-delta') console.log(chunk.text);
  },
});
`,
      errors: [{ messageId, line: 7, column: 50 }],
    },
    // generateObject.
    {
      code: `import { generateObject, jsonSchema } from 'ai';
import { openai } from '@ai-sdk/openai';
const { object } = await generateObject({
  model: openai('gpt-4o'),
  schema: jsonSchema<{ summary: string }>({ type: 'object', properties: { summary: { type: 'string' } } }),
  prompt: 'Summarise',
});
console.log(\`summary: \${object.summary}\`);
`,
      errors: [{ messageId, line: 8, column: 13 }],
    },
    // fullStream text parts.
    {
      code: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
const result = streamText({ model: openai('gpt-4o'), prompt: 'Hi' });
for await (const part of result.fullStream) {
  if (part.type === 'text-delta') console.log(part.text);
}
`,
      errors: [{ messageId, line: 5, column: 47 }],
    },
    // onStepFinish.
    {
      code: `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
await generateText({
  model: openai('gpt-4o'),
  prompt: 'Hi',
  onStepFinish(step) {
    console.log(step.text);
  },
});
`,
      errors: [{ messageId, line: 7, column: 17 }],
    },
    // LangChain invoke.
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
const response = await model.invoke('Hello');
console.log(response.content);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // LangChain stream.
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
for await (const chunk of await model.stream('Hello')) {
  console.log(chunk.text);
}
`,
      errors: [{ messageId, line: 4, column: 15 }],
    },
    // Ollama chat.
    {
      code: `import ollama from 'ollama';
const response = await ollama.chat({ model: 'llama3.1', messages: [{ role: 'user', content: 'Why is the sky blue?' }] });
console.log(response.message.content);
`,
      errors: [{ messageId, line: 3, column: 13 }],
    },
    // Ollama generate stream.
    {
      code: `import { Ollama } from 'ollama';
const ollama = new Ollama();
const stream = await ollama.generate({ model: 'llama3.1', prompt: 'Hi', stream: true });
for await (const part of stream) {
  console.log(part.response);
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Google GenAI.
    {
      code: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
const response = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Explain AI' });
console.log(response.text);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // Google GenAI stream.
    {
      code: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
const stream = await ai.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Explain AI' });
for await (const chunk of stream) {
  console.log(chunk.text);
}
`,
      errors: [{ messageId, line: 5, column: 15 }],
    },
    // Mistral.
    {
      code: `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
const response = await mistral.chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: 'Hi' }] });
console.log(response.choices[0]?.message.content);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // Groq.
    {
      code: `import Groq from 'groq-sdk';
const groq = new Groq();
const completion = await groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [] });
console.log(completion.choices[0]?.message.content);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // Template literal and concatenation.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const answer = completion.choices[0]?.message.content ?? '';
console.log(\`answer: \${answer.trim()}\`);
console.log('answer: ' + answer.slice(0, 200));
`,
      errors: [
        { messageId, line: 5, column: 13 },
        { messageId, line: 6, column: 13 },
      ],
    },
    // String() and array methods.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [], n: 3 });
const texts = completion.choices.map(choice => choice.message.content);
console.log(String(texts.join('\\n')));
`,
      errors: [{ messageId, line: 5, column: 13 }],
    },
    // Promise.all.
    {
      code: `${openai}
const [a] = await Promise.all([client.chat.completions.create({ model: 'gpt-4o', messages: [] })]);
console.log(a.choices[0]?.message.content);
`,
      errors: [{ messageId, line: 4, column: 13 }],
    },
    // then-callback.
    {
      code: `${openai}
void client.chat.completions
  .create({ model: 'gpt-4o', messages: [] })
  .then(result => result.choices[0]?.message.content)
  .then(text => console.log(text));
`,
      errors: [{ messageId, line: 6, column: 29 }],
    },
    // Sentry.
    {
      code: `${openai}
import * as Sentry from '@sentry/node';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const answer = completion.choices[0]?.message.content ?? '';
Sentry.captureMessage(answer);
Sentry.setContext('llm', { answer });
Sentry.setExtra('answer', answer);
`,
      errors: [
        { messageId, line: 6, column: 23 },
        { messageId, line: 7, column: 26 },
        { messageId, line: 8, column: 27 },
      ],
    },
    // PostHog properties.
    {
      code: `${openai}
import { PostHog } from 'posthog-node';
const posthog = new PostHog('phc_key');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
posthog.capture({ distinctId: 'u1', event: 'answer', properties: { answer: completion.choices[0]?.message.content } });
`,
      errors: [{ messageId, line: 6, column: 54 }],
    },
    // OpenTelemetry.
    {
      code: `${openai}
import { trace } from '@opentelemetry/api';
const tracer = trace.getTracer('llm');
await tracer.startActiveSpan('chat', async span => {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
  span.setAttribute('gen_ai.completion', completion.choices[0]?.message.content ?? '');
  span.addEvent('answer', { text: completion.choices[0]?.message.content ?? '' });
  span.end();
});
`,
      errors: [
        { messageId, line: 7, column: 42 },
        { messageId, line: 8, column: 27 },
      ],
    },
    // debug.
    {
      code: `${openai}
import createDebug from 'debug';
const debug = createDebug('chat');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
debug('answer %s', completion.choices[0]?.message.content);
`,
      errors: [{ messageId, line: 6, column: 20 }],
    },
    // loglevel and bunyan.
    {
      code: `${openai}
import log from 'loglevel';
import bunyan from 'bunyan';
const audit = bunyan.createLogger({ name: 'audit' });
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const text = completion.choices[0]?.message.content;
log.info(text);
audit.warn({ text }, 'model answered');
`,
      errors: [
        { messageId, line: 8, column: 10 },
        { messageId, line: 9, column: 12 },
      ],
    },
    // winston.log with a level.
    {
      code: `${openai}
import winston from 'winston';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
winston.log('info', 'answer', { answer: completion.choices[0]?.message.content });
`,
      errors: [{ messageId, line: 5, column: 31 }],
    },
    // NestJS Logger held in a class field.
    {
      code: `${openai}
import { Logger } from '@nestjs/common';
export class ChatService {
  private readonly logger = new Logger(ChatService.name);
  async ask(question: string): Promise<string> {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    const answer = completion.choices[0]?.message.content ?? '';
    this.logger.log(\`answered: \${answer}\`);
    return answer;
  }
}
`,
      errors: [{ messageId, line: 9, column: 21 }],
    },
    // A logger passed in as a parameter, recognised by type.
    {
      code: `${openai}
import type { Logger } from 'pino';
export async function answer(logger: Logger, question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  logger.info(completion.choices[0]?.message);
}
`,
      errors: [{ messageId, line: 6, column: 15 }],
    },
    // A typed parameter is a source.
    {
      code: `import type { ChatCompletion } from 'openai/resources/chat/completions';
export function handle(completion: ChatCompletion) {
  console.log(completion.choices[0]?.message.content);
}
`,
      errors: [{ messageId, line: 3, column: 15 }],
    },
    // A helper in the same file that logs its argument, given the answer by every call: reported
    // once, at the log inside it, naming where the answer came in.
    {
      code: `${openai}
${logLine}const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
logLine(completion.choices[0]?.message.content ?? '');
`,
      errors: [
        {
          messageId,
          data: {
            source: "'client.chat.completions.create()'",
            where: 'line 6',
            destination: 'the console log',
            sink: "'console.log()', which receives it from line 7 through 'logLine()'",
          },
          line: 4,
          column: 15,
        },
      ],
    },
    // A generic log helper that other calls give plain text: reported at the call that passes the answer.
    {
      code: `${openai}
${logLine}logLine('starting');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
logLine(completion.choices[0]?.message.content ?? '');
`,
      errors: [
        {
          messageId,
          data: {
            source: "'client.chat.completions.create()'",
            where: 'line 7',
            destination: 'the console log',
            sink: "'logLine()', which passes it to 'console.log()'",
          },
          line: 8,
          column: 9,
        },
      ],
    },
    // A helper that returns the text of a completion it requests.
    {
      code: `${openai}
async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return completion.choices[0]?.message.content ?? '';
}
console.log(await ask('What is the capital of France?'));
`,
      errors: [{ messageId, line: 7, column: 13 }],
    },
    // Class field written in one method, logged in another.
    {
      code: `${openai}
class Conversation {
  private lastAnswer = '';
  async send(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.lastAnswer = completion.choices[0]?.message.content ?? '';
  }
  debugDump() {
    console.debug('last answer', this.lastAnswer);
  }
}
export { Conversation };
`,
      errors: [{ messageId, line: 10, column: 34 }],
    },
    // Spread into a log object.
    {
      code: `${openai}
import pino from 'pino';
const logger = pino();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
const base = { requestId: 'r1' };
logger.info({ ...base, ...completion.choices[0]?.message });
`,
      errors: [{ messageId, line: 7, column: 13 }],
    },
    // A value from a branch.
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
let summary = 'none';
if (completion.choices.length > 0) {
  summary = completion.choices[0]?.message.content ?? '';
}
console.log(summary);
`,
      errors: [{ messageId, line: 8, column: 13 }],
    },
    // Collected in an array with push.
    {
      code: `${openai}
const answers: string[] = [];
const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [], stream: true });
for await (const chunk of stream) {
  answers.push(chunk.choices[0]?.delta?.content ?? '');
}
console.table(answers);
`,
      errors: [{ messageId, line: 8, column: 15 }],
    },
    // User-configured sink.
    {
      code: `${openai}
function audit(entry: unknown): void {
  void entry;
}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
audit(completion.choices[0]?.message.content);
`,
      options: [{ sinks: [{ from: 'file', name: 'audit' }] }],
      errors: [{ messageId, line: 7, column: 7 }],
    },
    // User-configured source (an in-house client).
    {
      code: `declare function askInternalModel(prompt: string): Promise<string>;
const reply = await askInternalModel('hello');
console.log(reply);
`,
      options: [{ sources: ['askInternalModel'] }],
      errors: [{ messageId, line: 3, column: 13 }],
    },
    // Shared settings configure every rule at once.
    {
      code: `declare function askInternalModel(prompt: string): Promise<string>;
const reply = await askInternalModel('hello');
console.log(reply);
`,
      settings: { 'llm-security': { outputSources: ['askInternalModel'] } },
      errors: [{ messageId, line: 3, column: 13 }],
    },
    // Conditional expression.
    {
      code: `${anthropic}
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] });
const first = message.content[0];
console.log(first?.type === 'text' ? first.text : '(no text)');
`,
      errors: [{ messageId, line: 5, column: 13 }],
    },
    // console.error with the output (not an error object).
    {
      code: `${openai}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
if (completion.choices[0]?.finish_reason === 'content_filter') {
  console.error('filtered answer', completion.choices[0].message);
}
`,
      errors: [{ messageId, line: 5, column: 36 }],
    },
    // Structured output's own `name` field is generated content (unlike a tool name).
    {
      code: `import { generateObject, jsonSchema } from 'ai';
import { openai } from '@ai-sdk/openai';
const { object } = await generateObject({
  model: openai('gpt-4o'),
  schema: jsonSchema<{ name: string; email: string }>({ type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } } }),
  prompt: 'Extract the contact from this email signature',
});
console.log(object.name);
`,
      errors: [{ messageId, line: 8, column: 13 }],
    },
    // Results of model calls made inside a map over constants.
    {
      code: `${openai}
const angles = ['economic', 'social'];
const summaries = await Promise.all(
  angles.map(async angle => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: angle }] });
    return completion.choices[0]?.message.content ?? '';
  }),
);
console.log(summaries);
`,
      errors: [{ messageId, line: 10, column: 13 }],
    },
    // A LangChain chain ending in a string parser still returns model output.
    {
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatOpenAI } from '@langchain/openai';
const chain = ChatPromptTemplate.fromMessages([['human', 'Summarise: {text}']])
  .pipe(new ChatOpenAI({ model: 'gpt-4o-mini' }))
  .pipe(new StringOutputParser());
const summary = await chain.invoke({ text: 'the meeting notes' });
console.log(summary);
`,
      errors: [{ messageId, line: 8, column: 13 }],
    },
    // A field written in one method is seen by another, even when the reader is analysed first
    // through an unrelated field (a logger held in the class).
    {
      code: `${anthropic}
import { Logger } from '@nestjs/common';
export class Drafts {
  private readonly logger = new Logger('Drafts');
  private lastDraft = '';
  async draft(subject: string) {
    this.logger.log('drafting');
    const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [{ role: 'user', content: subject }] });
    const first = message.content[0];
    this.lastDraft = first?.type === 'text' ? first.text : '';
  }
  dump() {
    this.logger.debug(\`last draft: \${this.lastDraft}\`);
  }
}
`,
      errors: [{ messageId, line: 14, column: 23 }],
    },
    // An arrow helper whose result is logged.
    {
      code: `${openai}
const textOf = (completion: OpenAI.Chat.Completions.ChatCompletion) => completion.choices[0]?.message.content ?? '';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(textOf(completion).toUpperCase());
`,
      errors: [{ messageId, line: 5, column: 13 }],
    },
  ],
});
