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
  ],
  invalid: [
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
