// src/jobs/summarize-thread.ts: a LangChain pipeline that summarises a support thread.
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import winston from 'winston';

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const model = new ChatOpenAI({ model: 'gpt-4o-mini', temperature: 0 });

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'Summarise the support thread in three bullet points.'],
  ['human', '{thread}'],
]);

export async function summarizeThread(threadId: string, thread: string): Promise<string> {
  const message = await prompt.pipe(model).invoke({ thread });
  logger.info('thread summarised', {
    threadId,
    tokens: message.usage_metadata?.total_tokens,
    id: message.id,
  });
  logger.debug('summary', { threadId, summary: message.content }); // expect: no-model-output-logging
  return typeof message.content === 'string' ? message.content : '';
}

// With a string output parser the chain returns a plain `string`.
export async function summarizeWithParser(threadId: string, thread: string): Promise<string> {
  const chain = prompt.pipe(model).pipe(new StringOutputParser());
  const summary = await chain.invoke({ thread });
  // The chain ends in a StringOutputParser: its result is a plain `string`, still model output.
  logger.info(`summary for ${threadId}: ${summary}`); // expect: no-model-output-logging
  return summary;
}

export async function streamSummary(thread: string, onToken: (token: string) => void): Promise<void> {
  let chunks = 0;
  const stream = await model.stream([
    ['system', 'Summarise the support thread.'],
    ['human', thread],
  ]);
  let merged: AIMessageChunk | undefined;
  for await (const chunk of stream) {
    chunks += 1;
    onToken(chunk.text);
    merged = merged ? merged.concat(chunk) : chunk;
  }
  logger.info('stream done', { chunks });
  logger.verbose('merged stream', { text: merged?.text }); // expect: no-model-output-logging
}
