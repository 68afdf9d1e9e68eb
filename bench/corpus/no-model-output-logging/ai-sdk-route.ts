// app/api/assistant/route.ts: a Vercel AI SDK route. The text streams to the browser; the
// callbacks record analytics and, wrongly, the generated text.
import { openai } from '@ai-sdk/openai';
import { generateObject, generateText, jsonSchema, streamText, type ModelMessage } from 'ai';
import { consola } from 'consola';

interface AssistantRequest {
  messages: ModelMessage[];
  userId: string;
}

export async function POST(req: Request): Promise<Response> {
  const { messages, userId } = (await req.json()) as AssistantRequest;
  const started = Date.now();

  const result = streamText({
    model: openai('gpt-4o'),
    system: 'You are a friendly cooking assistant.',
    messages,
    onChunk({ chunk }) {
      if (chunk.type === 'text-delta' && process.env.TRACE_CHUNKS) {
        consola.trace('chunk', chunk.text); // expect: no-model-output-logging
      }
    },
    onFinish({ text, usage, finishReason }) {
      consola.info(`assistant finished for ${userId} in ${Date.now() - started} ms: ${usage.totalTokens} tokens, ${finishReason}`);
      consola.debug(`assistant answer: ${text}`); // expect: no-model-output-logging
    },
    onError({ error }) {
      consola.error('assistant stream failed', error);
    },
  });

  return result.toTextStreamResponse();
}

export async function suggestTitle(conversation: string): Promise<string> {
  const { text, usage } = await generateText({
    model: openai('gpt-4o-mini'),
    prompt: `Suggest a five-word title for this conversation:\n${conversation}`,
  });
  consola.info('title generated', { tokens: usage.totalTokens });
  consola.success(`title: ${text}`); // expect: no-model-output-logging
  return text;
}

interface Recipe {
  name: string;
  steps: string[];
  minutes: number;
}

export async function extractRecipe(description: string): Promise<Recipe> {
  const { object, finishReason } = await generateObject({
    model: openai('gpt-4o-mini'),
    schema: jsonSchema<Recipe>({
      type: 'object',
      properties: {
        name: { type: 'string' },
        steps: { type: 'array', items: { type: 'string' } },
        minutes: { type: 'number' },
      },
      required: ['name', 'steps', 'minutes'],
    }),
    prompt: description,
  });
  // The step count and cooking time are numbers: fine.
  consola.info(`recipe extracted: ${object.steps.length} steps, ${object.minutes} min, ${finishReason}`);
  consola.info('recipe', object.name); // expect: no-model-output-logging
  return object;
}

export async function streamToConsole(prompt: string): Promise<void> {
  const result = streamText({ model: openai('gpt-4o-mini'), prompt });
  for await (const delta of result.textStream) {
    consola.log(delta); // expect: no-model-output-logging
  }
  consola.info('usage', (await result.usage).totalTokens);
}
