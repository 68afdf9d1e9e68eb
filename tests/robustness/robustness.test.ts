/**
 * Every rule over unusual but valid code must not crash: odd syntax, decorators, `using`,
 * generators, JSX, cyclic imports, a 20,000-line file and code that does not type-check.
 * Deeply nested expressions are in stack.test.ts; bad configuration in config.test.ts.
 */
import path from 'node:path';

import type { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import {
  bigFile,
  COMMENTS_ONLY,
  COMPONENT_TSX,
  CYCLE_A,
  CYCLE_B,
  CYCLE_C,
  DECLARATIONS_DTS,
  DECORATORS,
  GENERATORS,
  HASHBANG,
  INCOMPLETE,
  ODD_SYNTAX,
  PLAIN_JS,
  SANITY,
  USING,
} from './fixtures.js';
import { createLinter, lintFile, removeProject, writeProject } from './helpers.js';

const FILES: Record<string, string> = {
  'sanity.ts': SANITY,
  'big.ts': bigFile(20_000),
  'cycle-a.ts': CYCLE_A,
  'cycle-b.ts': CYCLE_B,
  'cycle-c.ts': CYCLE_C,
  'decorators.ts': DECORATORS,
  'using.ts': USING,
  'generators.ts': GENERATORS,
  'component.tsx': COMPONENT_TSX,
  'odd-syntax.ts': ODD_SYNTAX,
  'incomplete.ts': INCOMPLETE,
  'plain.js': PLAIN_JS,
  'declarations.d.ts': DECLARATIONS_DTS,
  'hashbang.ts': HASHBANG,
  'comments-only.ts': COMMENTS_ONLY,
  'empty.ts': '',
};

let dir: string;
let eslint: ESLint;

beforeAll(() => {
  dir = writeProject('syntax', FILES, {
    // `using` needs the disposable declarations; JSX is type-checked against the fixture's own namespace.
    lib: ['ES2023', 'ESNext.Disposable', 'DOM'],
    jsx: 'preserve',
    allowJs: true,
    checkJs: false,
  });
  eslint = createLinter(dir);
});

afterAll(() => {
  removeProject(dir);
});

describe('robustness: every rule on unusual code', () => {
  it('runs every rule of the plugin', () => {
    expect(Object.keys(plugin.configs.all.rules ?? {})).toHaveLength(Object.keys(plugin.rules).length);
  });

  it('finds the planted leak (the rules really run)', async () => {
    const outcome = await lintFile(eslint, path.join(dir, 'sanity.ts'));
    expect(outcome.fatal).toEqual([]);
    expect(outcome.findings).toContain('no-model-output-logging');
  });

  it('lints a 20,000-line file', async () => {
    const outcome = await lintFile(eslint, path.join(dir, 'big.ts'));
    expect(outcome.fatal).toEqual([]);
    // One leak in every tenth function: the analysis must not give up on a big file.
    expect(outcome.findings.filter(rule => rule === 'no-model-output-logging').length).toBeGreaterThan(50);
  });

  it.each(['cycle-a.ts', 'cycle-b.ts', 'cycle-c.ts'])('follows cyclic imports and mutual recursion across files (%s)', async file => {
    const outcome = await lintFile(eslint, path.join(dir, file));
    expect(outcome.fatal).toEqual([]);
  });

  it.each([
    ['decorators', 'decorators.ts'],
    ['using declarations', 'using.ts'],
    ['generators and async generators', 'generators.ts'],
    ['JSX in .tsx', 'component.tsx'],
    ['labeled loops, comma expressions, optional calls, satisfies, private names, static blocks', 'odd-syntax.ts'],
    ['code that does not type-check', 'incomplete.ts'],
    ['JavaScript with JSDoc', 'plain.js'],
    ['a declaration file', 'declarations.d.ts'],
    ['a hashbang', 'hashbang.ts'],
    ['a file of comments', 'comments-only.ts'],
    ['an empty file', 'empty.ts'],
  ])('survives %s', async (_name, file) => {
    const outcome = await lintFile(eslint, path.join(dir, file));
    expect(outcome.fatal).toEqual([]);
  });
});
