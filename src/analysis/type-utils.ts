import { createRequire } from 'node:module';

import type * as TypeUtils from '@typescript-eslint/type-utils';
import type ts from 'typescript';

const require = createRequire(import.meta.url);
let typeUtils: typeof TypeUtils | undefined;

/**
 * typescript-eslint's `typeMatchesSomeSpecifier`, with `@typescript-eslint/type-utils` loaded on the
 * first call: only a user's configured specifiers need it, and loading it costs every ESLint process
 * about 120 ms and 15 MiB. (`require()`, not `import()`: the callers are synchronous, and `import`
 * would scan the package's sources for named exports, see `typescript.cts`.)
 */
export function typeMatchesSomeSpecifier(type: ts.Type, specifiers: TypeUtils.TypeOrValueSpecifier[], program: ts.Program): boolean {
  typeUtils ??= require('@typescript-eslint/type-utils') as typeof TypeUtils;
  return typeUtils.typeMatchesSomeSpecifier(type, specifiers, program);
}
