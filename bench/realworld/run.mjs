#!/usr/bin/env node
// Real-app corpus: lints public LLM apps at pinned commits with EVERY rule of the built plugin and
// compares the findings with the labels in bench/realworld/apps/<id>.json (format: LABELLING.md,
// how to run and read it: README.md beside this file).
//
//   node bench/realworld/run.mjs                        every app in bench/realworld/apps/
//   node bench/realworld/run.mjs --app a,b              only the apps with these ids
//   node bench/realworld/run.mjs --verbose              also list misses, flagged look-alikes, unlabelled reports
//   node bench/realworld/run.mjs --json out.json        every finding (with its matched label) and every number
//   node bench/realworld/run.mjs --sample 50 --seed 7   draw 50 reports for a precision review
//   node bench/realworld/run.mjs --review bench/realworld/review.json
//                                                       share of true reports in a judged review (no linting)
//
// Other options: --apps-dir <dir> (default bench/realworld/apps), --mirrors <dir> (default
// /work/.mirror), --install (npm install the app's own production dependencies into its checkout),
// --review-out <file> (where --sample writes the review skeleton; default bench/realworld/review.json),
// --force (let --sample overwrite a review file that already holds verdicts).
//
// Each app is extracted from the local snapshot <mirrors>/<owner>+<name>/repo (made by the session
// tool `fetch`) with `git archive <commit> | tar -x` into .realworld/<id>/ under the repository root:
// TypeScript then resolves openai, ai, @anthropic-ai/sdk... from this repository's node_modules. Each
// app is linted in a fresh Node process (one TypeScript project service per app, memory and time of
// its own). Nothing is executed; the files are only parsed and linted.
//
// This is a measurement, not a gate: the exit code is 0 whatever the numbers are, and non-zero only
// when the script itself fails (bad arguments, an unreadable file, a refused overwrite). It is not
// part of CI because it needs the snapshots.

import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const HERE = path.dirname(SCRIPT);
const REPO_ROOT = path.resolve(HERE, '..', '..');
const PLUGIN_ENTRY = path.join(REPO_ROOT, 'dist', 'index.js');
const CHECKOUTS_DIR = path.join(REPO_ROOT, '.realworld');
const DEFAULT_APPS_DIR = path.join(HERE, 'apps');
const DEFAULT_MIRRORS_DIR = '/work/.mirror';
const DEFAULT_REVIEW_FILE = path.join(HERE, 'review.json');
const WORKSHEET_FILE = path.join(CHECKOUTS_DIR, 'review-worksheet.md');
/** Written into every checkout: which commit it holds and what the script added to it. */
const CHECKOUT_MARKER = '.realworld-checkout.json';
const WORKER_FLAG = '--lint-worker';
const PREFIX = 'llm-security/';
/** The file kinds the plugin's configs lint (LINTED_FILES in src/configs/index.ts). */
const LINTABLE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const BATCH_SIZE = 25;
/** Lines of code shown above and below a sampled report in the worksheet. */
const CONTEXT_LINES = 4;
/** typescript-eslint's parse error for a file that no tsconfig includes. */
const NOT_IN_ANY_PROJECT = /was not found by the project service/;
/** A dependency on one of these means the app's imports are resolved by a bundler (extensionless, ESM). */
const BUNDLER_PACKAGES = [
  'vite',
  'webpack',
  'next',
  'react-scripts',
  'parcel',
  'esbuild',
  'rollup',
  'nuxt',
  '@sveltejs/kit',
  'plasmo',
  'wxt',
  'electron-vite',
  '@crxjs/vite-plugin',
  'react',
  'vue',
  'svelte',
];
const USAGE = `usage: node bench/realworld/run.mjs [--app <id>[,<id>...]] [--apps-dir <dir>] [--mirrors <dir>] [--install]
                                  [--verbose] [--json <file>] [--sample <n> [--seed <s>] [--review-out <file>] [--force]]
       node bench/realworld/run.mjs --review <file>`;

// ---------------------------------------------------------------------------------------------
// Arguments and app files
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = {
    apps: undefined,
    appsDir: DEFAULT_APPS_DIR,
    mirrors: DEFAULT_MIRRORS_DIR,
    install: false,
    verbose: false,
    json: undefined,
    sample: undefined,
    seed: '1',
    reviewOut: DEFAULT_REVIEW_FILE,
    force: false,
    review: undefined,
  };
  const value = (i, name) => {
    if (i >= argv.length || argv[i].startsWith('--')) usageError(`${name} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--app') args.apps = value(++i, arg).split(',').map(id => id.trim()).filter(Boolean);
    else if (arg === '--apps-dir') args.appsDir = path.resolve(value(++i, arg));
    else if (arg === '--mirrors') args.mirrors = path.resolve(value(++i, arg));
    else if (arg === '--install') args.install = true;
    else if (arg === '--verbose' || arg === '-v') args.verbose = true;
    else if (arg === '--json') args.json = path.resolve(value(++i, arg));
    else if (arg === '--sample') args.sample = Number(value(++i, arg));
    else if (arg === '--seed') args.seed = value(++i, arg);
    else if (arg === '--review-out') args.reviewOut = path.resolve(value(++i, arg));
    else if (arg === '--force') args.force = true;
    else if (arg === '--review') args.review = path.resolve(value(++i, arg));
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else usageError(`unknown argument: ${arg}`);
  }
  if (args.sample !== undefined && !(Number.isInteger(args.sample) && args.sample > 0)) usageError('--sample needs a positive integer');
  return args;
}

function usageError(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Rule id without the plugin prefix. */
function bareRuleId(id) {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id;
}

/** `./src/a.ts` and `src\a.ts` → `src/a.ts`: label and glob paths are relative to the app's root. */
function normalisePath(file) {
  return String(file).replaceAll('\\', '/').replace(/^(\.\/)+/, '');
}

/** Problems that make an app file unusable (a list of sentences; empty when the file is fine). */
function appFileProblems(app) {
  const problems = [];
  if (typeof app.id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(app.id)) problems.push('`id` must be letters, digits, ".", "_" or "-"');
  if (typeof app.repo !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(app.repo)) problems.push('`repo` must be "owner/name"');
  if (typeof app.commit !== 'string' || !/^[0-9a-f]{40}$/.test(app.commit)) problems.push('`commit` must be a 40-hex commit');
  const include = app.lint?.include;
  if (!Array.isArray(include) || include.length === 0 || !include.every(glob => typeof glob === 'string')) problems.push('`lint.include` must be a non-empty list of globs');
  if (app.lint?.ignore !== undefined && !(Array.isArray(app.lint.ignore) && app.lint.ignore.every(glob => typeof glob === 'string'))) problems.push('`lint.ignore` must be a list of globs');
  for (const key of ['instances', 'lookalikes']) {
    if (app[key] !== undefined && !Array.isArray(app[key])) problems.push(`\`${key}\` must be a list`);
  }
  return problems;
}

/** Reads the app files (all of them, or those named by --app). Unusable files are reported and skipped. */
function loadApps(appsDir, wanted) {
  if (!existsSync(appsDir)) {
    console.error(`no apps directory at ${appsDir}`);
    process.exit(2);
  }
  const apps = [];
  const seen = new Set();
  for (const name of readdirSync(appsDir).filter(file => file.endsWith('.json')).sort()) {
    const file = path.join(appsDir, name);
    let app;
    try {
      app = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      console.log(`${name}: not valid JSON (${error.message}); skipped`);
      continue;
    }
    const problems = appFileProblems(app);
    if (seen.has(app.id)) problems.push(`another app file already has the id "${app.id}"`);
    if (problems.length > 0) {
      console.log(`${name}: ${problems.join('; ')}; skipped`);
      continue;
    }
    seen.add(app.id);
    if (wanted && !wanted.includes(app.id)) continue;
    apps.push({ ...app, instances: app.instances ?? [], lookalikes: app.lookalikes ?? [], appFile: file });
  }
  const unknown = (wanted ?? []).filter(id => !seen.has(id));
  if (unknown.length > 0) {
    console.error(`no app file with the id(s) ${unknown.join(', ')} in ${appsDir}`);
    process.exit(2);
  }
  return apps;
}

// ---------------------------------------------------------------------------------------------
// Materialising a checkout from the local snapshot
// ---------------------------------------------------------------------------------------------

function snapshotDir(mirrors, repo) {
  const [owner, name] = repo.split('/');
  return path.join(mirrors, `${owner}+${name}`, 'repo');
}

function git(gitDir, args) {
  return spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Paths whose content the snapshot lacks (files of 4 MiB and more, Git LFS content): `git archive`
 * stops at the first of them, so they are left out of the extraction.
 */
function missingBlobs(gitDir, commit) {
  const tree = git(gitDir, ['ls-tree', '-r', '-z', commit]).stdout.split('\0').filter(Boolean);
  const blobs = tree.map(line => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line)).filter(Boolean);
  const check = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch-check'], { input: blobs.map(match => match[1]).join('\n'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const answers = check.stdout.split('\n');
  return blobs.filter((_, index) => answers[index]?.endsWith(' missing')).map(match => match[2]);
}

/** `git archive <commit> | tar -x -C <target>`, without a shell, leaving out the paths the snapshot lacks. */
function extractArchive(gitDir, commit, target, missing = []) {
  return new Promise((resolve, reject) => {
    const pathspecs = missing.length > 0 ? ['--', '.', ...missing.map(file => `:(exclude,literal)${file}`)] : [];
    const archive = spawn('git', ['--git-dir', gitDir, 'archive', '--format=tar', commit, ...pathspecs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', target], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    let stderr = '';
    archive.stderr.on('data', chunk => (stderr += chunk));
    tar.stderr.on('data', chunk => (stderr += chunk));
    const codes = [];
    const done = code => {
      codes.push(code);
      if (codes.length < 2) return;
      if (codes.every(c => c === 0)) resolve();
      else reject(new Error(`git archive | tar failed (exit codes ${codes.join(', ')}): ${stderr.trim()}`));
    };
    archive.on('error', reject);
    tar.on('error', reject);
    archive.on('close', done);
    tar.on('close', done);
  });
}

/**
 * Makes .realworld/<id>/ hold the app at its pinned commit: reuses an extraction whose marker
 * records that commit, otherwise extracts anew (into a temporary folder first, so an interrupted
 * extraction is never taken for a complete one). Returns { dir, state, marker } or { skipped }.
 */
async function materialiseApp(app, mirrors) {
  const dir = path.join(CHECKOUTS_DIR, app.id);
  const markerFile = path.join(dir, CHECKOUT_MARKER);
  const existing = readJson(markerFile);
  if (existing?.commit === app.commit && existing?.repo === app.repo) return { dir, state: 'reused', marker: existing };

  const gitDir = snapshotDir(mirrors, app.repo);
  if (!existsSync(path.join(gitDir, 'HEAD'))) {
    return { skipped: `no snapshot at ${gitDir}: run the session tool \`fetch\` for github:${app.repo}, then run this script again` };
  }
  if (git(gitDir, ['cat-file', '-e', `${app.commit}^{commit}`]).status !== 0) {
    const head = git(gitDir, ['rev-parse', 'HEAD']).stdout.trim();
    return { skipped: `the snapshot at ${gitDir} (HEAD ${head.slice(0, 12)}) does not contain the pinned commit ${app.commit}` };
  }

  mkdirSync(CHECKOUTS_DIR, { recursive: true });
  const partial = path.join(CHECKOUTS_DIR, `.${app.id}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  try {
    await extractArchive(gitDir, app.commit, partial, missingBlobs(gitDir, app.commit));
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    return { skipped: error.message };
  }
  const marker = { repo: app.repo, commit: app.commit, extractedAt: new Date().toISOString(), generatedTsconfig: false, installed: false };
  writeFileSync(path.join(partial, CHECKOUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, state: 'extracted', marker };
}

function saveMarker(dir, marker) {
  writeFileSync(path.join(dir, CHECKOUT_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** `--install`: the app's own production dependencies, without running any install script. */
function installDependencies(dir, marker) {
  if (!existsSync(path.join(dir, 'package.json'))) return 'no package.json at the checkout root; nothing installed';
  const result = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) return `npm install failed (exit ${result.status ?? result.signal}); linting with what is there`;
  marker.installed = true;
  saveMarker(dir, marker);
  return 'installed its own production dependencies (npm install --omit=dev --ignore-scripts)';
}

// ---------------------------------------------------------------------------------------------
// Which files to lint, and a tsconfig for apps that have none
// ---------------------------------------------------------------------------------------------

/** `a/{b,c}/*.{ts,tsx}` → the four patterns without braces (innermost group first, so nesting works). */
function expandBraces(pattern) {
  const group = /\{([^{}]*)\}/.exec(pattern);
  if (!group) return [pattern];
  const before = pattern.slice(0, group.index);
  const after = pattern.slice(group.index + group[0].length);
  return [...new Set(group[1].split(',').flatMap(choice => expandBraces(before + choice + after)))];
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One path segment of a glob: `*`, `?` and `[...]` classes; everything else is literal. */
function segmentToRegExp(segment) {
  let out = '';
  for (let i = 0; i < segment.length; i += 1) {
    const ch = segment[i];
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[' && segment.indexOf(']', i + 2) !== -1) {
      const end = segment.indexOf(']', i + 2);
      let body = segment.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegExp(ch);
  }
  return out;
}

/**
 * A minimatch-style glob (as in ESLint's `files`) relative to the app's root, as a RegExp over
 * posix relative paths: `**` spans directories, `*` and `?` stay within one, `{a,b}` alternates,
 * a trailing `/` means everything below the directory. Dot files are matched like any other file.
 */
function globToRegExp(glob) {
  let pattern = normalisePath(glob);
  if (pattern.endsWith('/')) pattern += '**';
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') source += last ? '.*' : '(?:[^/]+/)*';
    else source += segmentToRegExp(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${source}$`);
}

function globMatcher(globs) {
  const regexps = (globs ?? []).flatMap(expandBraces).map(globToRegExp);
  return file => regexps.some(regexp => regexp.test(file));
}

/** Every regular file below `dir` (posix paths relative to it), without node_modules and .git. */
function walkFiles(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walkFiles(path.join(dir, entry.name), base, out);
    } else if (entry.isFile()) {
      out.push(path.relative(base, path.join(dir, entry.name)).split(path.sep).join('/'));
    }
  }
  return out;
}

/** The files of `lint.include` minus `lint.ignore` that the plugin lints (by extension), sorted. */
function listLintFiles(dir, lint) {
  const included = globMatcher(lint.include);
  const ignored = globMatcher(lint.ignore);
  return walkFiles(dir)
    .filter(file => file !== CHECKOUT_MARKER && LINTABLE_EXTENSIONS.has(path.extname(file)))
    .filter(file => included(file) && !ignored(file))
    .sort();
}

/** Module settings for a generated tsconfig: bundler resolution for bundled apps, NodeNext for Node packages. */
function chooseModuleSettings(dir, files) {
  const pkg = readJson(path.join(dir, 'package.json')) ?? {};
  const deps = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies };
  const bundler = BUNDLER_PACKAGES.find(name => name in deps);
  if (bundler || files.some(file => /\.[jt]sx$/.test(file))) {
    return { module: 'ESNext', moduleResolution: 'Bundler', why: bundler ? `bundled app (depends on ${bundler})` : 'bundled app (JSX files)' };
  }
  return { module: 'NodeNext', moduleResolution: 'NodeNext', why: `Node ${pkg.type === 'module' ? 'ESM' : 'CommonJS'} package` };
}

/**
 * Apps with neither a tsconfig.json nor a jsconfig.json at their root (untyped JavaScript servers,
 * monorepos typed per package) get a generated tsconfig.json that includes the lint globs, so the
 * project service types every linted file (and is the fallback for files the app's own nested
 * tsconfigs leave out). Rewritten on every run, since the globs may change. Returns a note or undefined.
 */
function ensureTsconfig(app, dir, files, marker) {
  const ownConfig = ['tsconfig.json', 'jsconfig.json'].some(name => existsSync(path.join(dir, name)));
  if (ownConfig && !marker.generatedTsconfig) return undefined;
  const settings = chooseModuleSettings(dir, files);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      module: settings.module,
      moduleResolution: settings.moduleResolution,
      types: ['node'],
      allowJs: true,
      checkJs: false,
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      jsx: 'react-jsx',
      skipLibCheck: true,
      noEmit: true,
    },
    // TypeScript's `include` has no `{a,b}` alternatives: the globs are expanded.
    include: app.lint.include.flatMap(expandBraces).map(normalisePath),
    exclude: ['node_modules', ...(app.lint.ignore ?? []).flatMap(expandBraces).map(normalisePath)],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  if (!marker.generatedTsconfig) {
    marker.generatedTsconfig = true;
    saveMarker(dir, marker);
  }
  return `generated tsconfig.json at the checkout root, since the app has none there (allowJs, ${settings.module}/${settings.moduleResolution}: ${settings.why})`;
}

/** Label problems a labeller should fix: unknown rules, missing files, files not linted, bad lines. */
function labelWarnings(app, dir, lintFiles, ruleIds) {
  const linted = new Set(lintFiles);
  const lineCounts = new Map();
  const warnings = [];
  for (const [kind, labels] of [['instance', app.instances], ['look-alike', app.lookalikes]]) {
    labels.forEach((label, index) => {
      const where = `${kind} #${index + 1} (${label.file}:${label.line})`;
      const file = normalisePath(label.file ?? '');
      if (!ruleIds.includes(bareRuleId(String(label.rule)))) warnings.push(`${where}: unknown rule "${label.rule}"`);
      if (!Number.isInteger(label.line) || label.line < 1) warnings.push(`${where}: \`line\` must be a positive integer`);
      if (label.endLine !== undefined && !(Number.isInteger(label.endLine) && label.endLine >= label.line)) warnings.push(`${where}: \`endLine\` must be an integer >= line`);
      if (!existsSync(path.join(dir, file))) {
        warnings.push(`${where}: no such file in the checkout`);
        return;
      }
      if (!linted.has(file)) warnings.push(`${where}: file is not in lint.include minus lint.ignore, so this label can never match`);
      if (!lineCounts.has(file)) lineCounts.set(file, readFileSync(path.join(dir, file), 'utf8').split('\n').length);
      if ((label.endLine ?? label.line) > lineCounts.get(file)) warnings.push(`${where}: beyond the end of the file (${lineCounts.get(file)} lines)`);
    });
  }
  return warnings;
}

/** The app's `options` as ESLint rule entries: `{ "rule": [{...}] }` or `{ "rule": {...} }`. */
function ruleEntries(app, ruleIds) {
  const rules = {};
  const warnings = [];
  for (const [id, value] of Object.entries(app.options ?? {})) {
    const rule = bareRuleId(id);
    if (!ruleIds.includes(rule)) warnings.push(`options: unknown rule "${id}" ignored`);
    else if (Array.isArray(value)) rules[PREFIX + rule] = ['error', ...value];
    else if (value && typeof value === 'object') rules[PREFIX + rule] = ['error', value];
    else warnings.push(`options: the options of "${id}" must be a list or an object; ignored`);
  }
  return { rules, warnings };
}

// ---------------------------------------------------------------------------------------------
// Linting (in a worker process per app)
// ---------------------------------------------------------------------------------------------

async function loadPlugin() {
  if (!existsSync(PLUGIN_ENTRY)) {
    console.error(`no build at ${PLUGIN_ENTRY}: run \`npm run build\` first (or \`npm run bench:realworld\`)`);
    process.exit(2);
  }
  return (await import(pathToFileURL(PLUGIN_ENTRY).href)).default;
}

/** Lints one app in a fresh Node process; resolves to the worker's result. */
function lintInWorker(job) {
  return new Promise(resolve => {
    const child = fork(SCRIPT, [WORKER_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer;
    child.on('message', message => (answer = message));
    child.on('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.result);
      else {
        resolve({ failed: answer?.error ?? `the lint worker exited with ${signal ?? `code ${code}`} (out of memory? try NODE_OPTIONS=--max-old-space-size=8192)` });
      }
    });
    child.send(job);
  });
}

/** The worker side: receives one job, lints, sends the result back and exits. */
function runLintWorker() {
  process.once('message', async job => {
    let reply;
    try {
      reply = { ok: true, result: await lintApp(job) };
    } catch (error) {
      reply = { ok: false, error: String(error?.message ?? error) };
    }
    // The project service may keep timers alive: leave as soon as the answer is out.
    process.send(reply, () => process.exit(0));
  });
}

/** A thrown error is a rule crash when ESLint attributes it to one of our rules. */
function crashedRule(error) {
  const text = `${error?.message ?? ''}\n${error?.stack ?? ''}`;
  return /Rule: "(llm-security\/[\w-]+)"/.exec(text)?.[1];
}


/**
 * Lints the app's files in batches (a batch that throws is linted file by file, to pin a crash on
 * one file). Files no tsconfig includes fail with a parse error first; they are linted again,
 * and only they, with `allowDefaultProject` listing exactly those paths (listing a file that a
 * tsconfig includes would make typescript-eslint throw).
 */
async function lintApp(job) {
  const plugin = await loadPlugin();
  const { ESLint } = await import('eslint');
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const started = performance.now();

  const createLinter = outsideConfig =>
    new ESLint({
      cwd: job.dir,
      // The app's own ESLint config (and its plugins) play no part: only our seven rules run.
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.all,
        {
          languageOptions: {
            parserOptions: outsideConfig
              ? { projectService: false, project: [outsideConfig], tsconfigRootDir: job.dir }
              : { projectService: true, tsconfigRootDir: job.dir },
          },
          ...(job.settings ? { settings: job.settings } : {}),
        },
        { rules: job.rules },
      ],
      // An app's `eslint-disable` comments must not hide a finding from the measure.
      allowInlineConfig: false,
      errorOnUnmatchedPattern: false,
    });

  const linter = createLinter(undefined);
  try {
    // Invalid rule options in the app file would fail every file alike: say it once.
    await linter.calculateConfigForFile(path.join(job.dir, job.files[0]));
  } catch (error) {
    throw new Error(`the configuration is invalid (check \`options\` and \`settings\` in the app file): ${String(error?.message ?? error).trim()}`);
  }
  // Files no tsconfig includes are found up front: asking the project service for them makes it
  // build a throw-away program per file before it says no, minutes on a big app.
  const uncovered = await filesOutsideTsconfigs(job.dir, job.files);
  const first = await lintInBatches(linter, job.dir, job.files.filter(file => !uncovered.has(file)));
  const outside = [...uncovered, ...first.parseErrors.filter(error => NOT_IN_ANY_PROJECT.test(error.message)).map(error => error.file)];
  first.parseErrors = first.parseErrors.filter(error => !NOT_IN_ANY_PROJECT.test(error.message));
  let result = first;
  if (outside.length > 0) {
    // One program for the files no tsconfig includes (the project service's default project would
    // make one per file, which takes minutes on a big app): a generated tsconfig that extends the
    // app's own root one, so its path aliases still resolve.
    tsParser.clearCaches();
    const outsideConfig = writeOutsideTsconfig(job.dir, outside);
    const second = await lintInBatches(createLinter(outsideConfig), job.dir, outside.map(file => path.join(job.dir, file)));
    result = {
      findings: [...first.findings, ...second.findings],
      parseErrors: [...first.parseErrors.filter(error => !outside.includes(error.file)), ...second.parseErrors],
      crashes: [...first.crashes, ...second.crashes],
    };
  }
  return { ...result, seconds: (performance.now() - started) / 1000, defaultProjectFiles: outside };
}

/**
 * The lint files that the nearest tsconfig.json (the one the project service picks) does not
 * include, judged with TypeScript's own config parser.
 */
async function filesOutsideTsconfigs(dir, files) {
  const ts = (await import('typescript')).default;
  const parsed = new Map();
  const included = configFile => {
    if (!parsed.has(configFile)) {
      const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      parsed.set(configFile, new Set((config?.fileNames ?? []).map(name => path.resolve(name))));
    }
    return parsed.get(configFile);
  };
  const outside = new Set();
  for (const file of files) {
    const absolute = path.resolve(dir, file);
    let folder = path.dirname(absolute);
    let config;
    while (folder.startsWith(dir) && !config) {
      config = ['tsconfig.json', 'jsconfig.json'].map(name => path.join(folder, name)).find(candidate => existsSync(candidate));
      folder = path.dirname(folder);
    }
    if (!config || !included(config).has(absolute)) outside.add(file);
  }
  return outside;
}

/**
 * A tsconfig for the files no tsconfig of the app includes: the app's root options (if any), allowJs.
 * Written into the checkout, or to `file` elsewhere (then with absolute paths, so that the checkout
 * is left untouched).
 */
function writeOutsideTsconfig(dir, files, file = path.join(dir, 'tsconfig.llm-security-outside.json')) {
  const ownRoot = ['tsconfig.json', 'jsconfig.json'].find(name => existsSync(path.join(dir, name)));
  const inside = path.resolve(path.dirname(file)) === path.resolve(dir);
  const tsconfig = {
    ...(ownRoot ? { extends: inside ? `./${ownRoot}` : path.join(dir, ownRoot) } : {}),
    compilerOptions: { allowJs: true, checkJs: false, noEmit: true, skipLibCheck: true, ...(ownRoot ? {} : { module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2022', jsx: 'react-jsx' }) },
    ...(inside ? { include: files } : { files: files.map(name => path.resolve(dir, name)) }),
  };
  writeFileSync(file, `${JSON.stringify(tsconfig, null, 2)}\n`);
  return file;
}

/** The plugin's record of each report's path (source, helpers, sink), as the scanner reads it for SARIF. */
async function loadTrails() {
  return import(pathToFileURL(path.join(path.dirname(PLUGIN_ENTRY), 'util', 'flow-trails.js')).href);
}

async function lintInBatches(eslint, dir, files) {
  const out = { findings: [], parseErrors: [], crashes: [] };
  const trails = await loadTrails();
  const absolute = files.map(file => (path.isAbsolute(file) ? file : path.join(dir, file)));
  for (let i = 0; i < absolute.length; i += BATCH_SIZE) {
    const batch = absolute.slice(i, i + BATCH_SIZE);
    let results;
    trails.startRecordingTrails();
    try {
      results = await eslint.lintFiles(batch);
    } catch {
      results = [];
      for (const file of batch) {
        try {
          results.push(...(await eslint.lintFiles([file])));
        } catch (error) {
          out.crashes.push({ file: path.relative(dir, file), rule: crashedRule(error), message: String(error?.message ?? error), stack: error?.stack });
        }
      }
    }
    const recorded = trails.stopRecordingTrails();
    for (const result of results) collectMessages(result, path.relative(dir, result.filePath).split(path.sep).join('/'), out, sinkLocator(recorded, dir));
  }
  return out;
}

/**
 * Where a report's sink is, when it is inside a helper the reported call leads to (the report is at
 * the call, where the data enters the helper): the last step of its recorded trail.
 */
function sinkLocator(recorded, dir) {
  const seen = new Map();
  return (result, message) => {
    const key = `${message.ruleId}\u0000${result.filePath}\u0000${message.line}\u0000${message.column}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const steps = recorded.find(message.ruleId, result.filePath, message.line, message.column, occurrence)?.steps ?? [];
    const sink = steps.length > 2 ? steps.at(-1)?.location : undefined;
    return sink ? { file: path.relative(dir, sink.file).split(path.sep).join('/'), line: sink.line } : undefined;
  };
}

function collectMessages(result, file, out, sinkOf) {
  for (const message of result.messages) {
    if (message.ruleId?.startsWith(PREFIX)) {
      const sinkAt = sinkOf(result, message);
      out.findings.push({
        file,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        rule: bareRuleId(message.ruleId),
        messageId: message.messageId,
        message: message.message,
        ...(sinkAt ? { sinkAt } : {}),
      });
    } else if (message.fatal || !message.ruleId) {
      const rule = /llm-security\/[\w-]+/.exec(message.message)?.[0];
      const entry = { file, line: message.line, message: message.message };
      if (rule) out.crashes.push({ ...entry, rule });
      else out.parseErrors.push(entry);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Matching findings with labels
// ---------------------------------------------------------------------------------------------

function labelRange(label) {
  return [label.line, label.endLine ?? label.line];
}

/**
 * A finding of rule R in file F whose start line lies in a label's [line, endLine ?? line] matches
 * that label. Annotates every finding with the label it matched (an instance first) and returns
 * the labels with how many findings each drew.
 */
function matchFindings(app, findings, ruleIds) {
  const entry = kind => (label, index) => {
    const rule = bareRuleId(String(label.rule));
    // A label that names no rule of the plugin is reported as an app-file problem and not counted.
    return { kind, index, label, rule, counted: ruleIds.includes(rule), hits: [] };
  };
  const labels = [...app.instances.map(entry('instance')), ...app.lookalikes.map(entry('lookalike'))];
  const byFileAndRule = new Map();
  for (const entry of labels) {
    const key = `${normalisePath(entry.label.file ?? '')}\u0000${entry.rule}`;
    if (!byFileAndRule.has(key)) byFileAndRule.set(key, []);
    byFileAndRule.get(key).push(entry);
  }
  for (const finding of findings) {
    const candidates = byFileAndRule.get(`${finding.file}\u0000${finding.rule}`) ?? [];
    const matched = candidates.filter(entry => {
      const [from, to] = labelRange(entry.label);
      return finding.line >= from && finding.line <= to;
    });
    for (const entry of matched) entry.hits.push(finding);
    const best = matched.find(entry => entry.kind === 'instance') ?? matched[0];
    finding.label = best ? { kind: best.kind, index: best.index, line: best.label.line, endLine: best.label.endLine ?? best.label.line, reason: best.label.reason } : null;
  }
  // An instance whose sink sits in a helper may be reported at the helper's callers instead: counted
  // apart (`atCaller`), not in recall, which stays "a report on the labelled lines".
  for (const finding of findings.filter(candidate => candidate.sinkAt)) {
    for (const entry of byFileAndRule.get(`${finding.sinkAt.file}\u0000${finding.rule}`) ?? []) {
      const [from, to] = labelRange(entry.label);
      if (entry.kind === 'instance' && finding.sinkAt.line >= from && finding.sinkAt.line <= to) (entry.atCaller ??= []).push(finding);
    }
  }
  return labels;
}

function emptyCounts() {
  return { instances: 0, matched: 0, atCaller: 0, lookalikes: 0, flagged: 0, reports: 0, onInstances: 0, onLookalikes: 0, unlabelled: 0 };
}

function addLabelCounts(counts, entry) {
  if (entry.kind === 'instance') {
    counts.instances += 1;
    if (entry.hits.length > 0) counts.matched += 1;
    else if (entry.atCaller?.length > 0) counts.atCaller += 1;
  } else {
    counts.lookalikes += 1;
    if (entry.hits.length > 0) counts.flagged += 1;
  }
}

function addReportCounts(counts, finding) {
  counts.reports += 1;
  if (finding.label === null) counts.unlabelled += 1;
  else if (finding.label.kind === 'instance') counts.onInstances += 1;
  else counts.onLookalikes += 1;
}

function withRatios(counts) {
  return {
    ...counts,
    recall: counts.instances === 0 ? null : counts.matched / counts.instances,
    flaggedShare: counts.lookalikes === 0 ? null : counts.flagged / counts.lookalikes,
  };
}

/** Per-rule, per-app and overall counts from the scored apps. */
function summarise(scored, ruleIds) {
  const perRule = new Map(ruleIds.map(rule => [rule, emptyCounts()]));
  const overall = emptyCounts();
  const perApp = [];
  for (const app of scored) {
    const counts = emptyCounts();
    for (const entry of app.labels.filter(label => label.counted)) {
      for (const target of [counts, overall, perRule.get(entry.rule)]) addLabelCounts(target, entry);
    }
    for (const finding of app.findings) {
      for (const target of [counts, overall, perRule.get(finding.rule)]) if (target) addReportCounts(target, finding);
    }
    perApp.push({ id: app.id, files: app.files.length, seconds: app.seconds, parseErrors: app.parseErrors.length, crashes: app.crashes.length, ...withRatios(counts) });
  }
  return {
    rules: ruleIds.map(rule => ({ rule, ...withRatios(perRule.get(rule)) })),
    apps: perApp,
    overall: withRatios(overall),
  };
}

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function formatRatio(value) {
  return value === null || value === undefined ? '-' : value.toFixed(2);
}

function formatShare(value) {
  return value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)} %`;
}

const COLUMNS = [
  ['instances', 9, row => row.instances],
  ['matched', 7, row => row.matched],
  ['recall', 6, row => formatRatio(row.recall)],
  ['look-alikes', 11, row => row.lookalikes],
  ['flagged', 7, row => row.flagged],
  ['flagged %', 9, row => formatShare(row.flaggedShare)],
  ['reports', 7, row => row.reports],
  ['unlabelled', 10, row => row.unlabelled],
];

function printTable(title, firstHeader, rows, extraColumns = []) {
  const columns = [...COLUMNS, ...extraColumns];
  const width = Math.max(firstHeader.length, ...rows.map(row => row.name.length));
  console.log(`\n${title}`);
  console.log(`${pad(firstHeader, width)}  ${columns.map(([header, w]) => pad(header, w, true)).join('  ')}`);
  console.log('-'.repeat(width + columns.reduce((sum, [, w]) => sum + w + 2, 0)));
  for (const row of rows) console.log(`${pad(row.name, width)}  ${columns.map(([, w, cell]) => pad(cell(row), w, true)).join('  ')}`);
}

function printReport({ scored, skipped, summary, verbose }) {
  printTable('Per rule (recall = instances matched / instances; a look-alike is flagged when a finding of its rule starts in its range)', 'rule', [
    ...summary.rules.map(row => ({ name: row.rule, ...row })),
    { name: 'overall', ...summary.overall },
  ]);
  printTable('Per app', 'app', summary.apps.map(row => ({ name: row.id, ...row })), [
    ['files', 5, row => row.files],
    ['lint s', 7, row => row.seconds.toFixed(1)],
    ['parse errors', 12, row => row.parseErrors],
    ['crashes', 7, row => row.crashes],
  ]);
  console.log(`\nreports: ${summary.overall.reports} in all, ${summary.overall.onInstances} on instances, ${summary.overall.onLookalikes} on look-alikes, ${summary.overall.unlabelled} unlabelled (matching no label)`);
  console.log(`instances not matched but reached by a report at a caller of the helper holding their sink: ${summary.overall.atCaller} (not counted in recall)`);

  for (const app of scored) {
    const limit = verbose ? Infinity : 10;
    if (app.parseErrors.length > 0) {
      console.log(`\n${app.id}: ${app.parseErrors.length} parse error(s) (not findings; the file is not linted)`);
      for (const error of app.parseErrors.slice(0, limit)) console.log(`  ${error.file}:${error.line ?? '?'}  ${firstLine(error.message)}`);
      if (app.parseErrors.length > limit) console.log(`  ... ${app.parseErrors.length - limit} more (--verbose)`);
    }
    if (app.crashes.length > 0) {
      console.log(`\n${app.id}: ${app.crashes.length} crash(es) (not findings)`);
      for (const crash of app.crashes) {
        console.log(`  ${crash.rule ?? '(no rule named)'} on ${crash.file ?? '(whole app)'}: ${firstLine(crash.message)}`);
        if (verbose && crash.stack) console.log(`    ${crash.stack.split('\n').slice(1, 10).join('\n    ')}`);
      }
    }
  }

  if (verbose) printDetails(scored);
  if (skipped.length > 0) {
    console.log(`\nSkipped (not counted above):`);
    for (const item of skipped) console.log(`  ${item.id}: ${item.reason}`);
  }
}

function firstLine(text) {
  return String(text).split('\n')[0];
}

function formatLabelRange(label) {
  const [from, to] = labelRange(label);
  return from === to ? `${from}` : `${from}-${to}`;
}

/** --verbose: misses, flagged look-alikes and unlabelled reports, per app. */
function printDetails(scored) {
  for (const app of scored) {
    const misses = app.labels.filter(entry => entry.kind === 'instance' && entry.counted && entry.hits.length === 0);
    const flagged = app.labels.filter(entry => entry.kind === 'lookalike' && entry.hits.length > 0);
    const unlabelled = app.findings.filter(finding => finding.label === null);
    if (misses.length + flagged.length + unlabelled.length === 0) continue;
    console.log(`\n${app.id}:`);
    for (const entry of misses) console.log(`  missed instance    ${entry.label.file}:${formatLabelRange(entry.label)}  ${entry.label.rule}  (${entry.label.reason ?? ''})`);
    for (const entry of flagged) {
      const at = entry.hits.map(hit => `${hit.line}:${hit.column}`).join(', ');
      console.log(`  flagged look-alike ${entry.label.file}:${formatLabelRange(entry.label)}  ${entry.label.rule} at ${at}  (${entry.label.reason ?? ''})`);
    }
    for (const finding of unlabelled) console.log(`  unlabelled report  ${finding.file}:${finding.line}:${finding.column}  ${finding.rule}  ${finding.message}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Precision review: sampling and reading a judged review
// ---------------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32), seeded with the FNV-1a hash of the seed's text. */
function seededRandom(seed) {
  let state = 0x811c9dc5;
  for (const ch of String(seed)) state = Math.imul(state ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function compareReports(a, b) {
  return a.app.localeCompare(b.app) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message);
}

/** n reports drawn uniformly without replacement; the population is put in a fixed order first, so the draw depends only on the reports and the seed. */
function sampleReports(reports, n, seed) {
  const population = [...reports].sort(compareReports);
  const random = seededRandom(seed);
  const count = Math.min(n, population.length);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (population.length - i));
    [population[i], population[j]] = [population[j], population[i]];
  }
  return population.slice(0, count).sort(compareReports);
}

function codeContext(dir, report) {
  let lines;
  try {
    lines = readFileSync(path.join(dir, report.file), 'utf8').split(/\r?\n/);
  } catch {
    return '(file not readable)';
  }
  const from = Math.max(1, report.line - CONTEXT_LINES);
  const to = Math.min(lines.length, (report.endLine ?? report.line) + CONTEXT_LINES);
  const width = String(to).length;
  const out = [];
  for (let line = from; line <= to; line += 1) {
    const mark = line === report.line ? '>' : ' ';
    out.push(`${mark} ${pad(line, width, true)} | ${lines[line - 1]}`);
  }
  return out.join('\n');
}

/** The worksheet (third-party code around each report: gitignored, never committed). */
function writeWorksheet(sample, meta, dirs, reviewFile) {
  const parts = [
    '# Report review worksheet',
    '',
    `Generated by bench/realworld/run.mjs: ${sample.length} reports drawn with seed ${JSON.stringify(meta.seed)} from ${meta.population} reports of ${meta.apps.length} app(s), plugin at ${meta.plugin.commit.slice(0, 12)}${meta.plugin.dirty ? ' (with uncommitted changes)' : ''}.`,
    '',
    `**This file shows third-party code: it lives in .realworld/ (gitignored) and must never be committed.** Record each verdict in ${path.relative(REPO_ROOT, reviewFile)} (\`verdict\`: true when the report is a real leak / weakness as the rule describes it, false when not; \`reason\`: one line in your own words, no quoted code). Labels are deliberately not shown here, so the judgment is your own.`,
    '',
  ];
  sample.forEach((report, index) => {
    const fence = '```';
    parts.push(
      `## ${index + 1}. ${report.app}: ${report.file}:${report.line}:${report.column}`,
      '',
      `- rule: \`${report.rule}\``,
      `- message: ${report.message}`,
      '',
      `${fence}${path.extname(report.file).slice(1)}`,
      codeContext(dirs.get(report.app), report),
      fence,
      '',
    );
  });
  mkdirSync(path.dirname(WORKSHEET_FILE), { recursive: true });
  writeFileSync(WORKSHEET_FILE, `${parts.join('\n')}\n`);
}

function readReviewEntries(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const reports = Array.isArray(data) ? data : data.reports;
  if (!Array.isArray(reports)) throw new Error(`${file}: expected a list of reports, or an object with a \`reports\` list`);
  return { data, reports };
}

/** How many verdicts a review file already holds (0 when there is no readable file). */
function judgedEntries(file) {
  if (!existsSync(file)) return 0;
  try {
    return readReviewEntries(file).reports.filter(entry => entry.verdict === true || entry.verdict === false).length;
  } catch {
    return 0;
  }
}

/** The credentials rule quotes the start of the key it found; the committed review does not repeat it. */
function withoutKeyPreview(message) {
  return message.replace(/API key \('[^']*'\)/g, "API key ('<redacted>')");
}

/** The review skeleton: facts only (where, which rule, the rule's message), never the app's code. */
function writeReviewSkeleton(sample, meta, file) {
  const skeleton = {
    about: 'Precision review of a random sample of real-app reports. verdict: true (a real instance of what the rule reports), false (not), null (not yet judged). reason: one line in your own words; never quote the app.',
    seed: meta.seed,
    size: sample.length,
    population: meta.population,
    apps: meta.apps,
    plugin: meta.plugin,
    createdAt: meta.createdAt,
    reports: sample.map(report => ({
      app: report.app,
      repo: report.repo,
      commit: report.commit,
      file: report.file,
      line: report.line,
      column: report.column,
      rule: report.rule,
      message: withoutKeyPreview(report.message),
      verdict: null,
      reason: '',
    })),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(skeleton, null, 2)}\n`);
  return true;
}

/** --review: the share of true reports among the judged ones, overall and per rule. */
function printReviewSummary(file) {
  const { data, reports } = readReviewEntries(file);
  const perRule = new Map();
  const total = { true: 0, false: 0, pending: 0, invalid: 0 };
  for (const entry of reports) {
    const kind = entry.verdict === true ? 'true' : entry.verdict === false ? 'false' : entry.verdict === null || entry.verdict === undefined ? 'pending' : 'invalid';
    const rule = bareRuleId(String(entry.rule));
    if (!perRule.has(rule)) perRule.set(rule, { true: 0, false: 0, pending: 0, invalid: 0 });
    perRule.get(rule)[kind] += 1;
    total[kind] += 1;
  }
  const share = counts => (counts.true + counts.false === 0 ? '-' : `${((counts.true / (counts.true + counts.false)) * 100).toFixed(1)} %`);
  const judged = total.true + total.false;
  const origin = Array.isArray(data) ? '' : ` (seed ${JSON.stringify(data.seed)}, drawn from ${data.population} reports, plugin ${String(data.plugin?.commit ?? '?').slice(0, 12)})`;
  console.log(`Review ${path.relative(process.cwd(), file)}${origin}: ${reports.length} reports, ${judged} judged, ${total.pending} not yet judged (excluded)${total.invalid > 0 ? `, ${total.invalid} with a verdict that is not true/false/null (excluded)` : ''}`);
  console.log(`true reports: ${total.true} of ${judged} judged = ${share(total)}\n`);
  const width = Math.max(4, ...[...perRule.keys()].map(rule => rule.length));
  console.log(`${pad('rule', width)}  ${pad('true', 5, true)}  ${pad('false', 5, true)}  ${pad('pending', 7, true)}  ${pad('true %', 7, true)}`);
  for (const [rule, counts] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${pad(rule, width)}  ${pad(counts.true, 5, true)}  ${pad(counts.false, 5, true)}  ${pad(counts.pending, 7, true)}  ${pad(share(counts), 7, true)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function pluginRevision() {
  const head = spawnSync('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['-C', REPO_ROOT, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).stdout.trim() !== '';
  return { commit: head || 'unknown', dirty };
}

/** Materialises, prepares and lints one app; returns its scored result, or { skipped }. */
async function runApp(app, args, ruleIds) {
  const checkout = await materialiseApp(app, args.mirrors);
  if (checkout.skipped) return { skipped: checkout.skipped };
  const { dir, marker } = checkout;
  const notes = [];
  if (args.install) notes.push(installDependencies(dir, marker));
  else if (existsSync(path.join(dir, 'node_modules'))) notes.push('uses its own node_modules (installed earlier with --install)');

  const files = listLintFiles(dir, app.lint);
  const tsconfigNote = ensureTsconfig(app, dir, files, marker);
  if (tsconfigNote) notes.push(tsconfigNote);
  const { rules, warnings: optionWarnings } = ruleEntries(app, ruleIds);
  const warnings = [...optionWarnings, ...labelWarnings(app, dir, files, ruleIds)];

  console.log(`\n${app.id}  ${app.repo}@${app.commit.slice(0, 12)}  ${checkout.state === 'reused' ? 'reused .realworld/' : 'extracted to .realworld/'}${app.id}  ${files.length} files to lint`);
  for (const note of notes) console.log(`  ${note}`);
  for (const warning of warnings) console.log(`  app file: ${warning}`);
  if (files.length === 0) console.log('  no file matches lint.include minus lint.ignore');

  const linted = files.length === 0 ? { findings: [], parseErrors: [], crashes: [], seconds: 0, defaultProjectFiles: [] } : await lintInWorker({ dir, files, rules, settings: app.settings });
  if (linted.failed) return { skipped: `lint failed: ${linted.failed}` };
  if (linted.defaultProjectFiles.length > 0) {
    console.log(`  ${linted.defaultProjectFiles.length} file(s) outside every tsconfig linted with a generated tsconfig (tsconfig.llm-security-outside.json, extending the app's root tsconfig)`);
  }
  console.log(`  linted in ${linted.seconds.toFixed(1)} s: ${linted.findings.length} report(s), ${linted.parseErrors.length} parse error(s), ${linted.crashes.length} crash(es)`);

  for (const finding of linted.findings) Object.assign(finding, { app: app.id, repo: app.repo, commit: app.commit });
  const labels = matchFindings(app, linted.findings, ruleIds);
  return {
    id: app.id,
    repo: app.repo,
    commit: app.commit,
    dir,
    files,
    notes,
    warnings,
    labels,
    findings: linted.findings,
    parseErrors: linted.parseErrors,
    crashes: linted.crashes,
    seconds: linted.seconds,
    defaultProjectFiles: linted.defaultProjectFiles,
  };
}

function jsonResults(scored, skipped, summary, plugin) {
  const labelFacts = entry => ({
    ...entry.label,
    counted: entry.counted,
    matched: entry.hits.length > 0,
    findings: entry.hits.map(hit => ({ line: hit.line, column: hit.column })),
    ...(entry.atCaller ? { atCaller: entry.atCaller.map(hit => ({ file: hit.file, line: hit.line, column: hit.column })) } : {}),
  });
  return {
    generatedAt: new Date().toISOString(),
    plugin,
    summary,
    apps: scored.map(app => ({
      id: app.id,
      repo: app.repo,
      commit: app.commit,
      files: app.files.length,
      lintSeconds: app.seconds,
      notes: app.notes,
      labelWarnings: app.warnings,
      defaultProjectFiles: app.defaultProjectFiles,
      parseErrors: app.parseErrors,
      crashes: app.crashes,
      instances: app.labels.filter(entry => entry.kind === 'instance').map(labelFacts),
      lookalikes: app.labels.filter(entry => entry.kind === 'lookalike').map(labelFacts),
    })),
    skipped,
    findings: scored.flatMap(app =>
      app.findings.map(finding => ({
        app: finding.app,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        rule: finding.rule,
        messageId: finding.messageId,
        message: finding.message,
        label: finding.label,
      })),
    ),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.review) {
    printReviewSummary(args.review);
    return;
  }
  const judged = args.sample !== undefined && !args.force ? judgedEntries(args.reviewOut) : 0;
  if (judged > 0) {
    // Judgments are work: never lose them to a new draw by accident (checked before the long lint).
    console.error(`${path.relative(process.cwd(), args.reviewOut)} already holds ${judged} verdict(s): choose another --review-out <file>, or --force to overwrite it`);
    process.exit(1);
  }
  const plugin = await loadPlugin();
  const ruleIds = Object.keys(plugin.rules).sort();
  const apps = loadApps(args.appsDir, args.apps);
  console.log(`Real-app corpus: ${apps.length} app(s) from ${path.relative(process.cwd(), args.appsDir) || '.'}, linted with all ${ruleIds.length} rules of the built plugin`);

  const scored = [];
  const skipped = [];
  for (const app of apps) {
    const result = await runApp(app, args, ruleIds);
    if (result.skipped) {
      console.log(`\n${app.id}: skipped: ${result.skipped}`);
      skipped.push({ id: app.id, repo: app.repo, reason: result.skipped });
    } else scored.push(result);
  }

  const summary = summarise(scored, ruleIds);
  printReport({ scored, skipped, summary, verbose: args.verbose });
  const revision = pluginRevision();

  if (args.json) {
    mkdirSync(path.dirname(args.json), { recursive: true });
    writeFileSync(args.json, `${JSON.stringify(jsonResults(scored, skipped, summary, revision), null, 2)}\n`);
    console.log(`\nresults written to ${path.relative(process.cwd(), args.json)}`);
  }

  if (args.sample !== undefined) {
    const reports = scored.flatMap(app => app.findings);
    const sample = sampleReports(reports, args.sample, args.seed);
    const meta = { seed: args.seed, population: reports.length, apps: scored.map(app => ({ id: app.id, repo: app.repo, commit: app.commit })), plugin: revision, createdAt: new Date().toISOString() };
    if (sample.length < args.sample) console.log(`\nonly ${reports.length} report(s) in all: the sample holds every one`);
    writeWorksheet(sample, meta, new Map(scored.map(app => [app.id, app.dir])), args.reviewOut);
    writeReviewSkeleton(sample, meta, args.reviewOut);
    console.log(`\nsample of ${sample.length} report(s) (seed ${JSON.stringify(args.seed)}):`);
    console.log(`  worksheet ${path.relative(process.cwd(), WORKSHEET_FILE)} (gitignored: it shows app code)`);
    console.log(`  review skeleton ${path.relative(process.cwd(), args.reviewOut)}: fill in verdict and reason, then run with --review`);
  }
}

// ---------------------------------------------------------------------------------------------
// For other scripts (bench/speed.mjs measures the speed of the rules on the same checkouts)
// ---------------------------------------------------------------------------------------------

/**
 * Everything needed to lint app `id` the way this script does, without linting it: the checkout
 * (extracted if needed), the files to lint, the generated tsconfig for apps without one, the files
 * no tsconfig includes (to be linted with `writeOutsideTsconfig`), and the app's rule options and
 * settings. Resolves to `{ skipped }` when the snapshot is missing.
 */
export async function prepareApp(id, { appsDir = DEFAULT_APPS_DIR, mirrors = DEFAULT_MIRRORS_DIR, ruleIds } = {}) {
  const [app] = loadApps(appsDir, [id]);
  const checkout = await materialiseApp(app, mirrors);
  if (checkout.skipped) return { skipped: checkout.skipped };
  const { dir, marker } = checkout;
  const notes = [];
  if (existsSync(path.join(dir, 'node_modules'))) notes.push('uses its own node_modules (installed earlier with --install)');
  const files = listLintFiles(dir, app.lint);
  const tsconfigNote = ensureTsconfig(app, dir, files, marker);
  if (tsconfigNote) notes.push(tsconfigNote);
  const { rules, warnings } = ruleEntries(app, ruleIds ?? []);
  const outside = [...(await filesOutsideTsconfigs(dir, files))].sort();
  return { app, dir, state: checkout.state, files, outside, rules, settings: app.settings, notes, warnings };
}

/** The app file whose checkout `dir` is (`.realworld/<id>/` with its marker), or undefined. */
export function appForCheckout(dir, appsDir = DEFAULT_APPS_DIR) {
  const marker = readJson(path.join(dir, CHECKOUT_MARKER));
  const id = path.basename(path.resolve(dir));
  const app = marker ? readJson(path.join(appsDir, `${id}.json`)) : undefined;
  return app?.id === id && app.repo === marker.repo ? app : undefined;
}

export { filesOutsideTsconfigs, listLintFiles, writeOutsideTsconfig };

if (process.argv[2] === WORKER_FLAG) runLintWorker();
else if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) await main();
