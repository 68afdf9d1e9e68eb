import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { nearestPackageName, originOfDeclaration } from '../../src/analysis/packages.js';
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
