// A support inbox that stores Anthropic conversations through the shared helpers in legacy-seal.ts.
// Nothing here is reported by no-weak-prompt-encryption: the helpers are (storage findings stay here).
import type Anthropic from '@anthropic-ai/sdk';
import pg from 'pg';

import { obfuscateTicketNumber, seal, sealForUser, sealV2 } from './legacy-seal.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });

export async function storeThread(threadId: string, turns: Anthropic.MessageParam[]): Promise<void> {
  await pool.query('insert into threads (id, body) values ($1, $2)', [threadId, seal(JSON.stringify(turns))]); // expect: no-plaintext-prompt-storage
}

export async function storeReplyDraft(threadId: string, draft: Anthropic.MessageParam): Promise<void> {
  await pool.query('update threads set draft = $2 where id = $1', [threadId, seal(JSON.stringify(draft))]); // expect: no-plaintext-prompt-storage
}

export function lockThread(turns: Anthropic.MessageParam[], pin: string): Buffer {
  return sealForUser(JSON.stringify(turns), pin);
}

// valid: the new helper, and the weak one on a ticket number only.
export async function storeThreadV2(threadId: string, ticket: number, turns: Anthropic.MessageParam[]): Promise<void> {
  await pool.query('insert into threads_v2 (id, ticket, body) values ($1, $2, $3)', [threadId, obfuscateTicketNumber(ticket), sealV2(JSON.stringify(turns))]);
}
