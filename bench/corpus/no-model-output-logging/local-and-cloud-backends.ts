// src/backends/*.ts collapsed into one file: an assistant that answers with a local model
// (node-llama-cpp, transformers.js) or a hosted one (Bedrock, Cohere, Gemini's older SDK, Replicate).
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { pipeline } from '@huggingface/transformers';
import { CohereClientV2 } from 'cohere-ai';
import { getLlama, LlamaChatSession } from 'node-llama-cpp';
import pino from 'pino';
import Replicate from 'replicate';

const logger = pino({ name: 'backends' });
const modelId = process.env.BEDROCK_MODEL_ID ?? 'amazon.nova-lite-v1:0';
const bedrock = new BedrockRuntimeClient({ region: process.env.AWS_REGION ?? 'us-east-1' });
const cohere = new CohereClientV2({ token: process.env.CO_API_KEY });
const gemini = new GoogleGenerativeAI(process.env.GEMINI_API_KEY ?? '').getGenerativeModel({ model: 'gemini-1.5-flash' });
const replicate = new Replicate();

const llama = await getLlama();
const localModel = await llama.loadModel({ modelPath: process.env.LLAMA_MODEL_PATH ?? 'models/llama-3.2-1b.gguf' }); // expect: require-model-integrity
const context = await localModel.createContext();
const session = new LlamaChatSession({ contextSequence: context.getSequence() });

export async function viaLocalModel(question: string): Promise<string> {
  logger.debug({ chars: question.length, contextSize: context.contextSize }, 'local prompt');
  const answer = await session.prompt(question, {
    maxTokens: 512,
    onTextChunk: chunk => logger.trace({ chunk }, 'local chunk'), // expect: no-model-output-logging
  });
  logger.info({ model: localModel.filename, chars: answer.length }, 'local answer');
  logger.debug(`local answer: ${answer}`); // expect: no-model-output-logging
  logger.debug({ question }, 'asked locally'); // expect: no-prompt-logging
  return answer;
}

export async function viaTransformers(question: string): Promise<string> {
  const generator = await pipeline('text-generation', 'onnx-community/Qwen2.5-0.5B-Instruct'); // expect: require-model-integrity
  const output = await generator([{ role: 'user', content: question }], { max_new_tokens: 128 });
  logger.info({ results: output.length }, 'transformers answered');
  const last = output[0]?.generated_text.at(-1)?.content;
  const reply = typeof last === 'string' ? last : '';
  logger.debug({ reply }, 'transformers reply'); // expect: no-model-output-logging
  return reply;
}

export async function viaBedrock(question: string): Promise<string> {
  const response = await bedrock.send(new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: question }] }], inferenceConfig: { maxTokens: 512 } }));
  logger.info({ modelId, usage: response.usage, stop: response.stopReason, latencyMs: response.metrics?.latencyMs, requestId: response.$metadata.requestId }, 'bedrock answered');
  const text = response.output?.message?.content?.map(block => block.text ?? '').join('') ?? '';
  logger.debug({ text }, 'bedrock answer'); // expect: no-model-output-logging
  return text;
}

export async function viaBedrockStream(question: string): Promise<string> {
  const streamed = await bedrock.send(new ConverseStreamCommand({ modelId, messages: [{ role: 'user', content: [{ text: question }] }] }));
  let text = '';
  for await (const event of streamed.stream ?? []) {
    if (event.metadata) logger.info({ tokens: event.metadata.usage?.outputTokens }, 'bedrock stream done');
    text += event.contentBlockDelta?.delta?.text ?? '';
  }
  console.log('bedrock streamed:', text); // expect: no-model-output-logging
  return text;
}

export async function viaCohere(question: string): Promise<string> {
  const response = await cohere.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: question }] });
  logger.info({ id: response.id, finish: response.finishReason, tokens: response.usage?.tokens?.outputTokens }, 'cohere answered');
  const first = response.message.content?.[0];
  const text = first?.type === 'text' ? first.text : '';
  logger.warn({ text }, 'cohere answer'); // expect: no-model-output-logging
  return text;
}

export async function viaGemini(question: string): Promise<string> {
  const { totalTokens } = await gemini.countTokens(question);
  const result = await gemini.generateContent(question);
  logger.info({ promptTokens: totalTokens, usage: result.response.usageMetadata?.totalTokenCount }, 'gemini answered');
  const text = result.response.text();
  logger.debug(text); // expect: no-model-output-logging
  return text;
}

export async function viaReplicate(question: string): Promise<string> {
  const output = await replicate.run('meta/meta-llama-3-8b-instruct', { input: { prompt: question, max_new_tokens: 256 } });
  const text = Array.isArray(output) ? output.join('') : String(output);
  logger.info({ chars: text.length }, 'replicate answered');
  logger.error({ output }, 'replicate output'); // expect: no-model-output-logging
  return text;
}
