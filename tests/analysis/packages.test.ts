import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { isProjectCode, nearestPackageName, packageSourcesSignature, originOfDeclaration, programHasOrigin, programHasPackage } from '../../src/analysis/packages.js';
import { vendoredOrigin } from '../../src/analysis/import-bindings.js';
import { FIXTURES_DIR } from '../rule-tester.js';
import { createFixtureProgram } from './program.js';

const VENDORED = path.join(FIXTURES_DIR, 'helpers/model-integrity/vendor/transformers/src/pipelines.ts');

describe('nearestPackageName', () => {
  it('reads the name of the nearest package.json above a file', () => {
    expect(nearestPackageName(VENDORED)).toBe('@xenova/transformers');
    expect(nearestPackageName(path.join(FIXTURES_DIR, 'helpers/model-integrity/verify.ts'))).toBe('llm-security-fixtures');
    // The file need not exist: `import('./vendor/left-pad/lib/x.js')` names a directory that may not.
    expect(nearestPackageName(path.join(FIXTURES_DIR, 'helpers/model-integrity/vendor/left-pad/lib/deep/x.ts'))).toBe('left-pad');
  });

  it('stops at node_modules, whose packages are named by their path', () => {
    expect(nearestPackageName(path.join(FIXTURES_DIR, 'node_modules/some-package/lib/index.js'))).toBeUndefined();
  });
});

describe('vendored copies', () => {
  it('are the package only for packages require-model-integrity knows', () => {
    expect(vendoredOrigin(VENDORED)).toBe('@xenova/transformers');
    expect(vendoredOrigin(path.join(FIXTURES_DIR, 'helpers/model-integrity/vendor/left-pad/index.ts'))).toBeUndefined();
    expect(vendoredOrigin(path.join(FIXTURES_DIR, 'file.ts'))).toBeUndefined();
  });

  it('leave the origin the flow rules see unchanged: a vendored file is project code to them', () => {
    const { program } = createFixtureProgram({ 'vendored-consumer.ts': "export { pipeline } from './helpers/model-integrity/vendor/transformers/src/pipelines.js';" });
    program.getTypeChecker(); // binds the files (parent pointers)
    const sourceFile = program.getSourceFile(VENDORED);
    expect(sourceFile).toBeDefined();
    const declaration = sourceFile?.statements.find(ts.isFunctionDeclaration);
    expect(declaration?.name?.text).toBe('pipeline');
    expect(declaration && originOfDeclaration(declaration, program)).toBeUndefined();
  });
});

describe('programHasOrigin', () => {
  // Module names are unusual on purpose: the fixture program holds every fixture file.
  const { program } = createFixtureProgram({
    'origins/untyped.ts': `
const logger = require('zq-untyped-logger');
import('zq-lazy-sink').then(() => undefined);
import tracing from '@zq-scope/tracing';
export const label = 'zq-just-a-string';
logger.info(tracing);`,
    'origins/stub.d.ts': "declare module 'zq-stub-sink' { export function send(text: string): void; }",
  });

  it('knows the packages whose files the program holds', () => {
    expect(programHasOrigin(program, 'lib')).toBe(true);
    expect(programHasOrigin(program, 'node:fs')).toBe(true);
    expect(programHasOrigin(program, 'openai')).toBe(true);
    expect(programHasPackage(program, 'openai')).toBe(true);
  });

  it('counts a module the project names without its types: required, imported lazily or by name, declared', () => {
    expect(programHasOrigin(program, 'zq-untyped-logger')).toBe(true);
    expect(programHasOrigin(program, 'zq-lazy-sink')).toBe(true);
    expect(programHasOrigin(program, '@zq-scope/*')).toBe(true);
    expect(programHasOrigin(program, 'zq-stub-sink')).toBe(true);
    expect(programHasPackage(program, 'zq-untyped-logger')).toBe(false);
  });

  it('does not count a string that only looks like a package name, nor a package nobody names', () => {
    expect(programHasOrigin(program, 'zq-just-a-string')).toBe(false);
    expect(programHasOrigin(program, 'zq-never-mentioned')).toBe(false);
    expect(programHasOrigin(program, '@zq-other-scope/*')).toBe(false);
  });
});

describe("an SDK's own repository", () => {
  it('makes the SDK sources the package, but never an app of another name nor a vendored model loader', () => {
    // The package.json files are on disk (helpers/sdk-checkout); the sources are in memory.
    const { program } = createFixtureProgram({
      'helpers/sdk-checkout/src/client.ts': 'export class OpenAI { chat(): string { return ""; } }',
      'helpers/sdk-checkout/examples/demo.ts': "import { OpenAI } from '../src/client.js';\nexport const client = new OpenAI();",
    });
    program.getTypeChecker();
    const declarationIn = (file: string): ts.Node | undefined => program.getSourceFile(path.join(FIXTURES_DIR, file))?.statements[0];
    expect(originOfDeclaration(declarationIn('helpers/sdk-checkout/src/client.ts')!, program)).toBe('openai');
    expect(originOfDeclaration(declarationIn('helpers/sdk-checkout/examples/demo.ts')!, program)).toBeUndefined();
  });

  it('leaves the SDK sources out of the project code when its examples import the package by name', () => {
    const { program } = createFixtureProgram({
      'helpers/sdk-checkout/src/client.ts': 'export class OpenAI { chat(): string { return ""; } }',
      'helpers/sdk-checkout/examples/demo.ts': "import type { ChatCompletion } from 'openai/resources/chat/completions';\nimport { OpenAI } from '../src/client.js';\nexport function demo(c?: ChatCompletion) { return c ?? new OpenAI().chat(); }",
    });
    expect(isProjectCode(fileAt(program, 'helpers/sdk-checkout/src/client.ts'), program)).toBe(false);
    expect(isProjectCode(fileAt(program, 'helpers/sdk-checkout/examples/demo.ts'), program)).toBe(true);
    // Named in the key of results carried between an editor's programs: they hold only while it does.
    expect(packageSourcesSignature(program)).toBe('openai');
  });

  it('keeps an SDK repository that nothing imports by name as the project (its own server, its own CLI)', () => {
    const { program } = createFixtureProgram({
      'helpers/sdk-checkout/src/client.ts': 'export class OpenAI { chat(): string { return ""; } }',
      'helpers/sdk-checkout/src/server.ts': "import { OpenAI } from './client.js';\nexport const reply = () => new OpenAI().chat();",
    }, { only: true });
    expect(isProjectCode(fileAt(program, 'helpers/sdk-checkout/src/client.ts'), program)).toBe(true);
    expect(isProjectCode(fileAt(program, 'helpers/sdk-checkout/src/server.ts'), program)).toBe(true);
    expect(packageSourcesSignature(program)).toBe('');
  });
});

function fileAt(program: ts.Program, file: string): ts.SourceFile {
  return program.getSourceFile(path.join(FIXTURES_DIR, file))!;
}
