import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { createRuleTester } from '../rule-tester.js';

// The AI SDK records a call's prompt and output in OpenTelemetry spans when its
// `experimental_telemetry` is enabled: the call itself writes them to telemetry.

const ruleTester = createRuleTester();

// One-line prelude: the case's own code starts on line 2.
const ai = `import { generateText, streamText } from 'ai'; import { openai } from '@ai-sdk/openai';`;

const valid = [
  // Telemetry off, or left at its default (off).
  `${ai}
export async function ask(question: string) {
  await generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: false } });
  return generateText({ model: openai('gpt-4o'), prompt: question });
}
`,
  // Enabled by a flag the source does not fix: a deployment decision, not guessed.
  `${ai}
const tracing = process.env.TRACE === '1';
export async function ask(question: string) {
  return generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: tracing } });
}
`,
  // Recording of both turned off: only timings and token counts go out.
  `${ai}
export async function ask(question: string) {
  return generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true, recordInputs: false, recordOutputs: false } });
}
`,
  // An option named like it on a function of the app.
  `function run(options: { prompt: string; experimental_telemetry?: { isEnabled: boolean } }) {
  return options.prompt.length;
}
export function ask(question: string) {
  return run({ prompt: question, experimental_telemetry: { isEnabled: true } });
}
`,
];

ruleTester.run('no-prompt-logging: SDK telemetry', promptRule, {
  valid: [
    ...valid,
    // Inputs not recorded.
    `${ai}
export async function ask(question: string) {
  return generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true, recordInputs: false } });
}
`,
    // A prompt written entirely in the source.
    `${ai}
export async function haiku() {
  return generateText({ model: openai('gpt-4o'), prompt: 'Write a haiku about autumn.', experimental_telemetry: { isEnabled: true } });
}
`,
  ],
  invalid: [
    {
      code: `${ai}
export async function ask(question: string) {
  return generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true } });
}
`,
      errors: [{ messageId: 'promptLogged', line: 3, column: 10 }],
    },
    // A config from a helper (null when tracing is not set up), spread in only when present.
    {
      code: `${ai}
let tracerReady = false;
export function initTracing() {
  tracerReady = true;
}
function telemetryConfig(functionId: string) {
  if (!tracerReady) return null;
  const config = { isEnabled: true, recordInputs: true, recordOutputs: true, functionId };
  return config;
}
export async function chat(messages: { role: 'user' | 'assistant'; content: string }[]) {
  const telemetry = telemetryConfig('chat');
  const result = streamText({
    model: openai('gpt-4o'),
    messages,
    ...(telemetry && { experimental_telemetry: telemetry }),
  });
  return result.text;
}
`,
      errors: [{ messageId: 'promptLogged', line: 13, column: 18 }],
    },
  ],
});

ruleTester.run('no-model-output-logging: SDK telemetry', outputRule, {
  valid: [
    ...valid,
    `${ai}
export async function ask(question: string) {
  return generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true, recordOutputs: false } });
}
`,
  ],
  invalid: [
    // The SDK's functions destructured from a namespace import, as untyped code often does.
    {
      code: `import * as ai from 'ai'; import { openai } from '@ai-sdk/openai';
const { generateText } = ai;
export async function ask(question: string) {
  const result = await generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true, recordInputs: false } });
  console.log('answer', result.text);
}
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 4, column: 24 },
        { messageId: 'modelOutputLogged', line: 5, column: 25 },
      ],
    },
    {
      code: `${ai}
export async function ask(question: string) {
  const { text } = await generateText({ model: openai('gpt-4o'), prompt: question, experimental_telemetry: { isEnabled: true, recordInputs: false } });
  return text.length;
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 26 }],
    },
  ],
});
