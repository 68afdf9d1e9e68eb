// src/observability/llm-telemetry.ts: tracing and error reporting around model calls.
// Spans, breadcrumbs and Sentry context are shipped to third-party backends.
import { SpanStatusCode, trace } from '@opentelemetry/api';
import * as Sentry from '@sentry/node';
import OpenAI from 'openai';
import { PostHog } from 'posthog-node';

const client = new OpenAI();
const tracer = trace.getTracer('llm-gateway', '1.4.0');
const posthog = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://eu.posthog.com' });

export async function tracedCompletion(userId: string, question: string): Promise<string> {
  return tracer.startActiveSpan('chat.completions', async span => {
    span.setAttribute('gen_ai.system', 'openai');
    span.setAttribute('gen_ai.request.model', 'gpt-4o');
    try {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: question }],
      });
      const answer = completion.choices[0]?.message.content ?? '';

      // Semantic-convention metadata: fine.
      span.setAttributes({
        'gen_ai.response.model': completion.model,
        'gen_ai.response.id': completion.id,
        'gen_ai.usage.input_tokens': completion.usage?.prompt_tokens ?? 0,
        'gen_ai.usage.output_tokens': completion.usage?.completion_tokens ?? 0,
      });
      span.setAttribute('gen_ai.response.finish_reasons', completion.choices.map(c => c.finish_reason));

      // Content capture: the answer is exported to the tracing backend.
      span.setAttribute('gen_ai.completion', answer); // expect: no-model-output-logging
      span.addEvent('gen_ai.choice', { 'gen_ai.event.content': JSON.stringify(completion.choices[0]?.message) }); // expect: no-model-output-logging

      Sentry.addBreadcrumb({ category: 'llm', message: `completion ${completion.id}`, data: { tokens: completion.usage?.total_tokens } });
      Sentry.setContext('last_completion', { id: completion.id, text: answer }); // expect: no-model-output-logging

      posthog.capture({
        distinctId: userId,
        event: 'assistant_answered',
        properties: { model: completion.model, tokens: completion.usage?.total_tokens, answerLength: answer.length },
      });
      posthog.capture({ distinctId: userId, event: 'assistant_answer_text', properties: { answer } }); // expect: no-model-output-logging

      span.setStatus({ code: SpanStatusCode.OK });
      return answer;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'completion failed' });
      Sentry.captureException(error, { tags: { feature: 'assistant' } });
      throw error;
    } finally {
      span.end();
    }
  });
}

export async function reportRefusal(userId: string, question: string): Promise<void> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: question }],
  });
  const message = completion.choices[0]?.message;
  if (message?.refusal) {
    Sentry.captureMessage(`model refused for ${userId}: ${message.refusal}`, 'warning'); // expect: no-model-output-logging
  }
  Sentry.setTag('llm.finish_reason', completion.choices[0]?.finish_reason ?? 'unknown');
}
