// Lints files with every rule in a worker thread. The stack tests start it with a large stack
// (`resourceLimits.stackSizeMb`) so that TypeScript's own recursive parser and checker get through
// 5,000-deep expressions and the plugin's rules are what is being tested.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

import { ESLint } from 'eslint';

const { pluginEntry, dir, files, settings } = workerData;
const { default: plugin } = await import(pathToFileURL(pluginEntry).href);

const eslint = new ESLint({
  cwd: dir,
  overrideConfigFile: true,
  overrideConfig: [plugin.configs.all, { settings, languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dir } } }],
});

const outcomes = [];
for (const file of files) {
  const started = performance.now();
  try {
    const messages = (await eslint.lintFiles([file])).flatMap(result => result.messages);
    outcomes.push({
      file,
      ms: Math.round(performance.now() - started),
      fatal: messages.filter(message => message.fatal || !message.ruleId).map(message => message.message),
      findings: messages.filter(message => message.ruleId?.startsWith('llm-security/')).map(message => message.ruleId),
    });
  } catch (error) {
    outcomes.push({ file, ms: Math.round(performance.now() - started), error: String(error?.stack ?? error) });
  }
}
parentPort.postMessage(outcomes);
