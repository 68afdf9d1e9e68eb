import path from 'node:path';

import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Prompt templates: an app fills a template from a bag of variables (`loadPrompt(id, { prompt,
// projectRoot, priority })`) through a `replace` callback the engine does not tie to the result. The
// variables named like the user's text are the prompt; its settings, paths and counts are not. Also:
// a prompt variable assigned after its declaration, and a variadic local wrapper
// (`report(level, ...args)`) reported at the call that puts the prompt in.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

const renderer = `import OpenAI from 'openai';
const client = new OpenAI();
const templates = { ask: 'Answer {{question}} for the project at {{root}} ({{priority}})' };
export function render(id, variables) {
  const text = templates[id].replace(/\\{\\{(\\w+)\\}\\}/g, (_, name) => String(variables[name] ?? ''));
  return { userPrompt: text, metadata: { id, parameters: variables } };
}`;

ruleTester.run('no-prompt-logging: prompt templates', promptRule, {
  valid: [
    // The template's settings: a project root and a priority.
    {
      code: `${renderer}
export async function ask(question, projectRoot, priority, log) {
  log.info(\`project root: \${projectRoot}, priority \${priority}\`);
  const { userPrompt } = render('ask', { question, root: projectRoot, priority });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
`,
      filename: js,
    },
    // A renderer whose result never reaches a model: its variables are nobody's prompt.
    {
      code: `${renderer}
export function preview(question, log) {
  log.info(\`previewing \${question}\`);
  const { userPrompt } = render('ask', { question });
  return userPrompt;
}
`,
      filename: js,
    },
  ],
  invalid: [
    // The user's question given to the template, logged before the call.
    {
      code: `${renderer}
export async function ask(question, projectRoot, log) {
  log.info(\`asking: \${question}\`);
  const { userPrompt } = render('ask', { question, root: projectRoot });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 9, column: 12 }],
    },
    // Variables built before the call, the result assigned after its declaration, and a caller that
    // logs what it passes on.
    {
      code: `${renderer}
export async function update(taskId, prompt, log) {
  const params = { updatePrompt: prompt, taskId };
  let userPrompt;
  try {
    const rendered = render('ask', params);
    userPrompt = rendered.userPrompt;
  } catch (error) {
    log.error(\`render failed for \${taskId}\`);
    throw error;
  }
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
export async function updateDirect(args, log) {
  log.info(\`updating task \${args.id} with prompt: \${args.prompt}\`);
  return update(args.id, args.prompt, log);
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 21, column: 12 }],
    },
    // A variadic wrapper around the logger: reported where the prompt is put in.
    {
      code: `${renderer}
export async function ask(question, logFn) {
  const report = (level, ...args) => {
    if (logFn) logFn.info(...args);
  };
  report('info', 'starting');
  report('info', \`asking: \${question}\`);
  const { userPrompt } = render('ask', { question });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: userPrompt }] });
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 13, column: 18 }],
    },
  ],
});
