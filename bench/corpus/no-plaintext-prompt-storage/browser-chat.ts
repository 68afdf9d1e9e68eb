// A browser chat widget: drafts, history and preferences.
import { set } from 'idb-keyval';
import type Anthropic from '@anthropic-ai/sdk';

type Turn = Anthropic.MessageParam;

const PREFERENCES_KEY = 'chat:preferences';

export function savePreferences(theme: 'light' | 'dark', fontSize: number): void {
  localStorage.setItem(PREFERENCES_KEY, JSON.stringify({ theme, fontSize }));
}

export async function saveHistory(turns: Turn[]): Promise<void> {
  await set('chat:turn-count', turns.length);
  await set('chat:history', turns); // expect: no-plaintext-prompt-storage
  sessionStorage.lastTurn = btoa(JSON.stringify(turns.at(-1))); // expect: no-plaintext-prompt-storage
}

export async function saveSealedHistory(turns: Turn[], key: CryptoKey): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(turns)));
  await set('chat:sealed', { iv, sealed });
}
