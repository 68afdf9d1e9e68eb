// support-bot/audit.ts: the bot's structured audit log (shipped to the SIEM).
import pino from 'pino';

const auditLogger = pino({ name: 'audit' });

export function audit(event: string, details: Record<string, unknown>): void {
  auditLogger.info({ event, ...details });
}

// Its only call (handlers.ts) passes the answer: reported here too.
export function auditLine(line: string): void {
  console.info(`[audit] ${line}`); // expect: no-model-output-logging
}

/** Records that something happened, without its payload. */
export function auditEvent(event: string, _payload: unknown): void {
  auditLogger.info({ event, at: new Date().toISOString() });
}
