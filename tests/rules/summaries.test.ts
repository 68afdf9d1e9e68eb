// Flows that need function summaries: helpers, classes and callbacks declared in other files
// (tests/fixtures/helpers/summaries/*) or elsewhere in the same file.
import noModelOutputLogging from '../../src/rules/no-model-output-logging.js';
import noPlaintextPromptStorage from '../../src/rules/no-plaintext-prompt-storage.js';
import noPromptLogging from '../../src/rules/no-prompt-logging.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

// One-line preludes: the case's own code starts on line 2.
const llm = `import { ask, countTokens, textOf, idOf, identity, constantLabel, LlmService, even, repeat } from './helpers/summaries/llm.js';`;
const logging = `import { logOutput, logMetadata, logLength, logSecond, auditEvent, logAll, AppLogger, RequestLogger, printDelta, countDelta } from './helpers/summaries/logging.js';`;
const history = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
declare const messages: ChatCompletionMessageParam[];`;

ruleTester.run('summaries: no-model-output-logging', noModelOutputLogging, {
  valid: [
    // A helper that returns a token count, not text.
    `${llm}
console.log(await countTokens('What is the capital of France?'));
`,
    // A helper that logs only metadata of the completion it is given.
    `${logging}
import OpenAI from 'openai';
const completion = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });
logMetadata(completion);
`,
    // A helper that logs only the length.
    `${logging}
${llm}
logLength(await ask('Tell me a story'));
`,
    // A helper that logs only its second argument, given model output as its first.
    `${logging}
${llm}
logSecond(await ask('Tell me a story'), 'story generated');
`,
    // A helper whose result does not depend on its argument.
    `${llm}
console.log(constantLabel(await ask('q')));
`,
    // A helper that returns metadata of a completion.
    `${llm}
import OpenAI from 'openai';
const completion = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(idOf(completion));
`,
    // A custom logger's method that logs a number.
    `${logging}
${llm}
const answer = await ask('q');
new AppLogger().count('answer length', answer.length);
`,
    // A handler declared elsewhere that ignores the delta.
    `${logging}
import Anthropic from '@anthropic-ai/sdk';
new Anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] }).on('text', countDelta);
`,
    // A getter returning metadata a method stored.
    `${llm}
const service = new LlmService();
await service.ask('q');
console.log(service.model);
`,
    // identity() of a number.
    `${llm}
const answer = await ask('q');
console.log(identity(answer.length));
`,
    // Recursive helpers given constants.
    `${llm}
console.log(even('constant', 3), repeat('-', 10));
`,
    // A logging helper given constants and counts.
    `${logging}
${llm}
const answer = await ask('q');
logOutput('answer received');
logOutput(String(answer.length));
auditEvent('answer', { chars: answer.length });
logAll('done');
`,
    // A handler declared elsewhere, called with a constant.
    `${logging}
printDelta('hello');
`,
    // forEach and then with a handler that ignores its argument.
    `${logging}
${llm}
const answers = [await ask('a'), await ask('b')];
answers.forEach(countDelta);
void ask('c').then(countDelta);
`,
    // A class of the caller's own whose method logs nothing.
    `${llm}
class Cache {
  private entries = new Map<string, string>();
  put(key: string, value: string) {
    this.entries.set(key, value);
  }
}
const cache = new Cache();
cache.put('q', await ask('q'));
console.log('cached');
`,
    // A same-file arrow helper that returns the length.
    `${llm}
const sizeOf = (text: string) => text.length;
console.log(sizeOf(await ask('q')));
`,
    // A logger subclass with a count.
    `${logging}
new RequestLogger('r1').count('retries', 2);
`,
    // A helper's answer used only in a condition.
    `${logging}
${llm}
if ((await ask('Is the ticket urgent? Answer yes or no.')).includes('yes')) {
  logOutput('urgent ticket');
}
`,
    // A same-file helper that overwrites its parameter before logging it.
    `${llm}
function report(text: string) {
  text = 'answer withheld';
  console.log(text);
}
report(await ask('q'));
`,
    // A function of the SDK's own sources (the program is the SDK's repository, its examples import
    // them): the package's code, judged by the knowledge tables as an installed SDK is, not walked.
    `${llm}
import { debugLog } from './helpers/sdk-checkout/src/debug.js';
debugLog('answer', await ask('q'));
`,
  ],
  invalid: [
    // A helper in another file that returns the completion text.
    {
      code: `${llm}
console.log(await ask('What is the capital of France?'));
`,
      errors: [
        {
          messageId: 'modelOutputLogged',
          data: { source: "'client.chat.completions.create()'", where: 'llm.ts:9', destination: 'the console log', sink: "'console.log()'" },
          line: 2,
          column: 13,
        },
      ],
    },
    // A logging helper in another file: reported at the call, naming the logger inside.
    {
      code: `${logging}
${llm}
logOutput(await ask('Tell me a story'));
`,
      errors: [
        {
          messageId: 'modelOutputLogged',
          data: { source: "'client.chat.completions.create()'", where: 'llm.ts:9', destination: 'a log', sink: "'logOutput()', which passes it to 'logger.info()'" },
          line: 3,
          column: 11,
        },
      ],
    },
    // Two levels of helpers.
    {
      code: `${logging}
${llm}
auditEvent('answer', await ask('q'));
`,
      errors: [
        {
          messageId: 'modelOutputLogged',
          data: {
            source: "'client.chat.completions.create()'",
            where: 'llm.ts:9',
            destination: 'a log',
            sink: "'auditEvent()' (through 'logOutput()'), which passes it to 'logger.info()'",
          },
          line: 3,
          column: 22,
        },
      ],
    },
    // The second parameter is the logged one.
    {
      code: `${logging}
${llm}
logSecond('story', await ask('Tell me a story'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 20 }],
    },
    // Rest parameters.
    {
      code: `${logging}
${llm}
const first = await ask('a');
const second = await ask('b');
logAll('answers', first, second);
`,
      errors: [
        { messageId: 'modelOutputLogged', line: 5, column: 19 },
        { messageId: 'modelOutputLogged', line: 5, column: 26 },
      ],
    },
    // A custom logger class.
    {
      code: `${logging}
${llm}
const logger = new AppLogger();
logger.info(await ask('q'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 13 }],
    },
    // An inherited sink, reached through another method.
    {
      code: `${logging}
${llm}
new RequestLogger('r1').tagged(await ask('q'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 32 }],
    },
    // A custom logger held in a class field of the caller.
    {
      code: `${logging}
${llm}
export class Handler {
  private readonly log = new AppLogger();
  async run(question: string) {
    const answer = await ask(question);
    this.log.info(answer);
  }
}
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 19 }],
    },
    // Re-exports.
    {
      code: `import { askModel, logOutput } from './helpers/summaries/index.js';
logOutput(await askModel('q'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 11 }],
    },
    // A default export.
    {
      code: `import summarise from './helpers/summaries/llm.js';
console.log(await summarise('the quarterly report'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 13 }],
    },
    // A getter returning what a method stored in a field.
    {
      code: `${llm}
const service = new LlmService();
await service.ask('q');
console.log(service.answer);
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 13 }],
    },
    // A method returning a field.
    {
      code: `${llm}
const service = new LlmService();
console.log(service.latestAnswer());
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 13 }],
    },
    // A method returning the answer.
    {
      code: `${llm}
const service = new LlmService();
console.info(await service.ask('q'));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 14 }],
    },
    // A helper that extracts the text of a completion the caller holds.
    {
      code: `${llm}
import OpenAI from 'openai';
const completion = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(textOf(completion));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 13 }],
    },
    // A pass-through helper.
    {
      code: `${llm}
console.log(identity(await ask('q')));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 13 }],
    },
    // Mutual recursion terminates and still passes the value through.
    {
      code: `${llm}
console.log(even(await ask('q'), 3));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 13 }],
    },
    // Direct recursion.
    {
      code: `${llm}
console.log(repeat(await ask('q'), 2));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 2, column: 13 }],
    },
    // An event handler declared in another file, registered on an SDK stream.
    {
      code: `${logging}
import Anthropic from '@anthropic-ai/sdk';
new Anthropic().messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] }).on('text', printDelta);
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 107 }],
    },
    // A handler passed to then().
    {
      code: `${logging}
${llm}
void ask('q').then(logOutput);
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 20 }],
    },
    // A handler passed to forEach().
    {
      code: `${logging}
${llm}
const answers = [await ask('a'), await ask('b')];
answers.forEach(printDelta);
`,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 17 }],
    },
    // A Vercel AI SDK callback declared away from the call.
    {
      code: `import { streamText } from 'ai';
import { openai } from '@ai-sdk/openai';
${logging}
function onDone(event: { text: string }) {
  logOutput(event.text);
}
streamText({ model: openai('gpt-4o'), prompt: 'Hi', onFinish: onDone });
`,
      errors: [{ messageId: 'modelOutputLogged', line: 7, column: 63 }],
    },
    // A same-file arrow helper assigned to a const.
    {
      code: `${llm}
const shout = (text: string) => text.toUpperCase();
console.log(shout(await ask('q')));
`,
      errors: [{ messageId: 'modelOutputLogged', line: 3, column: 13 }],
    },
    // A same-file wrapper class around the SDK client.
    {
      code: `import OpenAI from 'openai';
class Assistant {
  private readonly client = new OpenAI();
  async reply(question: string) {
    const completion = await this.client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    return completion.choices[0]?.message.content ?? '';
  }
}
const assistant = new Assistant();
const reply = await assistant.reply('q');
console.log(reply);
`,
      errors: [{ messageId: 'modelOutputLogged', line: 11, column: 13 }],
    },
  ],
});

ruleTester.run('summaries: no-prompt-logging', noPromptLogging, {
  valid: [
    // The caller logs something else than what it sends.
    `${llm}
export async function handle(question: string, userId: string) {
  console.log('user', userId);
  return ask(question);
}
`,
    // A helper that logs only the length of the prompt.
    `${logging}
${history}
logLength(JSON.stringify(messages));
`,
    // A token-count helper.
    `${llm}
export async function cost(question: string) {
  const tokens = await countTokens(question);
  console.log('tokens', tokens);
}
`,
    // The custom logger given a count.
    `${logging}
${history}
new AppLogger().count('turns', messages.length);
`,
    // Text not passed to the helper that builds prompts.
    `${llm}
export async function handle(question: string, note: string) {
  console.log(note);
  return ask(question);
}
`,
  ],
  invalid: [
    // A helper that puts its parameter into a prompt makes the caller's argument prompt data.
    {
      code: `${llm}
export async function handle(question: string) {
  console.log('asking', question);
  return ask(question);
}
`,
      errors: [
        {
          messageId: 'promptLogged',
          data: { source: "the 'prompt' passed to 'ask()'", where: 'line 4', destination: 'the console log', sink: "'console.log()'" },
          line: 3,
          column: 25,
        },
      ],
    },
    // A logging helper given a chat history.
    {
      code: `${logging}
${history}
logOutput(JSON.stringify(messages));
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 11 }],
    },
    // A custom logger class given the history.
    {
      code: `${logging}
${history}
new AppLogger().info(\`history: \${JSON.stringify(messages)}\`);
`,
      errors: [{ messageId: 'promptLogged', line: 4, column: 22 }],
    },
    // Through re-exports.
    {
      code: `import { askModel, auditEvent } from './helpers/summaries/index.js';
export async function handle(question: string) {
  auditEvent('question', question);
  return askModel(question);
}
`,
      errors: [{ messageId: 'promptLogged', line: 3, column: 26 }],
    },
    // A default-exported helper's parameter is the prompt.
    {
      code: `import summarise from './helpers/summaries/llm.js';
export async function handle(document: string) {
  console.debug(document);
  return summarise(document);
}
`,
      errors: [{ messageId: 'promptLogged', line: 3, column: 17 }],
    },
  ],
});

ruleTester.run('summaries: no-plaintext-prompt-storage', noPlaintextPromptStorage, {
  valid: [
    // A repository helper that saves only a count.
    `import { saveTurnCount } from './helpers/summaries/storage.js';
${history}
await saveTurnCount('c1', messages);
`,
    // A helper in another file that really encrypts (AES-256-GCM).
    `import { encryptForStorage } from './helpers/summaries/storage.js';
${history}
localStorage.setItem('chat', encryptForStorage(JSON.stringify(messages)).toString('base64'));
`,
    // A repository method that encrypts before saving.
    `import { ChatRepository } from './helpers/summaries/storage.js';
${history}
await new ChatRepository().saveSealed('c1', messages);
`,
    // The repository given non-prompt data.
    `import { saveConversation } from './helpers/summaries/storage.js';
await saveConversation('c1', [{ id: 1, createdAt: Date.now() }]);
`,
    // Model output alone saved through the repository: not prompt data.
    `import { saveConversation } from './helpers/summaries/storage.js';
${llm}
await saveConversation('c1', [await countTokens('q')]);
`,
    // Encrypting helper given through re-exports? No: the re-exported save with constants.
    `import { persistConversation } from './helpers/summaries/index.js';
await persistConversation('c1', []);
`,
    // A same-file helper that hashes before storing.
    `import { createHash } from 'node:crypto';
${history}
function fingerprint(value: unknown) {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
localStorage.setItem('chat-hash', fingerprint(messages));
`,
  ],
  invalid: [
    // A repository function in another file that ends in pool.query().
    {
      code: `import { saveConversation } from './helpers/summaries/storage.js';
${history}
await saveConversation('c1', messages);
`,
      errors: [
        {
          messageId: 'promptStored',
          data: { source: "'messages'", where: 'line 3', destination: 'a database', sink: "'saveConversation()', which passes it to 'pool.query()'" },
          line: 4,
          column: 30,
        },
      ],
    },
    // Through a re-export alias.
    {
      code: `import { persistConversation } from './helpers/summaries/index.js';
${history}
await persistConversation('c1', messages);
`,
      errors: [{ messageId: 'promptStored', line: 4, column: 33 }],
    },
    // A repository class method, two levels deep.
    {
      code: `import { ChatRepository } from './helpers/summaries/storage.js';
${history}
const repository = new ChatRepository();
await repository.save('c1', messages);
`,
      errors: [{ messageId: 'promptStored', line: 5, column: 29 }],
    },
    // A helper that only base64-encodes: not encryption.
    {
      code: `import { obfuscate } from './helpers/summaries/storage.js';
${history}
localStorage.setItem('chat', obfuscate(JSON.stringify(messages)));
`,
      errors: [{ messageId: 'promptStored', line: 4, column: 30 }],
    },
    // A prompt made prompt by a helper in another file, then stored.
    {
      code: `import { appendFileSync } from 'node:fs';
${llm}
export async function handle(question: string) {
  appendFileSync('questions.txt', question);
  return ask(question);
}
`,
      errors: [{ messageId: 'promptStored', line: 4, column: 35 }],
    },
  ],
});
