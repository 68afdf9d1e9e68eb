// Process bootstrap of a worker that pulls models and calls OpenAI.
import OpenAI from 'openai';
import ollama from 'ollama';
import { Agent, ProxyAgent } from 'undici';
import { readFileSync } from 'node:fs';

if (process.env.CORP_PROXY_WORKAROUND === '1') {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: no-insecure-llm-transport
}

// Reading the setting is fine; so is switching it back on.
export const tlsOff = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';

const proxy = new ProxyAgent({
  uri: 'http://proxy.corp.example:3128',
  requestTls: { rejectUnauthorized: false }, // expect: no-insecure-llm-transport
});

export const client = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  fetchOptions: { dispatcher: proxy },
});

// Trusting the corporate CA instead of turning verification off: the right fix.
export const strictClient = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY,
  fetchOptions: { dispatcher: new Agent({ connect: { ca: readFileSync('/etc/ssl/corp-ca.pem') } }) },
});

// Publishing a fine-tuned model to the team registry. (Pulls are left to require-model-integrity's corpus.)
export async function publishModel(): Promise<void> {
  await ollama.push({ model: 'registry.corp.example:5000/ml/support-llama', insecure: true }); // expect: no-insecure-llm-transport
  await ollama.push({ model: 'registry.corp.example/ml/custom', insecure: false });
}
