import path from 'node:path';

import storageRule from '../../src/rules/no-plaintext-prompt-storage.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Where browser, extension and desktop apps keep their chats: persisted state stores, state hooks
// that write to localStorage, extension storage, electron-store. Each with look-alikes.

const ruleTester = createRuleTester();
const tsx = path.join(FIXTURES_DIR, 'react.tsx');
const cjs = path.join(FIXTURES_DIR, 'script.cjs');
const messageId = 'promptStored' as const;

// One-line prelude: the case's own code starts on line 2.
const chatMessage = `interface ChatMessage { id: string; role: 'user' | 'assistant' | 'system'; content: string }`;

ruleTester.run('no-plaintext-prompt-storage: persistence', storageRule, {
  valid: [
    // A persisted store of settings only.
    `import { create } from 'zustand';
import { persist } from 'zustand/middleware';
interface Settings { theme: 'light' | 'dark'; apiKeyName: string; fontSize: number }
export const useSettings = create<Settings>()(persist(() => ({ theme: 'dark', apiKeyName: 'OPENAI_API_KEY', fontSize: 14 }), { name: 'settings' }));
`,
    // A persisted chat store whose partialize keeps only the settings.
    `${chatMessage}
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
interface ChatState { messages: ChatMessage[]; model: string; add(message: ChatMessage): void }
export const useChat = create<ChatState>()(
  persist(
    set => ({ messages: [], model: 'gpt-4o', add: message => set(state => ({ messages: [...state.messages, message] })) }),
    { name: 'chat', partialize: state => ({ model: state.model }) },
  ),
);
`,
    // The theme in a persisting state hook.
    {
      code: `import { useLocalStorage } from 'usehooks-ts';
export function ThemeToggle() {
  const [theme, setTheme] = useLocalStorage('theme', 'light');
  return <button onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>{theme}</button>;
}
`,
      filename: tsx,
    },
    // Extension storage of a setting.
    `import browser from 'webextension-polyfill';
export async function saveModel(model: string) {
  await browser.storage.local.set({ model });
}
`,
  ],
  invalid: [
    // zustand's persist middleware writes the chat store to localStorage.
    {
      code: `${chatMessage}
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
interface ChatState { messages: ChatMessage[]; add(message: ChatMessage): void }
export const useChat = create<ChatState>()(
  persist(set => ({ messages: [], add: message => set(state => ({ messages: [...state.messages, message] })) }), { name: 'chat' }),
);
`,
      errors: [{ messageId, line: 6, column: 3 }],
    },
    // redux-persist: the persisted reducer's state holds the conversation.
    {
      code: `${chatMessage}
import { persistReducer } from 'redux-persist';
import storage from 'redux-persist/lib/storage';
interface ChatSlice { history: ChatMessage[]; draft: string }
function chat(state: ChatSlice = { history: [], draft: '' }, action: { type: string; message?: ChatMessage }): ChatSlice {
  return action.type === 'add' && action.message ? { ...state, history: [...state.history, action.message] } : state;
}
export const persisted = persistReducer({ key: 'chat', storage }, chat);
`,
      errors: [{ messageId, line: 8, column: 26 }],
    },
    // A state hook that writes to localStorage, given the conversation.
    {
      code: `${chatMessage}
import { useLocalStorage } from 'usehooks-ts';
export function useHistory() {
  const [history, setHistory] = useLocalStorage<ChatMessage[]>('history', []);
  const add = (message: ChatMessage) => setHistory([...history, message]);
  return { history, add };
}
`,
      filename: tsx,
      errors: [{ messageId, line: 5, column: 52 }],
    },
    // React state set with the model's answer, then saved by an effect written above the setter.
    {
      code: `import OpenAI from 'openai';
import { useEffect, useState } from 'react';
const client = new OpenAI({ dangerouslyAllowBrowser: true });
export function Answer({ question }: { question: string }) {
  const [answer, setAnswer] = useState('');
  useEffect(() => {
    localStorage.setItem('last-answer', answer);
  }, [answer]);
  const ask = async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    setAnswer(completion.choices[0]?.message.content ?? '');
  };
  return <button onClick={ask}>{answer}</button>;
}
`,
      filename: tsx,
      errors: [{ messageId, line: 7, column: 41 }],
    },
    // Extension storage through webextension-polyfill and chrome.storage.
    {
      code: `${chatMessage}
import browser from 'webextension-polyfill';
export async function save(conversationId: string, messages: ChatMessage[]) {
  await browser.storage.local.set({ [\`conversation:\${conversationId}\`]: messages });
  await chrome.storage.session.set({ messages });
}
`,
      errors: [
        { messageId, line: 4, column: 35 },
        { messageId, line: 5, column: 36 },
      ],
    },
    // electron-store writes a JSON file in the user's profile.
    {
      code: `${chatMessage}
import Store from 'electron-store';
const store = new Store<{ chats: Record<string, ChatMessage[]> }>();
export function save(chatId: string, messages: ChatMessage[]) {
  store.set(\`chats.\${chatId}\`, messages);
}
`,
      errors: [{ messageId, line: 5, column: 32 }],
    },
  ],
});

ruleTester.run('no-plaintext-prompt-storage: typed stores', storageRule, {
  valid: [
    // A typed idb database holding only settings.
    `import { openDB, type DBSchema } from 'idb';
interface AppDb extends DBSchema { settings: { key: string; value: { theme: string } } }
export async function saveTheme(theme: string) {
  const db = await openDB<AppDb>('app', 1);
  await db.put('settings', { theme }, 'ui');
}
`,
  ],
  invalid: [
    // keyv required in CommonJS (its typings export the class as \`default\`): a title the model
    // generated is cached in it.
    {
      code: `const Keyv = require('keyv');
const OpenAI = require('openai');
const titles = new Keyv({ namespace: 'titles' });
async function addTitle(conversationId, text) {
  const openai = new OpenAI();
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Title for: \${text}\` }] });
  const title = completion.choices[0].message.content;
  await titles.set(conversationId, title, 120000);
  await titles.set(\`\${conversationId}:tokens\`, completion.usage.total_tokens);
}
module.exports = { addTitle };
`,
      filename: cjs,
      errors: [{ messageId, line: 8, column: 36 }],
    },
    // The store handed out by a helper documented as returning the required class
    // (`@returns {Keyv}`): TypeScript types the JSDoc name as the module, the value is an instance.
    {
      code: `const Keyv = require('keyv');
const OpenAI = require('openai');
const stores = { titles: new Keyv({ namespace: 'titles' }), bans: new Keyv({ namespace: 'bans' }) };
/**
 * @param {string} name
 * @returns {Keyv}
 */
const getStore = (name) => stores[name];
async function addTitle(conversationId, text) {
  const openai = new OpenAI();
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: \`Title for: \${text}\` }] });
  const title = completion.choices[0].message.content;
  await getStore('bans').set(conversationId, Date.now());
  const titleCache = getStore('titles');
  await titleCache.set(conversationId, title, 120000);
}
module.exports = { addTitle };
`,
      filename: cjs,
      errors: [{ messageId, line: 15, column: 40 }],
    },
    // A typed idb database: `db.put(store, value)` writes the value.
    {
      code: `${chatMessage}
import { openDB, type DBSchema } from 'idb';
interface ChatDb extends DBSchema { chats: { key: string; value: { id: string; messages: ChatMessage[] } } }
export async function save(id: string, messages: ChatMessage[]) {
  const db = await openDB<ChatDb>('chats', 1);
  await db.put('chats', { id, messages });
}
`,
      errors: [{ messageId, line: 6, column: 25 }],
    },
    // mongoose: an update that pushes a message.
    {
      code: `${chatMessage}
import mongoose from 'mongoose';
const Conversation = mongoose.model('Conversation', new mongoose.Schema({ messages: [{ role: String, content: String }] }));
export async function append(conversationId: string, message: ChatMessage) {
  await Conversation.updateOne({ _id: conversationId }, { $push: { messages: message } });
  await Conversation.findOneAndUpdate({ _id: conversationId }, { $push: { messages: { role: message.role, content: message.content } } });
}
`,
      errors: [
        { messageId, line: 5, column: 57 },
        { messageId, line: 6, column: 64 },
      ],
    },
  ],
});
