import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Loggers the program gives no type: plain JavaScript hands a logger around as a parameter (an MCP
// server's `log`, a `logWrapper`), so its receiver's name and a level method are all there is. The
// name must be a logger's (`log`, `logger`, `mcpLog`, `appLogger`, `logFn`); `dialog.info()` or a
// typed object's `info()` are not loggers.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

const openai = `import OpenAI from 'openai';
const client = new OpenAI();`;

ruleTester.run('no-prompt-logging: untyped loggers', promptRule, {
  valid: [
    // A CLI logger's `success` level with a fixed message and a count; a path built from ids only.
    {
      code: `${openai}
import path from 'node:path';
export async function research(question, taskId, logFn) {
  const answer = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const filePath = path.join('.taskmaster', 'research', \`\${taskId}.md\`);
  logFn.success(\`Research saved to \${path.relative(process.cwd(), filePath)}\`);
  logFn.success(\`Answered in \${answer.usage?.total_tokens ?? 0} tokens\`);
}
`,
      filename: js,
    },
    // Metadata only: the length of the prompt and an id.
    {
      code: `${openai}
export async function addTaskDirect(args, log) {
  const { prompt, taskId } = args;
  log.info(\`adding task \${taskId} from a prompt of \${prompt.length} characters\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      filename: js,
    },
    // Receivers whose names only end in "log" are not loggers.
    {
      code: `${openai}
export async function ask(dialog, catalog, question) {
  dialog.info(question);
  catalog.log(question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      filename: js,
    },
    // A method that is no log level.
    {
      code: `${openai}
export async function ask(logger, question) {
  logger.child(question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      filename: js,
    },
    // A typed object called `log` whose `info` is the app's own, harmless method.
    `${openai}
const log = { info(_message: string): void {} };
export async function ask(question: string) {
  log.info(question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
    // A level chosen at run time on a receiver that is no logger, and a dispatch table of handlers.
    {
      code: `${openai}
export async function ask(handlers, kind, question) {
  handlers[kind](question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      filename: js,
    },
    // A report closure given only fixed messages and the prompt's length.
    {
      code: `${openai}
export async function addTask(prompt, context = {}) {
  const { mcpLog } = context;
  const report = (message, level = 'info') => {
    if (mcpLog) mcpLog[level](message);
  };
  report('starting', 'debug');
  report(\`prompt of \${prompt.length} characters\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      filename: js,
    },
    // The helper's returned logger is handed a task id only.
    {
      code: `${openai}
/** @returns {Object} */
function createBridgeLogger(mcpLog) {
  const logger = mcpLog || { info: () => {} };
  const report = (level, ...args) => logger[level](...args);
  return { logger, report };
}
export async function updateTask(taskId, prompt, context) {
  const { report } = createBridgeLogger(context.mcpLog);
  report('info', \`updating task \${taskId}\`);
  report('debug', 'calling the model');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      filename: js,
    },
  ],
  invalid: [
    // The file a research session is saved to is named after the question: its path holds the
    // question's words, logged at a CLI logger's `success` level.
    {
      code: `${openai}
import path from 'node:path';
export async function research(question, projectRoot, logFn) {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const slug = question.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 50);
  const filePath = path.join(projectRoot, '.taskmaster', 'research', \`\${slug}.md\`);
  logFn.success(\`Research saved to \${path.relative(projectRoot, filePath)}\`);
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 8, column: 17 }],
    },
    // An MCP direct function: the prompt of the request is logged through the server's logger.
    {
      code: `${openai}
export async function addTaskDirect(args, log) {
  const { prompt } = args;
  log.info(\`Adding new task with prompt: "\${prompt}"\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 5, column: 12 }],
    },
    // A logger kept on an untyped field, and one called `mcpLog`.
    {
      code: `${openai}
export class Agent {
  constructor(logger) { this.logger = logger; }
  async ask(question, mcpLog) {
    this.logger.debug('question', question);
    mcpLog.warn(question);
    return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  }
}
`,
      filename: js,
      errors: [
        { messageId: 'promptLogged', line: 6, column: 35 },
        { messageId: 'promptLogged', line: 7, column: 17 },
      ],
    },
    // The MCP logger's level picked at run time.
    {
      code: `${openai}
export async function ask(question, mcpLog, level = 'info') {
  mcpLog[level](question);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 4, column: 17 }],
    },
    // A local report closure called from several places: reported at the call that gives it the
    // prompt, not at the closure's one sink line that every call shares.
    {
      code: `${openai}
export async function addTask(prompt, context = {}) {
  const { mcpLog } = context;
  const report = (message, level = 'info') => {
    if (mcpLog) mcpLog[level](message);
  };
  report('starting', 'debug');
  report(\`Generating task data with prompt:\\n\${prompt}\`, 'info');
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 9, column: 10 }],
    },
    // A report function a helper builds and returns (its JSDoc says only \`Object\`), destructured by
    // its many callers: reported at the call that passes the prompt.
    {
      code: `${openai}
/** @returns {Object} */
function createBridgeLogger(mcpLog) {
  const logger = mcpLog || { info: () => {} };
  const report = (level, ...args) => {
    if (typeof logger[level] === 'function') logger[level](...args);
    else logger.info(...args);
  };
  return { logger, report };
}
export async function updateTask(taskId, prompt, context) {
  const { report } = createBridgeLogger(context.mcpLog);
  report('info', \`Updating task \${taskId} with prompt: "\${prompt}"\`);
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: prompt }] });
}
export function removeTask(taskId, context) {
  const { report } = createBridgeLogger(context.mcpLog);
  report('info', \`Removing task \${taskId}\`);
}
`,
      filename: js,
      errors: [
        { messageId: 'promptLogged', line: 14, column: 18 },
        { messageId: 'promptLogged', line: 14, column: 18 },
      ],
    },
  ],
});

ruleTester.run('no-model-output-logging: untyped loggers', outputRule, {
  valid: [
    {
      code: `${openai}
export async function summarise(text, logFn) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
  logFn.info('summary tokens', completion.usage?.total_tokens);
  return completion.choices[0].message.content;
}
`,
      filename: js,
    },
  ],
  invalid: [
    {
      code: `${openai}
export async function summarise(text, logFn) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] });
  logFn.info('summary', completion.choices[0].message.content);
  return completion;
}
`,
      filename: js,
      errors: [{ messageId: 'modelOutputLogged', line: 5, column: 25 }],
    },
  ],
});
