// support-bot/llm.ts: thin project helpers around the OpenAI client, used by the bot's handlers.
import OpenAI from 'openai';
import type { ChatCompletion } from 'openai/resources/chat/completions';

const client = new OpenAI();

/** Asks the model and returns the text of the first choice. */
export async function ask(question: string, system = 'You are a helpful assistant.'): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: question },
    ],
  });
  return textOf(completion);
}

export function textOf(completion: ChatCompletion): string {
  return completion.choices.map(choice => choice.message.content ?? '').join('\n').trim();
}

/** Returns only numbers about a completion: safe to log. */
export function statsOf(completion: ChatCompletion): { tokens: number; choices: number } {
  return { tokens: completion.usage?.total_tokens ?? 0, choices: completion.choices.length };
}

export async function askRaw(question: string): Promise<ChatCompletion> {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}

/** A hash identifies an answer without revealing it. */
export async function fingerprint(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}
