#!/usr/bin/env node
// Robustness: every rule of the built plugin over a large body of real code nobody here wrote,
// the sources and declarations of installed dependencies. Any rule crash fails the run.
//
//   node bench/robustness.mjs                 all groups (~2,000 files)
//   node bench/robustness.mjs --quick         at most 20 files per group
//   node bench/robustness.mjs --max-files 100 at most 100 files per group
//   node bench/robustness.mjs --groups openai-src,zod-src
//   node bench/robustness.mjs --keep          keep the copies in .bench-tmp/robustness/ afterwards
//
// Each group of files is copied (keeping its package path and layout, so relative imports still
// resolve and the package is still recognised) into .bench-tmp/robustness/<group>/node_modules/,
// next to a tsconfig.json of its own, so the project service gives the rules real type
// information. Nothing is executed; the files are only parsed and linted.

import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const WORK_DIR = path.join(REPO_ROOT, '.bench-tmp', 'robustness');
const PLUGIN_PREFIX = 'llm-security/';
const BATCH_SIZE = 25;

/**
 * What to lint. `root` is inside node_modules; `match` selects files by their path relative to it.
 * `compilerOptions` are merged into the group's tsconfig.
 */
const GROUPS = [
  { name: 'openai-src', root: 'openai/src', match: file => file.endsWith('.ts') },
  { name: 'anthropic-src', root: '@anthropic-ai/sdk/src', match: file => file.endsWith('.ts') },
  { name: 'ai-src', root: 'ai/src', match: file => file.endsWith('.ts') || file.endsWith('.tsx') },
  { name: 'zod-src', root: 'zod/src', match: file => file.endsWith('.ts') },
  { name: 'ollama-src', root: 'ollama/src', match: file => file.endsWith('.ts') },
  { name: 'openai-mjs', root: 'openai', match: file => file.endsWith('.mjs') && !file.startsWith('src/') },
  { name: 'langchain-core-dts', root: '@langchain/core/dist', match: file => file.endsWith('.d.ts') },
  { name: 'langchain-core-js', root: '@langchain/core/dist', match: file => file.endsWith('.js') },
  { name: 'ai-dts', root: 'ai/dist', match: file => file.endsWith('.d.ts') },
  // TypeScript's own lib files: huge declaration files (lib.dom.d.ts is ~40,000 lines). They are the
  // program's lib here (`noLib`), so the copies do not clash with the default lib.
  { name: 'typescript-lib', root: 'typescript/lib', match: file => /^lib\..*\.d\.ts$/.test(file), compilerOptions: { noLib: true, types: [] } },
];

function parseArgs(argv) {
  const options = { maxFiles: Infinity, groups: undefined, keep: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--quick') options.maxFiles = 20;
    else if (arg === '--max-files') options.maxFiles = Number(argv[++i]);
    else if (arg === '--groups') options.groups = argv[++i].split(',');
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(`usage: node bench/robustness.mjs [--quick] [--max-files n] [--keep] [--groups ${GROUPS.map(g => g.name).join(',')}]`);
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

function walk(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(full, base));
    } else if (entry.isFile()) {
      out.push(path.relative(base, full).split(path.sep).join('/'));
    }
  }
  return out;
}

/** Every n-th file, so a capped sample still spans the whole package. */
function spread(files, max) {
  if (files.length <= max) return files;
  const step = files.length / max;
  return Array.from({ length: max }, (_, i) => files[Math.floor(i * step)]);
}

/** Copies a group's files next to a tsconfig that includes them; returns the copied paths. */
function prepareGroup(group, maxFiles) {
  const source = path.join(NODE_MODULES, group.root);
  if (!existsSync(source)) return undefined;
  const all = walk(source).filter(group.match).sort();
  // Copy every matching file (imports between them must resolve) but lint only the sample. The
  // copies keep their package path (`<group>/node_modules/openai/src/...`) so that the plugin sees
  // their declarations as the package's own: SDK types are sources there and the flow engine works
  // through the SDK's own code, not just over unrelated text.
  const dir = path.join(WORK_DIR, group.name);
  const copyRoot = path.join(dir, 'node_modules', group.root);
  rmSync(dir, { recursive: true, force: true });
  for (const rel of all) {
    const target = path.join(copyRoot, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(source, rel), target);
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      allowJs: true,
      checkJs: false,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      jsx: 'react-jsx',
      ...group.compilerOptions,
    },
    include: ['node_modules/**/*'],
    // The default `exclude` drops node_modules; these files are the project here.
    exclude: [],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return { dir, total: all.length, files: spread(all, maxFiles).map(rel => path.join(copyRoot, rel)) };
}

function createLinter(dir) {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      // ESLint skips node_modules by default; here it is what we want to lint.
      { ignores: ['!**/node_modules/'] },
      plugin.configs.all,
      { languageOptions: { parserOptions: { projectService: false, project: path.join(dir, 'tsconfig.json'), tsconfigRootDir: dir } } },
    ],
    // Vendored code may carry `eslint-disable` comments for rules we do not have.
    allowInlineConfig: false,
  });
}

/** A thrown error is a rule crash when ESLint attributes it to one of our rules. */
function crashedRule(error) {
  const text = `${error?.message ?? ''}\n${error?.stack ?? ''}`;
  const match = /Rule: "(llm-security\/[\w-]+)"/.exec(text);
  return match?.[1];
}

async function lintGroup(group, prepared, totals) {
  const eslint = createLinter(prepared.dir);
  const findings = {};
  const examples = [];
  const started = performance.now();
  for (let i = 0; i < prepared.files.length; i += BATCH_SIZE) {
    const batch = prepared.files.slice(i, i + BATCH_SIZE);
    let results;
    try {
      results = await eslint.lintFiles(batch);
    } catch {
      // Pin the failure on single files.
      results = [];
      for (const file of batch) {
        try {
          results.push(...(await eslint.lintFiles([file])));
        } catch (error) {
          const rule = crashedRule(error);
          const entry = { group: group.name, file: path.relative(WORK_DIR, file), rule, message: error.message, stack: error.stack };
          (rule ? totals.crashes : totals.errors).push(entry);
        }
      }
    }
    for (const result of results) {
      totals.files += 1;
      for (const message of result.messages) {
        if (message.ruleId?.startsWith(PLUGIN_PREFIX)) {
          findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
          if (examples.length < 3) {
            examples.push(`${path.relative(WORK_DIR, result.filePath)}:${message.line}:${message.column} ${message.ruleId}: ${message.message.replace(/\s+/g, ' ').slice(0, 160)}`);
          }
        } else if (message.fatal) {
          const rule = /llm-security\/[\w-]+/.exec(message.message)?.[0];
          const entry = { group: group.name, file: path.relative(WORK_DIR, result.filePath), rule, message: message.message };
          (rule ? totals.crashes : totals.parseErrors).push(entry);
        }
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { findings, examples, seconds };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const groups = options.groups ? GROUPS.filter(group => options.groups.includes(group.name)) : GROUPS;
  const rules = Object.keys(plugin.rules).sort();
  console.log(`Robustness: ${rules.length} rules (${rules.join(', ')}) over installed dependency sources\n`);

  const totals = { files: 0, crashes: [], errors: [], parseErrors: [] };
  const started = performance.now();
  for (const group of groups) {
    const prepared = prepareGroup(group, options.maxFiles);
    if (!prepared || prepared.files.length === 0) {
      console.log(`${group.name.padEnd(20)} not installed, skipped`);
      continue;
    }
    const before = totals.files;
    const { findings, examples, seconds } = await lintGroup(group, prepared, totals);
    const found = Object.entries(findings).map(([rule, n]) => `${rule.slice(PLUGIN_PREFIX.length)} ${n}`).join(', ') || 'no findings';
    console.log(`${group.name.padEnd(20)} ${String(totals.files - before).padStart(5)} of ${String(prepared.total).padStart(5)} files  ${seconds.toFixed(1).padStart(6)} s  ${found}`);
    for (const example of examples) console.log(`    e.g. ${example}`);
  }
  const seconds = (performance.now() - started) / 1000;

  console.log(`\n${totals.files} files linted with every rule in ${seconds.toFixed(1)} s`);
  console.log(`parse errors (not rule crashes): ${totals.parseErrors.length}`);
  for (const item of totals.parseErrors.slice(0, 10)) console.log(`  ${item.file}: ${item.message}`);
  if (totals.errors.length > 0) {
    console.log(`errors not attributed to a rule: ${totals.errors.length}`);
    for (const item of totals.errors.slice(0, 10)) console.log(`  ${item.file}: ${item.message.split('\n')[0]}`);
  }
  console.log(`rule crashes: ${totals.crashes.length}`);
  for (const crash of totals.crashes) {
    console.log(`\n  ${crash.rule} crashed on ${crash.file}\n  ${(crash.stack ?? crash.message).split('\n').slice(0, 12).join('\n  ')}`);
  }
  // The copies are throwaway; leaving them would only slow down a later `eslint .` (--keep to inspect).
  if (!options.keep) rmSync(WORK_DIR, { recursive: true, force: true });
  process.exitCode = totals.crashes.length > 0 ? 1 : 0;
}

await main();
