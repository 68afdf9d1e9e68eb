import path from 'node:path';

import promptRule from '../../src/rules/no-prompt-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// Settings that a helper interpolates into its prompt next to the user's text: a value checked
// against a list of fixed words before use is one of those words, not user text. The user's text
// beside it, appended with `+=` or passed through a JavaScript parameter defaulting to `null`, is.

const ruleTester = createRuleTester();
const js = path.join(FIXTURES_DIR, 'script.js');

// One-line prelude: the case's own code starts on line 2.
const ai = `import { generateText } from 'ai'; import { openai } from '@ai-sdk/openai';`;

// The prompt builder the cases share: `strength` and `custom` both end up in the prompt.
const scopePrompt = `function scopePrompt(title, strength, custom) {
  let prompt = \`Adjust "\${title}" with \${strength} strength.\`;
  if (custom) {
    prompt += \`\\nCustom instructions: \${custom}\`;
  }
  return prompt;
}`;

ruleTester.run('no-prompt-logging: fixed-word settings', promptRule, {
  valid: [
    // Validated through a helper that tests a constant list, then logged by the caller.
    {
      code: `${ai}
const STRENGTHS = ['light', 'regular', 'heavy'];
export function isStrength(value) {
  return STRENGTHS.includes(value);
}
${scopePrompt}
export async function scopeUp(title, strength = 'regular', custom = null) {
  if (!isStrength(strength)) {
    throw new Error(\`Invalid strength \${strength}\`);
  }
  return generateText({ model: openai('gpt-4o'), prompt: scopePrompt(title, strength, custom) });
}
export async function scopeUpTool(args, log) {
  log.info(\`scoping up with strength \${args.strength}\`);
  return scopeUp('fixed title', args.strength, null);
}
`,
      filename: js,
    },
    // Compared with each allowed word, in TypeScript, with a return instead of a throw.
    `${ai}
export async function translate(text: string, tone: string) {
  if (tone !== 'formal' && tone !== 'casual') {
    return undefined;
  }
  console.log('tone', tone);
  return generateText({ model: openai('gpt-4o'), prompt: \`Rewrite in a \${tone} tone: \${text.length} chars\` });
}
`,
  ],
  invalid: [
    // The custom prompt next to the validated setting is still the user's text: appended with `+=`,
    // passed through a JavaScript parameter whose default is `null`.
    {
      code: `${ai}
const STRENGTHS = ['light', 'regular', 'heavy'];
${scopePrompt}
export async function scopeUp(title, strength = 'regular', custom = null) {
  if (!STRENGTHS.includes(strength)) {
    throw new Error(\`Invalid strength \${strength}\`);
  }
  return generateText({ model: openai('gpt-4o'), prompt: scopePrompt(title, strength, custom) });
}
export async function scopeUpTool(args, log) {
  log.info(\`strength \${args.strength}, instructions \${args.prompt}\`);
  return scopeUp('fixed title', args.strength, args.prompt);
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 17, column: 12 }],
    },
    // A check that does not stop the function: the setting may be anything past it.
    {
      code: `${ai}
const STRENGTHS = ['light', 'regular', 'heavy'];
${scopePrompt}
export async function scopeUp(title, strength, custom) {
  if (!STRENGTHS.includes(strength)) {
    console.warn('unknown strength');
  }
  return generateText({ model: openai('gpt-4o'), prompt: scopePrompt(title, strength, custom) });
}
export async function scopeUpTool(args, log) {
  log.info(\`strength \${args.strength}\`);
  return scopeUp('fixed title', args.strength, 'none');
}
`,
      filename: js,
      errors: [{ messageId: 'promptLogged', line: 17, column: 12 }],
    },
    // A substring test on a string is no list of words: 'light and my secret' passes it.
    {
      code: `${ai}
export async function scopeUp(title: string, strength: string) {
  if (!'light regular heavy'.includes(strength)) {
    throw new Error('bad strength');
  }
  console.log('strength', strength);
  return generateText({ model: openai('gpt-4o'), prompt: \`Adjust \${title} with \${strength} strength\` });
}
`,
      errors: [{ messageId: 'promptLogged', line: 6, column: 27 }],
    },
  ],
});
