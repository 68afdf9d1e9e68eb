import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export interface Answer {
  text: string;
  tokens: number;
  model: string;
}

/** Asks the model one question and returns its answer with a little metadata. */
export async function ask(question: string): Promise<Answer> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a helpful support assistant.' },
      { role: 'user', content: question },
    ],
  });
  return {
    text: completion.choices[0]?.message.content ?? '',
    tokens: completion.usage?.total_tokens ?? 0,
    model: completion.model,
  };
}
