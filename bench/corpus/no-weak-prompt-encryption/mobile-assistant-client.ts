// The incident, modelled: an AI assistant's React Native client encrypts what the user types
// before it goes to the backend, with 3DES, a key written in the app (anyone who unzips the
// bundle has it) and one IV for every request. Written for this
// corpus after the public analysis of such an app; no third-party code.
import AsyncStorage from '@react-native-async-storage/async-storage';
import CryptoJS from 'crypto-js';
import { Platform } from 'react-native';

interface ChatTurn {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  sentAt: number;
}

// "Obfuscated" constants, as shipped in the bundle.
const TRANSPORT_KEY = CryptoJS.enc.Utf8.parse('a7Kq2mZ9xW4tR8vB1nC6yL3p');
// Made once when the app starts, then used for every request of the session.
const SESSION_IV = CryptoJS.lib.WordArray.random(8);

function sealForTransport(payload: string): string {
  return CryptoJS.TripleDES.encrypt(payload, TRANSPORT_KEY, { iv: SESSION_IV, mode: CryptoJS.mode.CBC }).toString(); // expect: no-weak-prompt-encryption
}

export async function sendTurn(conversationId: string, history: ChatTurn[], text: string): Promise<ChatTurn> {
  const turn: ChatTurn = { id: `${Date.now()}`, role: 'user', content: text, sentAt: Date.now() };
  const body = sealForTransport(JSON.stringify({ conversationId, messages: [...history, turn], platform: Platform.OS }));
  const response = await fetch('https://api.example-assistant.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-client': 'mobile' },
    body,
  });
  const reply = (await response.json()) as { content: string };
  return { id: `${Date.now()}`, role: 'assistant', content: reply.content, sentAt: Date.now() };
}

// Feedback on an answer goes through the same cipher: one report, at the cipher, names both flows.
export async function sendFeedback(turn: ChatTurn, rating: 'up' | 'down'): Promise<void> {
  await fetch('https://api.example-assistant.com/v1/feedback', { method: 'POST', body: sealForTransport(JSON.stringify({ turn, rating })) });
}

// Look-alikes that stay clean.

// valid: the same weak scheme on device settings: no conversation in it (checkAllData would report it).
export async function cacheSettings(settings: { theme: 'light' | 'dark'; haptics: boolean }): Promise<void> {
  await AsyncStorage.setItem('settings', CryptoJS.TripleDES.encrypt(JSON.stringify(settings), TRANSPORT_KEY, { iv: SESSION_IV }).toString());
}

// valid: the fixed version: AES with a per-install key from the keychain and a fresh IV per message.
declare function keyFromKeychain(): Promise<CryptoJS.lib.WordArray>;

export async function sealTurnForCache(turn: ChatTurn): Promise<string> {
  const iv = CryptoJS.lib.WordArray.random(16);
  const sealed = CryptoJS.AES.encrypt(JSON.stringify(turn), await keyFromKeychain(), { iv, mode: CryptoJS.mode.CBC, padding: CryptoJS.pad.Pkcs7 });
  return `${iv.toString(CryptoJS.enc.Base64)}.${sealed.toString()}`;
}

// valid: a hash of the conversation id as a cache key: not encryption, not the text.
export function cacheKeyFor(conversationId: string): string {
  return CryptoJS.SHA256(`conversation:${conversationId}`).toString(CryptoJS.enc.Hex);
}
