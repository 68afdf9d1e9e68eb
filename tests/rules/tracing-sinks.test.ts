import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { createRuleTester } from '../rule-tester.js';

// LLM tracing SDKs as sinks: what an app hands Langfuse as an observation's `input` and `output` is
// sent to the tracing backend. Against the real declarations of `@langfuse/tracing` (v4+) and
// `langfuse` (v3).

const ruleTester = createRuleTester();

// Three-line prelude: the case's own code starts on line 4.
const tracing = `import OpenAI from 'openai';
import { startActiveObservation, startObservation, updateActiveObservation } from '@langfuse/tracing';
const client = new OpenAI();`;
const v3 = `import OpenAI from 'openai';
import { Langfuse } from 'langfuse';
const client = new OpenAI(); const langfuse = new Langfuse();`;

ruleTester.run('no-model-output-logging: tracing', outputRule, {
  valid: [
    // Token counts and the model name as the output, the answer's length in the metadata.
    `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.update({ output: { tokens: completion.usage?.total_tokens, model: completion.model } });
  span.end();
  return completion.choices[0]?.message.content;
}
`,
    // An update object built beforehand that holds only the finish reason.
    `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const update: { statusMessage?: string; output?: unknown } = {};
  update.statusMessage = completion.choices[0]?.finish_reason ?? 'unknown';
  span.update(update);
  return completion.choices[0]?.message.content;
}
`,
    // A span of another tracing library with the same method names is no Langfuse observation.
    `import OpenAI from 'openai';
import { trace } from '@opentelemetry/api';
const client = new OpenAI();
export async function ask(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const span = trace.getTracer('app').startSpan('chat');
  span.updateName(\`chat \${completion.model}\`);
  span.end();
}
`,
    // v3: a trace updated with the token count only.
    `${v3}
export async function ask(question: string) {
  const trace = langfuse.trace({ name: 'chat' });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  trace.update({ output: { tokens: completion.usage?.total_tokens } });
}
`,
  ],
  invalid: [
    // The answer as the span's output.
    {
      code: `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.update({ output: completion.choices[0]?.message.content });
  span.end();
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 15 }],
    },
    // Inside an active observation, and on the active observation itself.
    {
      code: `${tracing}
export async function ask(question: string) {
  return startActiveObservation('chat', async span => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    const text = completion.choices[0]?.message.content ?? '';
    span.update({ output: text });
    updateActiveObservation({ output: { text } });
    return text;
  });
}
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 8, column: 17 },
        { messageId: 'modelOutputLogged', line: 9, column: 29 },
      ],
    },
    // An update object filled in one field at a time, then handed over.
    {
      code: `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const update: { statusMessage?: string; output?: unknown } = {};
  update.output = completion.choices[0]?.message.content;
  span.update(update);
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 9, column: 15 }],
    },
    // Every attribute is sent, not only input and output.
    {
      code: `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat');
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.update({ statusMessage: completion.choices[0]?.message.content ?? '' });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 15 }],
    },
    // v3: a generation ended with the answer.
    {
      code: `${v3}
export async function ask(question: string) {
  const generation = langfuse.trace({ name: 'chat' }).generation({ name: 'answer', model: 'gpt-4o' });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  generation.end({ output: completion.choices[0]?.message });
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 18 }],
    },
  ],
});

ruleTester.run('no-prompt-logging: tracing', promptRule, {
  valid: [
    // The question's length as the input.
    `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat', { input: { chars: question.length } });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.end();
  return completion;
}
`,
  ],
  invalid: [
    // The user's question as the observation's input.
    {
      code: `${tracing}
export async function ask(question: string) {
  const span = startObservation('chat', { input: question });
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  span.end();
  return completion;
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 41 }],
    },
    // v3: the trace's input.
    {
      code: `${v3}
export async function ask(question: string) {
  langfuse.trace({ name: 'chat', input: question });
  return client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
}
`,
      errors: [{ messageId: 'promptLogged', line: 5, column: 18 }],
    },
  ],
});
