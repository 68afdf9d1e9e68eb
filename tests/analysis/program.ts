import path from 'node:path';

import ts from 'typescript';

import { FIXTURES_DIR } from '../rule-tester.js';

/**
 * A TypeScript program over the fixture tsconfig plus in-memory files (paths relative to the
 * fixtures directory), for testing the engine without ESLint. `only`: the in-memory files (and
 * what they import) without the fixture tsconfig's own files.
 */
export function createFixtureProgram(files: Record<string, string>, { only = false }: { only?: boolean } = {}): { program: ts.Program; sourceFile: (name: string) => ts.SourceFile } {
  const configPath = path.join(FIXTURES_DIR, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) {
    throw new Error('cannot read the fixture tsconfig');
  }
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(FIXTURES_DIR, name), text]));
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(fileName);
    return text === undefined ? getSourceFile(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = fileName => virtual.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = fileName => virtual.get(fileName) ?? readFile(fileName);
  const program = ts.createProgram([...(only ? [] : config.fileNames), ...virtual.keys()], config.options, host);
  return {
    program,
    sourceFile: name => {
      const sourceFile = program.getSourceFile(path.join(FIXTURES_DIR, name));
      if (!sourceFile) throw new Error(`no source file ${name}`);
      return sourceFile;
    },
  };
}
