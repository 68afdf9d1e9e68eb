// Talking to inference servers without an SDK: fetch, axios and node:http.
import axios from 'axios';
import http from 'node:http';
import https from 'node:https';
import { Agent } from 'undici';

const OLLAMA_URL = 'http://gpu-workstation-7:11434';
const TGI_URL = 'https://tgi.corp.example';

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export async function ollamaChat(messages: ChatMessage[]): Promise<unknown> {
  const response = await fetch(`${OLLAMA_URL}/api/chat`, { // expect: no-insecure-llm-transport
    method: 'POST',
    body: JSON.stringify({ model: 'llama3.2', messages, stream: false }),
  });
  return response.json();
}

export async function localOllamaChat(messages: ChatMessage[]): Promise<unknown> {
  const response = await fetch('http://localhost:11434/api/chat', { method: 'POST', body: JSON.stringify({ model: 'llama3.2', messages }) });
  return response.json();
}

export async function vllmCompletion(prompt: string): Promise<unknown> {
  const { data } = await axios.post('http://10.20.0.15:8000/v1/completions', { model: 'mistral-7b', prompt }); // expect: no-insecure-llm-transport
  return data;
}

export async function proxiedClaude(messages: ChatMessage[]): Promise<unknown> {
  const { data } = await axios.post('/v1/messages', { model: 'claude-sonnet-4-5', max_tokens: 1024, messages }, {
    baseURL: 'http://claude-proxy.corp.example', // expect: no-insecure-llm-transport
    headers: { 'anthropic-version': '2023-06-01' },
  });
  return data;
}

// The team's own CA is not in Node's store, so someone switched verification off.
const lenientAgent = new Agent({ connect: { rejectUnauthorized: false } }); // expect: no-insecure-llm-transport

export async function tgiChat(messages: ChatMessage[]): Promise<unknown> {
  const response = await fetch(`${TGI_URL}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ model: 'tgi', messages }),
    dispatcher: lenientAgent,
  } as RequestInit);
  return response.json();
}

export async function openaiWithAgent(messages: ChatMessage[]): Promise<unknown> {
  const { data } = await axios.post('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o-mini', messages }, {
    httpsAgent: new https.Agent({ rejectUnauthorized: false }), // expect: no-insecure-llm-transport
  });
  return data;
}

export function rawGenerate(prompt: string): http.ClientRequest {
  const request = http.request('http://gpu-workstation-7:11434/api/generate', { method: 'POST' }); // expect: no-insecure-llm-transport
  request.end(JSON.stringify({ model: 'llama3.2', prompt }));
  return request;
}

// Look-alikes: plain http and disabled verification for traffic that is not LLM traffic.
export async function legacyInventory(): Promise<unknown> {
  const { data } = await axios.get('http://inventory.corp.example/api/items', {
    httpsAgent: new https.Agent({ rejectUnauthorized: false }),
  });
  return data;
}

export async function health(): Promise<boolean> {
  const response = await fetch('http://status.corp.example/healthz');
  return response.ok;
}
