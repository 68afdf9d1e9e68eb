import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { PLUGIN_PREFIX, ruleIsInConfig } from '../../src/configs/index.js';
import { rules } from '../../src/rules/index.js';
import { FIXTURES_DIR } from '../rule-tester.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ruleEntries = Object.entries(rules);

describe('plugin meta', () => {
  it('names itself after the package', () => {
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it('lists its rules in alphabetical order', () => {
    const names = Object.keys(rules);
    expect(names).toEqual([...names].sort());
  });

  it('has the seven public rule ids and nothing else', () => {
    const publicIds = [
      'no-hardcoded-llm-credentials',
      'no-insecure-llm-transport',
      'no-model-output-logging',
      'no-plaintext-prompt-storage',
      'no-prompt-logging',
      'no-weak-prompt-encryption',
      'require-model-integrity',
    ];
    for (const name of Object.keys(rules)) {
      expect(publicIds).toContain(name);
    }
  });
});

describe.each(ruleEntries)('rule %s', (name, rule) => {
  it('has a doc page, a test file and a docs URL that points to its page', () => {
    expect(existsSync(path.join(root, 'docs/rules', `${name}.md`))).toBe(true);
    expect(existsSync(path.join(root, 'tests/rules', `${name}.test.ts`))).toBe(true);
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
    expect(rule.name).toBe(name);
  });

  it('describes itself and needs type information', () => {
    expect(rule.meta.docs?.description).toMatch(/^(Disallow|Require|Enforce) /);
    expect(rule.meta.docs?.requiresTypeChecking).toBe(true);
  });

  it('ends every message with a period', () => {
    for (const message of Object.values(rule.meta.messages)) {
      expect(message.trim()).toMatch(/\.$/);
    }
  });

  it('documents its options and the references the rule is built on', () => {
    const doc = readFileSync(path.join(root, 'docs/rules', `${name}.md`), 'utf8');
    expect(doc).toContain('## Examples');
    expect(doc).toContain('## When Not To Use It');
    expect(doc).toMatch(/CWE-\d+/);
    const schema = rule.meta.schema;
    const properties = Array.isArray(schema) ? (schema[0] as { properties?: Record<string, unknown> } | undefined)?.properties : undefined;
    for (const option of Object.keys(properties ?? {})) {
      expect(doc, `option ${option} is documented`).toContain(`### \`${option}\``);
    }
  });

  it('is in every config its meta asks for', () => {
    for (const config of ['recommended', 'strict', 'all'] as const) {
      const enabled = plugin.configs[config].rules?.[`${PLUGIN_PREFIX}/${name}`] !== undefined;
      expect(enabled, `${name} in ${config}`).toBe(ruleIsInConfig(rule, config));
    }
  });

  it('is turned on with its strict options in strict, and with its defaults elsewhere', () => {
    const strictOptions = rule.meta.docs?.strictOptions;
    expect(plugin.configs.strict.rules?.[`${PLUGIN_PREFIX}/${name}`]).toEqual(strictOptions ? ['error', ...strictOptions] : 'error');
    expect(plugin.configs.recommended.rules?.[`${PLUGIN_PREFIX}/${name}`] ?? 'error').toBe('error');
    expect(plugin.configs.all.rules?.[`${PLUGIN_PREFIX}/${name}`]).toBe('error');
    // Strict options must be options the rule accepts, and change something.
    const schema = (Array.isArray(rule.meta.schema) ? rule.meta.schema[0] : undefined) as { properties?: Record<string, unknown> } | undefined;
    const defaults = (rule.meta.defaultOptions?.[0] ?? {}) as Record<string, unknown>;
    for (const [option, value] of Object.entries(strictOptions?.[0] ?? {})) {
      expect(Object.keys(schema?.properties ?? {}), `${name} has option ${option}`).toContain(option);
      expect(value, `strict changes ${option}`).not.toEqual(defaults[option]);
    }
  });
});

describe('configs', () => {
  it('recommended is a complete flat config: plugin, parser with project service, files, rules', () => {
    const config = plugin.configs.recommended;
    expect(config.plugins?.[PLUGIN_PREFIX]).toBe(plugin);
    expect(config.languageOptions?.parserOptions).toMatchObject({ projectService: true });
    expect(config.languageOptions?.parser).toBeDefined();
    expect(config.files).toEqual(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    expect(Object.values(config.rules ?? {}).every(level => level === 'error')).toBe(true);
  });

  it('nest: recommended ⊆ strict ⊆ all, and all has every rule', () => {
    const recommended = Object.keys(plugin.configs.recommended.rules ?? {});
    const strict = Object.keys(plugin.configs.strict.rules ?? {});
    const all = Object.keys(plugin.configs.all.rules ?? {});
    expect(strict).toEqual(expect.arrayContaining(recommended));
    expect(all).toEqual(expect.arrayContaining(strict));
    expect(all).toHaveLength(ruleEntries.length);
  });

  it('strict is stricter than recommended: weak encryption of data that is not a prompt', () => {
    const linter = new Linter({ configType: 'flat' });
    const code = [
      "import { createCipheriv } from 'node:crypto';",
      'declare const settings: { theme: string };',
      "createCipheriv('des-ede3-cbc', Buffer.from(process.env.K ?? '', 'hex'), Buffer.alloc(8)).update(JSON.stringify(settings));",
      '',
    ].join('\n');
    const lint = (config: 'recommended' | 'strict') =>
      linter
        .verify(code, defineConfig([plugin.configs[config], { languageOptions: { parserOptions: { tsconfigRootDir: FIXTURES_DIR } } }]), path.join(FIXTURES_DIR, 'file.ts'))
        .map(message => `${message.ruleId}:${message.line}`);
    expect(lint('recommended')).toEqual([]);
    expect(lint('strict')).toEqual(['llm-security/no-weak-prompt-encryption:3']);
  });

  it.each(['recommended', 'strict', 'all'] as const)('%s loads in ESLint and reports with type information', config => {
    const linter = new Linter({ configType: 'flat' });
    const configs = defineConfig([
      plugin.configs[config],
      { languageOptions: { parserOptions: { tsconfigRootDir: FIXTURES_DIR } } },
    ]);
    const code = [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      "const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });",
      'console.log(completion.choices[0]?.message.content);',
      '',
    ].join('\n');
    const messages = linter.verify(code, configs, path.join(FIXTURES_DIR, 'file.ts'));
    expect(messages.map(message => message.ruleId)).toEqual(['llm-security/no-model-output-logging']);
  });
});
