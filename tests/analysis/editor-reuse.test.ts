import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { flowAnalysisFor } from '../../src/analysis/index.js';
import { CarriedFacts, programFiles, staleFiles } from '../../src/analysis/program-delta.js';
import { FIXTURES_DIR } from '../rule-tester.js';

/**
 * A language service over in-memory files, as an editor runs it: each edit bumps a file's version
 * (saved or not, the service only sees the text it is given) and the next program reuses the
 * `SourceFile` objects of the files that did not change.
 */
function editorSession(initial: Record<string, string>) {
  const files = new Map(Object.entries(initial).map(([name, text]) => [path.join(FIXTURES_DIR, 'editor', name), { text, version: 1 }]));
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: fileName => String(files.get(fileName)?.version ?? 0),
    getScriptSnapshot: fileName => {
      const text = files.get(fileName)?.text ?? ts.sys.readFile(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => FIXTURES_DIR,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: fileName => files.has(fileName) || ts.sys.fileExists(fileName),
    readFile: fileName => files.get(fileName)?.text ?? ts.sys.readFile(fileName),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    // The in-memory files' directory does not exist on disk; module resolution asks for it.
    directoryExists: directory => [...files.keys()].some(fileName => fileName.startsWith(`${directory}/`)) || ts.sys.directoryExists(directory),
    getDirectories: directory => ts.sys.getDirectories(directory),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    program: () => service.getProgram()!,
    edit(name: string, text: string) {
      const file = files.get(path.join(FIXTURES_DIR, 'editor', name))!;
      file.text = text;
      file.version += 1;
    },
    file: (program: ts.Program, name: string) => program.getSourceFile(path.join(FIXTURES_DIR, 'editor', name))!,
  };
}

const types = `export interface Turn { question: string; locale: string }
export interface Metrics { tokens: number }
`;
const sending = `import type { Turn } from './types.js';
export async function send(prompt: Turn) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt }) });
  return res.json();
}
`;
const notSending = `import type { Turn } from './types.js';
export async function send(turn: Turn) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt: 'Say hi.' }) });
  return { locale: turn.locale, reply: await res.json() };
}
`;
// A file that can hold LLM data (it reads SDK types), which does not import send.ts.
const audit = `import type { ChatCompletion } from 'openai';
import type { Turn } from './types.js';
export function audit(turn: Turn) {
  console.log('audit', turn);
}
export function tokens(completion: ChatCompletion) {
  return completion.usage?.total_tokens ?? 0;
}
`;
const other = `import type { Metrics } from './types.js';
export function count(metrics: Metrics) {
  return metrics.tokens;
}
`;

const promptFindings = (program: ts.Program, sourceFile: ts.SourceFile) =>
  flowAnalysisFor(program, EMPTY_CUSTOMIZATION)
    .analyzeFile(sourceFile)
    .filter(finding => finding.taint.kind === 'prompt');

describe('editor reuse across programs', () => {
  it('marks a changed file and its importers stale, and nothing else', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit, 'other.ts': other });
    const first = session.program();
    const before = programFiles(first);
    session.edit('send.ts', notSending);
    const second = session.program();
    expect(session.file(second, 'audit.ts')).toBe(session.file(first, 'audit.ts'));
    expect(staleFiles(before, second, programFiles(second))).toEqual(new Set([session.file(second, 'send.ts')]));

    const third = programFiles(second);
    session.edit('types.ts', `${types}export type Id = string;\n`);
    const fourth = session.program();
    const stale = staleFiles(third, fourth, programFiles(fourth));
    expect(stale === 'all' ? 'all' : [...stale].map(file => path.basename(file.fileName)).sort()).toEqual(['audit.ts', 'other.ts', 'send.ts', 'types.ts']);
  });

  it('keeps the facts of unchanged files and recomputes the others', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit });
    const carried = new CarriedFacts<string>();
    const first = session.program();
    const facts = carried.forProgram('project', first);
    for (const sourceFile of first.getSourceFiles()) if (!sourceFile.isDeclarationFile) facts.set(sourceFile, path.basename(sourceFile.fileName));
    session.edit('send.ts', notSending);
    const second = session.program();
    const kept = carried.forProgram('project', second);
    expect([...kept.values()].sort()).toEqual(['audit.ts', 'types.ts']);
    expect(carried.forProgram('another project', second).size).toBe(0);
  });

  it('follows an unsaved edit of a helper in another file: a type stops and starts being a prompt', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit });
    const first = session.program();
    expect(promptFindings(first, session.file(first, 'audit.ts'))).toHaveLength(1);

    session.edit('send.ts', notSending);
    const second = session.program();
    // audit.ts itself did not change and does not import send.ts; what it learned from there must not stick.
    expect(session.file(second, 'audit.ts')).toBe(session.file(first, 'audit.ts'));
    expect(promptFindings(second, session.file(second, 'audit.ts'))).toHaveLength(0);

    session.edit('send.ts', sending);
    const third = session.program();
    expect(promptFindings(third, session.file(third, 'audit.ts'))).toHaveLength(1);

    // The type's own file changes: send.ts did not, but what it learned names the old declaration.
    session.edit('types.ts', types.replace('locale: string', 'locale: string; model?: string'));
    const fourth = session.program();
    expect(session.file(fourth, 'send.ts')).toBe(session.file(third, 'send.ts'));
    expect(promptFindings(fourth, session.file(fourth, 'audit.ts'))).toHaveLength(1);
  });
});
