// A server-side session store with app types: the session holds the history next to settings.
// Modelled on Next.js chat apps that keep chats in a database.
import pg from 'pg';

const pool = new pg.Pool();

type Role = 'user' | 'assistant' | 'system';

interface StoredMessage {
  id: string;
  chatId: string;
  role: Role;
  text: string;
  tokenCount: number;
}

interface ChatSession {
  id: string;
  userId: string;
  apiBase: string;
  history: StoredMessage[];
}

function logMessage(message: StoredMessage): void {
  console.log('message', message); // expect: no-prompt-logging
}

export async function save(session: ChatSession): Promise<void> {
  for (const message of session.history) {
    logMessage(message); // reported once, inside the helper
    await pool.query('insert into messages(id, chat_id, body) values ($1, $2, $3)', [message.id, message.chatId, message.text]); // expect: no-plaintext-prompt-storage
    await pool.query('update chats set tokens = tokens + $1 where id = $2', [message.tokenCount, message.chatId]);
  }
  console.info('saved', session.id, session.userId, session.apiBase, session.history.length);
}
