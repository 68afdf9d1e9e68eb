// src/assistant/assistant.service.ts: a NestJS service that drafts replies to customer tickets
// with Anthropic's Claude. The NestJS Logger goes to the platform's log pipeline.
import Anthropic from '@anthropic-ai/sdk';
import { Injectable, Logger } from '@nestjs/common';

export interface Ticket {
  id: string;
  subject: string;
  body: string;
  customerTier: 'free' | 'pro' | 'enterprise';
}

export interface DraftReply {
  ticketId: string;
  reply: string;
  inputTokens: number;
  outputTokens: number;
}

export type TicketCategory = 'billing' | 'bug' | 'other';

function toCategory(label: string): TicketCategory {
  if (label === 'billing') return 'billing';
  if (label === 'bug') return 'bug';
  return 'other';
}

@Injectable()
export class AssistantService {
  private readonly logger = new Logger(AssistantService.name);
  private readonly anthropic = new Anthropic();
  private lastDraft = '';

  async draftReply(ticket: Ticket): Promise<DraftReply> {
    this.logger.log(`drafting reply for ticket ${ticket.id} (${ticket.customerTier})`);
    const message = await this.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 800,
      system: 'Draft a polite, accurate reply to the customer ticket.',
      messages: [{ role: 'user', content: `${ticket.subject}\n\n${ticket.body}` }],
    });

    const reply = message.content
      .filter(block => block.type === 'text')
      .map(block => block.text)
      .join('\n');
    this.lastDraft = reply;

    this.logger.log(`ticket ${ticket.id}: ${message.usage.output_tokens} output tokens, stop=${message.stop_reason}`);
    if (message.stop_reason === 'max_tokens') {
      this.logger.warn(`draft for ${ticket.id} was cut off: ${reply.slice(-200)}`); // expect: no-model-output-logging
    }
    this.logger.verbose({ ticketId: ticket.id, reply }); // expect: no-model-output-logging

    return {
      ticketId: ticket.id,
      reply,
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
    };
  }

  async classify(ticket: Ticket): Promise<TicketCategory> {
    const message = await this.anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 5,
      messages: [{ role: 'user', content: `Classify as billing, bug or other: ${ticket.subject}` }],
    });
    const first = message.content[0];
    const label = first?.type === 'text' ? first.text.trim().toLowerCase() : '';
    // The category is one of three constants chosen by our code (its type is a literal union),
    // not the model's words.
    const category = toCategory(label);
    this.logger.debug(`ticket ${ticket.id} classified as ${category}`);
    return category;
  }

  dumpState(): void {
    // A class field written in another method, from a call on another field (`this.anthropic.messages.create()`).
    this.logger.debug(`last draft: ${this.lastDraft}`); // expect: no-model-output-logging
    this.logger.debug(`last draft length: ${this.lastDraft.length}`);
  }
}
