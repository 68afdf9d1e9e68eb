/**
 * `llm-security-scan`: the command line around `scan()`: arguments, output formats, the baseline
 * and exit codes. Exit code 0: no findings (or none new against the baseline); 1: findings;
 * 2: a usage or setup error, stated on one line.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { ConfigName } from '../configs/index.js';
import { type Baseline, readBaseline } from './baseline.js';
import { ScanSetupError } from './errors.js';
import type { LocatedMessage } from './sarif.js';
import type { ScanResult } from './scan.js';
import { findTsconfigRoot, hasTsconfigBelow } from './tsconfig-search.js';

// ESLint, TypeScript and the rules are loaded only once the arguments and paths are known to be
// good, so --help, --version and setup errors answer at once.
const loadScanner = () => import('./scan.js');
const loadReports = () => Promise.all([import('eslint'), import('../index.js'), import('./sarif.js'), import('./github.js')]);

const PACKAGE = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
const CONFIGS = ['recommended', 'strict', 'all'] as const;
type Format = (typeof FORMATS)[number];

const NAME = 'llm-security-scan';

export const HELP = `Usage: ${NAME} [path] [options]

Scans a repository, a folder or one file with the rules of eslint-plugin-llm-security, without
an ESLint configuration of its own. Type information comes from the tsconfig.json (or
jsconfig.json) files of the project: the nearest one at or above the path (searched upward, like
tsc) and any below it. Files that no tsconfig includes are skipped and counted.

Arguments:
  path                    Folder or file to scan (default: the current folder).

Options:
  --config <name>         recommended (default), strict or all.
  --format <format>       stylish (default), json, sarif (SARIF 2.1.0 for code scanning), or
                          github (workflow-command annotations for pull requests).
  --output <file>         Write the report to a file (its folder is created) instead of stdout.
  --baseline <sarif>      A SARIF log of an earlier scan: findings whose fingerprint it contains
                          are reported as known and do not fail the scan; only new ones do.
  --verbose               List skipped files and say which tsconfig root was used.
  --version               Print the version.
  -h, --help              Print this help.

Exit codes:
  0  no findings (with --baseline: no new findings)
  1  findings
  2  usage or setup error: a path that does not exist, no tsconfig.json found, nothing to scan,
     an unreadable baseline, an unwritable output

Paths in SARIF and github output are relative to the current folder when the path is inside it
(run it from the repository root in CI). The summary goes to stderr, so stdout stays a valid report.

Without installing the plugin:  npx -p eslint-plugin-llm-security ${NAME} .
Documentation: https://github.com/llm-security/eslint-plugin-llm-security#ci-usage
`;

interface Options {
  readonly target: string;
  readonly config: ConfigName;
  readonly format: Format;
  readonly output: string | undefined;
  readonly baseline: string | undefined;
  readonly verbose: boolean;
}

export async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    const options = parseOptions(argv);
    if (options === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (options === 'version') {
      console.log(PACKAGE.version);
      return 0;
    }
    return await run(options);
  } catch (error) {
    if (error instanceof ScanSetupError) {
      console.error(`${NAME}: ${error.message}`);
    } else {
      // An unexpected failure (a crash in a rule, say): its message, and the stack only on request.
      console.error(`${NAME}: ${verbose && error instanceof Error ? error.stack : error instanceof Error ? error.message : String(error)}`);
      if (!verbose) console.error(`${NAME}: run again with --verbose for details.`);
    }
    return 2;
  }
}

function parseOptions(argv: readonly string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'recommended' },
        format: { type: 'string', default: 'stylish' },
        output: { type: 'string' },
        baseline: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new ScanSetupError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  if (!(FORMATS as readonly string[]).includes(values.format)) {
    throw new ScanSetupError(`unknown --format '${values.format}': use ${FORMATS.join(', ')}`);
  }
  if (!(CONFIGS as readonly string[]).includes(values.config)) {
    throw new ScanSetupError(`unknown --config '${values.config}': use ${CONFIGS.join(', ')}`);
  }
  if (positionals.length > 1) {
    throw new ScanSetupError(`one path at a time, got ${positionals.length} (see --help)`);
  }
  return {
    target: positionals[0] ?? '.',
    config: values.config as ConfigName,
    format: values.format as Format,
    output: values.output,
    baseline: values.baseline,
    verbose: values.verbose,
  };
}

async function run(options: Options): Promise<number> {
  const target = path.resolve(options.target);
  if (!existsSync(target)) {
    throw new ScanSetupError(`no such file or folder: ${options.target}`);
  }
  // Read the baseline before the (long) scan, so a wrong path fails fast.
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const result = await scanWithChecks(target, options);
  const reportRoot = reportRootFor(result.directory);
  const { locateMessages } = await import('./sarif.js');
  const located = locateMessages(result.results, reportRoot);
  const isNew = (fingerprint: string): boolean => !baseline?.fingerprints.has(fingerprint);
  const newFindings = located.filter(entry => isNew(entry.fingerprint));

  const report = await formatReport(options.format, result, reportRoot, baseline, newFindings);
  writeReport(report, options.output);

  if (options.verbose) {
    console.error(`${NAME}: tsconfig root ${result.tsconfigRoot}`);
    for (const skipped of result.skippedFiles) console.error(`${NAME}: skipped ${skipped.file}: ${skipped.reason}`);
  }
  if (baseline && baseline.unmatchable > 0) {
    console.error(`${NAME}: ${baseline.unmatchable} result(s) of the baseline have no fingerprint of this scanner and match nothing.`);
  }
  const files = new Set(located.map(entry => entry.filePath)).size;
  console.error(
    `${NAME}: ${result.findings} finding(s) in ${files} of ${result.results.length} scanned file(s)` +
      (baseline ? `, ${newFindings.length} new, ${result.findings - newFindings.length} in the baseline` : '') +
      (result.skippedFiles.length > 0 ? `; ${result.skippedFiles.length} file(s) skipped${options.verbose ? '' : ' (--verbose lists them)'}` : '') +
      '.',
  );
  return newFindings.length > 0 ? 1 : 0;
}

/** Scans, turning "nothing could be checked" into setup errors: a gate that cannot fail is worse than none. */
async function scanWithChecks(target: string, options: Options): Promise<ScanResult> {
  const directory = statSync(target).isDirectory() ? target : path.dirname(target);
  if (findTsconfigRoot(directory) === undefined && !hasTsconfigBelow(directory)) {
    throw new ScanSetupError(`no tsconfig.json or jsconfig.json in ${options.target}, its parent folders or its subfolders: the rules need type information`);
  }
  const { scan } = await loadScanner();
  const result = await scan(target, options.config);
  if (result.results.length === 0) {
    const skipped = result.skippedFiles;
    const why = skipped.length === 0 ? 'no JavaScript or TypeScript files found' : skipped.length === 1 ? `${skipped[0]!.file} was skipped: ${skipped[0]!.reason}` : `all ${skipped.length} files were skipped (--verbose lists them), e.g. ${skipped[0]!.file}: ${skipped[0]!.reason}`;
    throw new ScanSetupError(`nothing scanned in ${options.target}: ${why}`);
  }
  return result;
}

/** SARIF and GitHub paths: relative to the current folder (the repository root in CI) when the scan is inside it. */
function reportRootFor(directory: string): string {
  const cwd = process.cwd();
  const relative = path.relative(cwd, directory);
  return relative.startsWith('..') || path.isAbsolute(relative) ? directory : cwd;
}

async function formatReport(format: Format, result: ScanResult, root: string, baseline: Baseline | undefined, newFindings: readonly LocatedMessage[]): Promise<string> {
  const [{ ESLint }, { default: plugin }, { toSarif }, { toGithubAnnotations }] = await loadReports();
  if (format === 'sarif') {
    const rules = Object.fromEntries(
      Object.entries(plugin.rules).map(([name, rule]) => [`llm-security/${name}`, { description: rule.meta.docs?.description ?? name, url: rule.meta.docs?.url }]),
    );
    const tool = { name: plugin.meta.name, version: plugin.meta.version, informationUri: 'https://github.com/llm-security/eslint-plugin-llm-security' };
    const sarif = toSarif(result.results, root, tool, rules, {
      trails: result.trails,
      skipped: result.skippedFiles,
      skippedBase: result.directory,
      ...(baseline ? { baseline: baseline.fingerprints } : {}),
    });
    return `${JSON.stringify(sarif, null, 2)}\n`;
  }
  if (format === 'github') {
    return toGithubAnnotations(newFindings);
  }
  // stylish and json: with a baseline, only what is new (the SARIF log keeps everything, marked).
  const shown = new Set(newFindings.map(entry => entry.message));
  const results = baseline ? result.results.map(entry => withMessages(entry, entry.messages.filter(message => shown.has(message)))) : result.results;
  const formatter = await new ESLint({ cwd: result.directory }).loadFormatter(format);
  return await formatter.format(results);
}

function withMessages(result: ScanResult['results'][number], messages: ScanResult['results'][number]['messages']): ScanResult['results'][number] {
  return {
    ...result,
    messages,
    errorCount: messages.filter(message => message.severity === 2).length,
    warningCount: messages.filter(message => message.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
}

/** To stdout, or to `--output` (creating its folder); a write that fails is a setup error, not a stack trace. */
function writeReport(report: string, output: string | undefined): void {
  if (output === undefined) {
    if (report.trim()) process.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    return;
  }
  try {
    mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeFileSync(output, report);
  } catch (error) {
    throw new ScanSetupError(`cannot write --output ${output}: ${(error as Error).message.split('\n')[0]}`);
  }
}
