/**
 * `llm-security-scan`: scans a repository with this plugin's rules and no ESLint configuration of
 * its own — for CI jobs and one-off audits. Every `tsconfig.json` in the repository provides type
 * information (TypeScript's project service); files no tsconfig includes are skipped and counted.
 *
 *   npx llm-security-scan [directory] [--config recommended|strict|all] [--format stylish|json|sarif] [--output file]
 *
 * Exit code: 0 without findings, 1 with findings, 2 on a usage error or a crash.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';

import plugin from '../index.js';
import { toSarif } from './sarif.js';

const FORMATS = ['stylish', 'json', 'sarif'] as const;
const CONFIGS = ['recommended', 'strict', 'all'] as const;
type Format = (typeof FORMATS)[number];
type ConfigName = (typeof CONFIGS)[number];

const USAGE = `usage: llm-security-scan [directory] [--config recommended|strict|all] [--format stylish|json|sarif] [--output file]`;

/** Directories never worth scanning. */
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/*.d.ts'];

/** The parser's message for a file that no tsconfig includes: skipped, not a finding. */
const NOT_IN_PROJECT = /was not found by the project service|not included in (any|this) project/i;

export interface ScanResult {
  readonly results: ESLint.LintResult[];
  readonly skipped: string[];
  readonly findings: number;
}

export async function scan(root: string, configName: ConfigName): Promise<ScanResult> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: IGNORED },
      plugin.configs[configName],
      { languageOptions: { parserOptions: { tsconfigRootDir: root } } },
    ],
    errorOnUnmatchedPattern: false,
  });
  const linted = await eslint.lintFiles(['.']);
  const skipped: string[] = [];
  const results: ESLint.LintResult[] = [];
  for (const result of linted) {
    if (result.messages.some(message => message.fatal && NOT_IN_PROJECT.test(message.message))) {
      skipped.push(path.relative(root, result.filePath));
      continue;
    }
    results.push(result);
  }
  const findings = results.reduce((total, result) => total + result.errorCount + result.warningCount, 0);
  return { results, skipped, findings };
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'recommended' },
        format: { type: 'string', default: 'stylish' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format as Format;
  const configName = values.config as ConfigName;
  if (!FORMATS.includes(format) || !CONFIGS.includes(configName) || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const root = path.resolve(positionals[0] ?? '.');
  const { results, skipped, findings } = await scan(root, configName);

  let output: string;
  if (format === 'sarif') {
    const rules = Object.fromEntries(
      Object.entries(plugin.rules).map(([name, rule]) => [
        `llm-security/${name}`,
        { description: rule.meta.docs?.description ?? name, url: rule.meta.docs?.url },
      ]),
    );
    const sarif = toSarif(results, root, { name: plugin.meta.name, version: plugin.meta.version, informationUri: 'https://www.npmjs.com/package/eslint-plugin-llm-security' }, rules);
    output = `${JSON.stringify(sarif, null, 2)}\n`;
  } else {
    const formatter = await new ESLint({ cwd: root }).loadFormatter(format);
    output = await formatter.format(results);
  }
  if (values.output) {
    writeFileSync(values.output, output);
  } else if (output.trim()) {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  // The summary goes to stderr, so stdout stays valid JSON / SARIF.
  console.error(
    `llm-security-scan: ${findings} finding(s) in ${results.length} file(s)` +
      (skipped.length ? `; ${skipped.length} file(s) skipped because no tsconfig.json includes them` : '') +
      '.',
  );
  return findings > 0 ? 1 : 0;
}
