// support-bot/handlers.ts: chat commands. Model output reaches logs through project helpers
// declared in other files (./llm.ts, ./audit.ts).
import { audit, auditEvent, auditLine } from './audit.js';
import { ask, askRaw, fingerprint, statsOf, textOf } from './llm.js';

export interface Command {
  user: string;
  channel: string;
  text: string;
}

export interface Reply {
  channel: string;
  text: string;
}

export async function onAsk(command: Command): Promise<Reply> {
  const answer = await ask(command.text);
  audit('bot.answer', { user: command.user, answer }); // expect: no-model-output-logging
  auditEvent('bot.answer', answer);
  audit('bot.answer.size', { user: command.user, chars: answer.length });
  return { channel: command.channel, text: answer };
}

export async function onExplain(command: Command): Promise<Reply> {
  const completion = await askRaw(`Explain: ${command.text}`);
  const stats = statsOf(completion);
  audit('bot.explain', { user: command.user, ...stats });
  auditLine(`explain for ${command.user}: ${textOf(completion)}`); // expect: no-model-output-logging
  return { channel: command.channel, text: textOf(completion) };
}

export async function onDigest(command: Command): Promise<Reply> {
  const answer = await ask(command.text, 'Reply with a one-line digest.');
  audit('bot.digest', { user: command.user, fingerprint: await fingerprint(answer) });
  return { channel: command.channel, text: answer };
}
