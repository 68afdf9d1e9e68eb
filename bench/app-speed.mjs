// Speed on real code, for `npm run bench -- --dir <checkout>` and `--editor <file>` (see bench/speed.mjs).
//
//   node bench/speed.mjs --dir .realworld/morphic [--runs 5] [--configs a,b,c]
//   node bench/speed.mjs --dir .realworld/morphic --editor app/api/chat/route.ts,components/chat.tsx [--edits 20]
//
// Whole-repository mode lints every file of the checkout (a real-app corpus checkout: the app's own
// lint list, files its tsconfigs include; any other directory: its .ts/.tsx files outside
// node_modules) in a fresh process per run and configuration. Configurations are interleaved
// (a b c, a b c, ...) so that load on the machine hits all of them alike; CPU and peak memory are
// the median and the maximum of the runs.
//
// Editor mode does what an IDE does on each keystroke: one ESLint process per configuration lints
// the file once (the cold start, not counted), then N times changes its text and calls `lintText`.
// Each edit changes a string the code uses, so the program really changes. The figure is the median
// per-edit latency.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const SELF = fileURLToPath(import.meta.url);

export const APP_CONFIGS = {
  a: 'type-aware parsing, no rules',
  b: 'llm-security configs.all',
  c: 'typescript-eslint recommendedTypeChecked',
  t: 'type-check every file (reference)',
};

/**
 * (t): a reference, not a lint setup anyone runs. One rule asks the checker for the semantic
 * diagnostics of each file, which checks every expression of it, as `tsc --noEmit` does. Rules that
 * need the type of most expressions of a file cannot cost less than this; (b) against (t) says how
 * much of the app the plugin's questions make the checker look at.
 */
const typeCheckEveryFile = {
  rules: {
    'check-file': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const { program, esTreeNodeToTSNodeMap } = context.sourceCode.parserServices;
        return { Program: node => void program.getSemanticDiagnostics(esTreeNodeToTSNodeMap.get(node)) };
      },
    },
  },
};

// ------------------------------------------------------------------ children

/** The flat config of each measured configuration, for a project in `dir` (shared with bench/speed.mjs). */
export async function flatConfig(name, dir) {
  const { default: tseslint } = await import('typescript-eslint');
  // JavaScript too: the corpus's JavaScript apps are linted through tsconfigs with `allowJs`.
  const files = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];
  const typed = { files, languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } } };
  const typeChecked = tseslint.configs.recommendedTypeChecked.map(config => ({ ...config, files }));
  // Loaded only where used, so that a process's own CPU time (`processCpuMs`) includes loading the plugin in (b) and (d) alone.
  const ours = async () => ({ ...(await import('../dist/index.js')).default.configs.all, files });
  if (name === 'a') return [typed];
  if (name === 'b') return [await ours(), typed];
  if (name === 'c') return [typed, ...typeChecked, typed];
  if (name === 't') return [typed, { files, plugins: { reference: typeCheckEveryFile }, rules: { 'reference/check-file': 'error' } }];
  if (name === 'd') return [typed, ...typeChecked, await ours(), typed];
  throw new Error(`unknown configuration ${name}`);
}

async function newEslint(name, dir) {
  const { ESLint } = await import('eslint');
  const overrideConfig = await flatConfig(name, dir);
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig, cache: false, warnIgnored: false });
}

function countProblems(results) {
  let problems = 0;
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages) {
      // Messages without a rule that are not fatal are the app's unused `eslint-disable` comments.
      if (message.fatal) fatal += 1;
      else if (message.ruleId) problems += 1;
    }
  }
  return { problems, fatal };
}

/** CPU time of the whole process so far: loading Node.js, ESLint, the parser and the plugin, and linting. */
function processCpu() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Lints a file list once; prints one JSON line. */
async function appChild(name, dir, listFile) {
  const files = JSON.parse(readFileSync(listFile, 'utf8'));
  const eslint = await newEslint(name, dir);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const results = await eslint.lintFiles(files);
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `\n${JSON.stringify({ config: name, files: results.length, lintMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, processCpuMs: processCpu(), maxRssKb: process.resourceUsage().maxRSS, ...countProblems(results) })}\n`,
  );
}

/**
 * A changed text of the file: the n-th edit rewrites the first string literal (from line `fromLine`
 * on, when given: typing inside a chosen function), or appends a statement.
 */
function editedText(original, n, fromLine = 1) {
  const pattern = /(['"])([^'"\\\n]{1,40})\1/g;
  pattern.lastIndex = fromLine > 1 ? original.split('\n').slice(0, fromLine - 1).join('\n').length : 0;
  const literal = pattern.exec(original);
  if (literal && !/^\s*import\b/m.test(original.slice(Math.max(0, original.lastIndexOf('\n', literal.index)), literal.index + 1))) {
    const replaced = `${literal[1]}${literal[2]}${n}${literal[1]}`;
    return original.slice(0, literal.index) + replaced + original.slice(literal.index + literal[0].length);
  }
  return `${original}\nexport const __edit${n % 2} = ${n};\n`;
}

/** `components/chat.tsx:200`: the file, and the line from which its edits are made. */
function editTarget(target) {
  const match = /^(.*):(\d+)$/.exec(target);
  return match ? { file: match[1], fromLine: Number(match[2]) } : { file: target, fromLine: 1 };
}

/** Lints one file, then N edits of it through `lintText`; prints one JSON line. */
async function editorChild(name, dir, target, edits) {
  const { file, fromLine } = editTarget(target);
  const filePath = path.resolve(dir, file);
  const original = readFileSync(filePath, 'utf8');
  const eslint = await newEslint(name, dir);
  const coldStarted = performance.now();
  await eslint.lintText(original, { filePath });
  const coldMs = performance.now() - coldStarted;
  // BENCH_EDIT_PROFILE=<file>: a CPU profile of the edits alone (the cold start left out).
  const profiler = process.env.BENCH_EDIT_PROFILE ? await startProfiler() : undefined;
  const times = [];
  let problems = 0;
  for (let n = 1; n <= edits; n += 1) {
    const started = performance.now();
    const results = await eslint.lintText(editedText(original, n, fromLine), { filePath });
    times.push(performance.now() - started);
    problems = countProblems(results).problems;
  }
  if (profiler) await profiler.stop(process.env.BENCH_EDIT_PROFILE);
  process.stdout.write(`\n${JSON.stringify({ config: name, file, coldMs, times, problems, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

// ------------------------------------------------------------------ parent

/** `BENCH_CPU_PROF=<dir>` writes a `.cpuprofile` of every child there (read it with `--analyse-profile`). */
const PROFILE_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)] : [];

function spawnChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...PROFILE_ARGS, SELF, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${args.join(' ')} failed (exit ${code}):\n${stdout.slice(-2000)}`));
      else resolve(JSON.parse(last));
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function walkSources(dir, root = dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkSources(full, root, found);
    else if (/\.(?:ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path.relative(root, full));
  }
  return found;
}

/** The files to lint in a checkout: a real-app corpus app's own list (TypeScript and JavaScript), else every TypeScript file. */
async function filesOf(dir) {
  const { appForCheckout, prepareApp } = await import('./realworld/run.mjs');
  const app = appForCheckout(dir);
  if (app) {
    const prepared = await prepareApp(app.id);
    const outside = new Set(prepared.outside);
    // The files its tsconfigs include (JavaScript apps get one with `allowJs`); not the few outside them, which the corpus lints with a generated project of their own.
    return { label: `${app.id} (${app.repo}@${app.commit.slice(0, 12)})`, files: prepared.files.filter(file => /\.(?:[cm]?[jt]s|[jt]sx)$/.test(file) && !outside.has(file)) };
  }
  return { label: path.basename(dir), files: walkSources(dir) };
}

async function withFileList(files, run) {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-files-'));
  const listFile = path.join(tmp, 'files.json');
  writeFileSync(listFile, JSON.stringify(files));
  try {
    return await run(listFile);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const fmt = ms => `${(ms / 1000).toFixed(2)} s`;
const ratio = (x, base) => `${(x / base).toFixed(2)}×`;

/** Whole-repository CPU and memory per configuration, interleaved runs. */
export async function benchApp(dirArgument, { runs = 5, configs = ['a', 'b', 'c'] } = {}) {
  const dir = path.resolve(dirArgument);
  if (!existsSync(dir)) throw new Error(`no such directory: ${dir}`);
  const { label, files } = await filesOf(dir);
  console.log(`${label}: ${files.length} files, configurations ${configs.join(', ')}, ${runs} interleaved run(s)`);
  // ESLint given no file lints the whole directory: say so instead of measuring that.
  if (files.length === 0) throw new Error(`no file to lint in ${dir}`);
  return withFileList(files, async listFile => {
    const samples = Object.fromEntries(configs.map(config => [config, []]));
    for (let run = 0; run < runs; run += 1) {
      for (const config of configs) {
        const report = await spawnChild(['--app-child', config, dir, listFile]);
        if (report.fatal > 0) console.log(`  warning: ${report.fatal} parse error(s) in configuration ${config}`);
        samples[config].push(report);
        process.stdout.write(`  run ${run + 1} ${config}: cpu ${fmt(report.cpuMs)} (process ${fmt(report.processCpuMs)}), peak ${(report.maxRssKb / 1024).toFixed(0)} MiB, ${report.problems} problem(s)\n`);
      }
    }
    const summary = Object.fromEntries(
      configs.map(config => [config, { cpuMs: median(samples[config].map(s => s.cpuMs)), processCpuMs: median(samples[config].map(s => s.processCpuMs)), wallMs: median(samples[config].map(s => s.lintMs)), maxRssKb: median(samples[config].map(s => s.maxRssKb)), problems: samples[config][0].problems }]),
    );
    console.log(`\n| configuration | CPU (lint) | × (a) | CPU (process) | × (a) | peak memory | × (a) | problems |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
    for (const config of configs) {
      const s = summary[config];
      const base = summary.a;
      console.log(
        `| (${config}) ${APP_CONFIGS[config]} | ${fmt(s.cpuMs)} | ${base ? ratio(s.cpuMs, base.cpuMs) : ''} | ${fmt(s.processCpuMs)} | ${base ? ratio(s.processCpuMs, base.processCpuMs) : ''} | ${(s.maxRssKb / 1024).toFixed(0)} MiB | ${base ? ratio(s.maxRssKb, base.maxRssKb) : ''} | ${s.problems} |`,
      );
    }
    return { label, files: files.length, runs, summary };
  });
}

/** Per-edit latency of chosen files, one ESLint process per configuration and file, interleaved. */
export async function benchEditor(dirArgument, editFiles, { edits = 20, runs = 1, configs = ['a', 'b', 'c'] } = {}) {
  const dir = path.resolve(dirArgument);
  const rows = [];
  for (const file of editFiles) {
    if (!existsSync(path.resolve(dir, editTarget(file).file))) throw new Error(`no such file: ${path.resolve(dir, editTarget(file).file)}`);
    const times = Object.fromEntries(configs.map(config => [config, []]));
    const cold = Object.fromEntries(configs.map(config => [config, []]));
    for (let run = 0; run < runs; run += 1) {
      for (const config of configs) {
        const report = await spawnChild(['--editor-child', config, dir, file, String(edits)]);
        // The first two edits still fill caches; the rest is the steady state.
        times[config].push(...report.times.slice(2));
        cold[config].push(report.coldMs);
      }
    }
    const row = { file, perEdit: Object.fromEntries(configs.map(config => [config, median(times[config])])), coldMs: Object.fromEntries(configs.map(config => [config, median(cold[config])])) };
    rows.push(row);
    const a = row.perEdit.a;
    const ours = row.perEdit.b;
    const tse = row.perEdit.c;
    const budget = tse !== undefined && a !== undefined ? (tse - a) / 3 : undefined;
    console.log(
      `${file}: per edit ${configs.map(config => `(${config}) ${row.perEdit[config].toFixed(0)} ms`).join(', ')}` +
        (budget !== undefined && ours !== undefined ? `; our overhead ${(ours - a).toFixed(0)} ms, a third of typescript-eslint's ${budget.toFixed(0)} ms` : ''),
    );
  }
  return rows;
}

if (process.argv[2] === '--app-child') await appChild(process.argv[3], process.argv[4], process.argv[5]);
else if (process.argv[2] === '--editor-child') await editorChild(process.argv[3], process.argv[4], process.argv[5], Number(process.argv[6]));
