import path from 'node:path';

import rule from '../../src/rules/no-hardcoded-llm-credentials.js';
import { createRuleTester, FIXTURES_DIR } from '../rule-tester.js';

const ruleTester = createRuleTester();

// Fake keys with the real shapes (random, never issued).
const OPENAI_LEGACY = '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';
const OPENAI_PROJECT =
  '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';
const OPENAI_SERVICE = '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';
const ANTHROPIC = 'sk-ant-api03-zn1YYLzSLafJhj8I8YiI7TRG5kkfddw2-xyb7N5mvDuHexCpUz5aDerLEKg8Fwk7oG97GiCI_-vDNzOCZDMGnChkNKaR6AA';
const GOOGLE = 'AIzaQOg7POm39bJq3R7rz2Hs8F2t02J2pGE4ulm';
const GROQ = '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';
const HUGGING_FACE = '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';
const REPLICATE = 'r8_yO0zCz2v8yHyil2hujqqXnjikYlJ4SRRpDr4l';
const DEEPSEEK = 'sk-88b4fc970c8770a4c1cbda49d1089e9d';
const OPENROUTER = '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';
const XAI = 'xai-sqVSuvUsTMoVLXvAzCBKbv8T56QqhwbXu7PML6BZdXdRlV9pwsuXbK3ZORX194YHcbVWDseVnHZejdFH';
const PERPLEXITY = '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';
const MISTRAL = 'JwAMy45KwlCKLYL4OykJAfAbb3ih9k1T';
const COMMIT_SHA = '0d2617c70a9a70f618f1fa3184b9b4c8819811e7';

/** `code` with the one occurrence of `from` replaced: the expected output of a suggestion. */
function swap(code: string, from: string, to: string): string {
  const index = code.indexOf(from);
  if (index === -1 || code.indexOf(from, index + 1) !== -1) {
    throw new Error(`expected exactly one ${from} in the test code`);
  }
  return code.slice(0, index) + to + code.slice(index + from.length);
}

/** The suggestion that replaces the literal `'key'` (quoted as written) by `process.env.NAME`. */
function useEnv(code: string, literal: string, name: string, replacement = `process.env.${name}`) {
  return [{ messageId: 'useEnv' as const, data: { name }, output: swap(code, literal, replacement) }];
}

const webAppBearer = `const AUTHORIZATION_VALUE = 'Bearer AAAAAAAAAAAAAAAAAAAAAJq2bTzH4x9wP0kLm3NcVb7sRtYu';
export async function ask(conversationId: string, prompt: string, csrfToken: string) {
  return fetch('https://api.x.example/2/grok/add_response.json', {
    method: 'POST',
    headers: { Authorization: AUTHORIZATION_VALUE, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ conversationId, responses: [{ message: prompt, sender: 1 }] }),
  });
}`;
const webAppSession = `export async function ask(accessToken: string, prompt: string) {
  return fetch('https://chat.openai.com/backend-api/conversation', {
    method: 'POST',
    headers: { Authorization: \`Bearer \${accessToken}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'next', messages: [{ content: { parts: [prompt] } }] }),
  });
}`;
const openaiApiKey = `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: '${OPENAI_PROJECT}' });`;
const legacyApiKey = `import OpenAI from 'openai';
export const openai = new OpenAI({ apiKey: '${OPENAI_LEGACY}', organization: 'org-team' });`;
const unshapedKey = `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'https://llm-gateway.corp.example/v1', apiKey: 'gw-prod-4f9a8b7c6d5e' });`;
const mistralKey = `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ apiKey: '${MISTRAL}' });`;
const anthropicKey = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ apiKey: '${ANTHROPIC}' });`;
const anthropicToken = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ authToken: 'corp-sso-token-9d8c7b6a' });`;
const constKey = `import OpenAI from 'openai';
const OPENAI_KEY = '${OPENAI_LEGACY}';
export const client = new OpenAI({ apiKey: OPENAI_KEY });`;
const shorthandKey = `import OpenAI from 'openai';
const apiKey = 'team-shared-key-42af91';
export const client = new OpenAI({ apiKey });`;
const constOptions = `import OpenAI from 'openai';
const config = {
  baseURL: 'https://openrouter.ai/api/v1',
  apiKey: 'or-team-0b1c2d3e4f5a',
};
export const client = new OpenAI(config);`;
const envFallback = `import OpenAI from 'openai';
export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '${OPENAI_SERVICE}' });`;
const deepseekHost = `import OpenAI from 'openai';
const deepseek = new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: 'ds-live-7c1e9a2b4d' });`;
const bearerHeader = `import OpenAI from 'openai';
const client = new OpenAI({
  baseURL: 'https://gateway.corp.example/v1',
  defaultHeaders: { Authorization: 'Bearer gw_live_8fK2mQ9xLp4R' },
});`;
const anthropicHeader = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ defaultHeaders: { 'x-api-key': 'proxy-key-55d1e0c2' } });`;
const aiSdkOpenAI = `import { createOpenAI } from '@ai-sdk/openai';
export const openai = createOpenAI({ apiKey: '${OPENAI_LEGACY}' });`;
const aiSdkAnthropic = `import { createAnthropic } from '@ai-sdk/anthropic';
export const anthropic = createAnthropic({ apiKey: '${ANTHROPIC}' });`;
const aiSdkHeader = `import { createOpenAI } from '@ai-sdk/openai';
export const azure = createOpenAI({ baseURL: 'https://res.openai.azure.com/openai', headers: { 'api-key': 'f3a9c1e7b5d24680ace13579bdf02468' } });`;
const langchainKey = `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: '${OPENAI_LEGACY}' });`;
const langchainConfigKey = `import { OpenAIEmbeddings } from '@langchain/openai';
const embeddings = new OpenAIEmbeddings({ configuration: { apiKey: 'emb-svc-3e4f5a6b7c' } });`;
const azureLangchain = `import { AzureChatOpenAI } from '@langchain/openai';
const model = new AzureChatOpenAI({ azureOpenAIApiKey: 'f3a9c1e7b5d24680ace13579bdf02468', azureOpenAIApiInstanceName: 'corp' });`;
const googleKey = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: '${GOOGLE}' });`;
const groqKey = `import Groq from 'groq-sdk';
const groq = new Groq({ apiKey: '${GROQ}' });`;
const ollamaCloud = `import { Ollama } from 'ollama';
const ollama = new Ollama({ host: 'https://ollama.com', headers: { Authorization: 'Bearer 3f2a1b0c9d8e7f6a' } });`;
const fetchConst = `const OPENAI_KEY = '${OPENAI_LEGACY}';
const res = await fetch('https://api.openai.com/v1/chat/completions', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${OPENAI_KEY}\`, 'Content-Type': 'application/json' },
});`;
const axiosHeader = `import axios from 'axios';
const res = await axios.post('https://api.anthropic.com/v1/messages', { model: 'claude-sonnet-4-5' }, {
  headers: { 'x-api-key': 'anthropic-proxy-77aa01', 'anthropic-version': '2023-06-01' },
});`;
const subclass = `import OpenAI from 'openai';
class TracedClient extends OpenAI {}
export const client = new TracedClient({ apiKey: 'traced-client-key-1a2b3c' });`;
const keysObject = `import OpenAI from 'openai';
const KEYS = { openai: 'shared-openai-key-1f2e3d', other: 1 } as const;
export const client = new OpenAI({ apiKey: KEYS.openai });`;
const unrelatedObject = `export const settings = { providers: { openai: { key: '${OPENAI_PROJECT}' } } };`;
const huggingFace = `import { downloadFile } from '@huggingface/hub';
const file = await downloadFile({ repo: 'meta-llama/Llama-3.2-1B', path: 'config.json', accessToken: '${HUGGING_FACE}' });`;
const replicate = `const REPLICATE_API_TOKEN = '${REPLICATE}';
export default REPLICATE_API_TOKEN;`;
const groqTemplate = `const authorization = \`Bearer ${GROQ}\`;`;
const geminiUrl = `const res = await fetch(\`https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${GOOGLE}\`, { method: 'POST' });`;
const bearerString = `const headers = { Authorization: 'Bearer ${OPENAI_LEGACY}' };`;
const deepseekString = `export const DEEPSEEK = { key: '${DEEPSEEK}', model: 'deepseek-chat' };`;
const openrouterString = `export const openRouterKey = '${OPENROUTER}';`;
const xaiString = `export const grok = { apiKey: '${XAI}' };`;
const perplexityString = `export const pplx = ['${PERPLEXITY}'];`;
const jsxAttribute = `export const Chat = () => <ChatWidget apiKey="${OPENAI_LEGACY}" />;
declare function ChatWidget(props: { apiKey: string }): null;`;
const concatenated = `import OpenAI from 'openai';
const TOKEN = 'lb-7f3e9a1c2d4b';
export const client = new OpenAI({ baseURL: 'https://lb.corp.example/v1', defaultHeaders: { authorization: 'Bearer ' + TOKEN } });`;
const composedKey = `import OpenAI from 'openai';
const TEAM = 'search';
const SECRET = '8c2f4e6a0b1d';
export const client = new OpenAI({ apiKey: \`team-\${TEAM}-\${SECRET}\` });`;
const ignoredElsewhere = `import OpenAI from 'openai';
export const client = new OpenAI({ apiKey: '${OPENAI_LEGACY}' });`;

ruleTester.run('no-hardcoded-llm-credentials', rule, {
  valid: [
    // A chat service's web API called with the user's own session token.
    webAppSession,
    // Keys from the environment, import.meta.env, or a secret manager.
    `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: process.env['OPENAI_API_KEY'] ?? '' });`,
    `import { createOpenAI } from '@ai-sdk/openai';
export const openai = createOpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });`,
    `import Anthropic from '@anthropic-ai/sdk';
declare function getSecret(name: string): Promise<string>;
const anthropic = new Anthropic({ apiKey: await getSecret('anthropic/api-key') });`,
    `import { GoogleGenAI } from '@google/genai';
declare const secrets: { get(name: string): string };
const apiKey = secrets.get('GEMINI_API_KEY');
const ai = new GoogleGenAI({ apiKey });`,
    // Empty strings and the dummy keys local servers ask for.
    `import OpenAI from 'openai';
const ollama = new OpenAI({ baseURL: 'http://localhost:11434/v1', apiKey: 'ollama' });
const lmStudio = new OpenAI({ baseURL: 'http://localhost:1234/v1', apiKey: 'lm-studio' });
const vllm = new OpenAI({ baseURL: 'http://localhost:8000/v1', apiKey: 'EMPTY' });
const llamaCpp = new OpenAI({ baseURL: 'http://localhost:8080/v1', apiKey: 'sk-no-key-required' });
const other = new OpenAI({ baseURL: 'http://localhost:5000/v1', apiKey: 'not-needed' });
const blank = new OpenAI({ apiKey: '' });`,
    // Obvious placeholders.
    `import OpenAI from 'openai';
const a = new OpenAI({ apiKey: 'sk-...' });
const b = new OpenAI({ apiKey: 'your-api-key' });
const c = new OpenAI({ apiKey: 'YOUR_OPENAI_API_KEY' });
const d = new OpenAI({ apiKey: 'sk-your-key-here' });
const e = new OpenAI({ apiKey: '<OPENAI_API_KEY>' });
const f = new OpenAI({ apiKey: 'sk-xxxxxxxxxxxxxxxxxxxxxxxx' });
const g = new OpenAI({ apiKey: 'insertYourKeyHere' });
const h = new OpenAI({ apiKey: 'sk-test' });`,
    `import { createAnthropic } from '@ai-sdk/anthropic';
export const anthropic = createAnthropic({ apiKey: 'sk-ant-...' });`,
    // Fillers with real prefixes and lengths.
    `const filler = 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
const zeros = 'sk-000000000000000000000000000000000000000000000000';
const stars = 'gsk_****************************************************';`,
    `import { Groq } from 'groq-sdk';
const groq = new Groq({ apiKey: 'gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' });`,
    // A 40-hex commit SHA is a revision pin, not a key.
    `export const revision = '${COMMIT_SHA}';`,
    `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: '${COMMIT_SHA}' });`,
    // Look-alikes: CSS classes, key-format regexes, short or wrong-alphabet strings, longer identifiers.
    `export const className = 'sk-button sk-button--primary sk-spinner';`,
    `export const OPENAI_KEY_FORMAT = /^sk-[A-Za-z0-9]{48}$/;
export const HF_FORMAT = '^hf_[A-Za-z]{34}$';`,
    `export const samples = ['sk-abc123', 'AIzaSyExample', 'hf_xxx', 'r8_token', 'gsk_short'];`,
    `export const upperHex = 'sk-88B4FC970C8770A4C1CBDA49D1089E9D';`,
    `export const identifier = 'cache_hf_qxugBNERwUylrIoUFfaFURSRCvYVQNRAbjx';`,
    `export const requestId = '3f1c2b9e-6a4d-4e8f-9b2a-7c5d1e0f3a6b';`,
    // A sentence or the name of the variable is not a key.
    `import OpenAI from 'openai';
const a = new OpenAI({ apiKey: 'set OPENAI_API_KEY in your .env file' });
const b = new OpenAI({ apiKey: 'OPENAI_API_KEY' });`,
    // Literal keys for services that are not LLM APIs are out of scope.
    `class PaymentsClient {
  constructor(readonly options: { apiKey: string }) {}
}
export const payments = new PaymentsClient({ apiKey: 'pay-live-8f7e6d5c4b3a' });`,
    `const res = await fetch('https://api.github.com/repos/o/r', { headers: { Authorization: 'Bearer ghp-internal-7a8b9c' } });`,
    // Headers built from the environment.
    `import OpenAI from 'openai';
const client = new OpenAI({
  baseURL: 'https://gateway.corp.example/v1',
  defaultHeaders: { Authorization: \`Bearer \${process.env.GATEWAY_TOKEN}\`, 'x-team': 'search-quality-team' },
});`,
    `const res = await fetch('https://api.anthropic.com/v1/messages', {
  method: 'POST',
  headers: { 'x-api-key': process.env.ANTHROPIC_API_KEY ?? '', 'anthropic-version': '2023-06-01' },
});`,
    // let variables are not followed (their value may change).
    `import OpenAI from 'openai';
let key = '';
declare function load(): Promise<string>;
key = await load();
const client = new OpenAI({ apiKey: key });`,
    // Environment variables set from other variables or cleared.
    `process.env.OPENAI_API_KEY = process.env.OPENAI_API_KEY_PROD;
process.env.ANTHROPIC_API_KEY = '';`,
    // Sequences and repetitions are fillers; compositions with unknown parts are not judged piecewise.
    `import OpenAI from 'openai';
const a = new OpenAI({ apiKey: 'sk-1234567890' });
const b = new OpenAI({ apiKey: 'abcabcabcabc' });
const ORG = 'acme-corp-prod';
const c = new OpenAI({ apiKey: \`\${ORG}-\${process.env.OPENAI_KEY_SUFFIX}\` });
const d = new OpenAI({ apiKey: ORG + process.env.OPENAI_KEY_SUFFIX });`,
    // Option: ignore test fixtures.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI({ apiKey: '${OPENAI_LEGACY}' });`,
      options: [{ ignorePatterns: ['**/fixtures/**'] }],
    },
    {
      code: `export const key = '${GROQ}';`,
      options: [{ ignorePatterns: ['file.ts'] }],
    },
    // Option: project-specific placeholders.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://localhost:4000', apiKey: 'litellm-dev-master' });`,
      options: [{ placeholders: ['litellm-dev-master'] }],
    },
    // Option: comments not checked.
    {
      code: `// Rotated on 2025-01-10, old key was ${OPENAI_LEGACY}
export {};`,
      options: [{ checkComments: false }],
    },
    // Comments that only show the format.
    `// Set OPENAI_API_KEY (it looks like sk-proj-...) and HF_TOKEN (hf_xxx) before running.
export {};`,
  ],
  invalid: [
    {
      code: openaiApiKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 37, suggestions: useEnv(openaiApiKey, `'${OPENAI_PROJECT}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: legacyApiKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 44, suggestions: useEnv(legacyApiKey, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
    // Any non-placeholder literal reaching apiKey, with or without a known shape.
    {
      code: unshapedKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 85, suggestions: useEnv(unshapedKey, `'gw-prod-4f9a8b7c6d5e'`, 'OPENAI_API_KEY') }],
    },
    {
      code: mistralKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 39, suggestions: useEnv(mistralKey, `'${MISTRAL}'`, 'MISTRAL_API_KEY') }],
    },
    {
      code: anthropicKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 43, suggestions: useEnv(anthropicKey, `'${ANTHROPIC}'`, 'ANTHROPIC_API_KEY') }],
    },
    {
      code: anthropicToken,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 46, suggestions: useEnv(anthropicToken, `'corp-sso-token-9d8c7b6a'`, 'ANTHROPIC_API_KEY') }],
    },
    // A const that reaches the client: reported (and fixed) at the literal.
    {
      code: constKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 20, suggestions: useEnv(constKey, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: shorthandKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 16, suggestions: useEnv(shorthandKey, `'team-shared-key-42af91'`, 'OPENAI_API_KEY') }],
    },
    // Options in a const object; the env name follows the host the client is pointed at.
    {
      code: constOptions,
      errors: [{ messageId: 'hardcodedClientKey', line: 4, column: 11, suggestions: useEnv(constOptions, `'or-team-0b1c2d3e4f5a'`, 'OPENROUTER_API_KEY') }],
    },
    {
      code: deepseekHost,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 76, suggestions: useEnv(deepseekHost, `'ds-live-7c1e9a2b4d'`, 'DEEPSEEK_API_KEY') }],
    },
    // A literal fallback after the environment variable.
    {
      code: envFallback,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 74, suggestions: useEnv(envFallback, `'${OPENAI_SERVICE}'`, 'OPENAI_API_KEY') }],
    },
    // Credential headers of a client.
    {
      code: bearerHeader,
      errors: [
        {
          messageId: 'hardcodedClientKey',
          line: 4,
          column: 36,
          suggestions: useEnv(bearerHeader, `'Bearer gw_live_8fK2mQ9xLp4R'`, 'OPENAI_API_KEY', '`Bearer ${process.env.OPENAI_API_KEY}`'),
        },
      ],
    },
    {
      code: anthropicHeader,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 66, suggestions: useEnv(anthropicHeader, `'proxy-key-55d1e0c2'`, 'ANTHROPIC_API_KEY') }],
    },
    // AI SDK factories.
    {
      code: aiSdkOpenAI,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 46, suggestions: useEnv(aiSdkOpenAI, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: aiSdkAnthropic,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 52, suggestions: useEnv(aiSdkAnthropic, `'${ANTHROPIC}'`, 'ANTHROPIC_API_KEY') }],
    },
    {
      code: aiSdkHeader,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 107, suggestions: useEnv(aiSdkHeader, `'f3a9c1e7b5d24680ace13579bdf02468'`, 'AZURE_OPENAI_API_KEY') }],
    },
    // LangChain.
    {
      code: langchainKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 62, suggestions: useEnv(langchainKey, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: langchainConfigKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 68, suggestions: useEnv(langchainConfigKey, `'emb-svc-3e4f5a6b7c'`, 'OPENAI_API_KEY') }],
    },
    {
      code: azureLangchain,
      errors: [
        { messageId: 'hardcodedClientKey', line: 2, column: 56, suggestions: useEnv(azureLangchain, `'f3a9c1e7b5d24680ace13579bdf02468'`, 'AZURE_OPENAI_API_KEY') },
      ],
    },
    // Google, Groq, Ollama (cloud, bearer header).
    {
      code: googleKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 38, suggestions: useEnv(googleKey, `'${GOOGLE}'`, 'GEMINI_API_KEY') }],
    },
    {
      code: groqKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 33, suggestions: useEnv(groqKey, `'${GROQ}'`, 'GROQ_API_KEY') }],
    },
    {
      code: ollamaCloud,
      errors: [
        {
          messageId: 'hardcodedClientKey',
          line: 2,
          column: 83,
          suggestions: useEnv(ollamaCloud, `'Bearer 3f2a1b0c9d8e7f6a'`, 'OLLAMA_API_KEY', '`Bearer ${process.env.OLLAMA_API_KEY}`'),
        },
      ],
    },
    // fetch / axios requests to LLM APIs with literal credential headers.
    {
      code: fetchConst,
      errors: [{ messageId: 'hardcodedRequestKey', line: 1, column: 20, suggestions: useEnv(fetchConst, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: axiosHeader,
      errors: [{ messageId: 'hardcodedRequestKey', line: 3, column: 27, suggestions: useEnv(axiosHeader, `'anthropic-proxy-77aa01'`, 'ANTHROPIC_API_KEY') }],
    },
    // A chat service's own web API (the endpoints the flow rules know), a bearer token in a constant.
    {
      code: webAppBearer,
      errors: [
        {
          messageId: 'hardcodedRequestKey',
          line: 1,
          column: 29,
          suggestions: useEnv(webAppBearer, `'Bearer AAAAAAAAAAAAAAAAAAAAAJq2bTzH4x9wP0kLm3NcVb7sRtYu'`, 'LLM_API_KEY', '`Bearer ${process.env.LLM_API_KEY}`'),
        },
      ],
    },
    // A project subclass inheriting the SDK constructor; a property of a const object.
    {
      code: subclass,
      errors: [{ messageId: 'hardcodedClientKey', line: 3, column: 50, suggestions: useEnv(subclass, `'traced-client-key-1a2b3c'`, 'OPENAI_API_KEY') }],
    },
    {
      code: keysObject,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 24, suggestions: useEnv(keysObject, `'shared-openai-key-1f2e3d'`, 'OPENAI_API_KEY') }],
    },
    // Assigned to the environment variable an SDK reads: no suggestion (delete the line instead).
    {
      code: `process.env.OPENAI_API_KEY = '${OPENAI_LEGACY}';
process.env['GROQ_API_KEY'] = 'groq-team-key-9a8b7c';
globalThis.process.env.MISTRAL_API_KEY = 'mistral-team-key-4d5e6f';`,
      errors: [
        { messageId: 'hardcodedEnvKey', line: 1, column: 30 },
        { messageId: 'hardcodedEnvKey', line: 2, column: 31 },
        { messageId: 'hardcodedEnvKey', line: 3, column: 42 },
      ],
    },
    // Known key shapes anywhere in the file.
    {
      code: unrelatedObject,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 55, suggestions: useEnv(unrelatedObject, `'${OPENAI_PROJECT}'`, 'OPENAI_API_KEY') }],
    },
    {
      code: huggingFace,
      errors: [{ messageId: 'knownKeyShape', line: 2, column: 102, suggestions: useEnv(huggingFace, `'${HUGGING_FACE}'`, 'HF_TOKEN') }],
    },
    {
      code: replicate,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 29, suggestions: useEnv(replicate, `'${REPLICATE}'`, 'REPLICATE_API_TOKEN') }],
    },
    {
      code: groqTemplate,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 31, suggestions: useEnv(groqTemplate, GROQ, 'GROQ_API_KEY', '${process.env.GROQ_API_KEY}') }],
    },
    {
      code: geminiUrl,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 119, suggestions: useEnv(geminiUrl, GOOGLE, 'GEMINI_API_KEY', '${process.env.GEMINI_API_KEY}') }],
    },
    {
      code: bearerString,
      errors: [
        {
          messageId: 'knownKeyShape',
          line: 1,
          column: 34,
          suggestions: useEnv(bearerString, `'Bearer ${OPENAI_LEGACY}'`, 'OPENAI_API_KEY', '`Bearer ${process.env.OPENAI_API_KEY}`'),
        },
      ],
    },
    {
      code: deepseekString,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 32, suggestions: useEnv(deepseekString, `'${DEEPSEEK}'`, 'DEEPSEEK_API_KEY') }],
    },
    {
      code: openrouterString,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 30, suggestions: useEnv(openrouterString, `'${OPENROUTER}'`, 'OPENROUTER_API_KEY') }],
    },
    {
      code: xaiString,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 31, suggestions: useEnv(xaiString, `'${XAI}'`, 'XAI_API_KEY') }],
    },
    {
      code: perplexityString,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 22, suggestions: useEnv(perplexityString, `'${PERPLEXITY}'`, 'PERPLEXITY_API_KEY') }],
    },
    // In a comment: reported at the key, no suggestion.
    {
      code: `// Rotated on 2025-01-10, old key was ${ANTHROPIC}
export {};`,
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 39 }],
    },
    // In a JSX attribute: the suggestion wraps the expression in braces.
    {
      code: jsxAttribute,
      filename: path.join(FIXTURES_DIR, 'react.tsx'),
      errors: [{ messageId: 'knownKeyShape', line: 1, column: 46, suggestions: useEnv(jsxAttribute, `"${OPENAI_LEGACY}"`, 'OPENAI_API_KEY', '{process.env.OPENAI_API_KEY}') }],
    },
    // 'Bearer ' + a const: reported at the const's literal.
    {
      code: concatenated,
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 15, suggestions: useEnv(concatenated, `'lb-7f3e9a1c2d4b'`, 'OPENAI_API_KEY') }],
    },
    // A template of known parts: reported as a whole (no single literal to replace).
    {
      code: composedKey,
      errors: [{ messageId: 'hardcodedClientKey', line: 4, column: 44 }],
    },
    // An ignore pattern that does not match this file.
    {
      code: ignoredElsewhere,
      options: [{ ignorePatterns: ['**/*.test.ts', 'src/__fixtures__/**'] }],
      errors: [{ messageId: 'hardcodedClientKey', line: 2, column: 44, suggestions: useEnv(ignoredElsewhere, `'${OPENAI_LEGACY}'`, 'OPENAI_API_KEY') }],
    },
  ],
});
