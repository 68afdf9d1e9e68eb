/**
 * Bad configuration fails loudly and clearly:
 * - options that break a rule's JSON schema are rejected by ESLint, naming the rule and the problem;
 * - linting without type information stops with typescript-eslint's error that explains how to
 *   enable it, naming the rule (instead of a crash deep inside the analysis).
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type { JSONSchema4 } from 'json-schema';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';

const PREFIX = 'llm-security';
const ruleEntries = Object.entries(plugin.rules) as [string, { meta: { schema?: JSONSchema4 | JSONSchema4[] | false; docs?: { requiresTypeChecking?: boolean } } }][];

/** Lints a snippet with one rule configured, without type information. */
function verify(ruleName: string, ruleEntry: Linter.RuleEntry, code = 'const answer = 42;\n'): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        plugins: { [PREFIX]: plugin as never },
        languageOptions: { parser: tsParser },
        rules: { [`${PREFIX}/${ruleName}`]: ruleEntry },
      },
    ],
    'file.ts',
  );
}

/** The object schema of a rule's first option, if it has one. */
function optionsSchema(schema: JSONSchema4 | JSONSchema4[] | false | undefined): JSONSchema4 | undefined {
  const first = Array.isArray(schema) ? schema[0] : undefined;
  return first?.type === 'object' ? first : undefined;
}

/** A value of the wrong type for a property, and the phrase ESLint's validator uses for it. */
function wrongValue(property: JSONSchema4): { value: unknown; problem: RegExp } | undefined {
  if (property.enum) return { value: '__not_an_allowed_value__', problem: /should be equal to one of the allowed values/ };
  switch (property.type) {
    case 'boolean':
      return { value: 'yes', problem: /should be boolean/ };
    case 'string':
      return { value: 42, problem: /should be string/ };
    case 'number':
    case 'integer':
      return { value: 'many', problem: new RegExp(`should be ${property.type}`) };
    case 'array':
      return { value: 42, problem: /should be array/ };
    case 'object':
      return { value: 42, problem: /should be object/ };
    default:
      return undefined;
  }
}

const rulesWithOptions = ruleEntries.filter(([, rule]) => optionsSchema(rule.meta.schema) !== undefined);
const rulesWithoutOptions = ruleEntries.filter(([, rule]) => Array.isArray(rule.meta.schema) && rule.meta.schema.length === 0);
const invalidProperties = rulesWithOptions.flatMap(([name, rule]) =>
  Object.entries(optionsSchema(rule.meta.schema)?.properties ?? {}).flatMap(([property, schema]) => {
    const wrong = wrongValue(schema);
    return wrong ? [{ name, property, ...wrong }] : [];
  }),
);

describe('bad configuration', () => {
  it('has rules to check', () => {
    expect(ruleEntries.length).toBeGreaterThan(0);
    // Every rule either takes an options object or declares that it takes none.
    expect(rulesWithOptions.length + rulesWithoutOptions.length).toBe(ruleEntries.length);
  });

  it.each(rulesWithOptions.map(([name]) => name))('%s rejects an unknown option with a clear message', name => {
    expect(() => verify(name, ['error', { notAnOption: true }])).toThrow(
      new RegExp(`"${PREFIX}/${name}"[\\s\\S]*should NOT have additional properties[\\s\\S]*Unexpected property "notAnOption"`),
    );
  });

  it.each(rulesWithOptions.map(([name]) => name))('%s rejects options that are not an object', name => {
    expect(() => verify(name, ['error', 'strict'])).toThrow(new RegExp(`"${PREFIX}/${name}"[\\s\\S]*should be object`));
  });

  it.each(invalidProperties.map(entry => [`${entry.name}: ${entry.property}`, entry] as const))('%s rejects a value of the wrong type', (_label, entry) => {
    expect(() => verify(entry.name, ['error', { [entry.property]: entry.value }])).toThrow(new RegExp(`"${PREFIX}/${entry.name}"[\\s\\S]*${entry.problem.source}`));
  });

  it.each(rulesWithoutOptions.map(([name]) => name))('%s rejects any option (it takes none)', name => {
    expect(() => verify(name, ['error', { anything: true }])).toThrow(/should NOT have more than 0 items/);
  });

  it.each(rulesWithOptions.map(([name]) => name))('%s accepts an empty options object (validation passes; only type information is missing)', name => {
    expect(() => verify(name, ['error', {}])).not.toThrow(/should/);
  });

  const typed = ruleEntries.filter(([, rule]) => rule.meta.docs?.requiresTypeChecking === true).map(([name]) => name);
  const untyped = ruleEntries.filter(([, rule]) => rule.meta.docs?.requiresTypeChecking !== true).map(([name]) => name);

  it.each(typed)('%s without type information stops with typescript-eslint\'s explanation', name => {
    expect(() => verify(name, 'error')).toThrow(/You have used a rule which requires type information/);
    expect(() => verify(name, 'error')).toThrow(/typed-linting/);
    // ESLint names the rule: "Error while loading rule '...'" when it fails in `create`, `Rule: "..."` in a listener.
    expect(() => verify(name, 'error')).toThrow(new RegExp(`Rule: "${PREFIX}/${name}"|Error while loading rule '${PREFIX}/${name}'`));
  });

  it.each(untyped.length > 0 ? untyped : ['(none)'])('%s works without type information', name => {
    if (name === '(none)') return;
    expect(() => verify(name, 'error')).not.toThrow();
  });
});
