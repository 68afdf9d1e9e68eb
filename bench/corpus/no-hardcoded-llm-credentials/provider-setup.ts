// Provider clients of a prototype that grew into a product.
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import Groq from 'groq-sdk';
import { createOpenAI } from '@ai-sdk/openai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { ChatOpenAI, AzureChatOpenAI } from '@langchain/openai';
import { GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';

// The good path: keys from the environment or a secret manager.
declare function getSecret(name: string): Promise<string>;
export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
export const anthropic = new Anthropic({ apiKey: await getSecret('prod/anthropic') });

// Pasted while debugging and never removed.
export const debugClient = new OpenAI({ apiKey: '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' }); // expect: no-hardcoded-llm-credentials

// A fallback "so the demo works": still a key in the source.
export const demoClaude = new Anthropic({
  apiKey: process.env.ANTHROPIC_API_KEY ?? 'sk-ant-api03-pS6xlky3GlTHQpqPUgvvPQPaiL4j1kyDB44hOU61Kxsl8xOAV5mW7cwkmNZvKGSqT-vvo6BEy02uitKxeiDIWhHUKAap9AA', // expect: no-hardcoded-llm-credentials
});

const GROQ_KEY = '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'; // expect: no-hardcoded-llm-credentials
export const groq = new Groq({ apiKey: GROQ_KEY });

// No known shape, but it is what the client authenticates with.
export const mistral = new Mistral({ apiKey: 'BbwzRitQkPCc2LqGcsg0xDR0lVxjUJek' }); // expect: no-hardcoded-llm-credentials

const deepseekOptions = {
  baseURL: 'https://api.deepseek.com',
  apiKey: 'sk-7fd3af97dffb03e715400415de02105f', // expect: no-hardcoded-llm-credentials
};
export const deepseek = new OpenAI(deepseekOptions);

export const gateway = createOpenAI({
  baseURL: 'https://llm-gateway.corp.example/v1',
  headers: { Authorization: 'Bearer gw-team-search-5be8c1d7' }, // expect: no-hardcoded-llm-credentials
});

export const aiClaude = createAnthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

export const azureChat = new AzureChatOpenAI({
  azureOpenAIApiKey: '4c1f0e9d8b7a65432f1e0d9c8b7a6f5e', // expect: no-hardcoded-llm-credentials
  azureOpenAIApiInstanceName: 'corp-eastus',
  azureOpenAIApiDeploymentName: 'gpt-4o',
  azureOpenAIApiVersion: '2024-10-21',
});

export const summarizer = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: process.env.OPENAI_API_KEY });

export const gemini = new GoogleGenAI({ apiKey: 'AIzaJdwJIwT_GiJC-cVrqaZT-340yLbH27tfB6I' }); // expect: no-hardcoded-llm-credentials
export const vertex = new GoogleGenAI({ vertexai: true, project: 'corp-ml', location: 'us-central1' });
