// A chat bot in plain JavaScript that keeps its conversation in module-level state and saves it
// on a command. Modelled on small Node chat bots.
import fs from 'node:fs';
import OpenAI from 'openai';

const client = new OpenAI();
const history = [];
let lastAnswer = '';
let requestCount = 0;

export async function onMessage(text) {
  history.push({ role: 'user', content: text });
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: history });
  lastAnswer = completion.choices[0].message.content;
  history.push({ role: 'assistant', content: lastAnswer });
  requestCount += 1;
  return lastAnswer;
}

export function saveTranscript(file) {
  fs.writeFileSync(file, JSON.stringify(history, null, 2)); // expect: no-plaintext-prompt-storage
}

export function saveLastAnswer(file) {
  fs.writeFileSync(file, lastAnswer); // expect: no-plaintext-prompt-storage
}

export function saveStats(file) {
  fs.writeFileSync(file, JSON.stringify({ requests: requestCount, turns: history.length }));
}
