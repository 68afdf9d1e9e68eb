/**
 * The CommonJS entry (`require('eslint-plugin-llm-security')`, e.g. in `eslint.config.cjs`):
 * the plugin object itself, not the ES module namespace `{ default }`. It loads the ES module
 * entry through Node's `require(esm)` (Node 20.19+, 22.12+), so both entries share one plugin
 * instance and one analysis cache.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry is where require() belongs
import esm = require('./index.js');

export = esm.default;
