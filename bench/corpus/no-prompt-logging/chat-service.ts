// A chat service keeping a conversation per user, with an audit helper and tracing.
import Anthropic from '@anthropic-ai/sdk';
import { trace } from '@opentelemetry/api';
import { Logger } from '@nestjs/common';

const anthropic = new Anthropic();
const tracer = trace.getTracer('chat-service');

const SYSTEM_PROMPT = 'You are a careful assistant for a health insurer.';

// Its only call passes the conversation: reported here, where the payload is written.
function audit(event: string, payload: unknown): void {
  console.log(`[audit] ${event}`, JSON.stringify(payload)); // expect: no-prompt-logging
}

export class ChatService {
  private readonly logger = new Logger(ChatService.name);
  private readonly conversations = new Map<string, Anthropic.MessageParam[]>();

  async send(userId: string, text: string): Promise<string> {
    const turns = this.conversations.get(userId) ?? [];
    turns.push({ role: 'user', content: text });
    this.conversations.set(userId, turns);

    this.logger.log(`user ${userId} sent ${text.length} characters (turn ${turns.length})`);
    this.logger.verbose(`system prompt: ${SYSTEM_PROMPT}`);
    audit('chat.turn', { userId, turns });

    return tracer.startActiveSpan('anthropic.messages', async span => {
      span.setAttribute('gen_ai.request.model', 'claude-sonnet-4-5');
      span.setAttribute('gen_ai.request.turns', turns.length);
      span.setAttribute('gen_ai.prompt', text); // expect: no-prompt-logging
      const message = await anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 1024,
        system: SYSTEM_PROMPT,
        messages: turns,
      });
      span.setAttribute('gen_ai.usage.output_tokens', message.usage.output_tokens);
      span.end();
      const first = message.content[0];
      return first?.type === 'text' ? first.text : '';
    });
  }

  forget(userId: string): void {
    const dropped = this.conversations.get(userId)?.length ?? 0;
    this.conversations.delete(userId);
    this.logger.log(`forgot ${dropped} turns for ${userId}`);
  }
}
