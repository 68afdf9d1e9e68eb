import pino from 'pino';

export const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

/** The app's request log helper: everything it is given ends up in the log pipeline. */
export function logEvent(event: string, details: Record<string, unknown>): void {
  logger.info({ event, ...details });
}
