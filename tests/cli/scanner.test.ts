/**
 * llm-security-scan as a CI gate: exit codes, one-line setup errors, only this plugin's findings,
 * single files and subfolders, SARIF fingerprints, code flows and notifications, the baseline, and
 * GitHub annotations. The fixture lives under the repository so that `openai` resolves to the real
 * package (the rules need its types).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { main } from '../../src/cli/main.js';
import { FINGERPRINT_KEY } from '../../src/cli/fingerprints.js';
import { readRuleDoc } from '../../src/cli/rule-docs.js';
import { scan } from '../../src/cli/scan.js';
import { findTsconfigRoot } from '../../src/cli/tsconfig-search.js';
import { isRecordingTrails } from '../../src/util/flow-trails.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packageVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: [], noEmit: true },
  include: ['src'],
});

const CHAT = `// eslint-disable-next-line react-hooks/exhaustive-deps
import OpenAI from 'openai';

import { logEvent } from './log.js';

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

const LOG = `export function logEvent(name: string, detail: string): void {
  console.info(\`\${name}: \${detail}\`);
}
`;

/** Directives for rules of plugins that are not loaded, and unused ones: not findings. */
const CLEAN = `/* eslint-disable no-console */
// eslint-disable-next-line react-hooks/exhaustive-deps
export const greeting: string = 'hello'; // eslint-disable-line @typescript-eslint/no-inferrable-types
`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk);
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    write.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; fullDescription?: { text: string }; help?: { text: string; markdown: string }; properties: { tags: string[]; 'security-severity'?: string } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    results: {
      ruleId: string;
      message: { text: string };
      baselineState?: string;
      partialFingerprints: Record<string, string>;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      codeFlows?: { threadFlows: { locations: { location: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }; kinds: string[] }[] }[] }[];
    }[];
  }[];
}

function readSarif(file: string): SarifLog {
  return JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
}

let dir: string;
let rel: (file: string) => string;

beforeAll(() => {
  dir = mkdtempSync(path.join(repoRoot, '.bench-tmp-scan-'));
  mkdirSync(path.join(dir, 'src/clean'), { recursive: true });
  mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  writeFileSync(path.join(dir, 'tsconfig.json'), TSCONFIG);
  writeFileSync(path.join(dir, 'src/chat.ts'), CHAT);
  writeFileSync(path.join(dir, 'src/log.ts'), LOG);
  writeFileSync(path.join(dir, 'src/clean/greeting.ts'), CLEAN);
  // Outside the tsconfig's `include`: skipped and counted, never a finding.
  writeFileSync(path.join(dir, 'scripts/seed.ts'), 'console.log("seed");\n');
  // Paths in reports are relative to the current folder when the scan is inside it.
  rel = file => path.relative(process.cwd(), path.join(dir, file)).split(path.sep).join('/');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('llm-security-scan exit codes', () => {
  it('exits 1 with findings, counting only its own: other plugins\' directives and unused directives are not findings', async () => {
    const { code, stdout, stderr } = await run(dir);
    expect(code).toBe(1);
    expect(stdout).toContain('llm-security/no-model-output-logging');
    expect(stdout).not.toContain('react-hooks/exhaustive-deps');
    expect(stdout).not.toContain('Unused eslint-disable');
    // chat.ts logs the answer twice (directly, and through logEvent); logEvent's only call passes it the
    // answer, so its console.info in log.ts is reported too.
    expect(stderr).toBe('llm-security-scan: 3 finding(s) in 2 of 3 scanned file(s); 1 file(s) skipped (--verbose lists them).\n');
  });

  it('exits 0 on a folder whose only problems are foreign or unused directives', async () => {
    const { code, stderr } = await run(path.join(dir, 'src/clean'));
    expect(code).toBe(0);
    expect(stderr).toBe('llm-security-scan: 0 finding(s) in 0 of 1 scanned file(s).\n');
  });

  it('scans a single file and a subfolder with the tsconfig found above them', async () => {
    expect(findTsconfigRoot(path.join(dir, 'src/clean'))).toBe(dir);
    const single = await run(path.join(dir, 'src/chat.ts'));
    expect(single.code).toBe(1);
    expect(single.stderr).toBe('llm-security-scan: 2 finding(s) in 1 of 1 scanned file(s).\n');
    const subfolder = await run(path.join(dir, 'src'), '--verbose');
    expect(subfolder.code).toBe(1);
    expect(subfolder.stderr).toContain(`tsconfig root ${dir}`);
  });

  it('lists skipped files with --verbose', async () => {
    const { stderr } = await run(dir, '--verbose');
    expect(stderr).toContain(`llm-security-scan: skipped ${path.join('scripts', 'seed.ts')}: no tsconfig.json includes it\n`);
  });

  it('exits 2 with one line for a path that does not exist', async () => {
    const { code, stdout, stderr } = await run(path.join(dir, 'nope'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`llm-security-scan: no such file or folder: ${path.join(dir, 'nope')}\n`);
  });

  it('exits 2 with one line when no tsconfig is found above or below the path', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'llm-security-no-tsconfig-'));
    try {
      writeFileSync(path.join(outside, 'index.ts'), 'export const x = 1;\n');
      const { code, stderr } = await run(outside);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('no tsconfig.json or jsconfig.json in');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('exits 2 when nothing could be scanned: every file skipped, or none there', async () => {
    const skippedOnly = await run(path.join(dir, 'scripts'));
    expect(skippedOnly.code).toBe(2);
    expect(skippedOnly.stderr).toBe(`llm-security-scan: nothing scanned in ${path.join(dir, 'scripts')}: seed.ts was skipped: no tsconfig.json includes it\n`);
    const empty = path.join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(path.join(empty, 'notes.md'), '# notes\n');
    const nothing = await run(empty);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no JavaScript or TypeScript files found');
  });

  it('exits 2 on usage errors, and prints its version and a full help', async () => {
    expect((await run(dir, '--format', 'xml')).stderr).toBe("llm-security-scan: unknown --format 'xml': use stylish, json, sarif, github\n");
    expect((await run(dir, '--colour')).code).toBe(2);
    expect((await run(dir, dir)).code).toBe(2);
    expect(await run('--version')).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: '' });
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const option of ['--config', '--format', '--output', '--baseline', '--verbose', '--version', 'Exit codes', 'npx -p eslint-plugin-llm-security']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('creates the folder of --output, and fails on one line when it cannot write there', async () => {
    const output = path.join(dir, 'reports/nested/scan.sarif');
    expect((await run(dir, '--format', 'sarif', '--output', output)).code).toBe(1);
    expect(readSarif(output).runs[0]?.results).toHaveLength(3);
    const blocked = await run(dir, '--format', 'sarif', '--output', path.join(dir, 'tsconfig.json/scan.sarif'));
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^llm-security-scan: cannot write --output .*tsconfig\.json\/scan\.sarif: E[A-Z]+: .*\n$/);
  });
});

describe('llm-security-scan reports', () => {
  it('prints GitHub workflow-command annotations', async () => {
    const { code, stdout } = await run(dir, '--format', 'github');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `::error file=${rel('src/chat.ts')},line=12,endLine=12,col=15,endColumn=21,title=llm-security/no-model-output-logging::Model output from 'client.chat.completions.create()' (line 10) is written to the console log by 'console.log()'. Model answers repeat what users told the model; log metadata (ids, token counts) instead.`,
    );
    expect(lines[1]).toMatch(/^::error file=[^,]+,line=13,endLine=13,col=22,endColumn=28,title=llm-security\/no-model-output-logging::.*'logEvent\(\)'/);
    expect(lines[2]).toMatch(/^::error file=[^,]*src\/log\.ts,line=2,.*'console\.info\(\)', which receives it from chat\.ts:13 through 'logEvent\(\)'/);
  });

  it('writes SARIF with fingerprints that survive moved lines and change with the flagged code', async () => {
    const before = path.join(dir, 'before.sarif');
    await run(dir, '--format', 'sarif', '--output', before);
    const chat = path.join(dir, 'src/chat.ts');
    writeFileSync(chat, `// three\n// new\n// lines\n${CHAT}`);
    const moved = path.join(dir, 'moved.sarif');
    try {
      await run(dir, '--format', 'sarif', '--output', moved);
      writeFileSync(chat, CHAT.replace('console.log(answer);', 'console.log("answer:", answer);'));
      const edited = path.join(dir, 'edited.sarif');
      await run(dir, '--format', 'sarif', '--output', edited);

      const fingerprints = (file: string) => readSarif(file).runs[0]!.results.map(result => result.partialFingerprints[FINGERPRINT_KEY]);
      const lines = (file: string) => readSarif(file).runs[0]!.results.map(result => result.locations[0]!.physicalLocation.region.startLine);
      expect(lines(before)).toEqual([12, 13, 2]);
      expect(lines(moved)).toEqual([15, 16, 2]);
      expect(fingerprints(moved)).toEqual(fingerprints(before));
      expect(new Set(fingerprints(before)).size).toBe(3);
      // The edited console.log is a different finding; the untouched logEvent line keeps its fingerprint.
      expect(fingerprints(edited)[0]).not.toBe(fingerprints(before)[0]);
      expect(fingerprints(edited)[1]).toBe(fingerprints(before)[1]);
      expect(fingerprints(edited)[2]).toBe(fingerprints(before)[2]);
    } finally {
      writeFileSync(chat, CHAT);
    }
  });

  it('gives each flow finding a code flow from the source through the helper to the sink', async () => {
    const output = path.join(dir, 'flows.sarif');
    await run(dir, '--format', 'sarif', '--output', output);
    const [direct, throughHelper, atHelperSink] = readSarif(output).runs[0]!.results;
    const steps = (result: typeof direct) =>
      result!.codeFlows![0]!.threadFlows[0]!.locations.map(({ location, kinds }) => ({
        uri: location.physicalLocation.artifactLocation.uri,
        line: location.physicalLocation.region.startLine,
        message: location.message.text,
        kinds,
      }));
    expect(steps(direct)).toEqual([
      { uri: rel('src/chat.ts'), line: 10, message: "Model output from 'client.chat.completions.create()'.", kinds: ['taint', 'source'] },
      { uri: rel('src/chat.ts'), line: 12, message: "'console.log()' writes it to the console log.", kinds: ['taint', 'sink'] },
    ]);
    expect(steps(throughHelper)).toEqual([
      { uri: rel('src/chat.ts'), line: 10, message: "Model output from 'client.chat.completions.create()'.", kinds: ['taint', 'source'] },
      { uri: rel('src/chat.ts'), line: 13, message: "Passed to 'logEvent()'.", kinds: ['taint', 'call'] },
      // The sink inside the helper, in its own file.
      { uri: rel('src/log.ts'), line: 2, message: "'console.info()' writes it to the console log.", kinds: ['taint', 'sink'] },
    ]);
    // The same flow reported in the helper's file: the same path, the result placed at the sink.
    expect(atHelperSink!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(rel('src/log.ts'));
    expect(steps(atHelperSink)).toEqual(steps(throughHelper));
  });

  it('describes each rule fully (doc page, severity, CWE tags) and lists skipped files as notifications, not results', async () => {
    const output = path.join(dir, 'rules.sarif');
    await run(dir, '--format', 'sarif', '--output', output);
    const sarifRun = readSarif(output).runs[0]!;
    const rule = sarifRun.tool.driver.rules.find(entry => entry.id === 'llm-security/no-model-output-logging')!;
    const doc = readRuleDoc('no-model-output-logging')!;
    expect(rule.fullDescription?.text).toBe(doc.fullDescription);
    expect(rule.help?.markdown).toContain('## Examples');
    expect(rule.help?.text).not.toContain('<!--');
    expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'CWE-532', 'external/cwe/cwe-532', 'OWASP-LLM02']));
    for (const entry of sarifRun.tool.driver.rules) {
      expect(entry.fullDescription?.text, entry.id).toBeTruthy();
      expect(Number(entry.properties['security-severity']), entry.id).toBeGreaterThan(0);
    }
    const notifications = sarifRun.invocations[0]!.toolExecutionNotifications;
    expect(notifications.map(notification => notification.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([rel('scripts/seed.ts')]);
    expect(sarifRun.results.map(result => result.locations[0]!.physicalLocation.artifactLocation.uri)).not.toContain(rel('scripts/seed.ts'));
  });

  it('fails only on findings that are not in the baseline', async () => {
    const baseline = path.join(dir, 'baseline.sarif');
    await run(dir, '--format', 'sarif', '--output', baseline);
    const known = await run(dir, '--baseline', baseline);
    expect(known.code).toBe(0);
    expect(known.stdout).toBe('');
    expect(known.stderr).toBe('llm-security-scan: 3 finding(s) in 2 of 3 scanned file(s), 0 new, 3 in the baseline; 1 file(s) skipped (--verbose lists them).\n');

    const chat = path.join(dir, 'src/chat.ts');
    writeFileSync(chat, CHAT.replace('  return answer;', '  console.warn(completion.choices[0]?.message);\n  return answer;'));
    try {
      const annotations = await run(dir, '--baseline', baseline, '--format', 'github');
      expect(annotations.code).toBe(1);
      expect(annotations.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error file=[^,]+,line=14,.*'console\.warn\(\)'/)]);
      const output = path.join(dir, 'with-baseline.sarif');
      expect((await run(dir, '--baseline', baseline, '--format', 'sarif', '--output', output)).code).toBe(1);
      expect(readSarif(output).runs[0]!.results.map(result => result.baselineState)).toEqual(['unchanged', 'unchanged', 'new', 'unchanged']);
    } finally {
      writeFileSync(chat, CHAT);
    }
  });

  it('exits 2 on a baseline that is missing or not SARIF', async () => {
    expect((await run(dir, '--baseline', path.join(dir, 'missing.sarif'))).stderr).toMatch(/^llm-security-scan: cannot read the baseline .*missing\.sarif: no such file\n$/);
    const notSarif = await run(dir, '--baseline', path.join(dir, 'tsconfig.json'));
    expect(notSarif.code).toBe(2);
    expect(notSarif.stderr).toContain('is not a SARIF log');
  });

  it('records code flows only while a scan asks for them', async () => {
    await scan(path.join(dir, 'src/chat.ts'));
    expect(isRecordingTrails()).toBe(false);
  });
});
