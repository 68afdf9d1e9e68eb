// A multi-provider chat client that calls the providers' REST APIs with fetch, parses the SSE
// stream itself, and keeps the conversation in its own types. Modelled on browser chat clients.
import { createParser } from 'eventsource-parser';

export interface ChatTurn {
  id: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  createdAt: number;
}

export interface Conversation {
  id: string;
  title: string;
  model: string;
  turns: ChatTurn[];
}

interface ProviderSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
}

const PATHS = { chat: '/v1/chat/completions', models: '/v1/models' } as const;

async function readEvents(response: Response, onData: (data: string) => void): Promise<void> {
  if (!response.ok) {
    // The provider's error, not the model's answer.
    console.error('provider error', response.status, await response.text());
    return;
  }
  const parser = createParser({ onEvent: event => onData(event.data) });
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value));
  }
}

export async function listModels(settings: ProviderSettings): Promise<string[]> {
  const response = await fetch(settings.baseUrl + PATHS.models, { headers: { Authorization: `Bearer ${settings.apiKey}` } });
  const body = (await response.json()) as { data: { id: string }[] };
  console.log('models', body); // metadata endpoint: no model output
  return body.data.map(model => model.id);
}

export async function streamReply(settings: ProviderSettings, conversation: Conversation, onUpdate: (text: string) => void): Promise<string> {
  const payload = { model: settings.model, stream: true, messages: conversation.turns.map(turn => ({ role: turn.role, content: turn.content })) };
  console.debug('request', payload); // expect: no-prompt-logging
  console.debug('request size', payload.messages.length, settings.model);
  const response = await fetch(`${settings.baseUrl}${PATHS.chat}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.apiKey}` },
    body: JSON.stringify(payload),
  });
  let reply = '';
  await readEvents(response, data => {
    console.debug('sse', data); // expect: no-model-output-logging
    if (data === '[DONE]') return;
    const chunk = JSON.parse(data) as { choices: { delta: { content?: string } }[] };
    reply += chunk.choices[0]?.delta.content ?? '';
    onUpdate(reply);
  });
  return reply;
}

export async function send(settings: ProviderSettings, conversation: Conversation, text: string): Promise<void> {
  conversation.turns.push({ id: crypto.randomUUID(), role: 'user', content: text, createdAt: Date.now() });
  const reply = await streamReply(settings, conversation, partial => console.debug('partial', partial.length));
  conversation.turns.push({ id: crypto.randomUUID(), role: 'assistant', content: reply, createdAt: Date.now() });
  console.info('turns', conversation.turns.length, 'last id', conversation.turns.at(-1)?.id);
  localStorage.setItem(`conversation:${conversation.id}`, JSON.stringify(conversation)); // expect: no-plaintext-prompt-storage
  localStorage.setItem('last-model', settings.model);
  localStorage.setItem('theme', 'dark');
}
