// src/providers/*.ts collapsed into one file: the same feature on Ollama, Gemini, Mistral and Groq.
import { GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';
import Groq from 'groq-sdk';
import log from 'loglevel';
import { Ollama } from 'ollama';
import bunyan from 'bunyan';

const ollama = new Ollama({ host: 'http://127.0.0.1:11434' });
const gemini = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY });
const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY ?? '' });
const groq = new Groq({ apiKey: process.env.GROQ_API_KEY });
const requestLog = bunyan.createLogger({ name: 'providers' });

export async function viaOllama(question: string): Promise<string> {
  const response = await ollama.chat({ model: 'llama3.1', messages: [{ role: 'user', content: question }] });
  requestLog.info({ evalCount: response.eval_count, durationNs: response.total_duration, done: response.done_reason });
  requestLog.debug({ reply: response.message.content }, 'ollama reply'); // expect: no-model-output-logging
  return response.message.content;
}

export async function viaOllamaStream(question: string): Promise<string> {
  const stream = await ollama.generate({ model: 'llama3.1', prompt: question, stream: true });
  let text = '';
  for await (const part of stream) {
    text += part.response;
    if (part.done) requestLog.info({ tokens: part.eval_count }, 'ollama stream done');
  }
  log.debug('ollama streamed', text); // expect: no-model-output-logging
  return text;
}

export async function viaGemini(question: string): Promise<string> {
  const response = await gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: question });
  requestLog.info({ tokens: response.usageMetadata?.totalTokenCount, model: response.modelVersion });
  const text = response.text ?? '';
  log.info(`gemini: ${text}`); // expect: no-model-output-logging
  return text;
}

export async function viaGeminiStream(question: string): Promise<string> {
  const stream = await gemini.models.generateContentStream({ model: 'gemini-2.5-flash', contents: question });
  const pieces: string[] = [];
  for await (const chunk of stream) {
    pieces.push(chunk.text ?? '');
  }
  requestLog.info({ pieces: pieces.length }, 'gemini stream done');
  requestLog.trace({ pieces }, 'gemini pieces'); // expect: no-model-output-logging
  return pieces.join('');
}

export async function viaMistral(question: string): Promise<string> {
  const response = await mistral.chat.complete({ model: 'mistral-small-latest', messages: [{ role: 'user', content: question }] });
  requestLog.info({ tokens: response.usage.totalTokens, model: response.model });
  const content = response.choices[0]?.message?.content;
  const text = typeof content === 'string' ? content : '';
  log.warn('mistral answered', text); // expect: no-model-output-logging
  return text;
}

export async function viaGroq(question: string): Promise<string> {
  const completion = await groq.chat.completions.create({ model: 'llama-3.1-8b-instant', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';
  requestLog.info({ tokens: completion.usage?.total_tokens, id: completion.id }, 'groq answered');
  requestLog.error({ text }, 'groq answer'); // expect: no-model-output-logging
  return text;
}
