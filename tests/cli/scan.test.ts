import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { scan } from '../../src/cli/scan.js';
import { RULE_REFERENCES, toSarif } from '../../src/cli/sarif.js';
import { rules } from '../../src/rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exampleApp = path.join(root, 'examples/chat-app');

describe('llm-security-scan', () => {
  it('scans a repository without an ESLint config and finds the planted problems', async () => {
    const { results, findings, skipped } = await scan(exampleApp, 'recommended');
    expect(skipped).toEqual([]);
    expect(findings).toBeGreaterThanOrEqual(6);
    const ruleIds = new Set(results.flatMap(result => result.messages.map(message => message.ruleId)));
    expect(ruleIds).toEqual(new Set(['llm-security/no-model-output-logging', 'llm-security/no-prompt-logging', 'llm-security/no-plaintext-prompt-storage']));
  });

  it('skips files no tsconfig includes instead of failing', async () => {
    const dir = mkdtempSync(path.join(root, '.bench-tmp-scan-'));
    mkdirSync(path.join(dir, 'loose'), { recursive: true });
    try {
      writeFileSync(path.join(dir, 'loose/script.ts'), 'console.log("hello");\n');
      const { skipped, findings } = await scan(dir, 'recommended');
      expect(skipped).toEqual([path.join('loose', 'script.ts')]);
      expect(findings).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes SARIF 2.1.0 with relative paths, rule metadata and CWE tags', async () => {
    const { results } = await scan(exampleApp, 'recommended');
    const ruleInfo = Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [`llm-security/${name}`, { description: rule.meta.docs?.description ?? '', url: rule.meta.docs?.url }]),
    );
    const sarif = toSarif(results, exampleApp, { name: 'eslint-plugin-llm-security', version: '0.0.0', informationUri: 'https://example.com' }, ruleInfo) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.results.length).toBeGreaterThanOrEqual(6);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/^src\/[\w-]+\.ts$/);
    }
    for (const name of Object.keys(rules)) {
      expect(RULE_REFERENCES[name], `references for ${name}`).toBeDefined();
    }
    expect(run.tool.driver.rules.find(rule => rule.id === 'llm-security/no-model-output-logging')?.properties.tags).toContain('CWE-532');
  });
});
