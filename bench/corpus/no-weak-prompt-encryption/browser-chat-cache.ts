// A chat widget that keeps the conversation in the browser between page loads, "encrypted" with
// crypto-js. The passphrase ships in the bundle, so anyone who opens DevTools can decrypt it.
import type { UIMessage } from 'ai';
import CryptoJS from 'crypto-js';

const STORAGE_PASSPHRASE = 'w1dget-st0rage-passphrase';
const LEGACY_OPTIONS = { mode: CryptoJS.mode.ECB, padding: CryptoJS.pad.Pkcs7 };

export function persistConversation(chatId: string, messages: UIMessage[]): void {
  const sealed = CryptoJS.AES.encrypt(JSON.stringify(messages), STORAGE_PASSPHRASE).toString(); // expect: no-weak-prompt-encryption
  localStorage.setItem(`chat:${chatId}`, sealed); // expect: no-plaintext-prompt-storage
}

// The first version of the widget, still used for drafts: 3DES.
export function persistDraft(chatId: string, draft: UIMessage): void {
  sessionStorage.setItem(
    `draft:${chatId}`,
    CryptoJS.TripleDES.encrypt(JSON.stringify(draft), sessionStorage.getItem('draft-key') ?? '').toString(), // expect: no-weak-prompt-encryption, no-plaintext-prompt-storage
  );
}

// The user's own passphrase (typed in, never stored) still goes through crypto-js's passphrase
// mode: one round of MD5 (EVP_BytesToKey) turns it into the key, so it is guessed offline at speed.
export function lockWithUserPassphrase(messages: UIMessage[], passphrase: string): string {
  return CryptoJS.AES.encrypt(JSON.stringify(messages), passphrase).toString(); // expect: no-weak-prompt-encryption
}

// A key derived by hashing a literal is the literal, and ECB shows the structure of the text.
const DERIVED_KEY = CryptoJS.SHA256('widget-cache-v2');

export function exportForSupport(messages: UIMessage[]): string {
  const lastTurns = messages.slice(-10).map(message => message.parts);
  const withDerivedKey = CryptoJS.AES.encrypt(JSON.stringify(lastTurns), DERIVED_KEY, { iv: CryptoJS.lib.WordArray.random(16) }); // expect: no-weak-prompt-encryption
  const inEcb = CryptoJS.AES.encrypt(JSON.stringify(lastTurns), CryptoJS.lib.WordArray.random(32), LEGACY_OPTIONS); // expect: no-weak-prompt-encryption
  return `${withDerivedKey.toString()}.${inEcb.toString()}`;
}

// Look-alikes that stay clean.

// valid: a hash of the conversation as a cache key is not encryption and not the text.
export function cacheKey(messages: UIMessage[]): string {
  return CryptoJS.SHA256(JSON.stringify(messages.map(message => message.id))).toString();
}

// valid: UI state with the widget's literal passphrase: not a prompt.
export function persistWidgetState(open: boolean, unread: number): void {
  localStorage.setItem('widget', CryptoJS.AES.encrypt(JSON.stringify({ open, unread }), STORAGE_PASSPHRASE).toString());
}

// valid: WebCrypto AES-GCM with a non-extractable key and a fresh IV.
export async function persistWithWebCrypto(chatId: string, messages: UIMessage[], key: CryptoKey): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(messages)));
  const bytes = new Uint8Array(iv.byteLength + sealed.byteLength);
  bytes.set(iv);
  bytes.set(new Uint8Array(sealed), iv.byteLength);
  localStorage.setItem(`chat:v2:${chatId}`, btoa(String.fromCharCode(...bytes)));
}
