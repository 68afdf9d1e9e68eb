// server/routes/complete.ts: an Express handler that streams a completion of the raw request body.
// The body is logged before it is sent as the user's message; the request's other parts are not prompt data.
import OpenAI from 'openai';

const openai = new OpenAI();

interface ExpressLikeRequest {
  body: any;
  headers: Record<string, string | undefined>;
  ip?: string;
}
interface ExpressLikeResponse {
  write(chunk: string): void;
  end(): void;
}

export async function completeHandler(req: ExpressLikeRequest, res: ExpressLikeResponse) {
  console.log('Received request:', req.body); // expect: no-prompt-logging
  // Look-alike: who asked and with which client is request metadata, not the prompt.
  console.log('from', req.ip, req.headers['user-agent']);
  const stream = openai.chat.completions.stream({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user' as const, content: req.body }],
  });
  for await (const chunk of stream) {
    res.write(chunk.choices[0]?.delta?.content ?? '');
  }
  res.end();
}

interface FeedbackRequest {
  body: { question: string; sessionId: string; rating?: number };
}

export async function answerHandler(req: FeedbackRequest) {
  const completion = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: req.body.question }],
  });
  // Look-alike: the session id and rating are fields beside the question.
  console.info('answered', req.body.sessionId, req.body.rating, completion.usage?.total_tokens);
  console.debug('request body', req.body); // expect: no-prompt-logging
  return completion.choices[0]?.message.content ?? '';
}
