/**
 * The TypeScript module, loaded with `require()`. Node.js, asked to `import` a CommonJS module,
 * first scans its whole source for named exports: for TypeScript's 9 MB that cost about 0.7 s of
 * CPU in every ESLint process, although typescript-eslint's parser has already loaded it with
 * `require()`. Modules of this plugin import `ts` from here; it is the very object the parser uses.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the point of this module
import ts = require('typescript');

export = ts;
