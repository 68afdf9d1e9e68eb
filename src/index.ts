import { readFileSync } from 'node:fs';

import type { Linter } from 'eslint';

import { type ConfigName, createConfig } from './configs/index.js';
import { rules } from './rules/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};

export interface LlmSecurityPlugin {
  meta: { name: string; version: string };
  rules: typeof rules;
  configs: Record<ConfigName, Linter.Config>;
}

const plugin: LlmSecurityPlugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {
    recommended: createConfig('recommended', () => plugin),
    strict: createConfig('strict', () => plugin),
    all: createConfig('all', () => plugin),
  },
};

// Only a default export: tools that `require()` the ESM entry (eslint-doc-generator) expect the plugin there.
export default plugin;
export type { RuleName } from './rules/index.js';
