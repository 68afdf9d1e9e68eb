import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// The SDKs beyond the hosted-API clients, in both directions: what they answer is model output,
// what they are asked is prompt data. Every case runs against the packages' real declarations.
// Browser SDKs (web-llm, Chrome's built-in AI, MediaPipe) run in `fixtures/browser/`, resolved as a
// bundler does: web-llm's declarations cannot be resolved by Node's ESM rules.

const ruleTester = createRuleTester();
const browser = path.join(FIXTURES_DIR, 'browser', 'file.ts');
const js = path.join(FIXTURES_DIR, 'script.js');
// CommonJS: `require` returns what `module.exports` holds.
const cjs = path.join(FIXTURES_DIR, 'script.cjs');
const output = 'modelOutputLogged' as const;
const prompt = 'promptLogged' as const;

// Preludes of two lines each: a case's own code starts on line 3.
const webLlm = `import { CreateMLCEngine } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('Llama-3.2-1B-Instruct-q4f16_1-MLC');`;
const llamaCpp = `import { getLlama, LlamaChatSession, LlamaCompletion } from 'node-llama-cpp';
const context = await (await (await getLlama()).loadModel({ modelPath: 'models/llama-3.2-1b.gguf' })).createContext();`;
const transformers = `import { pipeline } from '@huggingface/transformers';
const generator = await pipeline('text-generation', 'onnx-community/Qwen2.5-0.5B-Instruct');`;
const mediapipe = `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
const llm = await LlmInference.createFromOptions(await FilesetResolver.forGenAiTasks('/wasm'), { baseOptions: { modelAssetPath: '/gemma3-1b.task' } });`;
const bedrock = `import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, CountTokensCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
const client = new BedrockRuntimeClient({ region: 'us-east-1' });`;
const cohere = `import { CohereClient, CohereClientV2 } from 'cohere-ai';
const cohere = new CohereClientV2({ token: process.env.CO_API_KEY });`;
const gemini = `import { GoogleGenerativeAI } from '@google/generative-ai';
const model = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '').getGenerativeModel({ model: 'gemini-1.5-flash' });`;
const replicate = `import Replicate from 'replicate';
const replicate = new Replicate();`;
const llamaIndex = `import { Settings, SimpleChatEngine, VectorStoreIndex, Document } from 'llamaindex';
import type { ChatMessage } from 'llamaindex';`;

ruleTester.run('no-model-output-logging: more SDKs', outputRule, {
  valid: [
    // CommonJS requires of SDKs typed with a default export: token counts and a cached id only.
    {
      code: `const OpenAI = require('openai');
const Keyv = require('keyv');
class Client {
  constructor() {
    this.client = new OpenAI();
    this.cache = new Keyv();
  }
  async ask(text, logger) {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    logger.debug('tokens', completion.usage.total_tokens);
    await this.cache.set('last', completion.id);
    return completion.choices[0].message.content;
  }
}
module.exports = { Client };
`,
      filename: cjs,
    },
    // node-chatgpt-api without typings (LibreChat's \`nodejs-gpt\` fork): the answer's scores and
    // ids are metadata, and a \`sendMessage\` of another package or of the app is no model call.
    {
      code: `const logger = require('./logger');
const { Mailer } = require('./mailer');
async function ask(text) {
  const { BingAIClient } = await import('nodejs-gpt');
  const client = new BingAIClient({ userToken: process.env.BINGAI_TOKEN });
  const response = await client.sendMessage(text, {});
  logger.debug('scores', response.details.scores);
  logger.debug('ids', response.conversationId, response.messageId);
  const mailer = new Mailer();
  const receipt = await mailer.sendMessage(text);
  logger.debug('mail', receipt);
}
module.exports = { ask };
`,
      filename: js,
    },
    // LangChain's legacy chains where the package does not resolve (plain JavaScript): only the
    // chain's call answers with model output, not a chain of another package or a retriever.
    {
      code: `const { LLMChain } = require('langchain/chains');
const { VectorStoreRetriever } = require('langchain/vectorstores/base');
const { Chain } = require('./chains');
export async function summarise(llm, prompt, retriever, question) {
  const docs = await new VectorStoreRetriever({ vectorStore: retriever }).invoke(question);
  const local = await new Chain({ llm }).call({ text: question });
  console.log('retrieved', docs, local.text);
  const chain = new LLMChain({ llm, prompt });
  const result = await chain.call({ text: question });
  console.log('summary length', result.text.length);
}
`,
      filename: js,
    },
    // web-llm: usage, the model, runtime statistics, the error of a failed call.
    {
      code: `${webLlm}
export async function ask(question: string) {
  try {
    const reply = await engine.chat.completions.create({ messages: [{ role: 'user', content: question }] });
    console.log(reply.usage?.total_tokens, reply.model, reply.id, reply.choices[0]?.finish_reason);
    console.log(await engine.runtimeStatsText());
  } catch (error) {
    console.error('web-llm failed', error);
  }
}
`,
      filename: browser,
    },
    // node-llama-cpp: how long the answer is, why it stopped, the model file, the context size.
    `${llamaCpp}
const session = new LlamaChatSession({ contextSequence: context.getSequence() });
export async function ask(question: string) {
  const answer = await session.prompt(question, { maxTokens: 256 });
  const meta = await session.promptWithMeta(question);
  console.log(answer.length, meta.stopReason, context.model.filename, context.contextSize);
  console.log(context.model.tokenize(answer).length);
}
`,
    // transformers.js: how many answers; an embedding or a classification pipeline is no generated text.
    `${transformers}
const extractor = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');
const classifier = await pipeline('sentiment-analysis');
export async function ask(question: string) {
  const out = await generator(question, { max_new_tokens: 64 });
  console.log(out.length);
  console.log(await extractor(question, { pooling: 'mean' }), await classifier(question));
}
`,
    // Chrome's built-in AI: quotas, usage, availability.
    {
      code: `export async function ask(question: string) {
  const session = await LanguageModel.create();
  console.log(await LanguageModel.availability(), session.inputUsage, session.inputQuota);
  console.log(await session.measureInputUsage(question));
}
`,
      filename: browser,
    },
    // MediaPipe: the size of the prompt in tokens, the progress listener's `done` flag.
    {
      code: `${mediapipe}
export async function ask(question: string) {
  console.log(llm.sizeInTokens(question));
  await llm.generateResponse(question, (partial, done) => {
    if (done) console.log('finished', done, partial.length);
  });
}
`,
      filename: browser,
    },
    // Bedrock: usage, stop reason, latency, the request id; token counting and KMS are no model calls.
    `${bedrock}
import { KMSClient, EncryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
export async function ask(question: string) {
  const response = await client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: question }] }] }));
  console.log(response.usage?.inputTokens, response.usage?.outputTokens, response.stopReason, response.metrics?.latencyMs, response.$metadata.requestId);
  const counted = await client.send(new CountTokensCommand({ modelId: 'amazon.nova-lite-v1:0', input: { converse: { messages: [] } } }));
  console.log(counted);
  const encrypted = await kms.send(new EncryptCommand({ KeyId: 'alias/app', Plaintext: new TextEncoder().encode('x') }));
  console.log(encrypted.KeyId);
}
`,
    // Cohere: ids, the finish reason, token counts, embeddings.
    `${cohere}
export async function ask(question: string) {
  const res = await cohere.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: question }] });
  console.log(res.id, res.finishReason, res.usage?.tokens?.outputTokens);
  const embedded = await cohere.embed({ model: 'embed-v4.0', texts: [question], inputType: 'search_query', embeddingTypes: ['float'] });
  console.log(embedded.embeddings);
}
`,
    // @google/generative-ai: token counts and usage metadata.
    `${gemini}
export async function ask(question: string) {
  const { totalTokens } = await model.countTokens(question);
  const result = await model.generateContent(question);
  console.log(totalTokens, result.response.usageMetadata?.totalTokenCount, model.model);
}
`,
    // Replicate: a prediction's id and status (what `run` returns is the output).
    `${replicate}
export async function start(question: string) {
  const prediction = await replicate.predictions.create({ model: 'meta/meta-llama-3-8b-instruct', input: { prompt: question } });
  console.log(prediction.id, prediction.status, prediction.created_at);
}
`,
    // LlamaIndex: how many documents an answer cites.
    `${llamaIndex}
export async function rag(question: string, text: string) {
  const index = await VectorStoreIndex.fromDocuments([new Document({ text })]);
  const answer = await index.asQueryEngine().query({ query: question });
  console.log(answer.sourceNodes?.length, answer.sourceNodes);
}
`,
  ],
  invalid: [
    // CommonJS: \`require('openai')\` returns the client class at run time, though its typings export it
    // as \`default\` (TypeScript types \`new OpenAI()\` there as \`any\`); a client kept in a field too.
    {
      code: `const OpenAI = require('openai');
class OpenAIClient {
  constructor(apiKey) {
    this.client = new OpenAI({ apiKey });
  }
  async ask(text, logger) {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
    const reply = completion.choices[0].message.content;
    logger.debug('reply', reply);
    return reply;
  }
}
async function direct(question) {
  const openai = new OpenAI();
  const res = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log(res.choices[0].message.content);
}
module.exports = { OpenAIClient, direct };
`,
      filename: cjs,
      errors: [
        { messageId: 'modelOutputLogged', line: 9, column: 27 },
        { messageId: 'modelOutputLogged', line: 16, column: 15 },
      ],
    },
    // The same client documented \`@type {OpenAI}\` (LibreChat's OpenAIClient): the checker then types
    // it as the module's namespace rather than \`any\`; it is still the client.
    {
      code: `const OpenAI = require('openai');
async function ask(question) {
  /** @type {OpenAI} */
  const openai = new OpenAI();
  const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log(completion.choices[0].message.content);
}
module.exports = { ask };
`,
      filename: cjs,
      errors: [{ messageId: 'modelOutputLogged', line: 6, column: 15 }],
    },
    // node-chatgpt-api's Bing client (and its \`nodejs-gpt\` fork), plain JavaScript: the reply and
    // a title generated from it are logged.
    {
      code: `const logger = require('./logger');
async function titleConvo({ text, response }) {
  let title = 'New Chat';
  const { BingAIClient } = await import('nodejs-gpt');
  const titleGenerator = new BingAIClient({ userToken: process.env.BINGAI_TOKEN });
  const res = await titleGenerator.sendMessage('Title:', { context: \`User: \${text}\\nResponse: \${response}\` });
  title = res.response.replace(/Title: /, '');
  logger.debug('[/ask/bingAI] CONVERSATION TITLE: ' + title);
  return title;
}
async function ask(text) {
  const { ChatGPTClient } = require('@waylaidwanderer/chatgpt-api');
  const client = new ChatGPTClient(process.env.OPENAI_API_KEY);
  const reply = await client.sendMessage(text);
  console.log('reply', reply);
}
module.exports = { titleConvo, ask };
`,
      filename: js,
      errors: [
        { messageId: 'modelOutputLogged', line: 8, column: 16 },
        { messageId: 'modelOutputLogged', line: 15, column: 24 },
      ],
    },
    {
      code: `const { LLMChain } = require('langchain/chains');
async function predictNewSummary({ messages, previousSummary, memory }) {
  const chain = new LLMChain({ llm: memory.llm, prompt: memory.prompt });
  const result = await chain.call({ summary: previousSummary, new_lines: messages.join('\\n') });
  return result.text;
}
export async function summarise(memory, messages, previousSummary) {
  const summary = await predictNewSummary({ messages, previousSummary, memory });
  console.debug('[summaryBuffer]', { summary });
  return summary;
}
`,
      filename: js,
      errors: [{ messageId: output, line: 9, column: 36 }],
    },
    // web-llm: a completion, streamed chunks, the message generated so far.
    {
      code: `${webLlm}
export async function ask(question: string) {
  const reply = await engine.chat.completions.create({ messages: [{ role: 'user', content: question }] });
  console.log(reply.choices[0]?.message.content);
  const chunks = await engine.chat.completions.create({ messages: [{ role: 'user', content: question }], stream: true });
  let text = '';
  for await (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? '';
  console.info(text);
  console.debug(await engine.getMessage());
}
`,
      filename: browser,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 9, column: 16 },
        { messageId: output, line: 10, column: 17 },
      ],
    },
    // web-llm: the engine method behind `chat.completions.create`.
    {
      code: `${webLlm}
export async function ask(question: string) {
  const reply = await engine.chatCompletion({ messages: [{ role: 'user', content: question }] });
  console.log('reply', reply, reply.usage?.completion_tokens);
}
`,
      filename: browser,
      errors: [{ messageId: output, line: 5, column: 24 }],
    },
    // node-llama-cpp: plain-string answers, the answer with meta, streamed text chunks.
    {
      code: `${llamaCpp}
import pino from 'pino';
const logger = pino();
const session = new LlamaChatSession({ contextSequence: context.getSequence() });
export async function ask(question: string) {
  const answer = await session.prompt(question, { onTextChunk: chunk => logger.trace(chunk) });
  logger.info(answer);
  const meta = await session.promptWithMeta(question);
  logger.info({ reply: meta.responseText }, 'answered');
}
`,
      errors: [
        { messageId: output, line: 7, column: 86 },
        { messageId: output, line: 8, column: 15 },
        { messageId: output, line: 10, column: 15 },
      ],
    },
    // node-llama-cpp text completion: completion, infill, completion with meta.
    {
      code: `${llamaCpp}
const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
export async function complete(prefix: string, suffix: string) {
  console.log(await completion.generateCompletion(prefix, { maxTokens: 64 }));
  const infill = await completion.generateInfillCompletion(prefix, suffix);
  console.log(\`middle: \${infill}\`);
  const withMeta = await completion.generateCompletionWithMeta(prefix);
  console.log(withMeta.response, withMeta.metadata.stopReason);
}
`,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 7, column: 15 },
        { messageId: output, line: 9, column: 15 },
      ],
    },
    // transformers.js: text-generation (text and chat), text2text, and the older @xenova package.
    {
      code: `${transformers}
import * as xenova from '@xenova/transformers';
const rewriter = await pipeline('text2text-generation', 'Xenova/flan-t5-small');
const legacy = await xenova.pipeline('text-generation', 'Xenova/gpt2');
export async function ask(question: string) {
  const out = await generator(question, { max_new_tokens: 64 });
  console.log(out[0]?.generated_text);
  const chat = await generator([{ role: 'user', content: question }]);
  console.log(chat[0]?.generated_text.at(-1)?.content);
  const [rewritten] = await rewriter(question);
  console.log(rewritten?.generated_text);
  console.log(await legacy(question));
}
`,
      errors: [
        { messageId: output, line: 8, column: 15 },
        { messageId: output, line: 10, column: 15 },
        { messageId: output, line: 12, column: 15 },
        { messageId: output, line: 13, column: 15 },
      ],
    },
    // Chrome's built-in AI: the Prompt API, streamed, and the Summarizer.
    {
      code: `export async function ask(question: string) {
  const session = await LanguageModel.create();
  const answer = await session.prompt(question);
  console.log(answer);
  for await (const chunk of session.promptStreaming(question)) console.debug(chunk);
  const summarizer = await Summarizer.create({ type: 'tldr' });
  console.info(await summarizer.summarize(question));
}
`,
      filename: browser,
      errors: [
        { messageId: output, line: 4, column: 15 },
        { messageId: output, line: 5, column: 78 },
        { messageId: output, line: 7, column: 16 },
      ],
    },
    // MediaPipe: the answer, and the partial answers its progress listener receives.
    {
      code: `${mediapipe}
export async function ask(question: string) {
  const answer = await llm.generateResponse(question);
  console.log(answer);
  await llm.generateResponse(question, (partial, done) => {
    console.log(partial, done);
  });
}
`,
      filename: browser,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 7, column: 17 },
      ],
    },
    // Bedrock: Converse, ConverseStream events, InvokeModel's body decoded.
    {
      code: `${bedrock}
export async function ask(question: string) {
  const response = await client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: question }] }] }));
  console.log(response.output?.message?.content?.[0]?.text);
  const command = new ConverseStreamCommand({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: question }] }] });
  const streamed = await client.send(command);
  for await (const event of streamed.stream ?? []) {
    console.log(event.metadata?.usage?.outputTokens);
    console.log(event.contentBlockDelta?.delta?.text);
  }
  const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, messages: [{ role: 'user', content: question }] });
  const raw = await client.send(new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', contentType: 'application/json', body }));
  const decoded = JSON.parse(new TextDecoder().decode(raw.body)) as { content: { text: string }[] };
  console.log(decoded.content[0]?.text);
}
`,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 10, column: 17 },
        { messageId: output, line: 15, column: 15 },
      ],
    },
    // InvokeModel's body read with the SDK's own text helper.
    {
      code: `${bedrock}
export async function ask(question: string) {
  const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, messages: [{ role: 'user', content: question }] });
  const raw = await client.send(new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', contentType: 'application/json', body }));
  console.log('status', raw.$metadata.httpStatusCode);
  console.log(raw.body.transformToString());
}
`,
      errors: [{ messageId: output, line: 7, column: 15 }],
    },
    // Bedrock's aggregate client.
    {
      code: `import { BedrockRuntime } from '@aws-sdk/client-bedrock-runtime';
const bedrock = new BedrockRuntime({ region: 'us-east-1' });
export async function ask(question: string) {
  const response = await bedrock.converse({ modelId: 'amazon.nova-lite-v1:0', messages: [{ role: 'user', content: [{ text: question }] }] });
  console.log(response.output);
}
`,
      errors: [{ messageId: output, line: 5, column: 15 }],
    },
    // Cohere: v2 chat, its stream, and the v1 client's text.
    {
      code: `${cohere}
const legacy = new CohereClient({ token: process.env.CO_API_KEY });
export async function ask(question: string) {
  const res = await cohere.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: question }] });
  console.log(res.message.content?.[0]);
  const stream = await cohere.chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: question }] });
  for await (const event of stream) {
    if (event.type === 'content-delta') console.log(event.delta?.message?.content?.text);
  }
  const v1 = await legacy.chat({ message: question });
  console.log(v1.text, v1.generationId);
}
`,
      errors: [
        { messageId: output, line: 6, column: 15 },
        { messageId: output, line: 9, column: 53 },
        { messageId: output, line: 12, column: 15 },
      ],
    },
    // @google/generative-ai: `response.text()`, and a chat's stream.
    {
      code: `${gemini}
export async function ask(question: string) {
  const result = await model.generateContent(question);
  console.log(result.response.text());
  const chat = model.startChat({ history: [] });
  const streamed = await chat.sendMessageStream(question);
  for await (const chunk of streamed.stream) console.log(chunk.text());
}
`,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 8, column: 58 },
      ],
    },
    // Replicate: `run` resolves to the output, `stream` yields it.
    {
      code: `${replicate}
export async function ask(question: string) {
  const output = await replicate.run('meta/meta-llama-3-8b-instruct', { input: { prompt: question, max_new_tokens: 128 } });
  console.log(output);
  for await (const event of replicate.stream('meta/meta-llama-3-8b-instruct', { input: { prompt: question } })) {
    console.log(\`\${event}\`);
  }
}
`,
      errors: [
        { messageId: output, line: 5, column: 15 },
        { messageId: output, line: 7, column: 17 },
      ],
    },
    // LlamaIndex: a chat engine, its stream, a query engine, an LLM's completion.
    {
      code: `${llamaIndex}
export async function chat(question: string, text: string) {
  const engine = new SimpleChatEngine({ llm: Settings.llm });
  const response = await engine.chat({ message: question });
  console.log(response.message.content);
  const stream = await engine.chat({ message: question, stream: true });
  for await (const chunk of stream) console.log(chunk.delta);
  const index = await VectorStoreIndex.fromDocuments([new Document({ text })]);
  const answer = await index.asQueryEngine().query({ query: question });
  console.log(answer.response);
  const completion = await Settings.llm.complete({ prompt: question });
  console.log(completion.text);
}
`,
      errors: [
        { messageId: output, line: 6, column: 15 },
        { messageId: output, line: 8, column: 49 },
        { messageId: output, line: 11, column: 15 },
        { messageId: output, line: 13, column: 15 },
      ],
    },
  ],
});

ruleTester.run('no-prompt-logging: more SDKs', promptRule, {
  valid: [
    // Model ids, paths and settings configure the call; lengths and token counts carry no text.
    {
      code: `${webLlm}
const modelId = new URLSearchParams(location.search).get('model') ?? 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
export async function ask(question: string) {
  await engine.reload(modelId);
  await engine.chat.completions.create({ messages: [{ role: 'user', content: question }], temperature: 0.2 });
  console.log(modelId, question.length);
}
`,
      filename: browser,
    },
    `${llamaCpp}
const session = new LlamaChatSession({ contextSequence: context.getSequence() });
export async function ask(question: string, maxTokens: number) {
  await session.prompt(question, { maxTokens });
  console.log(maxTokens, question.length, context.model.tokenize(question).length);
}
`,
    // A prompt written in the source carries no user data.
    {
      code: `${mediapipe}
const GREETING = 'Say hello in French.';
export async function greet() {
  await llm.generateResponse(GREETING);
  console.log(GREETING);
}
`,
      filename: browser,
    },
    // Bedrock: the model id from the environment, the inference settings.
    `${bedrock}
const modelId = process.env.BEDROCK_MODEL_ID ?? 'amazon.nova-lite-v1:0';
export async function ask(question: string, maxTokens: number) {
  const inferenceConfig = { maxTokens, temperature: 0.3 };
  await client.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: question }] }], inferenceConfig }));
  console.log(modelId, inferenceConfig, question.length);
}
`,
    // Replicate: the model identifier is no prompt.
    `${replicate}
const MODEL = (process.env.REPLICATE_MODEL ?? 'meta/meta-llama-3-8b-instruct') as \`\${string}/\${string}\`;
export async function ask(question: string) {
  await replicate.run(MODEL, { input: { prompt: question } });
  console.log(MODEL);
}
`,
    // Cohere: the model name.
    `${cohere}
const model = process.env.COHERE_MODEL ?? 'command-a-03-2025';
export async function ask(question: string) {
  await cohere.chat({ model, messages: [{ role: 'user', content: question }] });
  console.log(model, question.length);
}
`,
  ],
  invalid: [
    // web-llm: the messages sent.
    {
      code: `${webLlm}
import type { ChatCompletionMessageParam } from '@mlc-ai/web-llm';
export async function ask(history: ChatCompletionMessageParam[], question: string, draft: string) {
  const messages = [...history, { role: 'user' as const, content: question }];
  await engine.chat.completions.create({ messages });
  console.log(messages);
  console.log(history);
  await engine.completions.create({ prompt: draft, max_tokens: 32 });
  console.log(draft);
}
`,
      filename: browser,
      errors: [
        { messageId: prompt, line: 7, column: 15 },
        { messageId: prompt, line: 8, column: 15 },
        { messageId: prompt, line: 10, column: 15 },
      ],
    },
    // node-llama-cpp: the text a session is prompted with, its chat history, a completion's input.
    {
      code: `${llamaCpp}
const session = new LlamaChatSession({ contextSequence: context.getSequence() });
const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
export async function ask(question: string, prefix: string) {
  await session.prompt(question);
  console.log('asked', question);
  console.log(session.getChatHistory());
  await completion.generateCompletion(prefix);
  console.log(prefix);
}
`,
      errors: [
        { messageId: prompt, line: 7, column: 24 },
        { messageId: prompt, line: 8, column: 15 },
        { messageId: prompt, line: 10, column: 15 },
      ],
    },
    // transformers.js: the text a pipeline generates from.
    {
      code: `${transformers}
export async function ask(question: string) {
  await generator(question, { max_new_tokens: 64 });
  console.log(question);
}
`,
      errors: [{ messageId: prompt, line: 5, column: 15 }],
    },
    // Chrome's built-in AI: what a session is prompted with, streamed or not.
    {
      code: `export async function ask(question: string, followUp: string) {
  const session = await LanguageModel.create();
  await session.prompt(question);
  session.promptStreaming(followUp);
  console.log(question, followUp);
}
`,
      filename: browser,
      errors: [
        { messageId: prompt, line: 5, column: 15 },
        { messageId: prompt, line: 5, column: 25 },
      ],
    },
    // MediaPipe: the query.
    {
      code: `${mediapipe}
export async function ask(query: string) {
  await llm.generateResponse(query);
  console.warn(query);
}
`,
      filename: browser,
      errors: [{ messageId: prompt, line: 5, column: 16 }],
    },
    // Bedrock: Converse messages given as a variable, an InvokeModel body.
    {
      code: `${bedrock}
import type { Message } from '@aws-sdk/client-bedrock-runtime';
export async function ask(messages: Message[], question: string) {
  await client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages }));
  console.log(messages);
  const body = JSON.stringify({ inputText: question });
  await client.send(new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body }));
  console.log(body);
}
`,
      errors: [
        { messageId: prompt, line: 6, column: 15 },
        { messageId: prompt, line: 9, column: 15 },
      ],
    },
    // Cohere: v2 messages, the v1 message and chat history.
    {
      code: `${cohere}
import type { Cohere } from 'cohere-ai';
const legacy = new CohereClient({ token: process.env.CO_API_KEY });
export async function ask(messages: Cohere.ChatMessages, message: string, chatHistory: Cohere.Message[]) {
  await cohere.chat({ model: 'command-a-03-2025', messages });
  console.log(messages);
  await legacy.chat({ message, chatHistory });
  console.log(message, chatHistory);
}
`,
      errors: [
        { messageId: prompt, line: 7, column: 15 },
        { messageId: prompt, line: 9, column: 15 },
        { messageId: prompt, line: 9, column: 24 },
      ],
    },
    // @google/generative-ai: the prompt text.
    {
      code: `${gemini}
export async function ask(question: string) {
  await model.generateContent(question);
  console.log(question);
}
`,
      errors: [{ messageId: prompt, line: 5, column: 15 }],
    },
    // Replicate: the model input's prompt.
    {
      code: `${replicate}
export async function ask(question: string) {
  await replicate.run('meta/meta-llama-3-8b-instruct', { input: { prompt: question } });
  console.log(question);
}
`,
      errors: [{ messageId: prompt, line: 5, column: 15 }],
    },
    // LlamaIndex: a chat engine's message and history, a query.
    {
      code: `${llamaIndex}
export async function chat(question: string, history: ChatMessage[], query: string) {
  const engine = new SimpleChatEngine({ llm: Settings.llm });
  await engine.chat({ message: question, chatHistory: history });
  console.log(question, history);
  const index = await VectorStoreIndex.fromDocuments([new Document({ text: 'Our refund policy.' })]);
  await index.asQueryEngine().query({ query });
  console.log(query);
}
`,
      errors: [
        { messageId: prompt, line: 6, column: 15 },
        { messageId: prompt, line: 6, column: 25 },
        { messageId: prompt, line: 9, column: 15 },
      ],
    },
  ],
});
