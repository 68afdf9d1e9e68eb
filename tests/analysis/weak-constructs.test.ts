import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { constantNumber } from '../../src/analysis/crypto/numbers.js';
import { describeWeakConstruct, weakConstructReports } from '../../src/analysis/crypto/reports.js';
import { FlowAnalysis } from '../../src/analysis/index.js';
import { createFixtureProgram } from './program.js';

const weakHelper = `
import { createCipheriv } from 'node:crypto';
const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');
export function weakEncrypt(text: string): string {
  const cipher = createCipheriv('des-ede3-cbc', KEY, Buffer.alloc(8));
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}
`;
const caller = (name: string) => `
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { weakEncrypt } from './crypto-helper.js';
export function archive${name}(${name}: ChatCompletionMessageParam[]): string {
  return weakEncrypt(JSON.stringify(${name}));
}
`;

function lineOf(node: ts.Node): number {
  const file = node.getSourceFile();
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

describe('weak constructs across files', () => {
  it('reports a weak helper once, in its own file, with the origins from every caller, and nothing at the callers', () => {
    const { program, sourceFile } = createFixtureProgram({ 'crypto-helper.ts': weakHelper, 'inbox.ts': caller('inbox'), 'outbox.ts': caller('outbox') });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const helper = sourceFile('crypto-helper.ts');

    const reports = weakConstructReports(analysis, helper, false);
    expect(reports).toHaveLength(1);
    expect(lineOf(reports[0]!.construct.node)).toBe(5);
    expect(reports[0]!.construct.details.map(detail => detail.kind)).toEqual(['weak-algorithm', 'hardcoded-key', 'constant-iv']);
    expect(describeWeakConstruct(reports[0]!, helper).data['data']).toBe("prompt data from parameter 'inbox' (inbox.ts:4) and parameter 'outbox' (outbox.ts:4)");

    expect(weakConstructReports(analysis, sourceFile('inbox.ts'), false)).toEqual([]);
    expect(weakConstructReports(analysis, sourceFile('outbox.ts'), false)).toEqual([]);
  });

  it('does not analyse the importers of a file that writes nothing weak', () => {
    const strongHelper = `
import { createCipheriv, randomBytes } from 'node:crypto';
export function seal(text: string, key: Buffer): Buffer {
  const iv = randomBytes(12);
  return Buffer.concat([iv, createCipheriv('aes-256-gcm', key, iv).update(text, 'utf8')]);
}
`;
    const importer = `
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { seal } from './crypto-helper.js';
export function archive(messages: ChatCompletionMessageParam[], key: Buffer): Buffer {
  return seal(JSON.stringify(messages), key);
}
`;
    const { program, sourceFile } = createFixtureProgram({ 'crypto-helper.ts': strongHelper, 'archive.ts': importer });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const analysed: string[] = [];
    analysis.onFunctionAnalysed = node => analysed.push(node.getSourceFile().fileName);

    expect(weakConstructReports(analysis, sourceFile('crypto-helper.ts'), false)).toEqual([]);
    expect(analysed.filter(file => file.endsWith('archive.ts'))).toEqual([]);
  });

  it('with checkAllData, reports a weak key derivation in a file of its own that a cipher elsewhere uses', () => {
    const kdf = `
import { pbkdf2Sync } from 'node:crypto';
export function keyFrom(password: string, salt: Buffer): Buffer {
  return pbkdf2Sync(password, salt, 1000, 32, 'sha256');
}
`;
    const user = `
import { createCipheriv, randomBytes } from 'node:crypto';
import { keyFrom } from './kdf.js';
export function seal(settings: { theme: string }, password: string): Buffer {
  return createCipheriv('aes-256-gcm', keyFrom(password, randomBytes(16)), randomBytes(12)).update(JSON.stringify(settings));
}
`;
    const { program, sourceFile } = createFixtureProgram({ 'kdf.ts': kdf, 'settings-vault.ts': user });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(weakConstructReports(analysis, sourceFile('kdf.ts'), false)).toEqual([]);
    const reports = weakConstructReports(analysis, sourceFile('kdf.ts'), true);
    expect(reports.map(report => [lineOf(report.construct.node), report.construct.role, report.origins.length])).toEqual([[4, 'derives-key', 0]]);
    expect(describeWeakConstruct(reports[0]!, sourceFile('kdf.ts')).data['data']).toBe('data');
  });

  it('names at most three origins and counts the rest', () => {
    const calls = ['a', 'b', 'c', 'd', 'e'].map(name => `export const ${name}Sealed = weakEncrypt(JSON.stringify(${name}));`).join('\n');
    const file = `
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const a: ChatCompletionMessageParam[], b: ChatCompletionMessageParam[], c: ChatCompletionMessageParam[], d: ChatCompletionMessageParam[], e: ChatCompletionMessageParam[];
${weakHelper}
${calls}
`;
    const { program, sourceFile } = createFixtureProgram({ 'many.ts': file });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const [report] = weakConstructReports(analysis, sourceFile('many.ts'), false);
    expect(report?.origins).toHaveLength(5);
    expect(describeWeakConstruct(report!, sourceFile('many.ts')).data['data']).toBe("prompt data from 'a' (line 3), 'b' (line 3), 'c' (line 3) and 2 more");
  });

  it('finds a mongoose hook by the schema type argument when the definition has no message shape', () => {
    const file = `
import { Schema } from 'mongoose';
import { createCipheriv } from 'node:crypto';
interface ChatMessage { role: 'user' | 'assistant'; content: string }
interface Conversation { userId: string; messages: ChatMessage[]; title: string }
const encryptJson = (value: unknown) => createCipheriv('aes-256-ecb', Buffer.from(process.env.K ?? '', 'hex'), null).update(JSON.stringify(value), 'utf8', 'hex');
export const ConversationSchema = new Schema<Conversation>({
  userId: String,
  messages: { type: Schema.Types.Mixed, set: encryptJson },
  title: { type: String, set: encryptJson },
});
`;
    const { program, sourceFile } = createFixtureProgram({ 'conversation-model.ts': file });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const reports = weakConstructReports(analysis, sourceFile('conversation-model.ts'), false);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.origins.map(origin => origin.label)).toEqual(["the 'messages' field of 'ConversationSchema'"]);
    expect(reports[0]!.origins[0]!.evidence).toMatch(/history of 'ChatMessage'/);
  });
});

describe('constantNumber', () => {
  it('evaluates the numbers key derivations are configured with, and nothing the program computes', () => {
    const { program, sourceFile } = createFixtureProgram({
      'numbers.ts': `
const BASE = 2;
const CONFIG = { kdf: { iterations: 600_000 } } as const;
declare const fromEnv: number;
export const values = [100_000, 2 ** 17, 1 << 17, 16 * 1024, Math.pow(BASE, 14), CONFIG.kdf.iterations, 1e6, -1, fromEnv, Number('5')];
`,
    });
    const checker = program.getTypeChecker();
    const file = sourceFile('numbers.ts');
    const constants = new Map<string, ts.Expression>();
    let array: ts.ArrayLiteralExpression | undefined;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        constants.set(node.name.text, node.initializer);
        if (ts.isArrayLiteralExpression(node.initializer)) array = node.initializer;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    const initializerOf = (expression: ts.Expression): ts.Expression | undefined => {
      if (ts.isIdentifier(expression)) return constants.get(expression.text);
      return undefined;
    };
    const values = array!.elements.map(element => constantNumber(element, initializerOf, checker));
    expect(values).toEqual([100_000, 131_072, 131_072, 16_384, 16_384, 600_000, 1_000_000, -1, undefined, undefined]);
  });
});
