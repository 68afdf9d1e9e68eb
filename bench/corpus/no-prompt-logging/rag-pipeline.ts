// A retrieval-augmented answer with LangChain and the Vercel AI SDK side by side.
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
import createDebug from 'debug';

const debug = createDebug('rag');
const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'Answer from the context only.'],
  ['human', 'Context:\n{context}\n\nQuestion: {question}'],
]);
const chain = prompt.pipe(new ChatOpenAI({ model: 'gpt-4o-mini' }));

declare function retrieve(query: string): Promise<string[]>;

export async function answerWithLangChain(question: string): Promise<string> {
  const passages = await retrieve(question);
  debug('retrieved %d passages', passages.length);
  debug('question: %s', question); // expect: no-prompt-logging
  const reply = await chain.invoke({ context: passages.join('\n---\n'), question });
  return typeof reply.content === 'string' ? reply.content : '';
}

export async function answerWithAiSdk(question: string, history: string[]): Promise<string> {
  const context = (await retrieve(question)).join('\n');
  const fullPrompt = `${history.join('\n')}\n\nContext:\n${context}\n\nQ: ${question}`;
  console.info('prompt size', fullPrompt.length);
  console.debug(fullPrompt); // expect: no-prompt-logging
  const { text, usage } = await generateText({ model: openai('gpt-4o-mini'), prompt: fullPrompt });
  console.info('tokens', usage.totalTokens);
  return text;
}
