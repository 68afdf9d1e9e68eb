// Lints the example app with the built plugin's recommended config and prints the findings in
// ESLint's usual format. A demonstration: it exits 0 even though the app has planted problems.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import plugin from '../dist/index.js';

const appDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'chat-app');

const eslint = new ESLint({
  cwd: appDir,
  overrideConfigFile: true,
  overrideConfig: [plugin.configs.recommended, { languageOptions: { parserOptions: { tsconfigRootDir: appDir } } }],
});

const results = await eslint.lintFiles(['src/**/*.ts']);
const formatter = await eslint.loadFormatter('stylish');
const output = await formatter.format(results);
const count = results.reduce((total, result) => total + result.errorCount + result.warningCount, 0);
const filesWithFindings = results.filter(result => result.errorCount + result.warningCount > 0).length;

console.log(`eslint-plugin-llm-security demo: linting examples/chat-app with configs.recommended\n`);
console.log(output || 'No findings.');
console.log(
  `${count} finding(s) in ${filesWithFindings} of ${results.length} linted file(s). (The app's problems are planted; this demo always exits 0.)`,
);
