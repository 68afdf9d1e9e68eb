// A task-manager CLI and MCP server in plain JavaScript: prompts are rendered from templates with
// `{{variable}}` placeholders, and every command logs through a level logger or the MCP log.
// Modelled on AI task-manager tools.
import OpenAI from 'openai';

const client = new OpenAI();

const TEMPLATES = {
  'add-task': 'Create a task for: {{prompt}}\nProject root: {{projectRoot}}\nPriority: {{priority}}',
  research: 'Research this question: {{query}} (detail: {{detailLevel}})',
};

class PromptManager {
  loadPrompt(id, variables = {}) {
    const template = TEMPLATES[id];
    return {
      systemPrompt: 'You are a project planning assistant.',
      userPrompt: this.render(template, variables),
      metadata: { templateId: id, parameters: variables },
    };
  }

  render(template, variables) {
    return template.replace(/\{\{(\w+)\}\}/g, (match, name) => (variables[name] === undefined ? '' : String(variables[name])));
  }
}

const promptManager = new PromptManager();

async function generateText({ systemPrompt, prompt }) {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: prompt },
    ],
  });
  return completion.choices[0].message.content;
}

export async function addTask(prompt, priority, context) {
  const { logFn, projectRoot } = context;
  const report = (level, ...args) => {
    if (logFn) logFn.info(...args);
  };
  logFn.info(`Adding task with prompt: "${prompt}"`); // expect: no-prompt-logging
  logFn.info(`Priority ${priority}, project root ${projectRoot}`);
  report('info', `Generating the task for: ${prompt}`); // expect: no-prompt-logging
  report('debug', 'calling the model');
  const { systemPrompt, userPrompt } = promptManager.loadPrompt('add-task', { prompt, projectRoot, priority });
  return generateText({ systemPrompt, prompt: userPrompt });
}

export async function research(query, detailLevel, log) {
  const params = { query, detailLevel };
  let userPrompt;
  try {
    const rendered = promptManager.loadPrompt('research', params);
    userPrompt = rendered.userPrompt;
  } catch (error) {
    log.error(`cannot render the research prompt (${detailLevel})`);
    throw error;
  }
  log.info(`Research prompt is ${userPrompt.length} characters long`);
  return generateText({ systemPrompt: 'You are a researcher.', prompt: userPrompt });
}

// The MCP tool: its arguments hold the user's text.
export async function researchTool(args, log) {
  log.info(`Starting research with query: ${args.query.slice(0, 100)}`); // expect: no-prompt-logging
  log.info(`Detail level: ${args.detailLevel}`);
  return research(args.query, args.detailLevel, log);
}
