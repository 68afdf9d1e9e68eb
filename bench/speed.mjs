#!/usr/bin/env node
// Speed benchmark: what does this plugin cost on top of type-aware linting?
//
//   node bench/speed.mjs                      sizes 100, 500, 2000; writes bench/RESULTS.md
//   node bench/speed.mjs --quick              100 files only (smoke run), prints, does not write
//   node bench/speed.mjs --sizes 100,500      chosen sizes (writes RESULTS.md unless --no-write)
//   node bench/speed.mjs --runs 3             median of 3 runs per configuration
//   node bench/speed.mjs --profile            also CPU-profile configuration (b) and list hot functions
//   node bench/speed.mjs --keep               keep the generated projects in .bench-tmp/<size>/
//   node bench/speed.mjs --analyse-profile f  summarise a .cpuprofile (e.g. from node --cpu-prof)
//   node bench/speed.mjs --load --runs 9      CPU of loading the plugin (what the lint figures leave out)
//
// For every size it generates a project (bench/generate.mjs) and lints it in a FRESH child process
// per configuration, so that peak memory (maxRSS) and caches belong to that configuration alone:
//   (a) baseline  the TypeScript parser with `projectService: true` and no rules
//   (b) plugin    this plugin's `configs.all`
//   (c) tseslint  typescript-eslint's `recommendedTypeChecked`
//   (d) both      (c) + (b): what a user with a typed setup actually runs (the marginal cost is d - c)
// Per-rule times come from ESLint's `stats: true`.

import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { benchApp, benchEditor, flatConfig as configFor } from './app-speed.mjs';
import { DEFAULT_MIX, DEFAULT_SEED, generateProject, projectDir } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const RESULTS_FILE = path.join(HERE, 'RESULTS.md');
const PROFILE_DIR = path.join(REPO_ROOT, '.bench-tmp', 'profiles');
const PLUGIN_PREFIX = 'llm-security/';

const CONFIGS = {
  a: 'type-aware parsing, no rules',
  b: 'llm-security configs.all',
  c: 'typescript-eslint recommendedTypeChecked',
  d: 'recommendedTypeChecked + llm-security all',
  t: 'type-check every file (reference; --dir only)',
};

// ================================================================== child: one lint run

/** Sums ESLint's per-file stats into per-rule totals (ms). */
function sumStats(results) {
  const rules = {};
  let parse = 0;
  for (const result of results) {
    for (const pass of result.stats?.times?.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) rules[rule] = (rules[rule] ?? 0) + time.total;
    }
  }
  return { parse, rules };
}

async function runChild(name, dir) {
  const { ESLint } = await import('eslint');
  const overrideConfig = await configFor(name, dir);
  const importedAt = performance.now();
  const cpuBefore = process.cpuUsage();

  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig, stats: true, cache: false });
  const results = await eslint.lintFiles(['src/**/*.{ts,tsx}']);
  const lintMs = performance.now() - importedAt;
  // CPU time (user + system) of the lint, less sensitive than wall time to other load on the machine.
  const cpu = process.cpuUsage(cpuBefore);

  const { parse, rules } = sumStats(results);
  const problems = {};
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal || !message.ruleId) fatal += 1;
      else problems[message.ruleId] = (problems[message.ruleId] ?? 0) + 1;
    }
  }
  const report = {
    config: name,
    files: results.length,
    importMs: importedAt,
    lintMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    parseMs: parse,
    rules,
    problems,
    fatal,
    firstFatal: results.flatMap(r => r.messages.filter(m => m.fatal).map(m => `${path.relative(dir, r.filePath)}: ${m.message}`))[0],
    maxRssKb: process.resourceUsage().maxRSS,
  };
  // The parent reads the last line of stdout.
  process.stdout.write(`\n${JSON.stringify(report)}\n`);
}

// ================================================================== parent: orchestration

function parseArgs(argv) {
  const options = { sizes: [100, 500, 2000], runs: 1, seed: DEFAULT_SEED, mix: DEFAULT_MIX, edits: 20, write: true, profile: false, configs: ['a', 'b', 'c', 'd'], warmup: true, keep: false };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') {
      options.sizes = [100];
      if (!sizesGiven) options.write = false;
    } else if (arg === '--sizes' || arg === '--size') {
      options.sizes = argv[++i].split(',').map(Number);
      sizesGiven = true;
    } else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--configs') options.configs = argv[++i].split(',');
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--write') options.write = true;
    else if (arg === '--no-warmup') options.warmup = false;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--dir') options.dir = argv[++i];
    else if (arg === '--editor') options.editor = argv[++i].split(',');
    else if (arg === '--edits') options.edits = Number(argv[++i]);
    else if (arg === '--mix') options.mix = argv[++i];
    else if (arg === '--load') options.load = true;
    else if (arg === '--plugin') options.plugins = argv[++i].split(',').map(entry => path.resolve(entry));
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/speed.mjs [--quick] [--sizes 100,500,2000] [--mix chat|backend] [--runs n] [--configs a,b,c,d] [--profile] [--no-write] [--keep] [--seed n]');
      console.log('       node bench/speed.mjs --dir <checkout> [--runs 5] [--configs a,b,c,t] [--editor file1,file2[:line] [--edits 20]]');
      console.log('       node bench/speed.mjs --load [--runs 9] [--plugin dist/index.js,<other build>/index.js]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  for (const size of options.sizes) if (!Number.isInteger(size) || size < 20) throw new Error(`bad size ${size}`);
  for (const config of options.configs) if (!CONFIGS[config]) throw new Error(`bad configuration ${config}`);
  if (options.configs.includes('t') && !options.dir) throw new Error('configuration t (type-check every file) is measured on real code only (--dir)');
  // Every figure is relative to (a) and about (b): both are always measured.
  for (const required of ['b', 'a']) if (!options.configs.includes(required)) options.configs.unshift(required);
  if (!options.configs.includes('a')) throw new Error('configuration a (the baseline) is required');
  return options;
}

/** Runs one configuration in a fresh Node process; resolves with its report and the wall time seen from outside. */
function spawnRun(config, dir, { profile = false } = {}) {
  const nodeArgs = [];
  if (profile) {
    mkdirSync(PROFILE_DIR, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `speed-${config}-${path.basename(dir)}-${Date.now()}.cpuprofile`);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, fileURLToPath(import.meta.url), '--child', config, dir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', code => {
      const wallMs = performance.now() - started;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`configuration ${config} on ${dir} failed (exit ${code}):\n${stdout.slice(-2000)}`));
        return;
      }
      resolve({ ...JSON.parse(last), wallMs });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median lint time over `runs`; memory is the largest peak seen. */
async function measure(config, dir, runs) {
  const samples = [];
  for (let run = 0; run < runs; run += 1) samples.push(await spawnRun(config, dir));
  const chosen = [...samples].sort((x, y) => x.lintMs - y.lintMs)[Math.floor(samples.length / 2)];
  return {
    ...chosen,
    lintMs: median(samples.map(s => s.lintMs)),
    cpuMs: median(samples.map(s => s.cpuMs)),
    maxRssKb: Math.max(...samples.map(s => s.maxRssKb)),
    samples: samples.map(s => s.lintMs),
  };
}

const seconds = ms => (ms / 1000).toFixed(2);
const mb = kb => (kb / 1024).toFixed(0);
const pct = value => (value === undefined || !Number.isFinite(value) ? 'n/a' : `${(value * 100).toFixed(1)} %`);

function pluginRuleTimes(report) {
  return Object.entries(report.rules)
    .filter(([rule]) => rule.startsWith(PLUGIN_PREFIX))
    .sort((x, y) => y[1] - x[1]);
}

function topRules(report, count) {
  return Object.entries(report.rules)
    .sort((x, y) => y[1] - x[1])
    .slice(0, count);
}

/** The figures for one size. */
function summarize(size, project, reports) {
  const { a, b, c, d } = reports;
  const overhead = b.lintMs - a.lintMs;
  const slowest = pluginRuleTimes(b)[0];
  return {
    size,
    lines: project.lines,
    llmFiles: project.llmFiles,
    reports,
    overheadMs: overhead,
    overheadRatio: overhead / a.lintMs,
    cpuOverheadRatio: (b.cpuMs - a.cpuMs) / a.cpuMs,
    cpuRelativeToTseslint: c ? (b.cpuMs - a.cpuMs) / (c.cpuMs - a.cpuMs) : undefined,
    relativeToTseslint: c ? overhead / (c.lintMs - a.lintMs) : undefined,
    marginalInCombined: c && d ? d.lintMs - c.lintMs : undefined,
    perFile: Object.fromEntries(Object.entries(reports).map(([name, r]) => [name, r.lintMs / size])),
    overheadPerFile: overhead / size,
    slowestRule: slowest ? { rule: slowest[0], ms: slowest[1] } : undefined,
    ruleSumMs: pluginRuleTimes(b).reduce((sum, [, ms]) => sum + ms, 0),
    findings: Object.entries(b.problems).filter(([rule]) => rule.startsWith(PLUGIN_PREFIX)),
  };
}

function printSize(row) {
  const { reports } = row;
  console.log(`\n== ${row.size} files (${row.lines} lines, ${row.llmFiles} LLM files)`);
  for (const [name, report] of Object.entries(reports)) {
    console.log(
      `  (${name}) ${CONFIGS[name].padEnd(42)} ${seconds(report.lintMs).padStart(8)} s  (cpu ${seconds(report.cpuMs).padStart(7)} s)  ${(report.lintMs / row.size).toFixed(1).padStart(6)} ms/file  peak ${mb(report.maxRssKb).padStart(5)} MB${report.fatal ? `  FATAL x${report.fatal}: ${report.firstFatal}` : ''}`,
    );
  }
  console.log(`  our overhead (b-a)/a             ${pct(row.overheadRatio)}  (${seconds(row.overheadMs)} s, ${row.overheadPerFile.toFixed(2)} ms/file; by cpu time ${pct(row.cpuOverheadRatio)})`);
  if (row.relativeToTseslint !== undefined) console.log(`  relative to tseslint (b-a)/(c-a) ${pct(row.relativeToTseslint)}  (by cpu time ${pct(row.cpuRelativeToTseslint)})`);
  if (row.marginalInCombined !== undefined) console.log(`  added to a typed setup (d-c)     ${seconds(row.marginalInCombined)} s`);
  if (row.slowestRule) console.log(`  slowest rule                     ${row.slowestRule.rule} ${seconds(row.slowestRule.ms)} s`);
  console.log(`  findings of our rules            ${row.findings.map(([rule, n]) => `${rule.slice(PLUGIN_PREFIX.length)}: ${n}`).join(', ') || 'none'}`);
}

function versions() {
  const read = name => JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const own = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  return { plugin: own.version, eslint: read('eslint'), typescript: read('typescript'), tseslint: read('typescript-eslint') };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: (os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function targetsMet(rows) {
  const first = rows[0];
  const last = rows.at(-1);
  const overheadOk = rows.every(row => row.overheadRatio <= 0.1);
  const belowTseslint = rows.every(row => row.relativeToTseslint === undefined || row.relativeToTseslint < 1);
  // "Flat" per-file cost: the largest size costs at most 1.5x per file what the smallest does.
  const growth = first && last && first !== last ? last.perFile.b / first.perFile.b : undefined;
  const overheadGrowth = first && last && first !== last ? last.overheadPerFile / first.overheadPerFile : undefined;
  return { overheadOk, belowTseslint, growth, overheadGrowth, flat: growth === undefined || growth <= 1.5 };
}

function renderMarkdown(rows, options, ruleNames) {
  const m = machine();
  const v = versions();
  const t = targetsMet(rows);
  const lines = [];
  lines.push('# Speed benchmark results', '');
  lines.push('Generated by `npm run bench` (`bench/speed.mjs`); see `bench/README.md` for what is measured and how to reproduce.', '');
  lines.push(`- Date: ${new Date().toISOString().slice(0, 10)}`);
  lines.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.platform}`);
  lines.push(`- Node ${m.node}, ESLint ${v.eslint}, TypeScript ${v.typescript}, typescript-eslint ${v.tseslint}, eslint-plugin-llm-security ${v.plugin}`);
  lines.push(`- Rules measured in (b): ${ruleNames.map(name => `\`${name}\``).join(', ')}`);
  lines.push(`- Projects: \`bench/generate.mjs\`, seed ${options.seed}; each configuration in a fresh process, median of ${options.runs} run(s); times are ESLint construction + \`lintFiles\` (module loading excluded).`);
  lines.push('');
  lines.push('## Wall time and peak memory', '');
  lines.push('Each cell: wall time / peak resident memory (maxRSS) of the process.', '');
  lines.push('| files | lines | (a) no rules | (b) llm-security all | (c) tseslint type-checked | (d) c + b | (b−a)/a | (b−a)/(c−a) | d−c |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const cell = name => (row.reports[name] ? `${seconds(row.reports[name].lintMs)} s / ${mb(row.reports[name].maxRssKb)} MB` : '–');
    lines.push(
      `| ${row.size} | ${row.lines} | ${cell('a')} | ${cell('b')} | ${cell('c')} | ${cell('d')} | ${pct(row.overheadRatio)} | ${pct(row.relativeToTseslint)} | ${row.marginalInCombined === undefined ? '–' : `${seconds(row.marginalInCombined)} s`} |`,
    );
  }
  lines.push('');
  lines.push('The same ratios on CPU time (user + system), which other load on a shared machine disturbs less:', '');
  lines.push('| files | (a) cpu | (b) cpu | (c) cpu | (d) cpu | (b−a)/a | (b−a)/(c−a) |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const cell = name => (row.reports[name] ? `${seconds(row.reports[name].cpuMs)} s` : '–');
    lines.push(`| ${row.size} | ${cell('a')} | ${cell('b')} | ${cell('c')} | ${cell('d')} | ${pct(row.cpuOverheadRatio)} | ${pct(row.cpuRelativeToTseslint)} |`);
  }
  lines.push('');
  lines.push('## Per-file time (ms per file)', '');
  lines.push('| files | (a) | (b) | (c) | (d) | our overhead (b−a) per file | our rules\' own time per file (stats) |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const cell = name => (row.perFile[name] === undefined ? '–' : row.perFile[name].toFixed(1));
    lines.push(`| ${row.size} | ${cell('a')} | ${cell('b')} | ${cell('c')} | ${cell('d')} | ${row.overheadPerFile.toFixed(2)} | ${(row.ruleSumMs / row.size).toFixed(2)} |`);
  }
  lines.push('');
  lines.push('## Rules', '');
  lines.push('| files | slowest llm-security rule | its time | all llm-security rules (stats) | slowest typescript-eslint rules in (c) | findings of llm-security rules |');
  lines.push('| ---: | --- | ---: | ---: | --- | --- |');
  for (const row of rows) {
    const tsTop = row.reports.c ? topRules(row.reports.c, 3).map(([rule, ms]) => `\`${rule}\` ${seconds(ms)} s`).join(', ') : '–';
    const findings = row.findings.map(([rule, n]) => `${rule.slice(PLUGIN_PREFIX.length)}: ${n}`).join(', ') || 'none';
    lines.push(`| ${row.size} | ${row.slowestRule ? `\`${row.slowestRule.rule}\`` : '–'} | ${row.slowestRule ? `${seconds(row.slowestRule.ms)} s` : '–'} | ${seconds(row.ruleSumMs)} s | ${tsTop} | ${findings} |`);
  }
  const largest = rows.at(-1);
  lines.push('', `Per-rule times of (b) at ${largest.size} files:`, '');
  lines.push('| rule | time | per file |', '| --- | ---: | ---: |');
  for (const [rule, ms] of pluginRuleTimes(largest.reports.b)) lines.push(`| \`${rule}\` | ${seconds(ms)} s | ${(ms / largest.size).toFixed(2)} ms |`);
  lines.push('');
  lines.push('## Targets', '');
  lines.push(`- Our overhead ≤ 10 % of (a) at every size: **${t.overheadOk ? 'met' : 'missed'}** (${rows.map(row => `${row.size}: ${pct(row.overheadRatio)}`).join(', ')})`);
  lines.push(`- Cheaper than typescript-eslint's type-checked rules, (b−a)/(c−a) < 100 %: **${t.belowTseslint ? 'met' : 'missed'}** (${rows.map(row => `${row.size}: ${pct(row.relativeToTseslint)}`).join(', ')})`);
  if (t.growth !== undefined) {
    lines.push(
      `- Per-file cost flat from ${rows[0].size} to ${largest.size} files (≤ 1.5×): **${t.flat ? 'met' : 'missed'}** ((b) per file ×${t.growth.toFixed(2)}; our overhead per file ×${t.overheadGrowth.toFixed(2)})`,
    );
  }
  lines.push('');
  lines.push('## How to read this', '');
  lines.push('- (a) is the floor every type-aware setup pays: parsing plus building the TypeScript program through the project service. Type checking itself is lazy, so its cost lands on whichever rules ask for types first.');
  lines.push('- (b−a)/a is what our rules add to that floor; (b−a)/(c−a) compares it with what typescript-eslint\'s own type-checked rules add. d−c is the marginal cost of adding our plugin to an existing `recommendedTypeChecked` setup: both share one program and one checker, so some type work is paid only once.');
  lines.push('- Per-rule times are ESLint `stats` (listener time per rule, summed over files). The first rule that asks the checker about a file pays for checking it, so per-rule times within one configuration are not independent.');
  lines.push('- Wall times on a shared 2-core machine vary by ±10–20 % with the other load on it; the CPU-time table is steadier. Compare ratios within one size rather than absolute seconds across machines.');
  lines.push('- Garbage collection is about a quarter of every configuration\'s CPU time (the TypeScript program and checker caches), in (a) as much as in (b) and (c).');
  lines.push('');
  return lines.join('\n');
}

// ------------------------------------------------------------------ profiling

const PLUGIN_DIST = `${pathToFileURL(path.join(REPO_ROOT, 'dist')).href}/`;
const TYPESCRIPT = `${pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'typescript')).href}/`;

const sourceMaps = new Map();

/** The `src/...ts:line` a frame of `dist/` was compiled from (tsc writes source maps next to dist files). */
function originalPosition(frame) {
  if (!frame.url.startsWith(PLUGIN_DIST)) return undefined;
  const file = fileURLToPath(frame.url);
  if (!sourceMaps.has(file)) {
    let map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    sourceMaps.set(file, map);
  }
  const entry = sourceMaps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry?.originalSource) return undefined;
  const source = path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ''));
  return `${path.relative(REPO_ROOT, source)}:${entry.originalLine + 1}`;
}

function frameName(frame) {
  const where = originalPosition(frame) ?? `${frame.url.replace(`${pathToFileURL(REPO_ROOT).href}/`, '')}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}  ${where}`;
}

/**
 * Reads a .cpuprofile and splits the time spent below the plugin's own functions into the
 * plugin's code and the TypeScript checker it calls, attributing checker time to the nearest
 * plugin function on the stack (the one that asked).
 */
function analyseProfile(profileFile) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  const self = new Map();
  const attributed = new Map();
  const checkerEntries = new Map();
  let total = 0;
  let underPlugin = 0;
  let pluginSelf = 0;
  let checker = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    total += ms;
    const stack = [];
    for (let current = id; current !== undefined; current = parentOf.get(current)) stack.push(byId.get(current).callFrame);
    add(self, frameName(stack[0]), ms);
    const nearest = stack.findIndex(frame => frame.url.startsWith(PLUGIN_DIST));
    if (nearest === -1) return;
    underPlugin += ms;
    add(attributed, frameName(stack[nearest]), ms);
    if (nearest === 0) pluginSelf += ms;
    else if (stack[0].url.startsWith(TYPESCRIPT)) {
      checker += ms;
      add(checkerEntries, frameName(stack[nearest - 1]), ms);
    }
  });
  const top = (map, count) => [...map].sort((x, y) => y[1] - x[1]).slice(0, count);
  return { total, underPlugin, pluginSelf, checker, self: top(self, 12), attributed: top(attributed, 12), checkerEntries: top(checkerEntries, 8) };
}

async function profilePlugin(size, dir) {
  console.log(`\n== CPU profile of (b) at ${size} files`);
  await spawnRun('b', dir, { profile: true });
  const latest = readdirSync(PROFILE_DIR)
    .filter(name => name.startsWith(`speed-b-${path.basename(dir)}-`))
    .sort()
    .at(-1);
  return { size, file: path.join(PROFILE_DIR, latest), ...printProfile(path.join(PROFILE_DIR, latest)) };
}

function printProfile(file) {
  const result = analyseProfile(file);
  const share = ms => `${(ms / 1000).toFixed(1)} s (${((ms / result.total) * 100).toFixed(0)} %)`;
  console.log(`  profile: ${path.relative(REPO_ROOT, file)}, ${(result.total / 1000).toFixed(1)} s sampled`);
  console.log(`  below the plugin's functions: ${share(result.underPlugin)}; of which the plugin's own code ${share(result.pluginSelf)}, TypeScript ${share(result.checker)}`);
  const list = (title, rows) => {
    console.log(`  ${title}:`);
    for (const [key, ms] of rows) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  };
  list('hottest functions overall (self time)', result.self);
  list('plugin functions, with the TypeScript work they asked for (nearest plugin frame)', result.attributed);
  list('TypeScript entry points the plugin calls', result.checkerEntries);
  return result;
}

function renderProfile(profile) {
  const share = ms => `${(ms / 1000).toFixed(1)} s (${((ms / profile.total) * 100).toFixed(0)} %)`;
  const lines = ['## CPU profile of (b)', ''];
  lines.push(`\`node --cpu-prof\` of configuration (b) at ${profile.size} files (\`--profile\`), ${(profile.total / 1000).toFixed(1)} s sampled:`, '');
  lines.push(`- below the plugin's functions: ${share(profile.underPlugin)}, of which the plugin's own code ${share(profile.pluginSelf)} and TypeScript's checker ${share(profile.checker)};`);
  const gc = profile.self.find(([key]) => key.startsWith('(garbage collector)'));
  if (gc) lines.push(`- garbage collection: ${share(gc[1])}.`);
  lines.push('', '| plugin function (with the TypeScript work it asked for) | time |', '| --- | ---: |');
  for (const [key, ms] of profile.attributed.slice(0, 8)) lines.push(`| \`${key.replace(/\s+/g, ' ')}\` | ${(ms / 1000).toFixed(2)} s |`);
  lines.push('', '| TypeScript entry point called by the plugin | time |', '| --- | ---: |');
  for (const [key, ms] of profile.checkerEntries.slice(0, 5)) lines.push(`| \`${key.replace(/\s+/g, ' ')}\` | ${(ms / 1000).toFixed(2)} s |`);
  lines.push('', 'What this means and what would make it cheaper: see "What the profile says" in `bench/README.md`.', '');
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

/** Sections of RESULTS.md written by hand (real apps, the editor), kept when the tables above are regenerated. */
const KEPT_MARKER = '<!-- kept by bench/speed.mjs: sections below are not regenerated -->';
function keptSections() {
  let text = '';
  try {
    text = readFileSync(RESULTS_FILE, 'utf8');
  } catch {
    return '';
  }
  const at = text.indexOf(KEPT_MARKER);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

// ================================================================== loading the plugin

/** Child: loads ESLint and typescript-eslint (any typed setup has them), then the plugin; prints its CPU and wall time. */
async function loadChild(pluginFile) {
  await import('eslint');
  await import('typescript-eslint');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await import(pathToFileURL(pluginFile).href);
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - started })}\n`);
}

function spawnLoad(pluginFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--load-child', pluginFile], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', code => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').at(-1))) : reject(new Error(`loading ${pluginFile} failed (exit ${code})`))));
  });
}

/**
 * What loading the plugin costs an ESLint process, which the lint figures leave out: fresh processes,
 * the builds given (`--plugin a,b`: e.g. this build and an older one) interleaved, median of `runs`.
 */
async function benchLoad(pluginFiles, runs) {
  const samples = new Map(pluginFiles.map(file => [file, []]));
  for (let run = 0; run < runs; run += 1) for (const file of pluginFiles) samples.get(file).push(await spawnLoad(file));
  console.log(`loading the plugin after eslint and typescript-eslint, median of ${runs} fresh process(es):`);
  for (const [file, runsOf] of samples) {
    const cpu = runsOf.map(sample => sample.cpuMs);
    console.log(`  ${path.relative(process.cwd(), file)}: CPU ${Math.round(median(cpu))} ms (${Math.round(Math.min(...cpu))}–${Math.round(Math.max(...cpu))}), wall ${Math.round(median(runsOf.map(sample => sample.wallMs)))} ms`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.load) {
    await benchLoad(options.plugins ?? [path.join(REPO_ROOT, 'dist', 'index.js')], Math.max(options.runs, 1));
    return;
  }
  if (options.dir) {
    // Real code: whole-repository CPU and memory, or per-edit latency of chosen files.
    const configs = options.configs.filter(config => config !== 'd');
    if (options.editor) await benchEditor(options.dir, options.editor, { edits: options.edits, runs: options.runs, configs });
    else await benchApp(options.dir, { runs: Math.max(options.runs, 1), configs });
    return;
  }
  const { default: plugin } = await import('../dist/index.js');
  const ruleNames = Object.keys(plugin.rules).sort();
  const m = machine();
  console.log(`Speed benchmark on ${m.cpu} (${m.cores} cores, ${m.memoryGb} GB), Node ${m.node}`);
  console.log(`sizes ${options.sizes.join(', ')}; configurations ${options.configs.join(', ')}; ${options.runs} run(s) each; rules: ${ruleNames.join(', ')}`);

  const projects = options.sizes.map(size => {
    const project = generateProject({ size, seed: options.seed, mix: options.mix, outDir: projectDir(size, options.mix) });
    console.log(`generated ${size} files (${project.lines} lines) in ${path.relative(REPO_ROOT, project.dir)}`);
    return { size, project };
  });

  if (options.warmup) {
    // Fill the OS file cache (node_modules .d.ts files) so the first measured run is not penalised.
    await spawnRun('a', projects[0].project.dir);
  }

  const rows = [];
  for (const { size, project } of projects) {
    const reports = {};
    for (const config of options.configs) {
      reports[config] = await measure(config, project.dir, options.runs);
      process.stdout.write(`  ${size} files (${config}) ${seconds(reports[config].lintMs)} s\n`);
    }
    const row = summarize(size, project, reports);
    rows.push(row);
    printSize(row);
  }

  const t = targetsMet(rows);
  console.log(`\ntargets: overhead <= 10 %: ${t.overheadOk ? 'met' : 'MISSED'}; below typescript-eslint: ${t.belowTseslint ? 'met' : 'MISSED'}; per-file flat: ${t.flat ? 'met' : 'MISSED'}${t.growth ? ` (x${t.growth.toFixed(2)})` : ''}`);

  const profile = options.profile ? await profilePlugin(options.sizes.at(-1), projects.at(-1).project.dir) : undefined;

  if (options.write) {
    writeFileSync(RESULTS_FILE, renderMarkdown(rows, options, ruleNames) + (profile ? `\n${renderProfile(profile)}` : '') + keptSections());
    console.log(`\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  // Generated projects are deterministic and cheap to rebuild; leaving 2,000 files in the checkout
  // would only slow down a later `eslint .` (--keep to inspect them).
  if (!options.keep) for (const { project } of projects) rmSync(project.dir, { recursive: true, force: true });
}

if (process.argv[2] === '--child') {
  await runChild(process.argv[3], process.argv[4]);
} else if (process.argv[2] === '--load-child') {
  await loadChild(process.argv[3]);
} else if (process.argv[2] === '--analyse-profile') {
  printProfile(path.resolve(process.argv[3]));
} else {
  await main();
}
