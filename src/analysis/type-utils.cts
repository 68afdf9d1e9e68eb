/**
 * `@typescript-eslint/type-utils`, loaded with `require()` for the reason given in `typescript.cts`
 * (importing it scans the source of every module it re-exports).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the point of this module
import typeUtils = require('@typescript-eslint/type-utils');

export = typeUtils;
