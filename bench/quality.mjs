#!/usr/bin/env node
// Detection-quality gate: lints the labelled corpus in bench/corpus/ with EVERY rule of the built
// plugin and compares the findings with the `// expect: <rule-id>` markers (syntax: bench/README.md).
//
//   node bench/quality.mjs              print the per-rule table, exit 1 if a rule misses the bar
//   node bench/quality.mjs --verbose    also list every true positive
//   node bench/quality.mjs --json out.json
//
// A rule is gated when it has data (a corpus folder or at least one marker). It must reach
// precision >= 0.95 and recall >= 0.90. Rules without data are listed as "no data"; their false
// positives on other rules' files are still printed so nobody is surprised when the data arrives.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORPUS_DIR = path.join(HERE, 'corpus');
const PREFIX = 'llm-security/';
const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;
/** Files the corpus tsconfig includes (and therefore files the project service can type). */
const CORPUS_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js']);

/**
 * `// expect: rule-a, rule-b` or `/* expect: rule-a *\/` (for JSX): the listed rules must each
 * report one finding that starts on this line. Repeat an id for two findings on the same line.
 * The prefix `llm-security/` is optional.
 */
const MARKER = /(?:\/\/|\/\*)\s*expect:\s*([\w@/-]+(?:\s*,\s*[\w@/-]+)*)/g;
/** `// known-gap: <why>`: a documented engine limitation; informational only. */
const KNOWN_GAP = /\/\/\s*known-gap:\s*(.*?)\s*(?:\*\/)?$/;

function parseArgs(argv) {
  const args = { verbose: false, json: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--verbose' || argv[i] === '-v') args.verbose = true;
    else if (argv[i] === '--json') args.json = argv[++i];
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: node bench/quality.mjs [--verbose] [--json <file>]');
      process.exit(0);
    } else {
      console.error(`unknown argument: ${argv[i]}`);
      process.exit(2);
    }
  }
  return args;
}

function listFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...listFiles(full));
    } else if (CORPUS_EXTENSIONS.has(path.extname(entry.name))) {
      files.push(full);
    }
  }
  return files.sort();
}

/** Rule id without the plugin prefix. */
function bareRuleId(id) {
  return id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id;
}

/** Reads the markers of one file: a list of { line, rule } (one entry per expected finding) and the known gaps. */
function readMarkers(file) {
  const expected = [];
  const gaps = [];
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((text, index) => {
    const line = index + 1;
    for (const match of text.matchAll(MARKER)) {
      for (const id of match[1].split(',')) {
        const rule = bareRuleId(id.trim());
        if (rule) expected.push({ line, rule });
      }
    }
    const gap = KNOWN_GAP.exec(text);
    if (gap) gaps.push({ line, reason: gap[1] });
  });
  return { expected, gaps };
}

/** Rules whose corpus folder exists and holds at least one file. */
function rulesWithCorpusFolder() {
  const rules = new Set();
  for (const entry of readdirSync(CORPUS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && listFiles(path.join(CORPUS_DIR, entry.name)).length > 0) rules.add(entry.name);
  }
  return rules;
}

function createLinter() {
  return new ESLint({
    cwd: CORPUS_DIR,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.all,
      { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: CORPUS_DIR } } },
    ],
    // The corpus is data: never let an inline `eslint-disable` hide a finding from the score.
    allowInlineConfig: false,
  });
}

/** Multiset difference per line: how many findings of `rule` on each line were expected / found. */
function countByKey(items) {
  const counts = new Map();
  for (const item of items) {
    const key = `${item.rule}\u0000${item.line}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function emptyScore() {
  return { expected: 0, tp: 0, fp: 0, fn: 0, fpList: [], fnList: [], tpList: [] };
}

function ratio(numerator, denominator) {
  return denominator === 0 ? undefined : numerator / denominator;
}

function formatRatio(value) {
  return value === undefined ? '  -  ' : value.toFixed(3);
}

function pad(text, width, right = false) {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const ruleIds = Object.keys(plugin.rules).sort();
  const files = listFiles(CORPUS_DIR);
  if (files.length === 0) {
    console.error(`no corpus files under ${CORPUS_DIR}`);
    process.exit(2);
  }

  const started = performance.now();
  const results = await createLinter().lintFiles(files);
  const seconds = (performance.now() - started) / 1000;

  const scores = new Map(ruleIds.map(id => [id, emptyScore()]));
  const unknownMarkers = [];
  const fatal = [];
  const gaps = [];
  const markedRules = new Set();

  for (const result of results) {
    const rel = path.relative(CORPUS_DIR, result.filePath);
    const { expected, gaps: fileGaps } = readMarkers(result.filePath);
    for (const gap of fileGaps) gaps.push({ file: rel, ...gap });

    for (const marker of expected) {
      markedRules.add(marker.rule);
      if (!scores.has(marker.rule)) unknownMarkers.push({ file: rel, ...marker });
    }
    const found = [];
    for (const message of result.messages) {
      if (message.fatal || !message.ruleId) {
        fatal.push({ file: rel, line: message.line, message: message.message });
      } else if (message.ruleId.startsWith(PREFIX)) {
        found.push({ rule: bareRuleId(message.ruleId), line: message.line, column: message.column, message: message.message });
      }
    }

    const expectedCounts = countByKey(expected.filter(marker => scores.has(marker.rule)));
    const foundCounts = countByKey(found);
    for (const marker of expected) {
      if (scores.has(marker.rule)) scores.get(marker.rule).expected += 1;
    }
    for (const key of new Set([...expectedCounts.keys(), ...foundCounts.keys()])) {
      const [rule, lineText] = key.split('\u0000');
      const line = Number(lineText);
      const want = expectedCounts.get(key) ?? 0;
      const got = foundCounts.get(key) ?? 0;
      const score = scores.get(rule);
      const here = found.filter(f => f.rule === rule && f.line === line);
      score.tp += Math.min(want, got);
      if (got > want) {
        score.fp += got - want;
        score.fpList.push(...here.slice(want).map(f => ({ file: rel, line, column: f.column, message: f.message })));
      }
      if (want > got) {
        score.fn += want - got;
        score.fnList.push({ file: rel, line, missing: want - got });
      }
      if (want > 0 && got > 0) score.tpList.push(...here.slice(0, want).map(f => ({ file: rel, line, column: f.column })));
    }
  }

  const folders = rulesWithCorpusFolder();
  const rows = [];
  let failed = false;
  for (const rule of ruleIds) {
    const score = scores.get(rule);
    const hasData = folders.has(rule) || markedRules.has(rule);
    const precision = ratio(score.tp, score.tp + score.fp);
    const recall = ratio(score.tp, score.expected);
    let verdict;
    if (!hasData) {
      verdict = score.fp > 0 ? 'no data (has false positives!)' : 'no data';
    } else if (score.expected === 0) {
      // A corpus folder with only clean look-alikes: precision is all we can judge.
      verdict = score.fp === 0 ? 'ok (no positives labelled)' : 'FAIL';
      if (score.fp > 0) failed = true;
    } else {
      const ok = (precision ?? 0) >= MIN_PRECISION && (recall ?? 0) >= MIN_RECALL;
      verdict = ok ? 'ok' : 'FAIL';
      if (!ok) failed = true;
    }
    rows.push({ rule, ...score, precision, recall, hasData, verdict });
  }

  printReport({ rows, files, seconds, unknownMarkers, fatal, gaps, verbose: args.verbose });

  if (fatal.length > 0) {
    console.error(`\n${fatal.length} corpus file(s) did not parse or lint; fix the corpus.`);
    failed = true;
  }

  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ files: files.length, seconds, rows, unknownMarkers, fatal, gaps }, null, 2));
  }
  console.log(failed ? `\nquality gate: FAILED (precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL} required)` : '\nquality gate: passed');
  process.exitCode = failed ? 1 : 0;
}

function printReport({ rows, files, seconds, unknownMarkers, fatal, gaps, verbose }) {
  console.log(`Detection quality: ${files.length} corpus files linted with all ${rows.length} rules in ${seconds.toFixed(1)} s\n`);
  const width = Math.max(...rows.map(row => row.rule.length), 4);
  console.log(`${pad('rule', width)}  ${pad('expected', 8, true)}  ${pad('TP', 4, true)}  ${pad('FP', 4, true)}  ${pad('FN', 4, true)}  precision  recall  verdict`);
  console.log('-'.repeat(width + 60));
  for (const row of rows) {
    const precision = row.hasData ? formatRatio(row.precision) : '  -  ';
    const recall = row.hasData ? formatRatio(row.recall) : '  -  ';
    console.log(
      `${pad(row.rule, width)}  ${pad(row.expected, 8, true)}  ${pad(row.tp, 4, true)}  ${pad(row.fp, 4, true)}  ${pad(row.fn, 4, true)}  ${pad(precision, 9, true)}  ${pad(recall, 6, true)}  ${row.verdict}`,
    );
  }

  for (const row of rows) {
    if (row.fpList.length === 0 && row.fnList.length === 0 && !(verbose && row.tpList.length > 0)) continue;
    console.log(`\n${row.rule}:`);
    for (const fp of row.fpList) console.log(`  false positive  ${fp.file}:${fp.line}:${fp.column}  ${fp.message}`);
    for (const fn of row.fnList) console.log(`  false negative  ${fn.file}:${fn.line}${fn.missing > 1 ? ` (${fn.missing} missing)` : ''}`);
    if (verbose) for (const tp of row.tpList) console.log(`  true positive   ${tp.file}:${tp.line}:${tp.column}`);
  }

  if (unknownMarkers.length > 0) {
    console.log('\nMarkers naming rules the built plugin does not have (ignored; rebuild or fix the id):');
    for (const marker of unknownMarkers) console.log(`  ${marker.file}:${marker.line}  ${marker.rule}`);
  }
  if (fatal.length > 0) {
    console.log('\nFatal messages (parse errors or missing type information):');
    for (const item of fatal) console.log(`  ${item.file}:${item.line}  ${item.message}`);
  }
  if (gaps.length > 0) {
    console.log(`\nKnown engine gaps marked in the corpus (${gaps.length}):`);
    for (const gap of gaps) console.log(`  ${gap.file}:${gap.line}  ${gap.reason}`);
  }
}

await main();
