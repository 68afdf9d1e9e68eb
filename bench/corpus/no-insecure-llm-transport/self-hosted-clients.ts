// Inference clients of a team that runs its own models next to the hosted APIs.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';

const VLLM_HOST = 'vllm-a100.ml.corp.example';
const LOCAL_OLLAMA = 'http://127.0.0.1:11434';

/** Hosted OpenAI: https, nothing to report. */
export const hosted = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

/** The shared GPU box, reached over the office network in plain http. */
export const vllm = new OpenAI({
  baseURL: `http://${VLLM_HOST}:8000/v1`, // expect: no-insecure-llm-transport
  apiKey: process.env.VLLM_API_KEY,
});

/** A local LM Studio for development: loopback stays on the machine. */
export const lmStudio = new OpenAI({ baseURL: 'http://localhost:1234/v1', apiKey: 'lm-studio' });

/** Staging falls back to a plain-http endpoint when the variable is missing. */
export const staging = new OpenAI({
  baseURL: process.env.STAGING_LLM_URL ?? 'http://llm-staging.internal:8080/v1', // expect: no-insecure-llm-transport
});

const proxyOptions = {
  baseURL: 'http://egress-proxy.corp.example:3128/anthropic', // expect: no-insecure-llm-transport
  maxRetries: 2,
};
export const claude = new Anthropic(proxyOptions);

export const localOllama = new Ollama({ host: LOCAL_OLLAMA });
export const gpuOllama = new Ollama({ host: 'gpu-workstation-7:11434' }); // expect: no-insecure-llm-transport
export const dockerOllama = new Ollama({ host: ':11434' });

export const aiSdkVllm = createOpenAI({ baseURL: 'http://10.20.0.15:8000/v1', apiKey: process.env.VLLM_API_KEY }); // expect: no-insecure-llm-transport
export const aiSdkGateway = createOpenAI({ baseURL: 'https://gateway.ai.cloudflare.com/v1/acct/gw/openai' });

export const summarizer = new ChatOpenAI({
  model: 'qwen2.5-72b-instruct',
  configuration: {
    baseURL: 'http://qwen.inference.corp.example/v1', // expect: no-insecure-llm-transport
  },
});
export const localSummarizer = new ChatOpenAI({ model: 'llama3.2', configuration: { baseURL: 'http://[::1]:8080/v1' } });

export const gemini = new GoogleGenAI({
  apiKey: process.env.GEMINI_API_KEY,
  httpOptions: { baseUrl: 'http://gemini-cache.corp.example:8080' }, // expect: no-insecure-llm-transport
});

export const mistral = new Mistral({ apiKey: process.env.MISTRAL_API_KEY, serverURL: 'https://api.mistral.ai' });

// Look-alikes: http URLs that are not LLM client endpoints.
export const grafanaUrl = 'http://grafana.corp.example:3000/d/llm-latency';
export const metricsClient = { baseURL: 'http://prometheus.corp.example:9090' };
class InternalApi {
  constructor(readonly options: { baseURL: string }) {}
}
export const tickets = new InternalApi({ baseURL: 'http://tickets.corp.example/api' });
