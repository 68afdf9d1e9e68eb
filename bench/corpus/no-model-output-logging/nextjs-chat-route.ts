// app/api/chat/route.ts: a Next.js App Router handler that answers support questions with OpenAI.
// The answer goes back to the browser (the feature); only metadata may reach the request log.
import OpenAI from 'openai';
import pino from 'pino';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
const log = pino({ name: 'chat-route', level: process.env.LOG_LEVEL ?? 'info' });

interface ChatRequestBody {
  question: string;
  conversationId?: string;
}

const SYSTEM_PROMPT = 'You are a helpful support agent for Acme Cloud. Answer briefly.';

export async function POST(request: Request): Promise<Response> {
  const started = Date.now();
  const body = (await request.json()) as ChatRequestBody;

  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    temperature: 0.2,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: body.question },
    ],
  });

  const choice = completion.choices[0];
  const answer = choice?.message.content ?? '';

  // Fine: request metadata, token usage, latency.
  log.info(
    {
      conversationId: body.conversationId,
      model: completion.model,
      promptTokens: completion.usage?.prompt_tokens,
      completionTokens: completion.usage?.completion_tokens,
      finishReason: choice?.finish_reason,
      latencyMs: Date.now() - started,
    },
    'chat completion served',
  );

  if (choice?.finish_reason === 'length') {
    // Leak: the truncated answer ends up in the log aggregator.
    log.warn({ answer }, 'answer truncated at max_tokens'); // expect: no-model-output-logging
  }

  if (process.env.DEBUG_CHAT === '1') {
    log.debug(`raw answer for ${body.conversationId ?? 'anonymous'}: ${answer}`); // expect: no-model-output-logging
  }

  return Response.json({ answer, id: completion.id });
}

// Streaming variant: chunks are forwarded to the client and accumulated for the audit log.
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const question = url.searchParams.get('q') ?? '';
  const stream = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: question }],
  });

  const encoder = new TextEncoder();
  let transcript = '';
  let chunkCount = 0;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content ?? '';
        transcript += delta;
        chunkCount += 1;
        controller.enqueue(encoder.encode(delta));
        if (chunk.usage) {
          log.info({ totalTokens: chunk.usage.total_tokens, chunks: chunkCount }, 'stream finished');
        }
      }
      log.info({ transcript }, 'stream transcript'); // expect: no-model-output-logging
      controller.close();
    },
  });

  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
