/**
 * `settings['llm-security']` has a schema: a typo or a wrong type stops ESLint with one error that
 * names the key, instead of being ignored and silently changing what is found.
 */
import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { SHARED_SETTINGS_PROPERTIES, validateSharedSettings } from '../../src/analysis/settings-schema.js';
import { FIXTURES_DIR } from '../rule-tester.js';

const LEAK = [
  "import OpenAI from 'openai';",
  'const client = new OpenAI();',
  "const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });",
  'console.log(completion.choices[0]?.message.content);',
  '',
].join('\n');

const INTEGRITY = ["import { pipeline } from '@huggingface/transformers';", "export const model = await pipeline('text-generation', 'Xenova/gpt2');", ''].join('\n');

function lint(settings: unknown, rules: Linter.Config['rules'] = plugin.configs.recommended.rules, code = LEAK): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [plugin.configs.recommended, { rules, settings: { 'llm-security': settings }, languageOptions: { parserOptions: { tsconfigRootDir: FIXTURES_DIR } } }],
    path.join(FIXTURES_DIR, 'file.ts'),
  );
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe("settings['llm-security']", () => {
  it('accepts the README example and still reports', () => {
    const messages = lint({
      outputSources: [{ from: 'package', package: '@acme/llm', name: 'complete' }],
      promptSources: [{ from: 'file', name: 'ChatTurn' }],
      logSinks: [{ from: 'file', name: 'audit' }],
      storageSinks: [{ from: 'package', package: '@acme/db', name: 'save' }],
      sanitizers: ['redactPii', { from: 'file', name: 'Redacted' }],
      verifiers: [{ from: 'package', package: '@acme/models', name: 'verifyModel' }],
    });
    expect(messages.map(message => message.ruleId)).toEqual(['llm-security/no-model-output-logging']);
  });

  it('names an unknown key and the setting that was meant', () => {
    const message = errorOf(() => lint({ sanitizer: ['redactPii'] }));
    expect(message).toContain("settings['llm-security'].sanitizer is not a setting of eslint-plugin-llm-security (did you mean 'sanitizers'?)");
    expect(message).toContain('Known settings: logSinks, outputSources, promptSources, sanitizers, storageSinks, verifiers.');
  });

  it('suggests the right case for a key typed in the wrong case', () => {
    expect(errorOf(() => lint({ logsinks: 42 }))).toContain("settings['llm-security'].logsinks is not a setting of eslint-plugin-llm-security (did you mean 'logSinks'?)");
  });

  it('offers no suggestion for a key nothing like a setting', () => {
    const message = errorOf(() => lint({ colour: 'blue' }));
    expect(message).toContain("settings['llm-security'].colour is not a setting of eslint-plugin-llm-security. Known settings:");
    expect(message).not.toContain('did you mean');
  });

  it('names a key whose value has the wrong type', () => {
    expect(errorOf(() => lint({ logSinks: 42 }))).toContain("settings['llm-security'].logSinks should be an array, but is number 42.");
  });

  it('points into a list at the specifier that is wrong, and at what is wrong with it', () => {
    expect(errorOf(() => lint({ sanitizers: ['ok', { from: 'package', name: 'encrypt' }] }))).toContain("settings['llm-security'].sanitizers[1].package is required.");
    expect(errorOf(() => lint({ promptSources: [{ from: 'module', name: 'Turn' }] }))).toContain(
      `settings['llm-security'].promptSources[0].from should be "file" or "lib" or "package", but is string "module".`,
    );
    expect(errorOf(() => lint({ storageSinks: [7] }))).toContain("settings['llm-security'].storageSinks[0] should be a string or an object, but is number 7.");
  });

  it('rejects settings that are not an object', () => {
    expect(errorOf(() => lint(['logSinks']))).toContain("settings['llm-security'] should be an object, but is an array.");
  });

  it('is checked by require-model-integrity too, which reads only verifiers', () => {
    const rules = { 'llm-security/require-model-integrity': 'error' } as const;
    expect(errorOf(() => lint({ verifiers: 'verifyModel' }, rules, INTEGRITY))).toContain("settings['llm-security'].verifiers should be an array");
    expect(lint({ verifiers: ['verifyModel'] }, rules, INTEGRITY).map(message => message.ruleId)).toEqual(['llm-security/require-model-integrity']);
  });

  it('stops the run with that error once, naming the rule that read it', () => {
    const message = errorOf(() => lint({ sanitizer: [] }));
    expect(message.match(/is not a setting/g)).toHaveLength(1);
    // ESLint names the rule: "Error while loading rule '...'" when it fails in `create`, `Rule: "..."` in a listener.
    expect(message).toMatch(/Error while loading rule 'llm-security\/[\w-]+'|Rule: "llm-security\/[\w-]+"/);
  });

  it('has a schema entry with a description for every setting', () => {
    for (const [key, schema] of Object.entries(SHARED_SETTINGS_PROPERTIES)) {
      expect(schema.description, key).toMatch(/\.$/);
      expect(() => validateSharedSettings({ [key]: [] })).not.toThrow();
    }
  });
});
