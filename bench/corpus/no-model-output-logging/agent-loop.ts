// src/agent/run-agent.ts: a tool-calling agent on the OpenAI Chat Completions and Responses APIs.
// Tool names and call ids are bookkeeping; tool arguments and answers are generated text.
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import pino from 'pino';

const client = new OpenAI();
const logger = pino({ name: 'agent' });

const tools: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

async function getWeather(city: string): Promise<{ celsius: number }> {
  return { celsius: city.length % 30 };
}

export async function runAgent(question: string, maxTurns = 4): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: question }];
  for (let turn = 0; turn < maxTurns; turn += 1) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages, tools });
    const message = completion.choices[0]?.message;
    if (!message) break;
    messages.push(message);

    if (!message.tool_calls?.length) {
      logger.info({ turn, tokens: completion.usage?.total_tokens }, 'agent finished');
      return message.content ?? '';
    }

    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      // Look-alike: the tool name is one of our own tool names (bookkeeping), although it is read from model output.
      logger.info({ turn, callId: call.id, tool: call.function.name }, 'tool call');
      logger.debug({ callId: call.id, rawArguments: call.function.arguments }, 'tool arguments'); // expect: no-model-output-logging
      const args = JSON.parse(call.function.arguments) as { city: string };
      logger.debug(`weather lookup for ${args.city}`); // expect: no-model-output-logging
      const weather = await getWeather(args.city);
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(weather) });
      logger.debug({ callId: call.id, celsius: weather.celsius }, 'tool result');
    }
  }
  logger.warn({ maxTurns }, 'agent gave up');
  return '';
}

// Responses API: output items, then the convenience text.
export async function research(topic: string): Promise<string> {
  const response = await client.responses.create({ model: 'gpt-4.1', input: `Research: ${topic}` });
  for (const item of response.output) {
    logger.info({ type: item.type, id: item.id, responseId: response.id }, 'output item');
  }
  logger.info({ status: response.status, usage: response.usage }, 'research done');
  logger.info(`research result: ${response.output_text}`); // expect: no-model-output-logging
  return response.output_text;
}

// Fire-and-forget follow-up, logged from a promise callback.
export function suggestFollowUp(topic: string): void {
  client.responses
    .create({ model: 'gpt-4.1-mini', input: `One follow-up question about ${topic}` })
    .then(response => logger.info({ followUp: response.output_text })) // expect: no-model-output-logging
    .catch((error: unknown) => logger.error({ err: error }, 'follow-up failed'));
}

// Parallel fan-out over several perspectives.
export async function perspectives(topic: string): Promise<string[]> {
  const angles = ['technical', 'business', 'legal'];
  const completions = await Promise.all(
    angles.map(angle => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `${angle} view of ${topic}` }] })),
  );
  const texts = completions.map(completion => completion.choices[0]?.message.content ?? '');
  logger.info({ angles: angles.length, tokens: completions.map(completion => completion.usage?.total_tokens ?? 0) });
  logger.debug({ texts }, 'perspectives'); // expect: no-model-output-logging

  const summaries = await Promise.all(
    angles.map(async angle => {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Summarise the ${angle} view of ${topic}` }] });
      return completion.choices[0]?.message.content ?? '';
    }),
  );
  // The answers come back through an async callback of `map` over a clean array, then Promise.all.
  logger.debug({ summaries }, 'summaries'); // expect: no-model-output-logging
  return texts;
}

// Structured output parsed into our own type.
interface Triage {
  severity: 'low' | 'medium' | 'high';
  summary: string;
}

export async function triage(report: string): Promise<Triage> {
  const completion = await client.chat.completions.parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: `Triage this bug report as JSON {severity, summary}: ${report}` }],
    response_format: { type: 'json_object' },
  });
  const raw = completion.choices[0]?.message.content ?? '{}';
  const result = JSON.parse(raw) as Triage;
  logger.info({ severity: result.severity }, 'bug triaged');
  logger.info({ triage: result }, 'triage result'); // expect: no-model-output-logging
  return result;
}
