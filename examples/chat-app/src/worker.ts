import Anthropic from '@anthropic-ai/sdk';
import { trace } from '@opentelemetry/api';

const anthropic = new Anthropic();
const tracer = trace.getTracer('summary-worker');

export async function summarise(document: string): Promise<string> {
  return tracer.startActiveSpan('summarise', async span => {
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: `Summarise:\n${document}` }],
    });

    // Planted: every text delta is printed to the console log.
    stream.on('text', delta => console.debug('delta', delta));
    // Safe: errors are diagnostics.
    stream.on('error', error => console.error('summary failed', error));

    const message = await stream.finalMessage();
    const first = message.content[0];
    const summary = first?.type === 'text' ? first.text : '';

    // Safe: token counts and stop reason.
    span.setAttribute('gen_ai.usage.output_tokens', message.usage.output_tokens);
    span.setAttribute('gen_ai.response.finish_reason', message.stop_reason ?? 'unknown');
    // Planted: the generated summary is exported with the trace.
    span.setAttribute('gen_ai.completion', summary);
    span.end();
    return summary;
  });
}
