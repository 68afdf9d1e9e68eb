import path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import rule from '../../src/rules/no-insecure-llm-transport.js';
import { createRuleTester, FIXTURES_DIR } from '../rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-insecure-llm-transport', rule, {
  valid: [
    // A request method's name on something that sends no request: an LLM path as a route, a plain-http LLM URL as a map key.
    `import express from 'express';
const router = express.Router();
router.post('/v1/chat/completions', (req, res) => res.end());`,
    `const latency = new Map<string, number>();
latency.get('http://10.0.0.5:8000/v1/chat/completions');`,
    // https to the hosted API and to a self-hosted gateway.
    `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY });`,
    `import OpenAI from 'openai';
const deepseek = new OpenAI({ baseURL: 'https://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY });`,
    // Loopback in its spellings: localhost, 127.0.0.0/8, [::1], IPv4-mapped loopback, *.localhost, 0.0.0.0.
    `import OpenAI from 'openai';
const lmStudio = new OpenAI({ baseURL: 'http://localhost:1234/v1', apiKey: 'lm-studio' });`,
    `import OpenAI from 'openai';
const vllm = new OpenAI({ baseURL: 'http://127.0.0.1:8000/v1' });
const other = new OpenAI({ baseURL: 'http://127.1.2.3:8000/v1' });`,
    `import OpenAI from 'openai';
const v6 = new OpenAI({ baseURL: 'http://[::1]:8080/v1' });
const mapped = new OpenAI({ baseURL: 'http://[::ffff:127.0.0.1]:8080/v1' });`,
    `import { createOpenAI } from '@ai-sdk/openai';
const local = createOpenAI({ baseURL: 'http://ollama.localhost:11434/v1' });`,
    `import { Ollama } from 'ollama';
const ollama = new Ollama({ host: 'http://0.0.0.0:11434' });`,
    // ollama's bare hosts: ':11434' is 127.0.0.1, 'localhost:11434' is local too.
    `import { Ollama } from 'ollama';
const a = new Ollama({ host: ':11434' });
const b = new Ollama({ host: 'localhost:11434' });
const c = new Ollama();`,
    // Values the program does not fix are not judged.
    `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL });`,
    `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: \`http://\${process.env.LLM_HOST}:8000/v1\` });`,
    // allowedHosts: exact and wildcard.
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://vllm.internal:8000/v1' });`,
      options: [{ allowedHosts: ['vllm.internal'] }],
    },
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'qwen', configuration: { baseURL: 'http://vllm.models.svc.cluster.local:8000/v1' } });`,
      options: [{ allowedHosts: ['*.svc.cluster.local'] }],
    },
    // Plain http to APIs that are not LLM APIs.
    `const res = await fetch('http://prometheus.internal:9090/api/v1/query?query=up');`,
    `import axios from 'axios';
const users = await axios.get('http://legacy.corp/users');
const api = axios.create({ baseURL: 'http://legacy.corp/api' });`,
    `import http from 'node:http';
http.get('http://status.internal/health', res => res.resume());`,
    // A project class with a baseURL option is not an LLM client.
    `class ApiClient {
  constructor(readonly options: { baseURL: string }) {}
}
const api = new ApiClient({ baseURL: 'http://10.0.0.5:8000/v1' });`,
    // An http URL that is only a string, or only parsed, is not traffic.
    `const docs = 'http://10.0.0.5:8000/v1/chat/completions';
console.log(docs, new URL('http://10.0.0.5:8000/v1/chat/completions').pathname);`,
    // Relative URL: same origin as the page.
    `const res = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ messages: [] }) });`,
    // Certificate checks left on, or a private CA trusted instead.
    `import OpenAI from 'openai';
import { Agent } from 'undici';
import { readFileSync } from 'node:fs';
const client = new OpenAI({
  baseURL: 'https://llm.corp.example/v1',
  fetchOptions: { dispatcher: new Agent({ connect: { ca: readFileSync('corp-ca.pem'), rejectUnauthorized: true } }) },
});`,
    `import { Agent } from 'undici';
const strict = false;
const agent = new Agent({ connect: { rejectUnauthorized: !strict } });
await fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', dispatcher: agent });`,
    // rejectUnauthorized: false for traffic that is not LLM traffic is another rule's business.
    `import axios from 'axios';
import https from 'node:https';
await axios.get('https://intranet.corp/health', { httpsAgent: new https.Agent({ rejectUnauthorized: false }) });`,
    // NODE_TLS_REJECT_UNAUTHORIZED: turned on, or only read.
    `import OpenAI from 'openai';
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
  throw new Error('TLS verification must stay on');
}
export const client = new OpenAI();`,
    // ...or in a file that uses no LLM SDK (with the file scope, so other fixture files do not count).
    {
      code: `import axios from 'axios';
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
await axios.get('https://intranet.corp/health');`,
      options: [{ nodeTlsEnvScope: 'file' }],
    },
    // ollama: insecure off; a pull() that is not ollama's.
    `import ollama from 'ollama';
await ollama.pull({ model: 'llama3.2', insecure: false });`,
    `const registry = { pull(request: { model: string; insecure: boolean }) { return request.model; } };
registry.pull({ model: 'llama3.2', insecure: true });`,
    // Secure configurations of the other clients.
    `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ baseURL: 'https://llm-proxy.corp.example/anthropic' });`,
    `import { createAnthropic } from '@ai-sdk/anthropic';
const anthropic = createAnthropic({ baseURL: 'https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic' });`,
    `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY, httpOptions: { baseUrl: 'https://gemini-proxy.corp.example' } });`,
    `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ serverURL: 'https://api.mistral.ai', apiKey: process.env.MISTRAL_API_KEY });`,
    `import Groq from 'groq-sdk';
const groq = new Groq({ baseURL: 'http://localhost:8787' });`,
    // https LLM requests with fetch and axios.
    `import axios from 'axios';
const res = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST' });
const out = await axios.post('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o', messages: [] });`,
    // A conditional whose every branch is secure.
    `import OpenAI from 'openai';
declare const isProd: boolean;
const client = new OpenAI({ baseURL: isProd ? 'https://api.openai.com/v1' : 'http://localhost:8000/v1' });`,
  ],
  invalid: [
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://10.0.0.5:8000/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 38 }],
    },
    // Options through a const object.
    {
      code: `import OpenAI from 'openai';
const options = {
  apiKey: process.env.OPENAI_API_KEY,
  baseURL: 'http://vllm.internal:8000/v1',
};
export const client = new OpenAI(options);`,
      errors: [{ messageId: 'insecureEndpoint', line: 4, column: 12 }],
    },
    // A const URL, resolved through the checker, reported where the client uses it.
    {
      code: `import OpenAI from 'openai';
const BASE_URL = 'http://gpu-01.lan:8080/v1';
export const client = new OpenAI({ baseURL: BASE_URL });`,
      errors: [{ messageId: 'insecureEndpoint', line: 3, column: 45 }],
    },
    // A template literal of known parts.
    {
      code: `import OpenAI from 'openai';
const HOST = 'llm.corp.example';
const PORT = 8000;
export const client = new OpenAI({ baseURL: \`http://\${HOST}:\${PORT}/v1\` });`,
      errors: [{ messageId: 'insecureEndpoint', line: 4, column: 45 }],
    },
    // An environment variable with a plain-http fallback.
    {
      code: `import OpenAI from 'openai';
export const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL ?? 'http://inference.prod:8000/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 76 }],
    },
    // The fallback inside a const.
    {
      code: `import OpenAI from 'openai';
const baseURL = process.env.LLM_URL || 'http://inference.prod:8000/v1';
export const client = new OpenAI({ baseURL });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 40 }],
    },
    // Only the http branch of a conditional.
    {
      code: `import OpenAI from 'openai';
declare const isProd: boolean;
const client = new OpenAI({ baseURL: isProd ? 'https://api.openai.com/v1' : 'http://staging-llm:8000/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 3, column: 77 }],
    },
    // The hosted API itself, over http.
    {
      code: `import OpenAI from 'openai';
const deepseek = new OpenAI({ baseURL: 'http://api.deepseek.com', apiKey: process.env.DEEPSEEK_API_KEY });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 40 }],
    },
    {
      code: `import { AzureOpenAI } from 'openai';
const azure = new AzureOpenAI({ endpoint: 'http://my-resource.openai.azure.com', apiVersion: '2024-10-21' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 43 }],
    },
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ baseURL: 'http://llm-proxy.corp:4000' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 44 }],
    },
    {
      code: `import Groq from 'groq-sdk';
const groq = new Groq({ baseURL: 'http://groq-cache.internal' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 34 }],
    },
    // ollama: a bare host means http.
    {
      code: `import { Ollama } from 'ollama';
const ollama = new Ollama({ host: 'gpu-box:11434' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 35 }],
    },
    {
      code: `import { Ollama } from 'ollama';
const ollama = new Ollama({ host: 'http://192.168.1.20:11434' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 35 }],
    },
    // AI SDK provider factories.
    {
      code: `import { createOpenAI } from '@ai-sdk/openai';
const vllm = createOpenAI({ baseURL: 'http://vllm.internal:8000/v1', apiKey: process.env.VLLM_KEY });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 38 }],
    },
    // A factory held in a variable of the app: followed through its initializer.
    {
      code: `import { createOpenAI } from '@ai-sdk/openai';
const createLocalProvider = createOpenAI;
const vllm = createLocalProvider({ baseURL: 'http://vllm.internal:8000/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 3, column: 45 }],
    },
    {
      code: `import { createAnthropic } from '@ai-sdk/anthropic';
const anthropic = createAnthropic({ baseURL: 'http://egress-proxy:3128/anthropic/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 46 }],
    },
    // A factory re-exported by 'ai' from '@ai-sdk/gateway', caught by the @ai-sdk/* entry.
    {
      code: `import { createGateway } from 'ai';
const gateway = createGateway({ baseURL: 'http://ai-gateway.corp/v1/ai' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 42 }],
    },
    // LangChain: the openai options live under configuration; the model may come first.
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
const model = new ChatOpenAI({ model: 'llama3', configuration: { baseURL: 'http://vllm.internal:8000/v1' } });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 75 }],
    },
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
const configuration = { baseURL: 'http://vllm.internal:8000/v1' };
const model = new ChatOpenAI('llama3', { configuration });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 34 }],
    },
    {
      code: `import { AzureChatOpenAI } from '@langchain/openai';
const model = new AzureChatOpenAI({ azureOpenAIEndpoint: 'http://aoai.corp.example', azureOpenAIApiDeploymentName: 'gpt-4o' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 58 }],
    },
    // @google/genai: httpOptions.baseUrl, also through a spread const.
    {
      code: `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: process.env.GEMINI_API_KEY, httpOptions: { baseUrl: 'http://gemini-proxy.corp:8080' } });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 90 }],
    },
    {
      code: `import { GoogleGenAI } from '@google/genai';
const shared = { httpOptions: { baseUrl: 'http://gemini-proxy.corp:8080', timeout: 30_000 } };
const ai = new GoogleGenAI({ ...shared, apiKey: process.env.GEMINI_API_KEY });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 42 }],
    },
    {
      code: `import { Mistral } from '@mistralai/mistralai';
const mistral = new Mistral({ serverURL: 'http://[fd00::5]:8000', apiKey: process.env.MISTRAL_API_KEY });`,
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 42 }],
    },
    // A project subclass that inherits the SDK constructor.
    {
      code: `import OpenAI from 'openai';
class TracedClient extends OpenAI {}
export const client = new TracedClient({ baseURL: 'http://10.1.2.3/v1' });`,
      errors: [{ messageId: 'insecureEndpoint', line: 3, column: 51 }],
    },
    // fetch / axios / node:http requests to known LLM API paths or hosts.
    {
      code: `const res = await fetch('http://llm.corp.example/v1/chat/completions', {
  method: 'POST',
  body: JSON.stringify({ model: 'llama3', messages: [] }),
});`,
      errors: [{ messageId: 'insecureRequest', line: 1, column: 25 }],
    },
    {
      code: `const OLLAMA = 'http://gpu-box:11434';
const res = await fetch(\`\${OLLAMA}/api/generate\`, { method: 'POST', body: '{}' });`,
      errors: [{ messageId: 'insecureRequest', line: 2, column: 25 }],
    },
    {
      code: `const models = await fetch('http://api.openai.com/v1/models');`,
      errors: [{ messageId: 'insecureRequest', line: 1, column: 28 }],
    },
    {
      code: `import axios from 'axios';
const res = await axios.post('http://claude-proxy.corp/v1/messages', { model: 'claude-sonnet-4-5', messages: [] });`,
      errors: [{ messageId: 'insecureRequest', line: 2, column: 30 }],
    },
    {
      code: `import axios from 'axios';
const res = await axios({ method: 'post', url: 'http://10.0.0.7:11434/api/chat', data: { model: 'llama3' } });`,
      errors: [{ messageId: 'insecureRequest', line: 2, column: 48 }],
    },
    // A relative URL resolved against an http baseURL: the base is reported.
    {
      code: `import axios from 'axios';
const res = await axios.post('/v1/chat/completions', { messages: [] }, { baseURL: 'http://vllm.internal:8000' });`,
      errors: [{ messageId: 'insecureRequest', line: 2, column: 83 }],
    },
    {
      code: `import http from 'node:http';
const req = http.request('http://gpu.lan:11434/api/chat', { method: 'POST' });`,
      errors: [{ messageId: 'insecureRequest', line: 2, column: 26 }],
    },
    // An allowed host must match exactly (or by a wildcard suffix).
    {
      code: `import OpenAI from 'openai';
const client = new OpenAI({ baseURL: 'http://vllm.internal.attacker.example/v1' });`,
      options: [{ allowedHosts: ['vllm.internal', '*.svc.cluster.local'] }],
      errors: [{ messageId: 'insecureEndpoint', line: 2, column: 38 }],
    },
    // Extra API paths from the options.
    {
      code: `const res = await fetch('http://rerank.corp/v1/rerank', { method: 'POST' });`,
      options: [{ apiPaths: ['/v1/rerank'] }],
      errors: [{ messageId: 'insecureRequest', line: 1, column: 25 }],
    },
    // TLS verification off in an agent passed to a client.
    {
      code: `import OpenAI from 'openai';
import { Agent } from 'undici';
const insecureAgent = new Agent({ connect: { rejectUnauthorized: false } });
export const client = new OpenAI({ fetchOptions: { dispatcher: insecureAgent } });`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 3, column: 46 }],
    },
    {
      code: `import { ChatOpenAI } from '@langchain/openai';
import { Agent } from 'undici';
const model = new ChatOpenAI({
  model: 'gpt-4o',
  configuration: {
    fetchOptions: { dispatcher: new Agent({ connect: { rejectUnauthorized: false } }) },
  },
});`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 6, column: 56 }],
    },
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
import { ProxyAgent } from 'undici';
const dispatcher = new ProxyAgent({ uri: 'http://proxy.corp:3128', requestTls: { rejectUnauthorized: false } });
const anthropic = new Anthropic({ fetchOptions: { dispatcher } });`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 3, column: 82 }],
    },
    {
      code: `import { Agent } from 'undici';
const agent = new Agent({ connect: { rejectUnauthorized: false } });
await fetch('https://llm.corp.example/v1/chat/completions', { method: 'POST', dispatcher: agent });`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 2, column: 38 }],
    },
    {
      code: `import axios from 'axios';
import https from 'node:https';
const res = await axios.post('https://api.openai.com/v1/chat/completions', { messages: [] }, {
  httpsAgent: new https.Agent({ rejectUnauthorized: false }),
});`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 4, column: 33 }],
    },
    // openai 4 and older Stainless SDKs took an http(s).Agent as httpAgent.
    {
      code: `import OpenAI from 'openai';
import https from 'node:https';
export const client = new OpenAI({
  // @ts-expect-error -- openai 4 option, still found in code bases that have not migrated
  httpAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
});`,
      errors: [{ messageId: 'tlsVerificationDisabled', line: 5, column: 49 }],
    },
    // NODE_TLS_REJECT_UNAUTHORIZED in a program that uses an LLM SDK.
    {
      code: `import OpenAI from 'openai';
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
export const client = new OpenAI();`,
      errors: [{ messageId: 'tlsEnvDisabled', line: 2, column: 1 }],
    },
    {
      code: `const DISABLED = '0';
process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = DISABLED;
const { default: Anthropic } = await import('@anthropic-ai/sdk');`,
      options: [{ nodeTlsEnvScope: 'file' }],
      errors: [{ messageId: 'tlsEnvDisabled', line: 2, column: 1 }],
    },
    {
      code: `import { Ollama } from 'ollama';
Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
export const ollama = new Ollama({ host: 'https://ollama.corp.example' });`,
      errors: [{ messageId: 'tlsEnvDisabled', line: 2, column: 30 }],
    },
    // ollama: pulling or pushing a model with insecure: true.
    {
      code: `import ollama from 'ollama';
await ollama.pull({ model: 'registry.corp:5000/team/llama3', insecure: true });`,
      errors: [{ messageId: 'insecureRegistry', line: 2, column: 62 }],
    },
    {
      code: `import { Ollama } from 'ollama';
const client = new Ollama({ host: 'https://ollama.corp.example' });
const ALLOW_HTTP = true;
await client.push({ model: 'registry.corp:5000/team/custom', insecure: ALLOW_HTTP, stream: false });`,
      errors: [{ messageId: 'insecureRegistry', line: 4, column: 62 }],
    },
  ],
});

/**
 * `nodeTlsEnvScope: 'program'` looks at the other files of the TypeScript program: lint a bootstrap
 * file that imports no SDK, in a program whose other file imports `openai` (in memory, so the
 * shared fixture project stays as it is).
 */
describe('no-insecure-llm-transport: NODE_TLS_REJECT_UNAUTHORIZED across the program', () => {
  const bootstrap = path.join(FIXTURES_DIR, 'virtual-app', 'bootstrap.ts');
  const client = path.join(FIXTURES_DIR, 'virtual-app', 'client.ts');
  const tool = path.join(FIXTURES_DIR, 'virtual-app', 'tool.ts');
  const bootstrapCode = "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport {};\n";

  function lint(files: Record<string, string>, options: object = {}): Linter.LintMessage[] {
    const compilerOptions: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], noEmit: true };
    const host = ts.createCompilerHost(compilerOptions, true);
    const diskFileExists = host.fileExists.bind(host);
    const diskReadFile = host.readFile.bind(host);
    host.fileExists = name => name in files || diskFileExists(name);
    host.readFile = name => files[name] ?? diskReadFile(name);
    const program = ts.createProgram({ rootNames: Object.keys(files), options: compilerOptions, host });
    const linter = new Linter({ configType: 'flat' });
    const ruleId = `llm-security/${rule.name}`;
    const messages = linter.verify(
      files[bootstrap] ?? '',
      [
        plugin.configs.recommended,
        {
          languageOptions: { parser: tsParser, parserOptions: { projectService: false, programs: [program] } },
          rules: { [ruleId]: ['error', options] },
        },
      ],
      bootstrap,
    );
    return messages.filter(message => message.ruleId === ruleId || message.fatal);
  }

  it('reports the assignment when another file of the program imports an LLM SDK', () => {
    const messages = lint({ [bootstrap]: bootstrapCode, [client]: "import OpenAI from 'openai';\nexport const client = new OpenAI();\n" });
    expect(messages.map(message => [message.messageId, message.line, message.column])).toEqual([['tlsEnvDisabled', 1, 1]]);
    expect(messages[0]?.message).toContain("'openai'");
  });

  it('does not report it when no file of the program uses an LLM SDK', () => {
    const messages = lint({ [bootstrap]: bootstrapCode, [tool]: "import axios from 'axios';\nexport const api = axios.create();\n" });
    expect(messages).toEqual([]);
  });

  it("looks only at the file's own imports with nodeTlsEnvScope: 'file'", () => {
    const messages = lint({ [bootstrap]: bootstrapCode, [client]: "import OpenAI from 'openai';\nexport const client = new OpenAI();\n" }, { nodeTlsEnvScope: 'file' });
    expect(messages).toEqual([]);
  });
});
