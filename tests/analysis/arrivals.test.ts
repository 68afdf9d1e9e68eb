import type ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { FlowAnalysis } from '../../src/analysis/index.js';
import { lineOf } from '../../src/analysis/flow/finding.js';
import { createFixtureProgram } from './program.js';

// A storage module with no LLM import of its own, as models modules of apps are.
const store = `
import fs from 'node:fs';
export function saveTurn(chatId: string, turn: { id: string; body: string }) {
  fs.writeFileSync(\`chats/\${chatId}.json\`, JSON.stringify(turn));
}
export function saveSetting(name: string, value: string) {
  fs.writeFileSync(\`settings/\${name}\`, value);
}
`;

// A module that passes its parameter on to the store.
const forwarder = `
import { saveTurn } from './arrival-store.js';
export function forward(chatId: string, turn: { id: string; body: string }) {
  saveTurn(chatId, turn);
}
`;

const caller = (body: string, imports = `import { saveTurn, saveSetting } from './arrival-store.js';`) => `
import OpenAI from 'openai';
${imports}
const client = new OpenAI();
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
${body}
}
`;

function describeFindings(analysis: FlowAnalysis, sourceFile: ts.SourceFile): string[] {
  return analysis.analyzeFile(sourceFile).map(finding => {
    const received = finding.sink.received;
    const from = received ? ` from ${received.at.getSourceFile().fileName.split('/').pop()}:${lineOf(received.at)} through ${received.through.join(',')}` : '';
    return `${finding.taint.kind} ${finding.sink.callee} line ${lineOf(finding.node)}${from}`;
  });
}

describe('arrivals: flows reported at the sink inside the helper', () => {
  it('reports a helper of another file at its sink when every call passes it conversation data, and keeps the report at the call', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-caller.ts': caller(`  saveTurn('c1', { id: 't1', body: answer });`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual(['output fs.writeFileSync() line 4 from arrival-caller.ts:8 through saveTurn()']);
    // The caller's file still shows where its data goes (the editor lints the file being edited).
    expect(describeFindings(analysis, sourceFile('arrival-caller.ts'))).toEqual(['output fs.writeFileSync() line 8']);
  });

  it('does not report inside a helper that some call gives data that is not sensitive', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-caller.ts': caller(`  saveTurn('c1', { id: 't1', body: answer });\n  saveTurn('c2', { id: 't0', body: 'You are terse.' });`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual([]);
    expect(describeFindings(analysis, sourceFile('arrival-caller.ts'))).toEqual(['output fs.writeFileSync() line 8']);
  });

  it('leaves calls from test files out: a fixture passed in a test does not make a helper generic', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-caller.ts': caller(`  saveTurn('c1', { id: 't1', body: answer });`),
      'arrival-store.test.ts': `import { saveTurn } from './arrival-store.js';\nsaveTurn('fixture', { id: 't0', body: 'hello' });\n`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual(['output fs.writeFileSync() line 4 from arrival-caller.ts:8 through saveTurn()']);
  });

  it('does not report inside a helper that is never called with sensitive data', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-caller.ts': caller(`  saveSetting('model', 'gpt-4o');\n  console.info(answer.length);`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual([]);
  });

  it('follows a helper that passes its parameter on to the callers of that helper', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-forward.ts': forwarder,
      'arrival-caller.ts': caller(`  forward('c1', { id: 't1', body: answer });`, `import { forward } from './arrival-forward.js';`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual(['output fs.writeFileSync() line 4 from arrival-caller.ts:8 through forward(),saveTurn()']);
  });

  it('takes a function the app never calls, passing its parameter on, as a caller that may pass anything', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-forward.ts': forwarder,
      'arrival-caller.ts': caller(`  saveTurn('c1', { id: 't1', body: answer });`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual([]);
  });

  it('reports a flow of one file once, at the sink inside the helper, not also at the call', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-one.ts': `
import OpenAI from 'openai';
const client = new OpenAI();
function remember(text: string) {
  localStorage.setItem('last-answer', text);
}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  remember(completion.choices[0]?.message.content ?? '');
}
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-one.ts'))).toEqual(['output localStorage.setItem() line 5 from arrival-one.ts:9 through remember()']);
  });

  it('takes a recursive call as passing on what the helper was given', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-loop.ts': `
import OpenAI from 'openai';
const client = new OpenAI();
function logTurn(turn: string, depth: number): void {
  if (depth > 0) logTurn(turn, depth - 1);
  else console.log(turn);
}
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  logTurn(completion.choices[0]?.message.content ?? '', 2);
}
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-loop.ts'))).toEqual(['output console.log() line 6 from arrival-loop.ts:10 through logTurn(),logTurn()']);
  });

  it('counts a caller that passes its parameter on by what its own callers pass', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-store.ts': store,
      'arrival-forward.ts': forwarder,
      'arrival-caller.ts': caller(
        `  saveTurn('c1', { id: 't1', body: answer });\n  forward('c2', { id: 't2', body: 'plain' });`,
        `import { saveTurn } from './arrival-store.js'; import { forward } from './arrival-forward.js';`,
      ),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    // \`forward\` is called, with plain data: the store's sink is not reported inside.
    expect(describeFindings(analysis, sourceFile('arrival-store.ts'))).toEqual([]);
  });

  it('reports each sink of a helper that writes its argument in two places, while the call is reported once', () => {
    const { program, sourceFile } = createFixtureProgram({
      'arrival-two-logs.ts': `
export function check(turn: { id: string; body: string }) {
  if (!turn.id) console.error('missing id', turn);
  if (!turn.body.trim()) console.error('empty turn', turn);
}
`,
      'arrival-caller.ts': caller(`  check({ id: 't1', body: answer });`, `import { check } from './arrival-two-logs.js';`),
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(describeFindings(analysis, sourceFile('arrival-two-logs.ts'))).toEqual([
      'output console.error() line 3 from arrival-caller.ts:8 through check()',
      'output console.error() line 4 from arrival-caller.ts:8 through check()',
    ]);
    expect(describeFindings(analysis, sourceFile('arrival-caller.ts'))).toEqual(['output console.error() line 8']);
  });
});
