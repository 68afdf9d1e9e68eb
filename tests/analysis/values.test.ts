import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

import { CalleeResolver } from '../../src/analysis/callees.js';
import { staticStringValue } from '../../src/analysis/constants.js';
import { Environment } from '../../src/analysis/flow/environment.js';
import { originMatches, originOfDeclaration } from '../../src/analysis/packages.js';
import { CLEAN, type Taint, fieldValue, join, objectValue, taintValue, valueAtPath, withField, withoutFields } from '../../src/analysis/flow/taint.js';
import { TextCarrierOracle } from '../../src/analysis/sanitizers/text-carriers.js';
import { createFixtureProgram } from './program.js';

const origin = ts.factory.createIdentifier('x');
const output: Taint = { kind: 'output', origin, label: "'a()'" };
const prompt: Taint = { kind: 'prompt', origin, label: "'b'" };

describe('taint values', () => {
  it('joins taints without duplicates', () => {
    const value = join(taintValue(output), join(taintValue(output), taintValue(prompt)));
    expect(value.taints.map(taint => taint.kind)).toEqual(['output', 'prompt']);
    expect(join(CLEAN, CLEAN)).toBe(CLEAN);
  });

  it('keeps object fields apart: reading a clean field of a tainted object is clean', () => {
    const record = objectValue(new Map([['text', taintValue(output)], ['tokens', CLEAN]]), CLEAN);
    expect(record.taints).toHaveLength(1);
    expect(fieldValue(record, 'tokens')).toBe(CLEAN);
    expect(fieldValue(record, 'text').taints).toEqual([output]);
    // Joined with a clean value without fields (a branch that assigned `undefined`), fields survive.
    expect(fieldValue(join(record, CLEAN), 'tokens').taints).toEqual([]);
    // With an unknown spread (\`{ tokens, ...answer }\`), a field written out keeps its own value (the
    // object literal's walk joins in what a later spread may overwrite); the others are the spread's.
    const spread = objectValue(new Map([['tokens', CLEAN]]), taintValue(output));
    expect(spread.taints).toEqual([output]);
    expect(fieldValue(spread, 'tokens').taints).toEqual([]);
    expect(fieldValue(spread, 'text').taints).toEqual([output]);
  });

  it('keeps each kind of data however many origins of another kind a value already holds', () => {
    const prompts = Array.from({ length: 10 }, (_, index): Taint => ({ kind: 'prompt', origin: ts.factory.createIdentifier(`p${index}`), label: `'p${index}'` }));
    const manyPrompts = prompts.reduce((value, taint) => join(value, taintValue(taint)), CLEAN);
    expect(manyPrompts.taints.length).toBeLessThan(prompts.length);
    expect(join(manyPrompts, taintValue(output)).taints.map(taint => taint.kind)).toContain('output');
  });

  it('gives a value whose parts are unknown a field of its own, the other fields as before', () => {
    const parameter: Taint = { kind: 'parameter', origin, label: "'client'", parameterIndex: 0 };
    // `client.pending = answer` on a parameter: `client.pending` is the answer, `client.config` the caller's.
    const client = withField(taintValue(parameter), 'pending', taintValue(output));
    expect(fieldValue(client, 'pending').taints).toEqual([output]);
    expect(fieldValue(client, 'config').taints).toEqual([{ ...parameter, path: ['config'] }]);
    expect(valueAtPath(client, ['config', 'url']).taints).toEqual([{ ...parameter, path: ['config', 'url'] }]);
    // The whole value holds both, and so does any use that drops the fields.
    expect(client.taints).toEqual([parameter, output]);
    expect(withoutFields(client)).toEqual({ taints: [parameter, output] });
    // A branch where the field was not set: the field may hold either; the others are unchanged.
    const either = join(client, withField(taintValue(parameter), 'other', CLEAN));
    expect(fieldValue(either, 'pending').taints).toEqual([output, { ...parameter, path: ['pending'] }]);
    expect(fieldValue(either, 'config').taints).toEqual([{ ...parameter, path: ['config'] }]);
    // On a value that held nothing, the other fields stay clean.
    expect(fieldValue(withField(CLEAN, 'pending', taintValue(output)), 'config')).toBe(CLEAN);
  });
});

describe('environment', () => {
  it('lets a branch see the outer state and merges only what branches wrote', () => {
    const env = new Environment();
    env.set('a', taintValue(output));
    const thenBranch = env.fork();
    thenBranch.set('a', CLEAN);
    thenBranch.set('b', taintValue(prompt));
    expect(thenBranch.get('a')).toBe(CLEAN);
    // `if` without `else`: the branch may not run.
    env.merge([thenBranch], true);
    expect(env.get('a')?.taints).toEqual([output]);
    expect(env.get('b')?.taints).toEqual([prompt]);
    // `if/else` that both overwrite: the old value is gone.
    const left = env.fork();
    const right = env.fork();
    left.set('a', CLEAN);
    right.set('a', CLEAN);
    env.merge([left, right], false);
    expect(env.get('a')?.taints).toEqual([]);
  });
});

describe('types, origins and constants', () => {
  const { program, sourceFile } = createFixtureProgram({
    'probe.ts': `
import OpenAI from 'openai';
import { writeFileSync } from 'node:fs';
const n = 1;
const finish: 'stop' | 'length' = 'stop';
const text: string = 'a';
const error = new Error('x');
const tokens: number[] = [];
const words: string[] = [];
const BASE = 'https://api.example.com';
const url = \`\${BASE}/v1/chat\`;
const joined = BASE + '/v2';
let changing = 'a';
changing = String(Math.random());
enum Api { Chat = 'https://api.example.com/chat' }
const ROUTES = { chat: '/v1/chat' } as const;
function fixedBase(): 'https://fixed.example.com' { return 'https://fixed.example.com'; }
const member = Api.Chat;
const route = ROUTES.chat;
const indexed = ROUTES['chat'];
const called = fixedBase();
const calledDirectly = \`\${fixedBase()}/v1\`;
void OpenAI; void writeFileSync; void n; void finish; void text; void error; void tokens; void words; void url; void joined; void changing; void member; void route; void indexed; void called; void calledDirectly;
console.log(n);
`,
  });
  const checker = program.getTypeChecker();
  const probe = sourceFile('probe.ts');
  const declarations = new Map<string, ts.VariableDeclaration>();
  probe.forEachChild(function visit(node): void {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) declarations.set(node.name.text, node);
    node.forEachChild(visit);
  });
  const typeOf = (name: string) => checker.getTypeAtLocation(declarations.get(name)!.name);

  it('knows which types can hold text', () => {
    const oracle = new TextCarrierOracle(checker);
    expect(oracle.carriesText(typeOf('n'))).toBe(false);
    expect(oracle.carriesText(typeOf('finish'))).toBe(false);
    expect(oracle.carriesText(typeOf('error'))).toBe(false);
    expect(oracle.carriesText(typeOf('tokens'))).toBe(false);
    expect(oracle.carriesText(typeOf('text'))).toBe(true);
    expect(oracle.carriesText(typeOf('words'))).toBe(true);
  });

  it('names where declarations come from', () => {
    const importedSymbol = (name: string) => {
      let found: ts.Symbol | undefined;
      probe.forEachChild(function visit(node): void {
        if (ts.isImportSpecifier(node) || ts.isImportClause(node)) {
          if (node.name?.text === name) found = checker.getAliasedSymbol(checker.getSymbolAtLocation(node.name)!);
        }
        node.forEachChild(visit);
      });
      return found!;
    };
    expect(originOfDeclaration(importedSymbol('OpenAI').declarations![0]!, program)).toBe('openai');
    expect(originOfDeclaration(importedSymbol('writeFileSync').declarations![0]!, program)).toBe('node:fs');
    expect(originMatches('@sentry/core', '@sentry/*')).toBe(true);
    expect(originMatches('@sentry-internal/x', '@sentry/*')).toBe(false);
    expect(originMatches(undefined, 'openai')).toBe(false);
  });

  it('resolves constant strings through the checker, never running code', () => {
    const value = (name: string) => staticStringValue(declarations.get(name)!.initializer!, checker);
    expect(value('url')).toBe('https://api.example.com/v1/chat');
    expect(value('joined')).toBe('https://api.example.com/v2');
    expect(value('member')).toBe('https://api.example.com/chat');
    expect(value('route')).toBe('/v1/chat');
    expect(value('indexed')).toBe('/v1/chat');
    // A name keeps what its declaration fixes, even when a call fixed it ...
    expect(staticStringValue(declarations.get('called')!.name as ts.Identifier, checker)).toBe('https://fixed.example.com');
    // ... but a call itself is not resolved to read a literal return type (it is rare, and costly on every request).
    expect(value('called')).toBeUndefined();
    expect(value('calledDirectly')).toBeUndefined();
    expect(staticStringValue(ts.factory.createIdentifier('x'), checker)).toBeUndefined();
  });
});

describe('callee resolution', () => {
  const { program, sourceFile } = createFixtureProgram({
    'callees-probe.ts': `
import createDebug from 'debug';
import * as ai from 'ai';
const log = createDebug('app');
const { generateText } = ai;
function useThing() { return { run: (text: string) => text.length }; }
const { run } = useThing();
export const useDoubled = () => [1, 2, 3].map(n => n * 2);
export function plain() { return 1; }
type Handler = (text: string) => void;
export const annotated: Handler = text => void text;
log('x');
useDoubled();
plain();
annotated('y');
generateText({ prompt: 'p' } as never);
run('z');
`,
  });
  const checker = program.getTypeChecker();
  const calls = new Map<string, ts.CallExpression>();
  sourceFile('callees-probe.ts').forEachChild(function visit(node): void {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) calls.set(node.expression.text, node);
    node.forEachChild(visit);
  });

  it("asks the callee's type only when it may name a callable interface", () => {
    const resolver = new CalleeResolver(program, checker);
    const typeAt = vi.spyOn(checker, 'getTypeAtLocation');
    try {
      // A function declared in the program is its own signature: its type is not asked (for a hook,
      // that would infer its return type), and it resolves to its body.
      for (const name of ['useDoubled', 'plain']) {
        expect(resolver.resolve(calls.get(name)!).projectFunction).toBeDefined();
      }
      expect(typeAt.mock.calls.map(([node]) => node.getText())).toEqual([]);
      // A value of a callable interface (debug's `Debugger`) or of a written function type is looked up.
      expect(resolver.resolve(calls.get('log')!).declarations).toContainEqual(expect.objectContaining({ name: '()', container: 'Debugger' }));
      expect(resolver.resolve(calls.get('annotated')!).declarations).toContainEqual(expect.objectContaining({ name: '()', container: 'Handler' }));
      expect(typeAt.mock.calls.map(([node]) => node.getText())).toEqual(['log', 'annotated']);
    } finally {
      typeAt.mockRestore();
    }
  });

  it('follows a destructured module to its export, without asking what other calls return', () => {
    const resolver = new CalleeResolver(program, checker);
    const typeAt = vi.spyOn(checker, 'getTypeAtLocation');
    try {
      // `const { run } = useThing()`: a hook's result is no module namespace; the call is not looked up.
      resolver.resolve(calls.get('run')!);
      expect(typeAt.mock.calls.map(([node]) => node.getText())).not.toContain('useThing()');
      // `const { generateText } = ai` (a namespace import) is the module's own export.
      expect(resolver.resolve(calls.get('generateText')!).declarations).toContainEqual(expect.objectContaining({ name: 'generateText', origin: 'ai' }));
      expect(typeAt.mock.calls.map(([node]) => node.getText())).toContain('ai');
    } finally {
      typeAt.mockRestore();
    }
  });
});
