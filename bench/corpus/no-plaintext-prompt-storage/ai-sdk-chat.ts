// app/api/chat/route.ts: Vercel AI SDK chat that persists conversations.
import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import { createCipheriv, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
const pool = new pg.Pool();

function seal(plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(process.env.CHAT_KEY ?? '', 'base64'), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}

async function saveChat(id: string, messages: UIMessage[]): Promise<void> {
  await pool.query('insert into chats(id, body) values ($1, $2) on conflict (id) do update set body = $2', [id, seal(JSON.stringify(messages))]);
  await pool.query('update chats set turns = $1 where id = $2', [messages.length, id]);
}

export async function POST(request: Request): Promise<Response> {
  const { id, messages }: { id: string; messages: UIMessage[] } = await request.json();
  // A plain-text copy in the cache "for speed".
  await redis.set(`chat:${id}:draft`, JSON.stringify(messages)); // expect: no-plaintext-prompt-storage
  const result = streamText({ model: openai('gpt-4o-mini'), messages: await convertToModelMessages(messages) });
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    onFinish: async ({ messages: finished }) => {
      await saveChat(id, finished);
      await redis.expire(`chat:${id}:draft`, 60);
      await redis.rpush(`chat:${id}:log`, JSON.stringify(finished.at(-1))); // expect: no-plaintext-prompt-storage
    },
  });
}
