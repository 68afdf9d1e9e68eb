// A browser chat client keeps OpenAI conversations in IndexedDB, encrypted with WebCrypto. The
// API is modern, so the algorithm is never the problem here: the IVs and the keys are.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

declare function openHistoryStore(): Promise<IDBObjectStore>;
declare function deviceKey(): Promise<CryptoKey>;

const encoder = new TextEncoder();
// A "nonce" made when the page loads, for every save of the session.
const PAGE_NONCE = crypto.getRandomValues(new Uint8Array(12));
const LEGACY_CBC = { name: 'AES-CBC', iv: encoder.encode('chat-history-iv!') };

// The case: an all-zero nonce for AES-GCM, on typed OpenAI messages.
export async function saveHistory(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, await deviceKey(), encoder.encode(JSON.stringify(messages))); // expect: no-weak-prompt-encryption
  (await openHistoryStore()).put(sealed, chatId); // expect: no-plaintext-prompt-storage
}

export async function saveDraft(chatId: string, draft: ChatCompletionMessageParam): Promise<void> {
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: PAGE_NONCE }, await deviceKey(), encoder.encode(JSON.stringify(draft))); // expect: no-weak-prompt-encryption
  (await openHistoryStore()).put(sealed, `draft:${chatId}`); // expect: no-plaintext-prompt-storage
}

export async function saveLegacy(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  const sealed = await crypto.subtle.encrypt(LEGACY_CBC, await deviceKey(), encoder.encode(JSON.stringify(messages))); // expect: no-weak-prompt-encryption
  (await openHistoryStore()).put(sealed, `legacy:${chatId}`); // expect: no-plaintext-prompt-storage
}

// A counter block that never counts.
export async function saveStreamed(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  const counter = new Uint8Array(16);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 64 }, await deviceKey(), encoder.encode(JSON.stringify(messages))); // expect: no-weak-prompt-encryption
  (await openHistoryStore()).put(sealed, `stream:${chatId}`); // expect: no-plaintext-prompt-storage
}

// A key imported from bytes that ship with the page.
const SHARED_KEY_BYTES = encoder.encode('0123456789abcdef0123456789abcdef');
export async function shareConversation(messages: ChatCompletionMessageParam[]): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', SHARED_KEY_BYTES, 'AES-GCM', false, ['encrypt']);
  return crypto.subtle.encrypt({ name: 'AES-GCM', iv: crypto.getRandomValues(new Uint8Array(12)) }, key, encoder.encode(JSON.stringify(messages))); // expect: no-weak-prompt-encryption
}

// Look-alikes that stay clean.

// valid: AES-GCM with a random 12-byte nonce per message, stored next to the ciphertext.
export async function saveHistoryV2(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await deviceKey(), encoder.encode(JSON.stringify(messages)));
  (await openHistoryStore()).put({ iv, sealed }, chatId);
}

// valid: a zero buffer filled by getRandomValues before use.
export async function saveDraftV2(chatId: string, draft: ChatCompletionMessageParam): Promise<void> {
  const iv = new Uint8Array(12);
  crypto.getRandomValues(iv);
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await deviceKey(), encoder.encode(JSON.stringify(draft)));
  (await openHistoryStore()).put({ iv, sealed }, `draft:${chatId}`);
}

// valid: a non-extractable key generated on the device, a fresh IV for every turn of the loop.
export async function saveEachTurn(chatId: string, messages: ChatCompletionMessageParam[]): Promise<void> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const store = await openHistoryStore();
  for (const [index, message] of messages.entries()) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    store.put({ iv, sealed: await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(JSON.stringify(message))) }, `${chatId}:${index}`);
  }
}

// valid: a digest of the conversation as a deduplication key (no key, no encryption).
export async function historyFingerprint(messages: ChatCompletionMessageParam[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(JSON.stringify(messages)));
  return [...new Uint8Array(digest)].map(byte => byte.toString(16).padStart(2, '0')).join('');
}
