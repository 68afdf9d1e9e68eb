/**
 * The plugin as a new user gets it: packed with `npm pack`, installed from the tarball into a fresh
 * app with the README's install line (ESLint, TypeScript 6) and the OpenAI SDK, configured by
 * pasting the README's snippets, and scanned with the installed `llm-security-scan` and the
 * GitHub Action's scripts. Needs a build (`npm run build`) and the registry; run with
 * `npm run test:e2e` (`.ci/run` does). Set LLM_SECURITY_E2E_KEEP=1 to keep the temporary folder.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The version the repository is tested with, from its lockfile (and so in the npm cache). */
function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
  return lock.packages[`node_modules/${name}`]!.version;
}

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; npm's own `npm_*` variables from `npm run` are not passed on. */
function exec(command: string, args: readonly string[], options: SpawnOptions & { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Result> {
  const env = Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', code => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The first ```js block of a README section whose first line is `// <file>`, verbatim. */
function readmeSnippet(file: string): string {
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map(match => match[1]!).find(code => code.startsWith(`// ${file}\n`));
  if (!block) throw new Error(`README.md has no js block starting with // ${file}`);
  return block;
}

const TSCONFIG = JSON.stringify(
  {
    compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: [], skipLibCheck: true, noEmit: true },
    include: ['src'],
  },
  null,
  2,
);

const CHAT = `// eslint-disable-next-line react-hooks/exhaustive-deps
import OpenAI from 'openai';

import { logEvent } from '../log.js';

const client = new OpenAI();

/* eslint-disable no-console */
export async function ask(question: string): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  console.log(answer);
  logEvent('answer', answer);
  return answer;
}
`;

// A generic logger (another call gives it plain text): the answer is reported where it is passed in.
const LOG = `export function logEvent(name: string, detail: string): void {
  console.info(\`\${name}: \${detail}\`);
}
export function logStartup(): void {
  logEvent('startup', 'ready');
}
`;

const CLEAN = `/* eslint-disable no-console */
// eslint-disable-next-line react-hooks/exhaustive-deps
export const greeting: string = 'hello';
`;

/** Where the planted leaks are reported: `console.log(answer)` and `logEvent('answer', answer)`. */
const EXPECTED = [
  { file: 'src/sub/chat.ts', line: 12, ruleId: 'llm-security/no-model-output-logging' },
  { file: 'src/sub/chat.ts', line: 13, ruleId: 'llm-security/no-model-output-logging' },
];

interface EslintJson {
  filePath: string;
  messages: { ruleId: string | null; line: number; fatal?: boolean; message: string }[];
}

interface SarifLog {
  runs: {
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    tool: { driver: { rules: { id: string; help?: { markdown: string }; properties: Record<string, unknown> }[] } };
    results: {
      ruleId: string;
      baselineState?: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      codeFlows?: { threadFlows: { locations: { location: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } } }[] }[] }[];
    }[];
  }[];
}

let work: string;
let app: string;
let tarball: string;
let scanner: string;
let eslintBin: string;
// The two installs that do not need the app (the GitHub Action's own folder, npx's cache) run while
// the app installs and the first steps lint: they wait on the registry and the disk, not the CPU.
let actionInstall: Promise<Result>;
let npxWarmed: Promise<Result>;
let runner: string;
let actionEnv: NodeJS.ProcessEnv;

function eslint(cwd: string, ...args: string[]): Promise<Result> {
  return exec(process.execPath, [eslintBin, ...args], { cwd });
}

function scan(cwd: string, ...args: string[]): Promise<Result> {
  return exec(scanner, args, { cwd });
}

/** This plugin's findings in ESLint's JSON output, as app-relative file, line and rule; fails on any fatal (parsing) message. */
function findings(json: string): { file: string; line: number; ruleId: string }[] {
  const results = JSON.parse(json) as EslintJson[];
  const fatal = results.flatMap(result => result.messages.filter(message => message.fatal).map(message => `${result.filePath}: ${message.message}`));
  expect(fatal).toEqual([]);
  return results.flatMap(result =>
    result.messages
      .filter(message => message.ruleId?.startsWith('llm-security/'))
      .map(message => ({ file: path.relative(app, result.filePath).split(path.sep).join('/'), line: message.line, ruleId: message.ruleId! })),
  );
}

function readSarif(file: string): SarifLog {
  return JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
}

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'dist/index.js'))) throw new Error('Build first: npm run build');
  work = mkdtempSync(path.join(os.tmpdir(), 'llm-security-e2e-'));
  const packed = await exec('npm', ['pack', '--pack-destination', work, '--json'], { cwd: repoRoot });
  expect(packed.code, packed.stderr).toBe(0);
  tarball = path.join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

  runner = path.join(work, 'runner');
  mkdirSync(runner, { recursive: true });
  actionEnv = { GITHUB_OUTPUT: path.join(runner, 'github-output'), RUNNER_TEMP: runner, LLM_SECURITY_PACKAGE: tarball };
  writeFileSync(actionEnv['GITHUB_OUTPUT']!, '');
  actionInstall = exec('bash', [path.join(repoRoot, 'action/install.sh')], { cwd: runner, env: actionEnv });
  // The same `npx -p <tarball>` as the test below: npx keeps what it installed, so the test's own
  // call finds the package (and its peers) already there and only runs the scan.
  mkdirSync(path.join(work, 'outside'), { recursive: true });
  npxWarmed = exec('npx', ['--yes', '-p', tarball, 'llm-security-scan', '--version'], { cwd: path.join(work, 'outside') });
  // Awaited by their tests; until then a failure to spawn must not be an unhandled rejection.
  for (const pending of [actionInstall, npxWarmed]) pending.catch(() => undefined);

  app = path.join(work, 'app');
  for (const folder of ['src/sub', 'src/clean', 'scripts', 'docs']) mkdirSync(path.join(app, folder), { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'e2e-app', private: true, type: 'module' }, null, 2));
  writeFileSync(path.join(app, 'tsconfig.json'), TSCONFIG);
  writeFileSync(path.join(app, 'src/sub/chat.ts'), CHAT);
  writeFileSync(path.join(app, 'src/log.ts'), LOG);
  writeFileSync(path.join(app, 'src/clean/greeting.ts'), CLEAN);
  writeFileSync(path.join(app, 'docs/notes.md'), '# Notes\n');
  // The README's install line, with the tarball for the plugin; and the SDK whose types make the findings.
  const installLine = /^npm install --save-dev (.+)$/m.exec(readme)?.[1]?.split(/\s+/) ?? [];
  expect(installLine).toEqual(['eslint-plugin-llm-security', 'eslint', expect.stringMatching(/^typescript@/)]);
  const packages = installLine.map(spec => (spec === 'eslint-plugin-llm-security' ? tarball : spec));
  const installed = await exec(
    'npm',
    ['install', '--save-dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error', ...packages, `openai@${lockedVersion('openai')}`],
    { cwd: app },
  );
  expect(installed.code, installed.stderr).toBe(0);
  scanner = path.join(app, 'node_modules/.bin/llm-security-scan');
  eslintBin = path.join(app, 'node_modules/eslint/bin/eslint.js');
}, 300_000);

afterAll(() => {
  if (work && !process.env['LLM_SECURITY_E2E_KEEP']) rmSync(work, { recursive: true, force: true });
});

describe('the README configuration, pasted', () => {
  beforeAll(() => {
    writeFileSync(path.join(app, 'eslint.config.js'), readmeSnippet('eslint.config.js'));
  });

  it('has tsconfigRootDir and lints the config file itself without a parsing error', async () => {
    expect(readmeSnippet('eslint.config.js')).toContain('tsconfigRootDir: import.meta.dirname');
    const { code, stdout, stderr } = await eslint(app, '.', '--format', 'json');
    expect(code, stderr).toBe(1);
    const linted = (JSON.parse(stdout) as EslintJson[]).map(result => path.relative(app, result.filePath));
    expect(linted).toContain('eslint.config.js');
    expect(findings(stdout)).toEqual(EXPECTED);
  });

  it('works from a subfolder', async () => {
    const { code, stdout, stderr } = await eslint(path.join(app, 'src/sub'), '.', '--format', 'json');
    expect(code, stderr).toBe(1);
    expect(findings(stdout)).toEqual(EXPECTED);
  });

  it('finds the same with --concurrency 2', async () => {
    const { code, stdout, stderr } = await eslint(app, '.', '--format', 'json', '--concurrency', '2');
    expect(code, stderr).toBe(1);
    expect(findings(stdout)).toEqual(EXPECTED);
  });

  it('as eslint.config.cjs, with require() returning the plugin itself', async () => {
    const required = await exec(process.execPath, ['-e', "const p = require('eslint-plugin-llm-security'); console.log(JSON.stringify({ meta: p.meta, recommended: typeof p.configs.recommended.rules, self: p.configs.recommended.plugins['llm-security'] === p }))"], { cwd: app });
    expect(required.code, required.stderr).toBe(0);
    expect(JSON.parse(required.stdout)).toEqual({ meta: { name: packageJson.name, version: packageJson.version }, recommended: 'object', self: true });
    // One plugin instance whichever way it is loaded: the analysis cache is shared.
    const same = await exec(process.execPath, ['--input-type=module', '-e', "import p from 'eslint-plugin-llm-security'; import { createRequire } from 'node:module'; console.log(p === createRequire(import.meta.url)('eslint-plugin-llm-security'));"], { cwd: app });
    expect(same.stdout, same.stderr).toBe('true\n');
    writeFileSync(path.join(app, 'eslint.config.cjs'), readmeSnippet('eslint.config.cjs'));
    const { code, stdout, stderr } = await eslint(app, 'src', '--config', 'eslint.config.cjs', '--format', 'json');
    expect(code, stderr).toBe(1);
    expect(findings(stdout)).toEqual(EXPECTED);
  });

  it('stops with one error naming a settings typo', async () => {
    writeFileSync(
      path.join(app, 'eslint.typo.config.js'),
      "import config from './eslint.config.js';\nexport default [...config, { settings: { 'llm-security': { sanitizer: ['redactPii'] } } }];\n",
    );
    const { code, stderr } = await eslint(app, 'src/sub/chat.ts', '--config', 'eslint.typo.config.js');
    expect(code).toBe(2);
    expect(stderr).toContain("settings['llm-security'].sanitizer is not a setting of eslint-plugin-llm-security (did you mean 'sanitizers'?)");
  });
});

describe('llm-security-scan, installed', () => {
  beforeAll(() => {
    // Outside the tsconfig's `include` (plain ESLint would stop on it, as the README says): the scanner skips it.
    writeFileSync(path.join(app, 'scripts/seed.ts'), 'console.log("seed");\n');
  });

  it('exits 1 on findings, counting only its own', async () => {
    const { code, stdout, stderr } = await scan(app, '.', '--verbose');
    expect(code, stderr).toBe(1);
    expect(stdout).not.toContain('react-hooks');
    // The JavaScript config files at the root are in no tsconfig either.
    expect(stderr).toContain(`llm-security-scan: skipped ${path.join('scripts', 'seed.ts')}: no tsconfig.json includes it\n`);
    expect(stderr).toContain('llm-security-scan: skipped eslint.config.js: no tsconfig.json includes it\n');
    expect(stderr).toMatch(/\nllm-security-scan: 2 finding\(s\) in 1 of 3 scanned file\(s\); \d+ file\(s\) skipped\.\n$/);
  });

  it('exits 0 on a folder with only foreign and unused directives', async () => {
    const { code, stderr } = await scan(app, 'src/clean');
    expect(code, stderr).toBe(0);
  });

  it('scans a single file and a subfolder', async () => {
    expect((await scan(app, 'src/sub/chat.ts')).code).toBe(1);
    const subfolder = await scan(path.join(app, 'src/sub'), '.');
    expect(subfolder.code, subfolder.stderr).toBe(1);
    expect(subfolder.stderr).toMatch(/^llm-security-scan: 2 finding\(s\) in 1 of 1 scanned file\(s\)\.\n$/);
  });

  it.each([
    ['a missing path', ['missing'], /^llm-security-scan: no such file or folder: missing\n$/],
    ['no tsconfig', ['../loose'], /^llm-security-scan: no tsconfig\.json or jsconfig\.json in \.\.\/loose, its parent folders or its subfolders/],
    ['nothing to scan', ['docs'], /^llm-security-scan: nothing scanned in docs: no JavaScript or TypeScript files found\n$/],
    ['only skipped files', ['scripts'], /^llm-security-scan: nothing scanned in scripts: seed\.ts was skipped: no tsconfig\.json includes it\n$/],
    ['an unknown option', ['.', '--colour'], /^llm-security-scan: Unknown option '--colour'.*\n$/],
    ['a missing baseline', ['.', '--baseline', 'old.sarif'], /^llm-security-scan: cannot read the baseline old\.sarif: no such file\n$/],
  ])('exits 2 with one line for %s', async (_case, args, message) => {
    mkdirSync(path.join(work, 'loose'), { recursive: true });
    writeFileSync(path.join(work, 'loose/index.ts'), 'export const x = 1;\n');
    const { code, stdout, stderr } = await scan(app, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints its version and a full help, also under the package name', async () => {
    expect(await scan(app, '--version')).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    const help = await exec(path.join(app, 'node_modules/.bin/eslint-plugin-llm-security'), ['--help'], { cwd: app });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('--baseline <sarif>');
  });

  it('prints GitHub annotations', async () => {
    const { code, stdout } = await scan(app, '.', '--format', 'github');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n').map(line => line.replace(/::Model output.*/, ''))).toEqual([
      '::error file=src/sub/chat.ts,line=12,endLine=12,col=15,endColumn=21,title=llm-security/no-model-output-logging',
      '::error file=src/sub/chat.ts,line=13,endLine=13,col=22,endColumn=28,title=llm-security/no-model-output-logging',
    ]);
  });
});

describe('SARIF from the installed scanner', () => {
  const sarifFile = () => path.join(app, 'reports/new-folder/llm-security.sarif');

  beforeAll(async () => {
    const { code, stderr } = await scan(app, '.', '--format', 'sarif', '--output', 'reports/new-folder/llm-security.sarif');
    expect(code, stderr).toBe(1);
  });

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The published schema has a language-tag pattern that is not a valid `u`-flag regular expression.
    // Both are CommonJS modules whose `module.exports` also carries the export as `.default`.
    const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    const log = readSarif(sarifFile());
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator rejects a broken log (so the check above can fail).
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('has distinct fingerprints, rule help from the packaged docs, and skipped files as notifications', () => {
    const [run] = readSarif(sarifFile()).runs;
    const fingerprints = run!.results.map(result => result.partialFingerprints['llmSecurity/v1']);
    expect(fingerprints).toHaveLength(2);
    expect(new Set(fingerprints).size).toBe(2);
    const rule = run!.tool.driver.rules.find(entry => entry.id === 'llm-security/no-model-output-logging')!;
    expect(rule.help?.markdown).toContain('## Examples');
    expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
    expect(run!.invocations[0]!.toolExecutionNotifications.map(notification => notification.message.text)).toEqual(
      expect.arrayContaining(['Not scanned: eslint.config.js (no tsconfig.json includes it).', `Not scanned: ${path.join('scripts', 'seed.ts')} (no tsconfig.json includes it).`]),
    );
    expect(run!.results.map(result => result.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['src/sub/chat.ts', 'src/sub/chat.ts']);
  });

  it('has code flows from the model call through the helper to the sink', () => {
    const flows = readSarif(sarifFile()).runs[0]!.results.map(result =>
      result.codeFlows?.[0]?.threadFlows[0]?.locations.map(
        ({ location }) => `${path.basename(location.physicalLocation.artifactLocation.uri)}:${location.physicalLocation.region.startLine}: ${location.message.text}`,
      ),
    );
    expect(flows).toEqual([
      ["chat.ts:10: Model output from 'client.chat.completions.create()'.", "chat.ts:12: 'console.log()' writes it to the console log."],
      // The last step is the sink inside the helper, in the helper's own file.
      ["chat.ts:10: Model output from 'client.chat.completions.create()'.", "chat.ts:13: Passed to 'logEvent()'.", "log.ts:2: 'console.info()' writes it to the console log."],
    ]);
  });

  it('as a baseline, keeps known findings from failing and moved lines known', async () => {
    const chat = path.join(app, 'src/sub/chat.ts');
    try {
      writeFileSync(chat, `// moved\n${CHAT}`);
      const known = await scan(app, '.', '--baseline', sarifFile());
      expect(known.code, known.stderr).toBe(0);
      expect(known.stderr).toContain('2 finding(s) in 1 of 3 scanned file(s), 0 new, 2 in the baseline');

      writeFileSync(chat, CHAT.replace('  return answer;', '  console.warn(completion.choices[0]?.message);\n  return answer;'));
      const fresh = await scan(app, '.', '--baseline', sarifFile(), '--format', 'sarif', '--output', 'reports/next.sarif');
      expect(fresh.code, fresh.stderr).toBe(1);
      expect(readSarif(path.join(app, 'reports/next.sarif')).runs[0]!.results.map(result => `${result.baselineState}@${result.locations[0]!.physicalLocation.region.startLine}`)).toEqual([
        'unchanged@12',
        'unchanged@13',
        'new@14',
      ]);
    } finally {
      writeFileSync(chat, CHAT);
    }
  });
});

describe('without installing the plugin', () => {
  it('npx -p <package> llm-security-scan runs with the peers npm installs', async () => {
    const outside = path.join(work, 'outside');
    const warmed = await npxWarmed;
    expect(warmed.code, warmed.stderr).toBe(0);
    const { code, stderr } = await exec('npx', ['--yes', '-p', tarball, 'llm-security-scan', app], { cwd: outside });
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('2 finding(s) in 1 of 3 scanned file(s)');
  }, 180_000);
});

describe('the GitHub Action', () => {
  it('is a composite action whose steps install, scan, annotate and upload SARIF', () => {
    const action = parseYaml(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string; steps: { run?: string; uses?: string }[] } };
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps.map(step => step.uses ?? step.run ?? '');
    expect(steps).toEqual([
      'bash "$GITHUB_ACTION_PATH/action/install.sh"',
      'bash "$GITHUB_ACTION_PATH/action/scan.sh"',
      'node "$GITHUB_ACTION_PATH/action/annotate.mjs"',
      expect.stringMatching(/^github\/codeql-action\/upload-sarif@v\d+$/),
      expect.stringContaining('exit 1'),
    ]);
  });

  it('runs its install, scan and annotate scripts as a workflow would', async () => {
    const outputs = actionEnv['GITHUB_OUTPUT']!;
    const env = actionEnv;
    const install = await actionInstall;
    expect(install.code, install.stderr).toBe(0);
    const scannerPath = /^scanner=(.+)$/m.exec(readFileSync(outputs, 'utf8'))?.[1];
    expect(scannerPath).toBe(path.join(runner, 'llm-security-scan/node_modules/.bin/llm-security-scan'));

    const scanStep = await exec('bash', [path.join(repoRoot, 'action/scan.sh')], { cwd: app, env: { ...env, SCANNER: scannerPath, INPUT_PATH: '.', INPUT_SARIF_FILE: 'action.sarif' } });
    expect(scanStep.code, scanStep.stderr).toBe(0);
    expect(readFileSync(outputs, 'utf8')).toContain('exit-code=1\n');
    expect(readSarif(path.join(app, 'action.sarif')).runs[0]!.results).toHaveLength(2);

    const annotate = await exec(process.execPath, [path.join(repoRoot, 'action/annotate.mjs')], { cwd: app, env: { INPUT_SARIF_FILE: 'action.sarif' } });
    expect(annotate.code, annotate.stderr).toBe(0);
    expect(annotate.stdout.trim().split('\n').map(line => line.replace(/::Model output.*/, ''))).toEqual([
      '::error file=src/sub/chat.ts,line=12,col=15,title=llm-security/no-model-output-logging',
      '::error file=src/sub/chat.ts,line=13,col=22,title=llm-security/no-model-output-logging',
    ]);

    const setupError = await exec('bash', [path.join(repoRoot, 'action/scan.sh')], { cwd: app, env: { ...env, SCANNER: scannerPath, INPUT_PATH: 'missing' } });
    expect(setupError.code).toBe(2);
  }, 180_000);
});
