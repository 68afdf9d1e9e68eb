import rule from '../../src/rules/no-plaintext-prompt-storage.js';
import { createRuleTester } from '../rule-tester.js';
import { writeFileTool } from './shared-cases.js';

const ruleTester = createRuleTester();
const messageId = 'promptStored' as const;

// Two-line preludes: the case's own code starts on line 3.
const history = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const messages: ChatCompletionMessageParam[];`;
const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;

ruleTester.run('no-plaintext-prompt-storage', rule, {
  valid: [
    // A tool that writes the file the model was asked to write does its job: not a stored conversation.
    writeFileTool,
    // A prompt written entirely in the source (few-shot examples) holds no user data, typed or not.
    `import { GoogleGenAI, type Content } from '@google/genai';
import localforage from 'localforage';
const ai = new GoogleGenAI({});
const fewShot: Content[] = [{ role: 'user', parts: [{ text: 'Classify: great product' }] }, { role: 'model', parts: [{ text: 'positive' }] }];
await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: fewShot });
await localforage.setItem('few-shot', fewShot);
`,
    // AES-256-GCM with a key from the environment, then stored.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
const key = Buffer.from(process.env.HISTORY_KEY ?? '', 'base64');
const iv = randomBytes(12);
const cipher = createCipheriv('aes-256-gcm', key, iv);
const sealed = Buffer.concat([cipher.update(JSON.stringify(messages), 'utf8'), cipher.final()]);
writeFileSync('history.bin', Buffer.concat([iv, cipher.getAuthTag(), sealed]));
`,
    // A project helper that really encrypts ends the flow.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
function encryptForStorage(plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('chacha20-poly1305', Buffer.from(process.env.KEY ?? '', 'hex'), iv, { authTagLength: 16 });
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
}
await writeFile('history.bin', encryptForStorage(JSON.stringify(messages)));
`,
    // WebCrypto before IndexedDB.
    `${history}
import { set } from 'idb-keyval';
declare const key: CryptoKey;
const iv = crypto.getRandomValues(new Uint8Array(12));
const data = new TextEncoder().encode(JSON.stringify(messages));
const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);
await set('chat', { iv, ciphertext });
`,
    // tweetnacl secretbox before localStorage.
    `${history}
import nacl from 'tweetnacl';
declare const secretKey: Uint8Array;
const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
const box = nacl.secretbox(new TextEncoder().encode(JSON.stringify(messages)), nonce, secretKey);
localStorage.setItem('chat', JSON.stringify({ nonce: Array.from(nonce), box: Array.from(box) }));
`,
    // jose JWE.
    `${history}
import { CompactEncrypt } from 'jose';
import { Redis } from 'ioredis';
declare const publicKey: CryptoKey;
const redis = new Redis();
const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(messages)))
  .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })
  .encrypt(publicKey);
await redis.set('chat:1', jwe);
`,
    // AWS KMS encrypt.
    `${history}
import { EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import pg from 'pg';
const kms = new KMSClient({});
const pool = new pg.Pool();
const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: 'alias/chat', Plaintext: new TextEncoder().encode(JSON.stringify(messages)) }));
await pool.query('insert into chats(blob) values ($1)', [CiphertextBlob]);
`,
    // crypto-js AES with a passphrase from the environment.
    `${history}
import CryptoJS from 'crypto-js';
const sealed = CryptoJS.AES.encrypt(JSON.stringify(messages), process.env.CHAT_PASSPHRASE ?? '').toString();
localStorage.setItem('chat', sealed);
`,
    // A hash is not the text: storing it is fine (dedup keys, cache keys).
    `${history}
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
const redis = new Redis();
const cacheKey = createHash('sha256').update(JSON.stringify(messages)).digest('hex');
await redis.set(\`completion:\${cacheKey}\`, 'pending');
`,
    // Counts and ids only.
    `${history}
import pg from 'pg';
const pool = new pg.Pool();
declare const chatId: string;
await pool.query('update chats set turns = $1, updated_at = now() where id = $2', [messages.length, chatId]);
`,
    // The role of the last message is a literal union.
    `${history}
localStorage.setItem('lastRole', messages.at(-1)?.role ?? 'none');
`,
    // The answer to a prompt written entirely in the source echoes no user data.
    `${openai}
import { writeFileSync } from 'node:fs';
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'Write a limerick.' }] });
writeFileSync('limerick.txt', completion.choices[0]?.message.content ?? '');
`,
    // A constant system prompt written to a file is not user data.
    `${openai}
import { writeFileSync } from 'node:fs';
const SYSTEM_PROMPT = 'You are a helpful assistant.';
await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM_PROMPT }] });
writeFileSync('system-prompt.txt', SYSTEM_PROMPT);
`,
    // ignoreCategories: the database encrypts at rest with keys the team controls.
    {
      code: `${history}
import pg from 'pg';
const pool = new pg.Pool();
await pool.query('insert into chats(messages) values ($1)', [JSON.stringify(messages)]);
`,
      options: [{ ignoreCategories: ['database'] }],
    },
    // A branded encrypted type.
    {
      code: `${history}
type Encrypted<T> = string & { readonly __encrypted: T };
declare function seal<T>(value: T): Encrypted<T>;
localStorage.setItem('chat', seal(messages));
`,
      options: [{ encryptedTypes: [{ from: 'file', name: 'Encrypted' }] }],
    },
    // A user-named encryption helper from a package.
    {
      code: `${history}
declare function vaultEncrypt(value: string): Promise<string>;
localStorage.setItem('chat', await vaultEncrypt(JSON.stringify(messages)));
`,
      options: [{ sanitizers: ['vaultEncrypt'] }],
    },
    // Reading is not storing.
    `${history}
import { Redis } from 'ioredis';
const redis = new Redis();
const saved = await redis.get('chat:1');
const draft = localStorage.getItem('draft');
console.log(saved, draft, messages.length);
`,
    // Data that never reaches a model is not a prompt.
    `import { writeFileSync } from 'node:fs';
const searchQuery = process.argv[2] ?? '';
writeFileSync('last-search.txt', searchQuery);
`,
    // Settings next to a model call.
    `${openai}
import { set } from 'idb-keyval';
const model = 'gpt-4o';
const temperature = 0.2;
await client.chat.completions.create({ model, temperature, messages: [] });
await set('settings', { model, temperature });
`,
    // Embedding vectors are numbers.
    `${openai}
import pg from 'pg';
const pool = new pg.Pool();
const embedding = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
await pool.query('insert into vectors(v) values ($1)', [embedding.data[0]?.embedding]);
`,
    // The serialized length.
    `${history}
import { Redis } from 'ioredis';
const redis = new Redis();
await redis.set('chat:size', JSON.stringify(messages).length);
`,
    // Metrics in MongoDB.
    `${openai}
import { MongoClient } from 'mongodb';
const mongo = new MongoClient('mongodb://localhost');
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
await mongo.db('app').collection('metrics').insertOne({ tokens: completion.usage?.total_tokens, model: completion.model });
`,
    // Drizzle with ids and timestamps only.
    `${history}
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
const chats = pgTable('chats', { id: text('id').primaryKey(), updatedAt: timestamp('updated_at') });
const db = drizzle(process.env.DATABASE_URL ?? '');
await db.insert(chats).values({ id: 'c1', updatedAt: new Date() });
void messages;
`,
    // A message row of the AI SDK's UIMessage without its parts: id, role and the app's metadata.
    `import type { UIMessage } from 'ai';
import { drizzle } from 'drizzle-orm/node-postgres';
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
const messages = pgTable('messages', { id: text('id').primaryKey(), role: text('role'), metadata: jsonb('metadata') });
const db = drizzle(process.env.DATABASE_URL ?? '');
function toRow(message: UIMessage) {
  return { id: message.id, role: message.role, metadata: message.metadata };
}
export async function saveMessage(message: UIMessage) {
  await db.insert(messages).values(toRow(message));
}
`,
    // Supabase with a user id.
    `${history}
import { createClient } from '@supabase/supabase-js';
const supabase = createClient('https://x.supabase.co', process.env.SUPABASE_KEY ?? '');
await supabase.from('sessions').insert({ user_id: 'u1', turns: messages.length });
`,
    // Firestore timestamp.
    `${history}
import { doc, getFirestore, setDoc } from 'firebase/firestore';
const db = getFirestore();
await setDoc(doc(db, 'presence', 'u1'), { lastSeen: Date.now(), turns: messages.length });
`,
    // localStorage for UI state.
    `localStorage.setItem('theme', 'dark');
sessionStorage.sidebar = 'collapsed';
document.cookie = 'consent=1; Secure';
`,
    // Logging is another rule's business.
    `${history}
console.log(messages);
`,
    // AES-256-CBC with an environment key and random IV.
    `${history}
import { createCipheriv, randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
const iv = randomBytes(16);
const cipher = createCipheriv('aes-256-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), iv);
appendFileSync('log.enc', Buffer.concat([iv, cipher.update(JSON.stringify(messages)), cipher.final()]));
`,
    // A Dexie table of settings.
    `import { Dexie, type EntityTable } from 'dexie';
interface Setting { key: string; value: string }
const db = new Dexie('app') as Dexie & { settings: EntityTable<Setting, 'key'> };
await db.settings.put({ key: 'theme', value: 'dark' });
`,
    // Knex storing an audit record without content.
    `${history}
import knex from 'knex';
const db = knex({ client: 'pg' });
await db('audit').insert({ action: 'chat', turns: messages.length });
`,
    // A token count in Redis.
    `${openai}
import { Redis } from 'ioredis';
const redis = new Redis();
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
await redis.incrby('tokens:today', completion.usage?.total_tokens ?? 0);
`,
    // Anthropic usage to a file.
    `import Anthropic from '@anthropic-ai/sdk';
import { appendFileSync } from 'node:fs';
const anthropic = new Anthropic();
const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
appendFileSync('usage.csv', \`\${message.usage.input_tokens},\${message.usage.output_tokens}\\n\`);
`,
    // libsodium secretbox.
    `${history}
import sodium from 'libsodium-wrappers';
await sodium.ready;
declare const key: Uint8Array;
const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);
const sealed = sodium.crypto_secretbox_easy(JSON.stringify(messages), nonce, key);
localStorage.setItem('chat', sodium.to_base64(sealed));
`,
    // Model output with a prompt template's constant text, to a cache.
    `import { ChatOpenAI } from '@langchain/openai';
import { Redis } from 'ioredis';
const redis = new Redis();
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
const reply = await model.invoke('Write a haiku about autumn');
await redis.set('haiku', reply.id ?? 'none');
`,
    // A session token next to a chat.
    `${history}
import { Redis } from 'ioredis';
const redis = new Redis();
declare const sessionToken: string;
await redis.setex('session:u1', 3600, sessionToken);
void messages;
`,
    // A file with the date of the last chat.
    `${history}
import { writeFileSync } from 'node:fs';
writeFileSync('last-chat.txt', new Date().toISOString());
void messages;
`,
    // An IndexedDB record with only metadata of the conversation.
    `import type { UIMessage } from 'ai';
import { openDB } from 'idb';
declare const conversation: UIMessage[];
const db = await openDB('chat', 1);
await db.put('meta', { id: 'c1', turns: conversation.length, updatedAt: Date.now() });
`,
    // A hash-based dedup key with a Vercel KV counter.
    `${history}
import { createHash } from 'node:crypto';
import { kv } from '@vercel/kv';
await kv.incr(\`seen:\${createHash('sha256').update(JSON.stringify(messages)).digest('hex')}\`);
`,
    // A cache keyed by a hash of the question, holding only token counts.
    `${openai}
import { createHash } from 'node:crypto';
export async function cachedUsage(question: string) {
  const key = createHash('sha256').update(question).digest('hex');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  localStorage.setItem(\`usage:\${key}\`, String(completion.usage?.total_tokens ?? 0));
  return completion;
}
`,
    // The roles of a conversation, to a file.
    `${history}
import { writeFileSync } from 'node:fs';
writeFileSync('roles.json', JSON.stringify(messages.map(message => message.role)));
`,
    // A whole conversation id list.
    `import type { UIMessage } from 'ai';
declare const conversation: UIMessage[];
localStorage.setItem('ids', JSON.stringify(conversation.map(message => message.id)));
`,
  ],
  invalid: [
    // A drizzle transaction typed \`any\`: the table given to \`insert()\` (with row-level security, an
    // \`Omit<>\` of a table type) says it is a database write;
    // a builder of something else is not.
    {
      code: `import type { UIMessage } from 'ai';
import { drizzle } from 'drizzle-orm/node-postgres';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
const parts = pgTable('parts', { messageId: text('message_id'), order: integer('order'), text: text('text') }).enableRLS();
const settings = pgTable('settings', { key: text('key'), value: text('value') });
const db = drizzle(process.env.DATABASE_URL!);
declare const searchIndex: any;
export async function saveParts(message: UIMessage, theme: string) {
  await db.transaction(async (tx: any) => {
    await tx.insert(settings).values({ key: 'theme', value: theme });
    searchIndex.insert('parts').values(message.parts);
    const rows = message.parts.map((part, order) => ({ messageId: message.id, order, text: part.type === 'text' ? part.text : '' }));
    await tx.insert(parts).values(rows);
  });
}
`,
      errors: [{ messageId: 'promptStored', line: 13, column: 35 }],
    },
    // An answer cache keyed by a hash of the question: the key is safe, the answer echoes the question.
    {
      code: `${openai}
import { createHash } from 'node:crypto';
export async function cachedAnswer(question: string) {
  const key = createHash('sha256').update(question).digest('hex');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  localStorage.setItem(\`answer:\${key}\`, answer);
  return answer;
}
`,
      errors: [{ messageId, line: 8, column: 41 }],
    },
    // A CLI writing its history file.
    {
      code: `${history}
import { writeFileSync } from 'node:fs';
writeFileSync('history.json', JSON.stringify(messages, null, 2));
`,
      errors: [
        {
          messageId,
          data: { source: "'messages'", where: 'line 2', destination: 'a file', sink: "'writeFileSync()'" },
          line: 4,
          column: 31,
        },
      ],
    },
    // The user's raw question, placed in a message literal, appended to a file.
    {
      code: `${openai}
import { appendFile } from 'node:fs/promises';
export async function ask(question: string) {
  await appendFile('questions.log', question + '\\n');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId, line: 5, column: 37 }],
    },
    // A write stream.
    {
      code: `${history}
import { createWriteStream } from 'node:fs';
const out = createWriteStream('transcript.jsonl', { flags: 'a' });
for (const message of messages) {
  out.write(JSON.stringify(message) + '\\n');
}
`,
      errors: [{ messageId, line: 6, column: 13 }],
    },
    // fs-extra.
    {
      code: `${history}
import fse from 'fs-extra';
await fse.writeJson('history.json', messages);
await fse.outputFile('backup/history.json', JSON.stringify(messages));
`,
      errors: [
        { messageId, line: 4, column: 37 },
        { messageId, line: 5, column: 45 },
      ],
    },
    // localStorage.setItem with Vercel AI SDK UI messages.
    {
      code: `import type { UIMessage } from 'ai';
declare const conversation: UIMessage[];
localStorage.setItem('chat-history', JSON.stringify(conversation));
`,
      errors: [{ messageId, line: 3, column: 38 }],
    },
    // localStorage property assignment and sessionStorage element assignment.
    {
      code: `${history}
declare const chatId: string;
localStorage.history = JSON.stringify(messages);
sessionStorage[\`chat:\${chatId}\`] = JSON.stringify(messages);
`,
      errors: [
        { messageId, line: 4, column: 24 },
        { messageId, line: 5, column: 36 },
      ],
    },
    // A cookie.
    {
      code: `${openai}
export async function send(prompt: string) {
  document.cookie = \`lastPrompt=\${encodeURIComponent(prompt)}; path=/\`;
  return client.responses.create({ model: 'gpt-4.1', input: prompt });
}
`,
      errors: [{ messageId, line: 4, column: 21 }],
    },
    // idb-keyval.
    {
      code: `${history}
import { set } from 'idb-keyval';
await set('chat', messages);
`,
      errors: [{ messageId, line: 4, column: 19 }],
    },
    // idb.
    {
      code: `${history}
import { openDB } from 'idb';
const db = await openDB('chat', 1);
await db.put('conversations', { id: 'c1', messages });
`,
      errors: [{ messageId, line: 5, column: 31 }],
    },
    // Raw IndexedDB.
    {
      code: `${history}
declare const database: IDBDatabase;
const store = database.transaction('chats', 'readwrite').objectStore('chats');
store.put({ id: 'c1', messages });
`,
      errors: [{ messageId, line: 5, column: 11 }],
    },
    // Dexie.
    {
      code: `${history}
import { Dexie, type EntityTable } from 'dexie';
interface Chat { id: string; body: string }
const db = new Dexie('chat') as Dexie & { chats: EntityTable<Chat, 'id'> };
await db.chats.add({ id: 'c1', body: JSON.stringify(messages) });
`,
      errors: [{ messageId, line: 6, column: 20 }],
    },
    // localforage.
    {
      code: `${history}
import localforage from 'localforage';
await localforage.setItem('chat', messages);
`,
      errors: [{ messageId, line: 4, column: 35 }],
    },
    // Cache API.
    {
      code: `${history}
const cache = await caches.open('chat');
await cache.put('/chat/last', new Response(JSON.stringify(messages)));
`,
      errors: [{ messageId, line: 4, column: 31 }],
    },
    // pg query parameters.
    {
      code: `${openai}
import pg from 'pg';
const pool = new pg.Pool();
export async function chat(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  await pool.query('insert into turns(question, answer) values ($1, $2)', [question, answer]);
  return answer;
}
`,
      errors: [{ messageId, line: 8, column: 75 }],
    },
    // pg query config object.
    {
      code: `${history}
import pg from 'pg';
const client = new pg.Client();
await client.query({ text: 'insert into chats(body) values ($1)', values: [JSON.stringify(messages)] });
`,
      errors: [{ messageId, line: 5, column: 67 }],
    },
    // mysql2.
    {
      code: `${history}
import mysql from 'mysql2/promise';
const connection = await mysql.createConnection({ host: 'localhost' });
await connection.execute('insert into chats(body) values (?)', [JSON.stringify(messages)]);
`,
      errors: [{ messageId, line: 5, column: 64 }],
    },
    // better-sqlite3.
    {
      code: `${history}
import Database from 'better-sqlite3';
const db = new Database('chat.db');
db.prepare('insert into chats(body) values (?)').run(JSON.stringify(messages));
`,
      errors: [{ messageId, line: 5, column: 54 }],
    },
    // drizzle insert and update.
    {
      code: `${history}
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
const chats = pgTable('chats', { id: text('id').primaryKey(), messages: jsonb('messages') });
const db = drizzle(process.env.DATABASE_URL ?? '');
await db.insert(chats).values({ id: 'c1', messages });
await db.update(chats).set({ messages }).where(eq(chats.id, 'c1'));
`,
      errors: [
        { messageId, line: 8, column: 31 },
        { messageId, line: 9, column: 28 },
      ],
    },
    // mongoose.
    {
      code: `${history}
import mongoose from 'mongoose';
const Chat = mongoose.model('Chat', new mongoose.Schema({ messages: Array }));
await Chat.create({ messages });
`,
      errors: [{ messageId, line: 5, column: 19 }],
    },
    // mongodb driver.
    {
      code: `${history}
import { MongoClient } from 'mongodb';
const mongo = new MongoClient('mongodb://localhost');
const chats = mongo.db('app').collection('chats');
await chats.insertOne({ chatId: 'c1', messages });
await chats.updateOne({ chatId: 'c1' }, { $set: { messages } });
`,
      errors: [
        { messageId, line: 6, column: 23 },
        { messageId, line: 7, column: 41 },
      ],
    },
    // knex.
    {
      code: `${history}
import knex from 'knex';
const db = knex({ client: 'pg' });
await db('chats').insert({ body: JSON.stringify(messages) });
`,
      errors: [{ messageId, line: 5, column: 26 }],
    },
    // Kysely.
    {
      code: `${history}
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
interface Database { chats: { id: string; body: string } }
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
await db.insertInto('chats').values({ id: 'c1', body: JSON.stringify(messages) }).execute();
`,
      errors: [{ messageId, line: 7, column: 37 }],
    },
    // Sequelize.
    {
      code: `${history}
import { DataTypes, Sequelize } from 'sequelize';
const sequelize = new Sequelize('sqlite::memory:');
const Chat = sequelize.define('Chat', { body: DataTypes.TEXT });
await Chat.create({ body: JSON.stringify(messages) });
`,
      errors: [{ messageId, line: 6, column: 19 }],
    },
    // Supabase.
    {
      code: `${history}
import { createClient } from '@supabase/supabase-js';
const supabase = createClient('https://x.supabase.co', process.env.SUPABASE_KEY ?? '');
await supabase.from('messages').insert({ chat_id: 'c1', content: messages.at(-1)?.content });
`,
      errors: [{ messageId, line: 5, column: 40 }],
    },
    // Firebase.
    {
      code: `${history}
import { addDoc, collection, getFirestore } from 'firebase/firestore';
const db = getFirestore();
await addDoc(collection(db, 'chats'), { messages });
`,
      errors: [{ messageId, line: 5, column: 39 }],
    },
    // ioredis: a string and a list.
    {
      code: `${history}
import { Redis } from 'ioredis';
const redis = new Redis();
await redis.set('chat:c1', JSON.stringify(messages));
await redis.rpush('chat:c1:turns', JSON.stringify(messages.at(-1)));
`,
      errors: [
        { messageId, line: 5, column: 28 },
        { messageId, line: 6, column: 36 },
      ],
    },
    // Upstash.
    {
      code: `${history}
import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
await redis.lpush('chat:c1', JSON.stringify(messages));
`,
      errors: [{ messageId, line: 5, column: 30 }],
    },
    // Vercel KV.
    {
      code: `${history}
import { kv } from '@vercel/kv';
await kv.set('chat:c1', messages);
`,
      errors: [{ messageId, line: 4, column: 25 }],
    },
    // base64 is an encoding.
    {
      code: `${history}
localStorage.setItem('chat', Buffer.from(JSON.stringify(messages)).toString('base64'));
`,
      errors: [{ messageId, line: 3, column: 30 }],
    },
    // Compression is not encryption.
    {
      code: `${history}
import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
writeFileSync('history.json.gz', gzipSync(JSON.stringify(messages)));
`,
      errors: [{ messageId, line: 5, column: 34 }],
    },
    // Weak encryption does not count: 3DES.
    {
      code: `${history}
import { createCipheriv } from 'node:crypto';
import { writeFileSync } from 'node:fs';
const cipher = createCipheriv('des-ede3-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), Buffer.alloc(8));
writeFileSync('history.enc', Buffer.concat([cipher.update(JSON.stringify(messages)), cipher.final()]));
`,
      errors: [
        {
          messageId: 'promptStoredWeaklyEncrypted',
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'a file',
            sink: "'writeFileSync()'",
            note: "its encryption by 'cipher.update()' does not count: 'des-ede3-cbc' is a weak cipher",
          },
          line: 6,
          column: 30,
        },
      ],
    },
    // Weak encryption does not count: crypto-js with a literal passphrase.
    {
      code: `${history}
import CryptoJS from 'crypto-js';
localStorage.setItem('chat', CryptoJS.AES.encrypt(JSON.stringify(messages), 'my-secret-passphrase').toString());
`,
      errors: [{ messageId: 'promptStoredWeaklyEncrypted', line: 4, column: 30 }],
    },
    // Weak encryption inside a project helper does not count either, and the message says why.
    {
      code: `${history}
import { createCipheriv } from 'node:crypto';
import { writeFileSync } from 'node:fs';
function weakEncrypt(text: string): string {
  const cipher = createCipheriv('des-ede3-cbc', Buffer.from(process.env.KEY ?? '', 'hex'), Buffer.alloc(8));
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}
writeFileSync('history.enc', weakEncrypt(JSON.stringify(messages)));
`,
      errors: [
        {
          messageId: 'promptStoredWeaklyEncrypted',
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'a file',
            sink: "'writeFileSync()'",
            note: "its encryption by 'weakEncrypt()' does not count: 'des-ede3-cbc' is a weak cipher",
          },
          line: 9,
          column: 30,
        },
      ],
    },
    // A repository function in the same file, given the conversation by its only call: reported at
    // the query inside it, where the fix goes, naming the call the data came in by.
    {
      code: `${history}
import pg from 'pg';
const pool = new pg.Pool();
async function saveMessages(chatId: string, turns: unknown[]) {
  await pool.query('insert into chats(id, body) values ($1, $2)', [chatId, JSON.stringify(turns)]);
}
await saveMessages('c1', messages);
`,
      errors: [
        {
          messageId,
          data: {
            source: "'messages'",
            where: 'line 2',
            destination: 'a database',
            sink: "'pool.query()', which receives it from line 8 through 'saveMessages()'",
          },
          line: 6,
          column: 67,
        },
      ],
    },
    // A Vercel AI SDK route handler saving the conversation when the stream finishes.
    {
      code: `import { convertToModelMessages, streamText, type UIMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
import { Redis } from 'ioredis';
const redis = new Redis();
export async function POST(request: Request) {
  const { messages, id }: { messages: UIMessage[]; id: string } = await request.json();
  const result = streamText({ model: openai('gpt-4o'), messages: await convertToModelMessages(messages) });
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    onFinish: async ({ messages: finished }) => {
      await redis.set(\`chat:\${id}\`, JSON.stringify(finished));
    },
  });
}
`,
      errors: [{ messageId, line: 11, column: 37 }],
    },
    // LangChain history.
    {
      code: `import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import { writeFileSync } from 'node:fs';
const chatHistory: BaseMessage[] = [new HumanMessage('I have a rash on my arm'), new AIMessage('How long have you had it?')];
writeFileSync('history.json', JSON.stringify(chatHistory));
`,
      errors: [{ messageId, line: 4, column: 31 }],
    },
    // Anthropic message params.
    {
      code: `import type Anthropic from '@anthropic-ai/sdk';
import { Redis } from 'ioredis';
const redis = new Redis();
export async function persist(turns: Anthropic.MessageParam[]) {
  await redis.set('turns', JSON.stringify(turns));
}
`,
      errors: [{ messageId, line: 5, column: 28 }],
    },
    // Ollama messages.
    {
      code: `import ollama, { type Message } from 'ollama';
import { writeFileSync } from 'node:fs';
const conversation: Message[] = [{ role: 'user', content: process.argv[2] ?? '' }];
const reply = await ollama.chat({ model: 'llama3.1', messages: conversation });
conversation.push(reply.message);
writeFileSync('conversation.json', JSON.stringify(conversation));
`,
      errors: [{ messageId, line: 6, column: 36 }],
    },
    // Google GenAI contents.
    {
      code: `import { GoogleGenAI, type Content } from '@google/genai';
import localforage from 'localforage';
const ai = new GoogleGenAI({});
const contents: Content[] = [{ role: 'user', parts: [{ text: document.querySelector('textarea')?.value ?? '' }] }];
await ai.models.generateContent({ model: 'gemini-2.5-flash', contents });
await localforage.setItem('contents', contents);
`,
      errors: [{ messageId, line: 6, column: 39 }],
    },
    // A chat history built up with answers, then stored.
    {
      code: `${openai}
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { writeFile } from 'node:fs/promises';
const turns: ChatCompletionMessageParam[] = [];
export async function turn(input: string) {
  turns.push({ role: 'user', content: input });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: turns });
  turns.push({ role: 'assistant', content: completion.choices[0]?.message.content ?? '' });
  await writeFile('turns.json', JSON.stringify(turns));
}
`,
      errors: [{ messageId, line: 10, column: 33 }],
    },
    // A prompt template's variables.
    {
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { appendFileSync } from 'node:fs';
const prompt = ChatPromptTemplate.fromMessages([['human', 'Summarise my notes: {notes}']]);
const chain = prompt.pipe(new ChatOpenAI({ model: 'gpt-4o-mini' }));
export async function summarise(notes: string) {
  appendFileSync('notes.log', notes);
  return chain.invoke({ notes });
}
`,
      errors: [{ messageId, line: 7, column: 31 }],
    },
    // sqlite3.
    {
      code: `${history}
import sqlite3 from 'sqlite3';
const db = new sqlite3.Database('chat.db');
db.run('insert into chats(body) values (?)', JSON.stringify(messages));
`,
      errors: [{ messageId, line: 5, column: 46 }],
    },
    // A user-configured repository sink.
    {
      code: `${history}
declare const repository: { saveConversation(body: unknown): Promise<void> };
await repository.saveConversation(messages);
`,
      options: [{ sinks: ['saveConversation'] }],
      errors: [{ messageId, line: 4, column: 35 }],
    },
  ],
});
