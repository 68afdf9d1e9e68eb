/**
 * The scanning half of `llm-security-scan`: lint a folder or a file with this plugin's rules and
 * no ESLint configuration of the repository's own, and keep only this plugin's findings. The
 * command line (arguments, output, exit codes) is in `main.ts`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';

import plugin from '../index.js';
import { PLUGIN_PREFIX, type ConfigName } from '../configs/index.js';
import { type FlowTrailIndex, startRecordingTrails, stopRecordingTrails } from '../util/flow-trails.js';
import { findTsconfigRoot } from './tsconfig-search.js';

/** Folders never worth scanning: dependencies and build output. */
const IGNORED = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/.next/**', '**/coverage/**', '**/*.d.ts'];

/** The parser's message for a file that no tsconfig includes: skipped, not a finding. */
const NOT_IN_PROJECT = /was not found by the project service|not included in (any|this) project/i;

export interface SkippedFile {
  /** Relative to the scanned folder. */
  readonly file: string;
  readonly reason: string;
}

export interface ScanResult {
  /** One per scanned file, holding only this plugin's findings (counts recomputed). */
  readonly results: ESLint.LintResult[];
  /** Skipped files, relative to the scanned folder. */
  readonly skipped: string[];
  readonly skippedFiles: SkippedFile[];
  readonly findings: number;
  /** The folder whose files were scanned (the target, or a single file's folder). */
  readonly directory: string;
  /** Where TypeScript's project service stops looking for tsconfig files (see `findTsconfigRoot`). */
  readonly tsconfigRoot: string;
  /** Source → helpers → sink of each flow finding, for SARIF `codeFlows`. */
  readonly trails: FlowTrailIndex;
}

/**
 * Scans `target` (a folder or one file). Files no tsconfig includes, files ESLint ignores and files
 * that do not parse are skipped with a reason. Only `llm-security/*` messages count: a directive
 * for a rule of a plugin that is not loaded, or an unused directive, is none of our business.
 */
export async function scan(target: string, configName: ConfigName = 'recommended'): Promise<ScanResult> {
  const absolute = path.resolve(target);
  const isFile = statSync(absolute).isFile();
  const directory = isFile ? path.dirname(absolute) : absolute;
  const tsconfigRoot = findTsconfigRoot(directory) ?? directory;
  const eslint = new ESLint({
    cwd: directory,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: IGNORED },
      plugin.configs[configName],
      {
        languageOptions: { parserOptions: { tsconfigRootDir: tsconfigRoot } },
        linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      },
    ],
    errorOnUnmatchedPattern: false,
  });
  startRecordingTrails();
  let linted: ESLint.LintResult[];
  let trails: FlowTrailIndex;
  try {
    linted = await eslint.lintFiles([isFile ? absolute : '.']);
  } finally {
    trails = stopRecordingTrails();
  }
  const skippedFiles: SkippedFile[] = [];
  const results: ESLint.LintResult[] = [];
  for (const result of linted) {
    const reason = skipReason(result);
    if (reason === undefined) {
      results.push(onlyOurFindings(result));
    } else {
      skippedFiles.push({ file: path.relative(directory, result.filePath), reason });
    }
  }
  const findings = results.reduce((total, result) => total + result.errorCount + result.warningCount, 0);
  return { results, skipped: skippedFiles.map(skipped => skipped.file), skippedFiles, findings, directory, tsconfigRoot, trails };
}

/** Why a file was not really scanned, if it was not. */
function skipReason(result: ESLint.LintResult): string | undefined {
  for (const message of result.messages) {
    if (message.ruleId !== null) continue;
    if (message.fatal && NOT_IN_PROJECT.test(message.message)) return 'no tsconfig.json includes it';
    if (message.fatal) return `it does not parse (${message.message.split('\n')[0]})`;
    // ESLint's warning for an ignored file passed by name ("File ignored because ...").
    if (/^File ignored/.test(message.message)) return message.message.replace(/\.$/, '').replace(/^File ignored/, 'ignored');
  }
  return undefined;
}

function isOurs(message: Linter.LintMessage): boolean {
  return message.ruleId?.startsWith(`${PLUGIN_PREFIX}/`) === true;
}

function onlyOurFindings(result: ESLint.LintResult): ESLint.LintResult {
  const messages = result.messages.filter(isOurs);
  const errors = messages.filter(message => message.severity === 2);
  const warnings = messages.filter(message => message.severity === 1);
  return {
    ...result,
    messages,
    suppressedMessages: result.suppressedMessages.filter(isOurs),
    errorCount: errors.length,
    fatalErrorCount: 0,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter(message => message.fix !== undefined).length,
    fixableWarningCount: warnings.filter(message => message.fix !== undefined).length,
  };
}
