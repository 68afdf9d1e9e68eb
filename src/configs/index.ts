import type { TSESLint } from '@typescript-eslint/utils';
import tsParser from '@typescript-eslint/parser';
import type { ESLint, Linter } from 'eslint';

import { rules } from '../rules/index.js';
import type { LlmSecurityDocs } from '../util/create-rule.js';

export const PLUGIN_PREFIX = 'llm-security';

/** Every file kind a project with an LLM feature is written in. */
export const LINTED_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];

export type ConfigName = 'recommended' | 'strict' | 'all';

type RuleEntry = TSESLint.RuleModule<string, readonly unknown[], LlmSecurityDocs>;

/** Which configs a rule belongs to is decided by its own meta, never by a hand-kept list. */
export function ruleIsInConfig(rule: RuleEntry, config: ConfigName): boolean {
  const docs = rule.meta.docs;
  switch (config) {
    case 'recommended':
      return docs?.recommended === true;
    case 'strict':
      return docs?.recommended === true || docs?.strict === true;
    case 'all':
      return true;
  }
}

/** How a config turns a rule on: `'error'`, or in `strict` with the options its meta asks for. */
export function ruleEntryFor(rule: RuleEntry, config: ConfigName): Linter.RuleEntry {
  const strictOptions = config === 'strict' ? rule.meta.docs?.strictOptions : undefined;
  return strictOptions ? ['error', ...strictOptions] : 'error';
}

export function rulesFor(config: ConfigName): Linter.RulesRecord {
  const entries = Object.entries(rules as Record<string, RuleEntry>)
    .filter(([, rule]) => ruleIsInConfig(rule, config))
    .map(([name, rule]) => [`${PLUGIN_PREFIX}/${name}`, ruleEntryFor(rule, config)] as const);
  return Object.fromEntries(entries);
}

/**
 * A complete flat config: registers the plugin, sets the TypeScript parser with the project
 * service (our rules need type information) and turns on the config's rules.
 */
/**
 * Typed with ESLint's own `Linter.Config`, so `defineConfig([llmSecurity.configs.recommended])`
 * type-checks in users' `eslint.config.ts`.
 */
export function createConfig(config: ConfigName, getPlugin: () => unknown): Linter.Config {
  return {
    name: `${PLUGIN_PREFIX}/${config}`,
    files: LINTED_FILES,
    plugins: {
      // A getter breaks the import cycle between the plugin object and its configs.
      get [PLUGIN_PREFIX]() {
        return getPlugin() as ESLint.Plugin;
      },
    },
    languageOptions: {
      parser: tsParser,
      parserOptions: {
        projectService: true,
      },
    },
    rules: rulesFor(config),
  };
}
