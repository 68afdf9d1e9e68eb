/**
 * Shared helpers for the robustness tests: throwaway type-aware projects under `.bench-tmp/`
 * (git-ignored) and a linter with every rule of the plugin, imported from the source.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';

import plugin from '../../src/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PLUGIN_PREFIX = 'llm-security/';

/** Compiler options every throwaway project starts from (TS 6 changed defaults, so spell them out). */
export const BASE_COMPILER_OPTIONS = {
  strict: true,
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['ES2023', 'DOM'],
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Writes `files` into a fresh directory under `.bench-tmp/` next to a tsconfig.json that includes
 * them all. Inside the repository, so imports resolve to the real packages in node_modules.
 */
export function writeProject(name: string, files: Record<string, string>, compilerOptions: Record<string, unknown> = {}): string {
  const dir = path.join(REPO_ROOT, '.bench-tmp', `robustness-test-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const tsconfig = { compilerOptions: { ...BASE_COMPILER_OPTIONS, ...compilerOptions }, include: Object.keys(files) };
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** ESLint with every rule of the plugin (`configs.all`) and type information from `dir`'s tsconfig. */
export function createLinter(dir: string, extra: Linter.Config[] = []): ESLint {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.all, { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }, ...extra],
  });
}

export interface LintOutcome {
  /** Fatal messages: parse errors, or a crash reported as a message. */
  readonly fatal: string[];
  /** Rule ids (without prefix) of the plugin's findings, one per finding. */
  readonly findings: string[];
}

/** Lints one file; a thrown error (a rule crash) propagates to the test. */
export async function lintFile(eslint: ESLint, file: string): Promise<LintOutcome> {
  const results = await eslint.lintFiles([file]);
  const messages = results.flatMap(result => result.messages);
  if (process.env['ROBUSTNESS_VERBOSE']) {
    // ROBUSTNESS_VERBOSE=1 npx vitest run tests/robustness: see what each fixture produced.
    for (const message of messages) console.log(`${path.basename(file)}:${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.message.slice(0, 160)}`);
  }
  return {
    fatal: messages.filter(message => message.fatal === true || message.ruleId === null).map(message => `${message.line}:${message.column} ${message.message}`),
    findings: messages.filter(message => message.ruleId?.startsWith(PLUGIN_PREFIX)).map(message => message.ruleId!.slice(PLUGIN_PREFIX.length)),
  };
}

/**
 * Transpiles `src/` (without type checking) into `outDir`, so that a worker thread, which vitest
 * does not transform, can import the current source of the plugin. Returns the entry's path.
 */
export function transpilePlugin(outDir: string): string {
  const srcDir = path.join(REPO_ROOT, 'src');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(entry => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  for (const file of walk(srcDir).filter(name => /\.c?ts$/.test(name) && !name.endsWith('.d.ts'))) {
    // `.cts` modules (the shims that require() CommonJS packages) stay CommonJS, as in the build.
    const commonJs = file.endsWith('.cts');
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: commonJs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: !commonJs },
    });
    const target = path.join(outDir, 'src', path.relative(srcDir, file)).replace(/\.ts$/, '.js').replace(/\.cts$/, '.cjs');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  // src/index.ts reads ../package.json for the plugin's name and version.
  writeFileSync(path.join(outDir, 'package.json'), readFileSync(path.join(REPO_ROOT, 'package.json')));
  return path.join(outDir, 'src', 'index.js');
}
