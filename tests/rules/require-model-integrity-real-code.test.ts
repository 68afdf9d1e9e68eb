import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { InvalidTestCase, TestCaseError, ValidTestCase } from '@typescript-eslint/rule-tester';

import { type MessageIds, type Options, requireModelIntegrity } from '../../src/rules/require-model-integrity.js';
import { createRuleTester, FIXTURES_DIR } from '../rule-tester.js';
import { at, swap } from '../code-positions.js';

// Model loads as real apps write them: untyped JavaScript bound by `require()` / `import()`,
// wrappers that forward `...args`, vendored copies of a loader, wllama, LangChain integrations,
// Ollama's REST API, `string | Uint8Array` models, and downloads stored by URL before they are loaded.

const ruleTester = createRuleTester();

const SHA = '5f1b7f6b3d2c1a0e9f8d7c6b5a4e3d2c1b0a9f8e';
const DIGEST = '9b74c9897bac770ffc029102a200c5de3f786850e387550fdab836ed7e6dc881';
/** Untyped JavaScript (`checkJs: false`): the cases stand in for `tests/fixtures/script.js`. */
const JS = path.join(FIXTURES_DIR, 'script.js');
const VENDORED_DEFAULTS = path.join(FIXTURES_DIR, 'helpers/model-integrity/vendor/transformers/src/defaults.ts');

const REVISION_OPTION = "{ revision: 'REPLACE_WITH_FULL_40_CHAR_COMMIT_SHA' }";

/** The `addRevision` suggestion that appends the options argument after `lastArgument`. */
function addRevision(code: string, lastArgument: string): NonNullable<TestCaseError<MessageIds>['suggestions']> {
  return [{ messageId: 'addRevision', output: swap(code, lastArgument, `${lastArgument}, ${REVISION_OPTION}`) }];
}

interface Expected extends Omit<TestCaseError<MessageIds>, 'line' | 'column'> {
  readonly at: string;
  readonly occurrence?: number;
}

function invalid(name: string, code: string, errors: Expected[], extra: { options?: Options; js?: boolean } = {}): InvalidTestCase<MessageIds, Options> {
  return {
    name,
    code,
    errors: errors.map(({ at: anchor, occurrence, ...error }) => ({ ...error, ...at(code, anchor, occurrence) })),
    ...(extra.options ? { options: extra.options } : {}),
    ...(extra.js ? { filename: JS } : {}),
  };
}

function valid(name: string, code: string, extra: { options?: Options; js?: boolean } = {}): ValidTestCase<Options> {
  return { name, code, ...(extra.options ? { options: extra.options } : {}), ...(extra.js ? { filename: JS } : {}) };
}

const WLLAMA = `import { Wllama } from '@wllama/wllama';
const wllama = new Wllama({ default: '/wasm/wllama.wasm' });`;

const thenPipeline = `export const embedder = import('@xenova/transformers').then(({ pipeline }) => pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2'));`;

const renamedImport = `export async function load() {
  const { pipeline: createPipeline } = await import('@xenova/transformers');
  return createPipeline('summarization', 'Xenova/distilbart-cnn-6-6');
}`;

const forwardingWrapper = `const load = (...args) => import('@xenova/transformers').then(({ pipeline }) => pipeline(...args));
export const asr = load('automatic-speech-recognition', 'Xenova/whisper-tiny.en');
export const tagger = load('token-classification', 'Xenova/bert-base-NER', { revision: 'main' });`;

const leadingParameter = `import { pipeline } from '@huggingface/transformers';
function embedWith(task: Parameters<typeof pipeline>[0], ...rest: [model?: string]) {
  return pipeline(task, ...rest);
}
const embed = await embedWith('feature-extraction', 'Xenova/all-MiniLM-L6-v2');`;

const wrapperOfWrapper = `const load = (...args) => import('@xenova/transformers').then(({ pipeline }) => pipeline(...args));
const loadQuietly = (...args) => load(...args);
export const embed = loadQuietly('feature-extraction', 'Xenova/all-MiniLM-L6-v2');`;

const wrappersElsewhere = `import { createSession, loadPipeline } from './helpers/model-integrity/wrappers.js';
const embed = await loadPipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');
const session = await createSession('./models/model.onnx');`;

const vendored = `import { AutoModel, pipeline } from './helpers/model-integrity/vendor/transformers/src/pipelines.js';
const embed = await pipeline('feature-extraction', 'Xenova/bge-small-en-v1.5');
const model = await AutoModel.from_pretrained('Xenova/bge-small-en-v1.5', { revision: 'v1.0' });`;

ruleTester.run('require-model-integrity (real code)', requireModelIntegrity, {
  valid: [
    // --- untyped JavaScript ---------------------------------------------------------------------------
    valid(
      'import().then(({ pipeline }) => ...) pinned to a commit',
      `const REVISION = '${SHA}';
export const embedder = import('@xenova/transformers').then(({ pipeline }) => pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: REVISION }));`,
      { js: true },
    ),
    valid(
      'require() of a loader whose types are not installed, buffer verified first',
      `const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const ort = require('onnxruntime-react-native');
const EXPECTED = '${DIGEST}';
export async function load() {
  const bytes = readFileSync('./models/detector.onnx');
  if (createHash('sha256').update(bytes).digest('hex') !== EXPECTED) {
    throw new Error('detector.onnx was modified');
  }
  return ort.InferenceSession.create(bytes);
}`,
      { js: true },
    ),
    valid(
      'a pipeline() export of a package that is not a loader',
      `const { pipeline } = require('node:stream/promises');
const { createReadStream, createWriteStream } = require('node:fs');
export const copy = () => pipeline(createReadStream('a.onnx'), createWriteStream('b.onnx'));`,
      { js: true },
    ),
    valid(
      'a project function called pipeline',
      `function pipeline(task, model) {
  return [task, model].join(':');
}
export const label = pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');`,
      { js: true },
    ),
    valid(
      'an untyped value of unknown origin is not guessed',
      `const ort = require('onnxruntime-react-native');
export function load(model) {
  return ort.InferenceSession.create(model);
}`,
      { js: true },
    ),

    // --- wrappers that forward ...args ------------------------------------------------------------------
    valid(
      'a forwarding wrapper called with a pinned revision',
      `const load = (...args) => import('@xenova/transformers').then(({ pipeline }) => pipeline(...args));
export const asr = load('automatic-speech-recognition', 'Xenova/whisper-tiny.en', { revision: '${SHA}' });`,
      { js: true },
    ),
    valid(
      'a wrapper in another file, called with a pinned revision',
      `import { loadPipeline } from './helpers/model-integrity/wrappers.js';
const embed = await loadPipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: '${SHA}' });`,
    ),
    valid(
      'a wrapper in another file, called with bytes verified first',
      `import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createSession } from './helpers/model-integrity/wrappers.js';
const bytes = await readFile('./models/model.onnx');
if (createHash('sha256').update(bytes).digest('hex') !== '${DIGEST}') {
  throw new Error('model.onnx was modified');
}
const session = await createSession(bytes);`,
    ),
    valid(
      'a wrapper that forwards to a logger',
      `import { trace } from './helpers/model-integrity/wrappers.js';
trace('loading', 'Xenova/all-MiniLM-L6-v2');`,
    ),
    valid(
      'the forwarding call inside a wrapper is not a load of its own',
      `import { pipeline } from '@huggingface/transformers';
export const load = (...args: Parameters<typeof pipeline>) => pipeline(...args);`,
    ),

    // --- vendored copies ------------------------------------------------------------------------------
    valid(
      'a vendored transformers.js pinned to a commit',
      `import { pipeline } from './helpers/model-integrity/vendor/transformers/src/pipelines.js';
const embed = await pipeline('feature-extraction', 'Xenova/bge-small-en-v1.5', { revision: '${SHA}' });`,
    ),
    valid(
      'a vendored package that is not a loader',
      `import { pipeline } from './helpers/model-integrity/vendor/left-pad/index.js';
export const steps = pipeline('feature-extraction', 'Xenova/bge-small-en-v1.5');`,
    ),
    {
      name: "the vendored loader's own files are the library, not the app",
      // The file's own text: linting other text under its name would change the program for later cases.
      code: readFileSync(VENDORED_DEFAULTS, 'utf8'),
      filename: VENDORED_DEFAULTS,
    },

    // --- wllama ----------------------------------------------------------------------------------------
    valid(
      'wllama loadModelFromUrl pinned to a commit',
      `${WLLAMA}
await wllama.loadModelFromUrl('https://huggingface.co/ggml-org/SmolLM2-360M-Instruct-GGUF/resolve/${SHA}/SmolLM2-360M-Instruct-Q8_0.gguf');`,
    ),
    valid(
      'wllama loadModel of shards verified with Web Crypto',
      `${WLLAMA}
const EXPECTED = '${DIGEST}';
const blob = await (await fetch('/models/smollm2.gguf')).blob();
const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
if (Array.from(digest, b => b.toString(16).padStart(2, '0')).join('') !== EXPECTED) {
  throw new Error('smollm2.gguf was modified');
}
await wllama.loadModel([blob]);`,
    ),
    valid(
      'wllama from a same-origin file with allowLocalPaths',
      `${WLLAMA}
await wllama.loadModelFromUrl('/models/smollm2.gguf');`,
      { options: [{ allowLocalPaths: true }] },
    ),
    valid(
      'a wllama chat completion is not a load',
      `${WLLAMA}
const reply = await wllama.createChatCompletion({ messages: [{ role: 'user', content: 'hi' }] });`,
    ),

    // --- LangChain integrations -------------------------------------------------------------------------
    valid(
      'HuggingFaceTransformersEmbeddings pinned through pretrainedOptions',
      `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/hf_transformers';
const embeddings = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: '${SHA}' } });`,
    ),
    valid(
      'HuggingFaceTransformersEmbeddings on local files with allowLocalPaths',
      `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/hf_transformers';
const embeddings = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { local_files_only: true } });`,
      { options: [{ allowLocalPaths: true }] },
    ),
    valid(
      'ChatOllama without checkOrPullModel uses a model pulled elsewhere',
      `const { ChatOllama } = require('@langchain/ollama');
export const model = new ChatOllama({ model: 'mistral', baseUrl: 'http://127.0.0.1:11434' });`,
      { js: true },
    ),
    valid(
      'ChatWebLLM whose opaque config may carry the app config the program defines',
      `const { ChatWebLLM } = require('@langchain/community/chat_models/webllm');
export const appConfig = { model_list: [] };
export function create(config) {
  return new ChatWebLLM(config);
}`,
      { js: true },
    ),

    // --- Ollama's REST API --------------------------------------------------------------------------------
    valid(
      'a pull through the REST API followed by a digest check of /api/tags',
      `const OLLAMA = process.env.OLLAMA_URL;
const PINNED = 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72';
export async function pull() {
  await fetch(OLLAMA + '/api/pull', { method: 'POST', body: JSON.stringify({ model: 'llama3.2' }) });
  const tags = await (await fetch(OLLAMA + '/api/tags')).json();
  if (tags.models.find(m => m.name === 'llama3.2')?.digest !== PINNED) {
    throw new Error('llama3.2 is not the reviewed build');
  }
}`,
      { js: true },
    ),
    valid(
      "a REST pull followed by a check of the digest in the app's own response type",
      `const OLLAMA = process.env.OLLAMA_URL ?? 'http://127.0.0.1:11434';
interface Tags {
  models: { name: string; digest: string }[];
}
export async function pull(): Promise<void> {
  await fetch(\`\${OLLAMA}/api/pull\`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:3b' }) });
  const tags = (await (await fetch(\`\${OLLAMA}/api/tags\`)).json()) as Tags;
  if (tags.models.find(entry => entry.name === 'llama3.2:3b')?.digest !== 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72') {
    throw new Error('llama3.2:3b is not the reviewed build');
  }
}`,
    ),
    valid(
      'other Ollama endpoints and look-alike paths',
      `const OLLAMA = process.env.OLLAMA_URL ?? 'http://127.0.0.1:11434';
export async function other(messages: { role: string; content: string }[]) {
  await fetch(\`\${OLLAMA}/api/tags\`);
  await fetch(\`\${OLLAMA}/api/chat\`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2', messages }) });
  await fetch('/api/pull-requests');
}`,
    ),
  ],

  invalid: [
    // --- untyped JavaScript ---------------------------------------------------------------------------
    invalid(
      'import().then(({ pipeline }) => ...) without a revision',
      thenPipeline,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'Xenova/",
          data: { loader: 'pipeline()', model: "'Xenova/all-MiniLM-L6-v2'", remedy: 'pass `revision` set to the full 40-character commit SHA' },
          suggestions: addRevision(thenPipeline, "'Xenova/all-MiniLM-L6-v2'"),
        },
      ],
      { js: true },
    ),
    invalid(
      'a renamed binding of an awaited import()',
      renamedImport,
      [{ messageId: 'unpinnedDownload', at: "'Xenova/", suggestions: addRevision(renamedImport, "'Xenova/distilbart-cnn-6-6'") }],
      { js: true },
    ),
    invalid(
      'require() of a loader whose types are not installed',
      `const ort = require('onnxruntime-react-native');
const { InferenceSession } = require('onnxruntime-react-native');
export async function load() {
  await ort.InferenceSession.create('https://example.com/models/detector.onnx');
  return InferenceSession.create('./models/detector.onnx');
}`,
      [
        { messageId: 'unpinnedDownload', at: "'https://example.com", data: { loader: 'ort.InferenceSession.create()', model: "'https://example.com/models/detector.onnx'", remedy: 'hash the bytes with SHA-256 and compare the digest with a pinned value before loading them' } },
        { messageId: 'unhashedLocalFile', at: "'./models/detector.onnx'" },
      ],
      { js: true },
    ),
    invalid(
      'a module namespace from import().then(module => ...)',
      `export const session = import('onnxruntime-react-native').then(ort => ort.InferenceSession.create('https://example.com/models/detector.onnx'));`,
      [{ messageId: 'unpinnedDownload', at: "'https://" }],
      { js: true },
    ),

    // --- wrappers that forward ...args ------------------------------------------------------------------
    invalid(
      'the call sites of a (...args) => import().then(({ pipeline }) => pipeline(...args)) wrapper',
      forwardingWrapper,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'Xenova/whisper",
          data: { loader: 'load()', model: "'Xenova/whisper-tiny.en'", remedy: 'pass `revision` set to the full 40-character commit SHA' },
          // The options go to the call site: its arguments are the loader's.
          suggestions: addRevision(forwardingWrapper, "'Xenova/whisper-tiny.en'"),
        },
        { messageId: 'mutableRevision', at: "'main'" },
      ],
      { js: true },
    ),
    invalid(
      'a wrapper that passes a leading parameter through',
      leadingParameter,
      [{ messageId: 'unpinnedDownload', at: "'Xenova/", suggestions: addRevision(leadingParameter, "'Xenova/all-MiniLM-L6-v2'") }],
    ),
    invalid(
      'a wrapper of a wrapper',
      wrapperOfWrapper,
      [{ messageId: 'unpinnedDownload', at: "'Xenova/", suggestions: addRevision(wrapperOfWrapper, "'Xenova/all-MiniLM-L6-v2'") }],
      { js: true },
    ),
    invalid(
      'wrappers in another file',
      wrappersElsewhere,
      [
        { messageId: 'unpinnedDownload', at: "'Xenova/", suggestions: addRevision(wrappersElsewhere, "'Xenova/all-MiniLM-L6-v2'") },
        { messageId: 'unhashedLocalFile', at: "'./models/model.onnx'", data: { loader: 'createSession()', model: "'./models/model.onnx'" } },
      ],
    ),

    // --- vendored copies ------------------------------------------------------------------------------
    invalid(
      'a vendored transformers.js named by its package.json',
      vendored,
      [
        { messageId: 'unpinnedDownload', at: "'Xenova/", suggestions: addRevision(vendored, "pipeline('feature-extraction', 'Xenova/bge-small-en-v1.5'") },
        { messageId: 'mutableRevision', at: "'v1.0'" },
      ],
    ),

    // --- wllama ----------------------------------------------------------------------------------------
    invalid(
      'wllama loadModelFromHF has no revision option',
      `${WLLAMA}
export async function load(repo: string, file: string) {
  await wllama.loadModelFromHF({ repo, file }, { n_ctx: 4096 });
}`,
      [
        {
          messageId: 'unpinnedDownload',
          at: 'repo, file }',
          data: {
            loader: 'wllama.loadModelFromHF()',
            model: 'repo',
            remedy:
              "`loadModelFromHF` has no revision option and always downloads the `main` branch: call `loadModelFromUrl()` with a `/resolve/<40-character commit SHA>/` URL, or check the file's SHA-256 against a pinned value and pass the bytes to `loadModel()`",
          },
        },
      ],
    ),
    invalid(
      'wllama loadModelFromUrl on a branch, unpinned, and from a local path',
      `${WLLAMA}
await wllama.loadModelFromUrl('https://huggingface.co/ggml-org/SmolLM2-360M-Instruct-GGUF/resolve/main/SmolLM2-360M-Instruct-Q8_0.gguf');
await wllama.loadModelFromUrl({ url: 'https://cdn.example.com/models/smollm2.gguf' });
await wllama.loadModelFromUrl('/models/smollm2.gguf');`,
      [
        { messageId: 'mutableRevision', at: "'https://huggingface.co" },
        { messageId: 'unpinnedDownload', at: "'https://cdn" },
        { messageId: 'unhashedLocalFile', at: "'/models/smollm2.gguf'" },
      ],
    ),
    invalid(
      'wllama loadModel of fetched shards without a check',
      `${WLLAMA}
const first = await (await fetch('/models/smollm2-00001-of-00002.gguf')).blob();
const second = await (await fetch('/models/smollm2-00002-of-00002.gguf')).blob();
await wllama.loadModel([first, second]);`,
      [
        { messageId: 'unhashedBuffer', at: 'first, second' },
        { messageId: 'unhashedBuffer', at: 'second]' },
      ],
    ),
    invalid(
      'wllama ModelManager.downloadModel by URL',
      `import { ModelManager } from '@wllama/wllama';
const manager = new ModelManager();
const model = await manager.downloadModel('https://cdn.example.com/models/smollm2.gguf');`,
      [{ messageId: 'unpinnedDownload', at: "'https://cdn" }],
    ),

    // --- LangChain integrations -------------------------------------------------------------------------
    invalid(
      'HuggingFaceTransformersEmbeddings (declared by a stub for the subpath)',
      `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/hf_transformers';
const embeddings = new HuggingFaceTransformersEmbeddings({ modelName: 'Xenova/all-MiniLM-L6-v2' });
const defaults = new HuggingFaceTransformersEmbeddings();
const branch = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: 'main' } });`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'Xenova/",
          data: {
            loader: 'new HuggingFaceTransformersEmbeddings()',
            model: "'Xenova/all-MiniLM-L6-v2'",
            remedy: "pass `pretrainedOptions: { revision: '<full 40-character commit SHA>' }`",
          },
          suggestions: [
            {
              messageId: 'addRevision',
              output: `import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/hf_transformers';
const embeddings = new HuggingFaceTransformersEmbeddings({ modelName: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: 'REPLACE_WITH_FULL_40_CHAR_COMMIT_SHA' } });
const defaults = new HuggingFaceTransformersEmbeddings();
const branch = new HuggingFaceTransformersEmbeddings({ model: 'Xenova/all-MiniLM-L6-v2', pretrainedOptions: { revision: 'main' } });`,
            },
          ],
        },
        { messageId: 'unpinnedDownload', at: 'HuggingFaceTransformersEmbeddings();', data: { loader: 'new HuggingFaceTransformersEmbeddings()', model: 'its default model', remedy: "pass `pretrainedOptions: { revision: '<full 40-character commit SHA>' }`" } },
        { messageId: 'mutableRevision', at: "'main'" },
      ],
    ),
    invalid(
      'ChatWebLLM on the prebuilt model list (untyped)',
      `const { ChatWebLLM } = require('@langchain/community/chat_models/webllm');
export const chat = new ChatWebLLM({ model: 'Phi-3.5-mini-instruct-q4f16_1-MLC', temperature: 0 });`,
      [{ messageId: 'unpinnedDownload', at: "'Phi-3.5" }],
      { js: true },
    ),
    invalid(
      'ChatWebLLM with an opaque config in a program that defines no app config',
      `const { ChatWebLLM } = require('@langchain/community/chat_models/webllm');
self.addEventListener('message', async event => {
  const model = new ChatWebLLM(event.data.modelConfig);
  await model.initialize();
});`,
      [{ messageId: 'unpinnedDownload', at: 'event.data.modelConfig' }],
      { js: true },
    ),
    invalid(
      'ChatOllama with checkOrPullModel pulls a moving tag',
      `const { ChatOllama } = require('@langchain/ollama');
export const model = new ChatOllama({ model: 'mistral', checkOrPullModel: true });`,
      [{ messageId: 'unpinnedDownload', at: "'mistral'" }],
      { js: true },
    ),

    // --- Ollama's REST API --------------------------------------------------------------------------------
    invalid(
      "a pull through Ollama's /api/pull with fetch and axios",
      `import axios from 'axios';
const OLLAMA = process.env.OLLAMA_URL;
export async function pull(name: string) {
  await fetch(OLLAMA + '/api/pull', { method: 'POST', body: JSON.stringify({ name }) });
  await axios.post(\`\${OLLAMA}/api/pull\`, { model: 'mistral', stream: false });
}`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "OLLAMA + '/api/pull'",
          data: {
            loader: "fetch() to Ollama's /api/pull",
            model: 'name',
            remedy: 'tags move, so compare the model `digest` that `/api/tags` reports with a pinned value before using it',
          },
        },
        { messageId: 'unpinnedDownload', at: '`${OLLAMA}/api/pull`', data: { loader: "axios.post() to Ollama's /api/pull", model: "'mistral'", remedy: 'tags move, so compare the model `digest` that `/api/tags` reports with a pinned value before using it' } },
      ],
    ),
  ],
});
