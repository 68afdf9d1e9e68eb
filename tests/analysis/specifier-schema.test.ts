/**
 * The options' schema of `TypeOrValueSpecifier` lists is written in `src/analysis/specifier-schema.ts`
 * (loading `@typescript-eslint/type-utils` for its schema cost every ESLint process 120 ms and
 * 15 MiB). It must accept what typescript-eslint's own schema accepts, and reject what it rejects.
 */
import { typeOrValueSpecifiersSchema } from '@typescript-eslint/type-utils';
import { Linter } from 'eslint';
import type { JSONSchema4 } from 'json-schema';
import { describe, expect, it } from 'vitest';

import { specifierListSchema } from '../../src/analysis/specifier-schema.js';
import plugin from '../../src/index.js';

/** A rule that only declares an option schema: `{ list: <schema> }`. */
function schemaRule(list: JSONSchema4) {
  return { meta: { schema: [{ type: 'object', properties: { list }, additionalProperties: false }] }, create: () => ({}) };
}

const probe = { rules: { ours: schemaRule(specifierListSchema('a list of specifiers')), theirs: schemaRule(typeOrValueSpecifiersSchema) } };

/** Whether ESLint accepts the options of a rule (it throws on an invalid configuration). */
function accepts(rule: string, plugins: Record<string, unknown>, value: unknown): boolean {
  try {
    new Linter({ configType: 'flat' }).verify('', [{ plugins: plugins as never, rules: { [rule]: ['error', value] } }]);
    return true;
  } catch (error) {
    // The plugin's rules, given valid options, start and ask for type information, which this lint has not.
    if (String(error).includes('requires type information')) return true;
    // Any other error would be a broken test, not a rejected option.
    expect(String(error)).toContain(`Key "${rule}"`);
    return false;
  }
}

const LISTS: readonly [string, unknown[], boolean][] = [
  ['a name', ['redact'], true],
  ['a file specifier', [{ from: 'file', name: 'redact' }], true],
  ['a file specifier with a path', [{ from: 'file', name: ['redact', 'mask'], path: 'src/redact.ts' }], true],
  ['a lib specifier', [{ from: 'lib', name: 'Storage' }], true],
  ['a package specifier', [{ from: 'package', name: 'info', package: 'pino' }], true],
  ['all four', ['redact', { from: 'file', name: 'x' }, { from: 'lib', name: 'y' }, { from: 'package', name: 'z', package: 'p' }], true],
  ['an empty list', [], true],
  ['a package specifier without its package', [{ from: 'package', name: 'info' }], false],
  ['a specifier without a name', [{ from: 'file' }], false],
  ['an unknown origin', [{ from: 'npm', name: 'x' }], false],
  ['a path on a lib specifier', [{ from: 'lib', name: 'Storage', path: 'x.ts' }], false],
  ['an empty list of names', [{ from: 'file', name: [] }], false],
  ['repeated names', [{ from: 'file', name: ['a', 'a'] }], false],
  ['a number', [42], false],
  ['an unknown property', [{ from: 'file', name: 'x', extra: true }], false],
];

describe('specifier list schema', () => {
  it.each(LISTS)('%s: accepted as typescript-eslint accepts it', (_, list, valid) => {
    expect(accepts('probe/theirs', { probe }, { list })).toBe(valid);
    expect(accepts('probe/ours', { probe }, { list })).toBe(valid);
  });

  it('rejects a value that is no list (typescript-eslint leaves that to its callers)', () => {
    expect(accepts('probe/ours', { probe }, { list: 'redact' })).toBe(false);
  });

  it("is the schema of the rules' specifier options", () => {
    const rules = { 'llm-security': plugin };
    expect(accepts('llm-security/no-plaintext-prompt-storage', rules, { sanitizers: [{ from: 'package', name: 'encrypt', package: 'my-crypto' }] })).toBe(true);
    expect(accepts('llm-security/no-plaintext-prompt-storage', rules, { sanitizers: [{ from: 'package', name: 'encrypt' }] })).toBe(false);
    expect(accepts('llm-security/require-model-integrity', rules, { verifiers: [{ from: 'file', name: 'checkHash' }] })).toBe(true);
    expect(accepts('llm-security/require-model-integrity', rules, { verifiers: [{ from: 'file', name: [] }] })).toBe(false);
  });
});
