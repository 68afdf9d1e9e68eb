import outputRule from '../../src/rules/no-model-output-logging.js';
import promptRule from '../../src/rules/no-prompt-logging.js';
import { createRuleTester } from '../rule-tester.js';

// A LangChain runnable run with a LangSmith tracer among its callbacks uploads the run's input and the
// outputs of its steps, the model's answer included. Reported at the run, like an AI SDK call with
// telemetry on. `@langchain/langgraph` is not installed here: a graph is known by its import binding.

const ruleTester = createRuleTester();

// Two-line prelude: a case's own code starts on line 3.
const chain = `import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';`;

const tracedChain = `${chain}
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain';
const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
export async function ask(question: string, tracer?: LangChainTracer) {
  return prompt.pipe(model).invoke({ question }, { callbacks: tracer !== undefined ? [tracer] : [] });
}
`;

ruleTester.run('no-prompt-logging: LangSmith tracing', promptRule, {
  valid: [
    // Callbacks that are not a tracer.
    `${chain}
const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
export async function ask(question: string) {
  return prompt.pipe(model).invoke({ question }, { callbacks: [{ handleLLMEnd: () => undefined }] });
}
`,
    // No callbacks at all.
    `${chain}
const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
export async function ask(question: string) {
  return prompt.pipe(model).invoke({ question }, { tags: ['qa'] });
}
`,
    // A traced run whose input is written entirely in the source.
    `${chain}
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain';
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
export async function smokeTest(tracer: LangChainTracer) {
  return model.invoke('Say hello.', { callbacks: [tracer] });
}
`,
  ],
  invalid: [
    {
      code: tracedChain,
      errors: [{ messageId: 'promptLogged', line: 7, column: 10 }],
    },
    // A LangGraph graph built by a long builder chain (package not installed here), the tracer created
    // in the same function.
    {
      code: `import { StateGraph } from '@langchain/langgraph';
import { LangChainTracer } from '@langchain/core/tracers/tracer_langchain';
export async function run(messages: { role: string; content: string }[], state: unknown, node: () => void) {
  const graph = new StateGraph(state).addNode('rephrase', node).addNode('retrieve', node).addNode('answer', node).addEdge('__start__', 'rephrase').addEdge('rephrase', 'retrieve').addEdge('retrieve', 'answer').compile();
  const tracer = new LangChainTracer({ projectName: 'dev' });
  return graph.streamEvents({ messages }, { version: 'v2', callbacks: [tracer] });
}
`,
      errors: [{ messageId: 'promptLogged', line: 6, column: 10 }],
    },
  ],
});

ruleTester.run('no-model-output-logging: LangSmith tracing', outputRule, {
  valid: [
    `${chain}
const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
const model = new ChatOpenAI({ model: 'gpt-4o-mini' });
export async function ask(question: string) {
  return prompt.pipe(model).invoke({ question }, { callbacks: [] });
}
`,
  ],
  invalid: [
    {
      code: tracedChain,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 10 }],
    },
  ],
});
