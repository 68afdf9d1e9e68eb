// Local development: dummy keys for local servers, and a few shortcuts that leak real ones.
import OpenAI from 'openai';
import axios from 'axios';
import { Ollama } from 'ollama';

export const ollamaOpenAI = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
export const lmStudio = new OpenAI({ baseURL: 'http://localhost:1234/v1', apiKey: 'lm-studio' });
export const vllm = new OpenAI({ baseURL: 'http://localhost:8000/v1', apiKey: 'EMPTY' });
export const llamaCpp = new OpenAI({ baseURL: 'http://localhost:8080/v1', apiKey: 'sk-no-key-required' });
export const docsExample = new OpenAI({ apiKey: 'sk-...' });
export const templateExample = new OpenAI({ apiKey: 'YOUR_OPENAI_API_KEY' });
export const ollama = new Ollama({ host: 'http://127.0.0.1:11434' });

// The test setup assigns keys the SDK will read from the environment.
process.env.OPENAI_API_KEY = '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'; // expect: no-hardcoded-llm-credentials
process.env.ANTHROPIC_API_KEY = '';

export async function quickClaude(prompt: string): Promise<unknown> {
  const { data } = await axios.post(
    'https://api.anthropic.com/v1/messages',
    { model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: prompt }] },
    {
      headers: {
        'x-api-key': 'anthropic-team-key-0f9e8d7c', // expect: no-hardcoded-llm-credentials
        'anthropic-version': '2023-06-01',
      },
    },
  );
  return data;
}

export async function listModels(): Promise<unknown> {
  const response = await fetch('https://api.openai.com/v1/models', {
    headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
  });
  return response.json();
}

// Not an LLM API: out of scope for this rule.
export async function internalSearch(query: string): Promise<unknown> {
  const response = await fetch(`https://search.corp.example/api?q=${encodeURIComponent(query)}`, {
    headers: { Authorization: 'Bearer search-svc-7a6b5c4d' },
  });
  return response.json();
}
