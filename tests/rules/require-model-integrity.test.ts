import type { InvalidTestCase, TestCaseError } from '@typescript-eslint/rule-tester';

import { type MessageIds, type Options, requireModelIntegrity } from '../../src/rules/require-model-integrity.js';
import { createRuleTester } from '../rule-tester.js';
import { at, swap } from '../code-positions.js';

const ruleTester = createRuleTester();

/** A full commit SHA and digests with the right shapes (random). */
const SHA = '5f1b7f6b3d2c1a0e9f8d7c6b5a4e3d2c1b0a9f8e';
const DIGEST = '9b74c9897bac770ffc029102a200c5de3f786850e387550fdab836ed7e6dc881';
const PLACEHOLDER = 'REPLACE_WITH_FULL_40_CHAR_COMMIT_SHA';

/** An expected error anchored at the first (or n-th) occurrence of `at` in the code. */
interface Expected extends Omit<TestCaseError<MessageIds>, 'line' | 'column'> {
  readonly at: string;
  readonly occurrence?: number;
}

/** An invalid case whose error positions are computed from anchors in its own code. */
function invalid(name: string, code: string, errors: Expected[], options?: Options): InvalidTestCase<MessageIds, Options> {
  return {
    name,
    code,
    errors: errors.map(({ at: anchor, occurrence, ...error }) => ({ ...error, ...at(code, anchor, occurrence) })),
    ...(options ? { options } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Invalid code, reused where suggestions need the code twice.
// ---------------------------------------------------------------------------------------------

const pipelineUnpinned = `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');`;

const pipelineOptionsWithoutRevision = `import { pipeline } from '@huggingface/transformers';
const generator = await pipeline('text-generation', 'onnx-community/Qwen2.5-0.5B-Instruct', { dtype: 'q4', device: 'webgpu' });`;

const pipelineEmptyOptions = `import { pipeline } from '@huggingface/transformers';
const classify = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', {});`;

const fromPretrainedUnpinned = `import { AutoModel } from '@huggingface/transformers';
const model = await AutoModel.from_pretrained('Xenova/bert-base-uncased');`;

const xenovaUnpinned = `import { pipeline } from '@xenova/transformers';
const asr = await pipeline('automatic-speech-recognition', 'Xenova/whisper-tiny.en');`;

const aliasedPipeline = `import { pipeline as createPipeline } from '@huggingface/transformers';
const pipe = await createPipeline('summarization', 'Xenova/distilbart-cnn-6-6');`;

const hubDownloadUnpinned = `import { downloadFile } from '@huggingface/hub';
const blob = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'onnx/encoder_model.onnx' });`;

const hfUriWithoutRevision = `import { resolveModelFile } from 'node-llama-cpp';
const modelPath = await resolveModelFile('hf:mradermacher/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf', './models');`;

const ollamaInsecure = `import ollama from 'ollama';
await ollama.pull({ model: 'llama3.2', insecure: true });`;

const webLlmWarnOnly = `import { CreateMLCEngine } from '@mlc-ai/web-llm';
const appConfig = {
  model_list: [
    {
      model: 'https://huggingface.co/mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC',
      model_id: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
      model_lib: 'https://example.com/libs/Phi-3.5-mini-instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
      integrity: { config: 'sha256-0bG1dV2Z4hQfPq0pC8oH7wS9iY3kN5mR6tU1vX2yZ3A=', onFailure: 'warn' },
    },
  ],
};
const engine = await CreateMLCEngine('Phi-3.5-mini-instruct-q4f16_1-MLC', { appConfig });`;

// ---------------------------------------------------------------------------------------------

ruleTester.run('require-model-integrity', requireModelIntegrity, {
  valid: [
    // --- Hugging Face transformers.js: pinned to a full commit SHA -------------------------------
    {
      name: 'pipeline pinned with a const commit SHA',
      code: `import { pipeline } from '@huggingface/transformers';
const EMBEDDING_REVISION = '${SHA}';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: EMBEDDING_REVISION });`,
    },
    {
      name: 'pipeline pinned with a literal commit SHA',
      code: `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: '${SHA}', dtype: 'q8' });`,
    },
    {
      name: 'from_pretrained pinned through an `as const` model table',
      code: `import { AutoModelForSequenceClassification, AutoTokenizer } from '@huggingface/transformers';
const MODELS = {
  sentiment: { id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', revision: '${SHA}' },
} as const;
const tokenizer = await AutoTokenizer.from_pretrained(MODELS.sentiment.id, { revision: MODELS.sentiment.revision });
const model = await AutoModelForSequenceClassification.from_pretrained(MODELS.sentiment.id, { revision: MODELS.sentiment.revision });`,
    },
    {
      name: '@xenova/transformers pinned through a literal type',
      code: `import { pipeline } from '@xenova/transformers';
type Pinned = '${SHA}';
const revision: Pinned = '${SHA}';
const asr = await pipeline('automatic-speech-recognition', 'Xenova/whisper-tiny.en', { revision });`,
    },
    {
      name: 'a wrapper whose revision comes from its caller is judged at run time, not here',
      code: `import { pipeline } from '@huggingface/transformers';
export async function loadEmbedder(model: string, revision: string) {
  return pipeline('feature-extraction', model, { revision, dtype: 'fp32' });
}`,
    },
    {
      name: 'env.remoteHost set to the Hub itself and a template that keeps {revision}',
      code: `import { env } from '@huggingface/transformers';
env.remoteHost = 'https://huggingface.co/';
env.remotePathTemplate = '{model}/resolve/{revision}/';`,
    },
    {
      name: 'local model directory verified file by file with a project helper (another file)',
      code: `import { pipeline } from '@huggingface/transformers';
import { verifyModelDirectory } from './helpers/model-integrity/verify.js';
const MODEL_DIR = './models/all-MiniLM-L6-v2';
await verifyModelDirectory(MODEL_DIR);
const embed = await pipeline('feature-extraction', MODEL_DIR, { local_files_only: true });`,
    },
    {
      name: 'local_files_only is accepted with allowLocalPaths',
      code: `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { local_files_only: true });`,
      options: [{ allowLocalPaths: true }],
    },
    {
      name: 'an unrelated object with a remoteHost property',
      code: `const settings = { remoteHost: '' };
settings.remoteHost = 'https://mirror.internal.example/';`,
    },

    // --- ONNX Runtime: hash checked before the load ----------------------------------------------
    {
      name: 'path verified by a project helper in another file',
      code: `import * as ort from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const modelPath = './models/model.onnx';
await verifyModel(modelPath, MODEL_SHA256);
const session = await ort.InferenceSession.create(modelPath);`,
    },
    {
      name: 'buffer hashed inline with createHash and compared fail-closed',
      code: `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const EXPECTED_SHA256 = '${DIGEST}';
const bytes = await readFile('./models/model.onnx');
const actual = createHash('sha256').update(bytes).digest('hex');
if (actual !== EXPECTED_SHA256) {
  throw new Error('model.onnx failed its integrity check');
}
const session = await InferenceSession.create(bytes);`,
    },
    {
      name: 'Web Crypto digest converted to hex, compared, then loaded in the browser',
      code: `import * as ort from 'onnxruntime-web';
const EXPECTED = '${DIGEST}';
async function loadModel(): Promise<ort.InferenceSession> {
  const response = await fetch('/models/model.onnx');
  const buffer = await response.arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  const hex = Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('');
  if (hex !== EXPECTED) {
    throw new Error('Model integrity check failed');
  }
  return ort.InferenceSession.create(buffer);
}`,
    },
    {
      name: 'timingSafeEqual against a pinned digest',
      code: `import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InferenceSession } from 'onnxruntime-node';
const PINNED = Buffer.from('${DIGEST}', 'hex');
const model = readFileSync('model.onnx');
const digest = createHash('sha256').update(model).digest();
if (!timingSafeEqual(digest, PINNED)) {
  process.exit(1);
}
await InferenceSession.create(model);`,
    },
    {
      name: 'assert.strictEqual is fail-closed',
      code: `import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const weights = await readFile('weights.onnx');
assert.strictEqual(createHash('sha512').update(weights).digest('hex'), '${DIGEST}${DIGEST}');
await InferenceSession.create(weights);`,
    },
    {
      name: 'load inside the branch where the digest matched',
      code: `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const MODEL_SHA = '${DIGEST}';
export async function load(): Promise<InferenceSession | undefined> {
  const bytes = await readFile('model.onnx');
  if (createHash('sha256').update(bytes).digest('hex') === MODEL_SHA) {
    return InferenceSession.create(bytes);
  }
  return undefined;
}`,
    },
    {
      name: 'a guard that also rejects a missing digest is still fail-closed',
      code: `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const expected = process.env.MODEL_SHA256;
const bytes = await readFile('model.onnx');
const actual = createHash('sha256').update(bytes).digest('hex');
if (!expected || actual !== expected) {
  throw new Error('refusing to load an unverified model');
}
await InferenceSession.create(bytes);`,
    },
    {
      name: 'boolean helper whose result stops the load',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { isModelIntact, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const file = 'models/model.onnx';
if (!(await isModelIntact(file, MODEL_SHA256))) {
  throw new Error('model.onnx was modified');
}
await InferenceSession.create(file);`,
    },
    {
      name: 'digest returned by a streaming helper and compared at the call site',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { sha256File } from './helpers/model-integrity/verify.js';
const MODEL = 'models/model.onnx';
const digest = await sha256File(MODEL);
if (digest !== '${DIGEST}') throw new Error('bad model');
await InferenceSession.create(MODEL);`,
    },
    {
      name: 'bytes returned by a helper that verifies them before returning',
      code: `import { InferenceSession } from 'onnxruntime-web';
import { fetchVerified } from './helpers/model-integrity/verify.js';
const bytes = await fetchVerified('https://cdn.example.com/models/model.onnx', '${DIGEST}');
await InferenceSession.create(bytes);`,
    },
    {
      name: 'a helper that delegates to another helper with a pinned digest',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { ensurePinnedModel } from './helpers/model-integrity/verify.js';
await ensurePinnedModel('model.onnx');
await InferenceSession.create('model.onnx');`,
    },
    {
      name: 'a recursive helper is analysed without looping',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModelPath, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await verifyModelPath('model.onnx', MODEL_SHA256);
await InferenceSession.create('model.onnx');`,
    },
    {
      name: 'a verified buffer (Web Crypto helper)',
      code: `import { InferenceSession } from 'onnxruntime-web';
import { verifyBuffer } from './helpers/model-integrity/verify.js';
const PINNED = '${DIGEST}';
const bytes = new Uint8Array(await (await fetch('/model.onnx')).arrayBuffer());
await verifyBuffer(bytes, PINNED);
const session = await InferenceSession.create(bytes);`,
    },
    {
      name: 'verification at module level, load later inside a request handler',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const MODEL_PATH = '/srv/models/classifier.onnx';
await verifyModel(MODEL_PATH, MODEL_SHA256);
export async function handle(): Promise<InferenceSession> {
  return InferenceSession.create(MODEL_PATH);
}`,
    },
    {
      name: 'per-file loop that skips files whose digest differs from a typed manifest',
      code: `import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InferenceSession } from 'onnxruntime-node';
interface ModelManifest { files: Record<string, string> }
const manifest: ModelManifest = JSON.parse(readFileSync('models.lock.json', 'utf8'));
for (const [file, expected] of Object.entries(manifest.files)) {
  const bytes = readFileSync(file);
  if (createHash('sha256').update(bytes).digest('hex') !== expected) continue;
  await InferenceSession.create(bytes);
}`,
    },
    {
      name: 'MD5 is accepted with allowWeakHashes',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyMd5 } from './helpers/model-integrity/verify.js';
await verifyMd5('model.onnx', 'c4ca4238a0b923820dcc509a6f75849b');
await InferenceSession.create('model.onnx');`,
      options: [{ allowWeakHashes: true }],
    },
    {
      name: 'a user-configured verifier (options.verifiers)',
      code: `import { InferenceSession } from 'onnxruntime-node';
declare function checkSignedModel(path: string): Promise<void>;
await checkSignedModel('model.onnx');
await InferenceSession.create('model.onnx');`,
      options: [{ verifiers: [{ from: 'file', name: 'checkSignedModel' }] }],
    },
    {
      name: "a verifier configured once for every rule in settings['llm-security']",
      code: `import { InferenceSession } from 'onnxruntime-node';
declare function checkSignedModel(path: string): Promise<void>;
await checkSignedModel('model.onnx');
await InferenceSession.create('model.onnx');`,
      settings: { 'llm-security': { verifiers: [{ from: 'file', name: 'checkSignedModel' }] } },
    },
    {
      name: 'local files are accepted with allowLocalPaths',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { readFile } from 'node:fs/promises';
await InferenceSession.create('models/model.onnx');
await InferenceSession.create(await readFile('models/other.onnx'));`,
      options: [{ allowLocalPaths: true }],
    },

    // --- node-llama-cpp ----------------------------------------------------------------------------
    {
      name: 'hf: URI pinned to a commit, then loaded (no second report for the load)',
      code: `import { getLlama, resolveModelFile } from 'node-llama-cpp';
const modelPath = await resolveModelFile('hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf#${SHA}', './models');
const llama = await getLlama();
const model = await llama.loadModel({ modelPath });`,
    },
    {
      name: 'createModelDownloader with a /resolve/<sha>/ URL',
      code: `import { createModelDownloader, getLlama } from 'node-llama-cpp';
const downloader = await createModelDownloader({
  modelUri: 'https://huggingface.co/bartowski/Qwen2.5-7B-Instruct-GGUF/resolve/${SHA}/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
  dirPath: './models',
});
const modelPath = await downloader.download();
const model = await (await getLlama()).loadModel({ modelPath });`,
    },
    {
      name: 'unpinned download whose file is hashed before anything loads it',
      code: `import { getLlama, resolveModelFile } from 'node-llama-cpp';
import { verifyModel } from './helpers/model-integrity/verify.js';
const GGUF_SHA256 = '${DIGEST}';
const modelPath = await resolveModelFile('hf:user/model:Q4_K_M', { directory: './models', verify: true });
await verifyModel(modelPath, GGUF_SHA256);
const llama = await getLlama();
const model = await llama.loadModel({ modelPath });`,
    },
    {
      name: 'a loadModel method of an unrelated class',
      code: `class ModelRegistry {
  async loadModel(options: { modelPath: string }): Promise<string> {
    return options.modelPath;
  }
}
const registry = new ModelRegistry();
await registry.loadModel({ modelPath: './models/any.gguf' });`,
    },

    // --- look-alikes --------------------------------------------------------------------------------
    {
      name: 'reading a non-model file and unrelated create/reload calls',
      code: `import { readFile } from 'node:fs/promises';
const config = JSON.parse(await readFile('config.json', 'utf8')) as { port: number };
const proto = Object.create(null);
window.location.reload();
export { config, proto };`,
    },
    {
      name: 'a model-record-shaped object in a file that does not use web-llm',
      code: `const record = { model: 'https://example.com/model', model_id: 'm', model_lib: 'lib.wasm' };
export default record;`,
    },

    // --- tfjs ----------------------------------------------------------------------------------------
    {
      name: 'a custom fetchFunc that checks every file against a pinned manifest',
      code: `import * as tf from '@tensorflow/tfjs';
import { verifyingFetch } from './helpers/model-integrity/verify.js';
const model = await tf.loadGraphModel('https://storage.example.com/mobilenet/model.json', { fetchFunc: verifyingFetch });`,
    },
    {
      name: 'tfjs files picked by the user in the browser',
      code: `import * as tf from '@tensorflow/tfjs';
declare const jsonUpload: HTMLInputElement;
declare const weightsUpload: HTMLInputElement;
const files = [jsonUpload.files![0]!, weightsUpload.files![0]!];
const model = await tf.loadLayersModel(tf.io.browserFiles(files));`,
    },

    // --- web-llm -------------------------------------------------------------------------------------
    {
      name: 'web-llm record pinned to a commit',
      code: `import { CreateMLCEngine } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('Llama-3.2-1B-Instruct-q4f32_1-MLC', {
  appConfig: {
    model_list: [
      {
        model: 'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/${SHA}/',
        model_id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
        model_lib: 'https://example.com/libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm',
      },
    ],
  },
});`,
    },

    // --- Ollama ---------------------------------------------------------------------------------------
    {
      name: 'ollama pull followed by a digest check against a pinned value',
      code: `import ollama from 'ollama';
const LLAMA_DIGEST = 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72';
await ollama.pull({ model: 'llama3.2' });
const { models } = await ollama.list();
const pulled = models.find(entry => entry.name === 'llama3.2:latest');
if (pulled?.digest !== LLAMA_DIGEST) {
  throw new Error('llama3.2 does not match the reviewed digest');
}`,
    },
    {
      name: 'ollama create from a local base tag, and chat',
      code: `import ollama from 'ollama';
await ollama.create({ model: 'support-bot', from: 'llama3.2', system: 'You answer billing questions.' });
const reply = await ollama.chat({ model: 'support-bot', messages: [{ role: 'user', content: 'hi' }] });`,
    },

    // --- @huggingface/hub ------------------------------------------------------------------------------
    {
      name: 'hub downloads of documentation and pinned model files',
      code: `import { downloadFile, snapshotDownload } from '@huggingface/hub';
const readme = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'README.md' });
const weights = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'onnx/encoder_model.onnx', revision: '${SHA}' });
const dir = await snapshotDownload({ repo: { type: 'model', name: 'onnx-community/whisper-base' }, revision: '${SHA}' });`,
    },
    {
      name: 'unpinned hub download whose bytes are hashed before use',
      code: `import { createHash } from 'node:crypto';
import { downloadFile } from '@huggingface/hub';
import { InferenceSession } from 'onnxruntime-node';
const blob = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'onnx/encoder_model.onnx' });
const bytes = new Uint8Array(await blob!.arrayBuffer());
if (createHash('sha256').update(bytes).digest('hex') !== '${DIGEST}') {
  throw new Error('encoder_model.onnx was modified');
}
const session = await InferenceSession.create(bytes);`,
    },

    // --- gpt4all / MediaPipe -------------------------------------------------------------------------------
    {
      name: 'gpt4all md5sum accepted with allowWeakHashes',
      code: `import { downloadModel } from 'gpt4all';
const download = downloadModel('orca-mini-3b-gguf2-q4_0.gguf', { md5sum: 'f8347badde9bfc2efbe89124d78ddaf5' });`,
      options: [{ allowWeakHashes: true }],
    },
    {
      name: 'MediaPipe model buffer verified before it is used',
      code: `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
import { verifyBuffer } from './helpers/model-integrity/verify.js';
const GEMMA_SHA256 = '${DIGEST}';
const genai = await FilesetResolver.forGenAiTasks('https://cdn.jsdelivr.net/npm/@mediapipe/tasks-genai/wasm');
const modelAssetBuffer = new Uint8Array(await (await fetch('/assets/gemma3-1b-it-int4.task')).arrayBuffer());
await verifyBuffer(modelAssetBuffer, GEMMA_SHA256);
const llm = await LlmInference.createFromOptions(genai, { baseOptions: { modelAssetBuffer } });`,
    },

    // --- more look-alikes and pins the rule must resolve ---------------------------------------------
    {
      name: 'revision supplied by a spread of pinned defaults',
      code: `import { pipeline } from '@huggingface/transformers';
const PINNED = { revision: '${SHA}', dtype: 'q8' } as const;
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { ...PINNED, device: 'cpu' });`,
    },
    {
      name: 'options the rule cannot see into (typed parameter) are not guessed',
      code: `import { pipeline, type PretrainedModelOptions } from '@huggingface/transformers';
export function embedder(options: PretrainedModelOptions) {
  return pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', options);
}`,
    },
    {
      name: 'a revision from the environment is a deployment decision (documented)',
      code: `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: process.env.EMBEDDING_REVISION });`,
    },
    {
      name: 'hashing used for a cache key, with no model load',
      code: `import { createHash } from 'node:crypto';
export function cacheKey(prompt: string): string {
  return createHash('sha256').update(prompt).digest('hex');
}`,
    },
    {
      name: 'a project class that happens to be called InferenceSession',
      code: `class InferenceSession {
  static async create(path: string): Promise<InferenceSession> {
    void path;
    return new InferenceSession();
  }
}
await InferenceSession.create('./models/model.onnx');`,
    },
    {
      name: 'Buffer.equals and node:assert truthy checks are fail-closed',
      code: `import assert from 'node:assert';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const PINNED = Buffer.from('${DIGEST}', 'hex');
const encoder = await readFile('encoder.onnx');
if (!createHash('sha256').update(encoder).digest().equals(PINNED)) throw new Error('encoder.onnx was modified');
const decoder = await readFile('decoder.onnx');
const decoderDigest = createHash('sha256').update(decoder).digest('hex');
assert(decoderDigest === '${DIGEST}', 'decoder.onnx was modified');
await InferenceSession.create(encoder);
await InferenceSession.create(decoder);`,
    },
    {
      name: 'the same file named with and without ./',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await verifyModel('./models/model.onnx', MODEL_SHA256);
await InferenceSession.create('models/model.onnx');`,
    },
    {
      name: 'an engine built with a pinned app config, then reloaded',
      code: `import { MLCEngine } from '@mlc-ai/web-llm';
const REVISION = '${SHA}';
const engine = new MLCEngine({
  appConfig: {
    model_list: [
      {
        model: \`https://huggingface.co/mlc-ai/gemma-2-2b-it-q4f16_1-MLC/resolve/\${REVISION}/\`,
        model_id: 'gemma-2-2b-it-q4f16_1-MLC',
        model_lib: 'https://example.com/libs/gemma-2-2b-it-q4f16_1-ctx4k_cs1k-webgpu.wasm',
      },
    ],
  },
});
await engine.reload('gemma-2-2b-it-q4f16_1-MLC');`,
    },
    {
      name: 'hf: URI built from a const commit SHA',
      code: `import { resolveModelFile } from 'node-llama-cpp';
const REPO = 'bartowski/Llama-3.2-3B-Instruct-GGUF';
const REVISION = '${SHA}';
const modelPath = await resolveModelFile(\`hf:\${REPO}/Llama-3.2-3B-Instruct-Q4_K_M.gguf#\${REVISION}\`);`,
    },
    {
      name: 'a model URI only known at run time is not guessed (documented)',
      code: `import { resolveModelFile } from 'node-llama-cpp';
export async function fetchModel(uri: string): Promise<string> {
  return resolveModelFile(uri, { directory: './models' });
}`,
    },
    {
      name: 'ollama pull checked by a project helper in another file',
      code: `import ollama from 'ollama';
import { assertOllamaDigest } from './helpers/model-integrity/verify.js';
await ollama.pull({ model: 'llama3.2:3b' });
await assertOllamaDigest('llama3.2:3b', 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72');`,
    },
    {
      name: 'gpt4all local file accepted with allowLocalPaths',
      code: `import { loadModel } from 'gpt4all';
const model = await loadModel('orca-mini-3b-gguf2-q4_0.gguf', { modelPath: './models', allowDownload: false });`,
      options: [{ allowLocalPaths: true }],
    },
    {
      name: 'MediaPipe setOptions without a new model',
      code: `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const genai = await FilesetResolver.forGenAiTasks('/wasm');
await verifyModel('/srv/assets/gemma.task', MODEL_SHA256);
const llm = await LlmInference.createFromModelPath(genai, '/srv/assets/gemma.task');
await llm.setOptions({ maxTokens: 512, temperature: 0.2 });`,
    },
    {
      name: 'a stubbed package (declare module) with a verified file',
      code: `import * as tf from '@tensorflow/tfjs-node-gpu';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const MODEL_JSON = './models/classifier/model.json';
await verifyModel(MODEL_JSON, MODEL_SHA256);
const model = await tf.loadLayersModel(MODEL_JSON);`,
    },
    {
      name: 'tfjs model saved in IndexedDB by the app, with allowLocalPaths',
      code: `import * as tf from '@tensorflow/tfjs';
const model = await tf.loadLayersModel('indexeddb://sentiment-v3');`,
      options: [{ allowLocalPaths: true }],
    },
    {
      name: 'several files verified in parallel with Promise.all',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel } from './helpers/model-integrity/verify.js';
const ENCODER = 'models/encoder.onnx';
const DECODER = 'models/decoder.onnx';
await Promise.all([verifyModel(ENCODER, '${DIGEST}'), verifyModel(DECODER, '${DIGEST}')]);
const [encoder, decoder] = await Promise.all([InferenceSession.create(ENCODER), InferenceSession.create(DECODER)]);`,
    },
    {
      name: 'pipeline from a dynamic import, pinned',
      code: `const { pipeline } = await import('@huggingface/transformers');
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: '${SHA}' });`,
    },
    {
      name: 'a private wrapper whose every caller in the file verifies first',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
async function openSession(modelPath: string): Promise<InferenceSession> {
  return InferenceSession.create(modelPath, { graphOptimizationLevel: 'all' });
}
export async function classifier(): Promise<InferenceSession> {
  await verifyModel('models/classifier.onnx', MODEL_SHA256);
  return openSession('models/classifier.onnx');
}
export async function reranker(): Promise<InferenceSession> {
  const file = 'models/reranker.onnx';
  await verifyModel(file, '${DIGEST}');
  return openSession(file);
}`,
    },
    {
      name: 'web-llm app config that replaces the prebuilt list',
      code: `import { CreateMLCEngine, prebuiltAppConfig } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('SmolLM2-360M-Instruct-q4f16_1-MLC', {
  appConfig: {
    ...prebuiltAppConfig,
    model_list: [
      {
        model: 'https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC/resolve/${SHA}/',
        model_id: 'SmolLM2-360M-Instruct-q4f16_1-MLC',
        model_lib: 'https://example.com/libs/SmolLM2-360M-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
      },
    ],
  },
});`,
    },
    {
      name: 'reload on an engine variable that was reassigned is not guessed',
      code: `import { MLCEngine } from '@mlc-ai/web-llm';
declare function pinnedEngine(): MLCEngine;
let engine = new MLCEngine();
engine = pinnedEngine();
await engine.reload('gemma-2-2b-it-q4f16_1-MLC');`,
    },
    {
      name: 'the load runs in the then-callback of a verifier',
      code: `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
export const session = verifyModel('model.onnx', MODEL_SHA256).then(() => InferenceSession.create('model.onnx'));`,
    },
    {
      name: 'hub download of a license file',
      code: `import { downloadFile } from '@huggingface/hub';
const license = await downloadFile({ repo: 'meta-llama/Llama-3.2-1B', path: 'LICENSE.txt' });`,
    },
  ],

  invalid: [
    // --- Hugging Face transformers.js ---------------------------------------------------------------
    invalid('pipeline without a revision (suggestion adds a placeholder option)', pipelineUnpinned, [
      {
        messageId: 'unpinnedDownload',
        at: "'Xenova/all-MiniLM-L6-v2'",
        data: {
          loader: 'pipeline()',
          model: "'Xenova/all-MiniLM-L6-v2'",
          remedy: 'pass `revision` set to the full 40-character commit SHA',
        },
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(pipelineUnpinned, "'Xenova/all-MiniLM-L6-v2')", `'Xenova/all-MiniLM-L6-v2', { revision: '${PLACEHOLDER}' })`),
          },
        ],
      },
    ]),
    invalid('pipeline options without a revision (suggestion inserts the property)', pipelineOptionsWithoutRevision, [
      {
        messageId: 'unpinnedDownload',
        at: "'onnx-community/Qwen2.5-0.5B-Instruct'",
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(pipelineOptionsWithoutRevision, "device: 'webgpu' }", `device: 'webgpu', revision: '${PLACEHOLDER}' }`),
          },
        ],
      },
    ]),
    invalid('pipeline with empty options', pipelineEmptyOptions, [
      {
        messageId: 'unpinnedDownload',
        at: "'Xenova/distilbert",
        suggestions: [{ messageId: 'addRevision', output: swap(pipelineEmptyOptions, '{}', `{ revision: '${PLACEHOLDER}' }`) }],
      },
    ]),
    invalid(
      "pipeline pinned to 'main'",
      `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: 'main' });`,
      [
        {
          messageId: 'mutableRevision',
          at: "'main'",
          data: { loader: 'pipeline()', model: "'Xenova/all-MiniLM-L6-v2'", revision: 'main' },
        },
      ],
    ),
    invalid(
      'pipeline pinned to a short SHA held in a const',
      `import { pipeline } from '@huggingface/transformers';
const REVISION = '5f1b7f6';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: REVISION });`,
      [{ messageId: 'mutableRevision', at: 'REVISION }' }],
    ),
    invalid(
      'from_pretrained pinned to a tag through a literal union type',
      `import { AutoTokenizer } from '@huggingface/transformers';
type Release = 'v1.0' | 'v1.1';
export async function tokenizerFor(release: Release) {
  return AutoTokenizer.from_pretrained('Xenova/bert-base-uncased', { revision: release });
}`,
      [{ messageId: 'mutableRevision', at: 'release }', data: { loader: 'AutoTokenizer.from_pretrained()', model: "'Xenova/bert-base-uncased'", revision: 'v1.0' } }],
    ),
    invalid(
      'pipeline without a model downloads the task default (no sound suggestion)',
      `import { pipeline } from '@huggingface/transformers';
const classify = await pipeline('sentiment-analysis');`,
      [
        {
          messageId: 'unpinnedDownload',
          at: 'pipeline(',
          data: { loader: 'pipeline()', model: 'the default model of this task', remedy: 'pass `revision` set to the full 40-character commit SHA' },
        },
      ],
    ),
    invalid('from_pretrained without options (suggestion appends them)', fromPretrainedUnpinned, [
      {
        messageId: 'unpinnedDownload',
        at: "'Xenova/bert-base-uncased'",
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(fromPretrainedUnpinned, "'Xenova/bert-base-uncased')", `'Xenova/bert-base-uncased', { revision: '${PLACEHOLDER}' })`),
          },
        ],
      },
    ]),
    invalid('@xenova/transformers pipeline without a revision', xenovaUnpinned, [
      {
        messageId: 'unpinnedDownload',
        at: "'Xenova/whisper-tiny.en'",
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(xenovaUnpinned, "'Xenova/whisper-tiny.en')", `'Xenova/whisper-tiny.en', { revision: '${PLACEHOLDER}' })`),
          },
        ],
      },
    ]),
    invalid('a renamed pipeline import', aliasedPipeline, [
      {
        messageId: 'unpinnedDownload',
        at: "'Xenova/distilbart-cnn-6-6'",
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(aliasedPipeline, "'Xenova/distilbart-cnn-6-6')", `'Xenova/distilbart-cnn-6-6', { revision: '${PLACEHOLDER}' })`),
          },
        ],
      },
    ]),
    invalid(
      'local_files_only restricts the origin, not the content',
      `import { pipeline } from '@huggingface/transformers';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { local_files_only: true });`,
      [{ messageId: 'unhashedLocalFile', at: "'Xenova/all-MiniLM-L6-v2'" }],
    ),
    invalid(
      'env.allowRemoteModels = false makes every load local',
      `import { env, pipeline } from '@huggingface/transformers';
env.allowRemoteModels = false;
env.localModelPath = '/srv/models/';
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');`,
      [{ messageId: 'unhashedLocalFile', at: "'Xenova/all-MiniLM-L6-v2'" }],
    ),
    invalid(
      'a local model directory path',
      `import { AutoModel } from '@huggingface/transformers';
const model = await AutoModel.from_pretrained('./models/bert-base-uncased');`,
      [
        {
          messageId: 'unhashedLocalFile',
          at: "'./models/bert-base-uncased'",
          data: { loader: 'AutoModel.from_pretrained()', model: "'./models/bert-base-uncased'" },
        },
      ],
    ),
    invalid(
      'env.remoteHost pointing at another host',
      `import { env } from '@huggingface/transformers';
env.remoteHost = 'https://models.mirror.example.com/';`,
      [
        {
          messageId: 'pinDefeated',
          at: 'env.remoteHost',
          data: {
            property: 'remoteHost',
            value: "'https://models.mirror.example.com/'",
            problem: 'sends model downloads to a host other than the Hugging Face Hub, which decides what a revision serves',
          },
        },
      ],
    ),
    invalid(
      'env.remotePathTemplate without {revision} (@xenova/transformers)',
      `import { env } from '@xenova/transformers';
env.remotePathTemplate = '{model}/resolve/main/';`,
      [{ messageId: 'pinDefeated', at: 'env.remotePathTemplate' }],
    ),
    invalid(
      'env.remoteHost from configuration',
      `import { env } from '@huggingface/transformers';
env.remoteHost = process.env.HF_MIRROR ?? 'https://huggingface.co/';`,
      [{ messageId: 'pinDefeated', at: 'env.remoteHost' }],
    ),

    // --- @huggingface/hub ------------------------------------------------------------------------------
    invalid('downloadFile without a revision', hubDownloadUnpinned, [
      {
        messageId: 'unpinnedDownload',
        at: "'onnx-community/whisper-base'",
        suggestions: [
          {
            messageId: 'addRevision',
            output: swap(hubDownloadUnpinned, "'onnx/encoder_model.onnx' }", `'onnx/encoder_model.onnx', revision: '${PLACEHOLDER}' }`),
          },
        ],
      },
    ]),
    invalid(
      'snapshotDownload pinned to a tag',
      `import { snapshotDownload } from '@huggingface/hub';
const dir = await snapshotDownload({ repo: 'onnx-community/whisper-base', revision: 'v2.0' });`,
      [{ messageId: 'mutableRevision', at: "'v2.0'" }],
    ),
    invalid(
      'downloadFileToCacheDir pinned to a short SHA',
      `import { downloadFileToCacheDir } from '@huggingface/hub';
const file = await downloadFileToCacheDir({ repo: 'Xenova/gpt2', path: 'onnx/model.onnx', revision: 'a1b2c3d4' });`,
      [{ messageId: 'mutableRevision', at: "'a1b2c3d4'" }],
    ),

    // --- ONNX Runtime ---------------------------------------------------------------------------------
    invalid(
      'a local model path',
      `import * as ort from 'onnxruntime-node';
const session = await ort.InferenceSession.create('./models/model.onnx');`,
      [
        {
          messageId: 'unhashedLocalFile',
          at: "'./models/model.onnx'",
          data: { loader: 'ort.InferenceSession.create()', model: "'./models/model.onnx'" },
        },
      ],
    ),
    invalid(
      'a buffer read from disk',
      `import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const bytes = await readFile('model.onnx');
const session = await InferenceSession.create(bytes);`,
      [{ messageId: 'unhashedBuffer', at: 'bytes)', data: { loader: 'InferenceSession.create()', model: 'bytes' } }],
    ),
    invalid(
      'a buffer fetched over the network (onnxruntime-web)',
      `import * as ort from 'onnxruntime-web';
const response = await fetch('https://cdn.example.com/model.onnx');
const session = await ort.InferenceSession.create(new Uint8Array(await response.arrayBuffer()));`,
      [{ messageId: 'unhashedBuffer', at: 'new Uint8Array' }],
    ),
    invalid(
      'a model URL',
      `import * as ort from 'onnxruntime-web';
const session = await ort.InferenceSession.create('https://cdn.example.com/models/model.onnx');`,
      [{ messageId: 'unpinnedDownload', at: "'https://" }],
    ),
    invalid(
      'a Hub URL on a branch',
      `import * as ort from 'onnxruntime-web';
const session = await ort.InferenceSession.create('https://huggingface.co/Xenova/gpt2/resolve/main/onnx/model.onnx');`,
      [
        {
          messageId: 'mutableRevision',
          at: "'https://",
          data: { loader: 'ort.InferenceSession.create()', model: "'https://huggingface.co/Xenova…lve/main/onnx/model.onnx'", revision: 'main' },
        },
      ],
    ),
    invalid(
      'hash computed but never compared',
      `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const bytes = await readFile('model.onnx');
const digest = createHash('sha256').update(bytes).digest('hex');
console.log('loading model', digest);
const session = await InferenceSession.create(bytes);`,
      [
        {
          messageId: 'hashNotEnforced',
          at: 'bytes);',
          data: { loader: 'InferenceSession.create()', model: 'bytes', check: 'SHA-256 hash computed on line 5', problem: 'is never compared with a pinned value' },
        },
      ],
    ),
    invalid(
      'fail-open comparison (skipped when no digest is configured)',
      `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const expected = process.env.MODEL_SHA256;
const bytes = await readFile('model.onnx');
const actual = createHash('sha256').update(bytes).digest('hex');
if (expected && expected !== actual) {
  throw new Error('model.onnx failed its integrity check');
}
const session = await InferenceSession.create(bytes);`,
      [
        {
          messageId: 'hashNotEnforced',
          at: 'bytes);',
          data: {
            loader: 'InferenceSession.create()',
            model: 'bytes',
            check: 'SHA-256 check on line 7',
            problem: 'is only enforced when another condition also holds (fail-open)',
          },
        },
      ],
    ),
    invalid(
      'a mismatch that only logs',
      `import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InferenceSession } from 'onnxruntime-node';
const bytes = readFileSync('model.onnx');
if (createHash('sha256').update(bytes).digest('hex') !== '${DIGEST}') {
  console.warn('model.onnx does not match its pinned digest');
}
await InferenceSession.create(bytes);`,
      [
        {
          messageId: 'hashNotEnforced',
          at: 'bytes);',
          data: {
            loader: 'InferenceSession.create()',
            model: 'bytes',
            check: 'SHA-256 check on line 5',
            problem: 'does not stop the load when it does not match',
          },
        },
      ],
    ),
    invalid(
      'compared with a digest downloaded next to the model',
      `import { createHash } from 'node:crypto';
import { InferenceSession } from 'onnxruntime-web';
const base = 'https://cdn.example.com/models/';
const bytes = new Uint8Array(await (await fetch(base + 'model.onnx')).arrayBuffer());
const expected = (await (await fetch(base + 'model.onnx.sha256')).text()).trim();
if (createHash('sha256').update(bytes).digest('hex') !== expected) {
  throw new Error('checksum mismatch');
}
await InferenceSession.create(bytes);`,
      [
        {
          messageId: 'hashNotEnforced',
          at: 'bytes);',
          data: {
            loader: 'InferenceSession.create()',
            model: 'bytes',
            check: 'SHA-256 check on line 6',
            problem: 'is compared with a value that is not pinned in the source',
          },
        },
      ],
    ),
    invalid(
      'MD5 comparison',
      `import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
const bytes = await readFile('model.onnx');
if (createHash('md5').update(bytes).digest('hex') !== 'c4ca4238a0b923820dcc509a6f75849b') {
  throw new Error('checksum mismatch');
}
await InferenceSession.create(bytes);`,
      [{ messageId: 'weakHash', at: 'bytes);', data: { loader: 'InferenceSession.create()', model: 'bytes', algorithm: 'MD5' } }],
    ),
    invalid(
      'SHA-1 through Web Crypto',
      `import { InferenceSession } from 'onnxruntime-web';
const bytes = await (await fetch('/model.onnx')).arrayBuffer();
const digest = Buffer.from(await crypto.subtle.digest('SHA-1', bytes)).toString('hex');
if (digest !== 'da39a3ee5e6b4b0d3255bfef95601890afd80709') throw new Error('checksum mismatch');
await InferenceSession.create(bytes);`,
      [{ messageId: 'weakHash', at: 'bytes);', data: { loader: 'InferenceSession.create()', model: 'bytes', algorithm: 'SHA-1' } }],
    ),
    invalid(
      'verification swallowed by try/catch',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
try {
  await verifyModel('model.onnx', MODEL_SHA256);
} catch (error) {
  console.error('integrity check failed, loading anyway', error);
}
await InferenceSession.create('model.onnx');`,
      [
        {
          messageId: 'hashNotEnforced',
          at: "'model.onnx');",
          data: {
            loader: 'InferenceSession.create()',
            model: "'model.onnx'",
            check: 'SHA-256 check on line 4',
            problem: 'is only enforced when another condition also holds (fail-open)',
          },
        },
      ],
    ),
    invalid(
      'verification only in one branch does not cover the load after it',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
if (process.env.NODE_ENV === 'production') {
  await verifyModel('model.onnx', MODEL_SHA256);
}
await InferenceSession.create('model.onnx');`,
      [
        {
          messageId: 'hashNotEnforced',
          at: "'model.onnx');",
          data: {
            loader: 'InferenceSession.create()',
            model: "'model.onnx'",
            check: 'SHA-256 check on line 4',
            problem: 'is only enforced when another condition also holds (fail-open)',
          },
        },
      ],
    ),
    invalid(
      'a helper that only logs a mismatch',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModelLoosely, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await verifyModelLoosely('model.onnx', MODEL_SHA256);
await InferenceSession.create('model.onnx');`,
      [
        {
          messageId: 'hashNotEnforced',
          at: "'model.onnx');",
          data: {
            loader: 'InferenceSession.create()',
            model: "'model.onnx'",
            check: 'SHA-256 check on line 3',
            problem: 'does not stop the load when it does not match',
          },
        },
      ],
    ),
    invalid(
      'a fail-open helper',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyIfConfigured } from './helpers/model-integrity/verify.js';
await verifyIfConfigured('model.onnx', process.env.MODEL_SHA256);
await InferenceSession.create('model.onnx');`,
      [{ messageId: 'hashNotEnforced', at: "'model.onnx');" }],
    ),
    invalid(
      'a helper that skips verification when an environment variable is set',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyUnlessSkipped, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await verifyUnlessSkipped('model.onnx', MODEL_SHA256);
await InferenceSession.create('model.onnx');`,
      [{ messageId: 'hashNotEnforced', at: "'model.onnx');" }],
    ),
    invalid(
      'an MD5 helper',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyMd5 } from './helpers/model-integrity/verify.js';
await verifyMd5('model.onnx', 'c4ca4238a0b923820dcc509a6f75849b');
await InferenceSession.create('model.onnx');`,
      [{ messageId: 'weakHash', at: "'model.onnx');", data: { loader: 'InferenceSession.create()', model: "'model.onnx'", algorithm: 'MD5' } }],
    ),
    invalid(
      'a boolean helper whose result is ignored',
      `import { InferenceSession } from 'onnxruntime-node';
import { isModelIntact, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await isModelIntact('model.onnx', MODEL_SHA256);
await InferenceSession.create('model.onnx');`,
      [{ messageId: 'hashNotEnforced', at: "'model.onnx');" }],
    ),
    invalid(
      'a helper called with a digest fetched at run time',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel } from './helpers/model-integrity/verify.js';
const expected = await (await fetch('https://cdn.example.com/model.onnx.sha256')).text();
await verifyModel('model.onnx', expected);
await InferenceSession.create('model.onnx');`,
      [
        {
          messageId: 'hashNotEnforced',
          at: "'model.onnx');",
          data: {
            loader: 'InferenceSession.create()',
            model: "'model.onnx'",
            check: 'SHA-256 check on line 4',
            problem: 'is compared with a value that is not pinned in the source',
          },
        },
      ],
    ),
    invalid(
      'a different file was verified',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await verifyModel('models/tokenizer.json', MODEL_SHA256);
await InferenceSession.create('models/model.onnx');`,
      [{ messageId: 'unhashedLocalFile', at: "'models/model.onnx'" }],
    ),
    invalid(
      'verified after the load',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const session = await InferenceSession.create('model.onnx');
await verifyModel('model.onnx', MODEL_SHA256);`,
      [{ messageId: 'unhashedLocalFile', at: "'model.onnx'" }],
    ),
    invalid(
      'a loader wrapper that loads its parameter without a check',
      `import { InferenceSession } from 'onnxruntime-node';
export async function createSession(modelPath: string): Promise<InferenceSession> {
  return InferenceSession.create(modelPath, { executionProviders: ['cpu'] });
}`,
      [{ messageId: 'unhashedLocalFile', at: 'modelPath,', data: { loader: 'InferenceSession.create()', model: 'modelPath' } }],
    ),

    // --- node-llama-cpp ---------------------------------------------------------------------------------
    invalid(
      'hf: URI with a quantisation tag only (verify: true only compares sizes)',
      `import { resolveModelFile } from 'node-llama-cpp';
const modelPath = await resolveModelFile('hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', { verify: true });`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'hf:",
          data: {
            loader: 'resolveModelFile()',
            model: "'hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M'",
            remedy: 'pin the `hf:` URI with `#<40-character commit SHA>`, or hash the downloaded file with SHA-256 before loading it',
          },
        },
      ],
    ),
    invalid('hf: URI to a file without a revision (suggestion adds a #<sha> placeholder)', hfUriWithoutRevision, [
      {
        messageId: 'unpinnedDownload',
        at: "'hf:",
        suggestions: [
          {
            messageId: 'addUriRevision',
            output: swap(hfUriWithoutRevision, ".Q4_K_M.gguf'", `.Q4_K_M.gguf#${PLACEHOLDER}'`),
          },
        ],
      },
    ]),
    invalid(
      'hf: URI pinned to a branch',
      `import { resolveModelFile } from 'node-llama-cpp';
const modelPath = await resolveModelFile('hf:user/model/model.Q4_K_M.gguf#main', './models');`,
      [
        {
          messageId: 'mutableRevision',
          at: "'hf:",
          data: { loader: 'resolveModelFile()', model: "'hf:user/model/model.Q4_K_M.gguf#main'", revision: 'main' },
        },
      ],
    ),
    invalid(
      'createModelDownloader with a Hub URL on main (skipExisting is only a size check)',
      `import { createModelDownloader } from 'node-llama-cpp';
const downloader = await createModelDownloader({
  modelUri: 'https://huggingface.co/user/model/resolve/main/model.Q4_K_M.gguf',
  dirPath: './models',
  skipExisting: true,
});`,
      [{ messageId: 'mutableRevision', at: "'https://" }],
    ),
    invalid(
      'llama.loadModel of a local GGUF file (checkTensors is not provenance)',
      `import { getLlama } from 'node-llama-cpp';
const llama = await getLlama();
const model = await llama.loadModel({ modelPath: './models/Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf', checkTensors: true });`,
      [{ messageId: 'unhashedLocalFile', at: "'./models/" }],
    ),
    invalid(
      'llama.loadModel of a path resolved locally (shorthand property)',
      `import { getLlama, resolveModelFile } from 'node-llama-cpp';
const modelPath = await resolveModelFile('model.gguf', './models');
const model = await (await getLlama()).loadModel({ modelPath });`,
      [{ messageId: 'unhashedLocalFile', at: 'modelPath }' }],
    ),

    // --- tfjs --------------------------------------------------------------------------------------------
    invalid(
      'loadLayersModel from a file:// URL (tfjs-node)',
      `import * as tf from '@tensorflow/tfjs-node';
const model = await tf.loadLayersModel('file://./models/classifier/model.json');`,
      [{ messageId: 'unhashedLocalFile', at: "'file://" }],
    ),
    invalid(
      'loadGraphModel from TF Hub',
      `import * as tf from '@tensorflow/tfjs';
const model = await tf.loadGraphModel('https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v3_small_100_224/classification/5/default/1', { fromTFHub: true });`,
      [{ messageId: 'unpinnedDownload', at: "'https://" }],
    ),
    invalid(
      'requestInit.integrity does not cover the weight shards',
      `import * as tf from '@tensorflow/tfjs';
const model = await tf.loadGraphModel('https://storage.example.com/mobilenet/model.json', {
  requestInit: { integrity: 'sha256-0bG1dV2Z4hQfPq0pC8oH7wS9iY3kN5mR6tU1vX2yZ3A=' },
});`,
      [{ messageId: 'unpinnedDownload', at: "'https://" }],
    ),
    invalid(
      'tf.node.loadSavedModel of a local directory',
      `import * as tf from '@tensorflow/tfjs-node';
const model = await tf.node.loadSavedModel('./saved_model', ['serve'], 'serving_default');`,
      [{ messageId: 'unhashedLocalFile', at: "'./saved_model'" }],
    ),
    invalid(
      'loadTFLiteModel from a URL',
      `import { loadTFLiteModel } from '@tensorflow/tfjs-tflite';
const model = await loadTFLiteModel('https://storage.example.com/models/efficientdet.tflite');`,
      [{ messageId: 'unpinnedDownload', at: "'https://" }],
    ),
    invalid(
      'loadLayersModel through tf.io.fileSystem',
      `import * as tf from '@tensorflow/tfjs-node';
const model = await tf.loadLayersModel(tf.io.fileSystem('./models/classifier/model.json'));`,
      [{ messageId: 'unhashedLocalFile', at: "'./models/" }],
    ),
    invalid(
      'a project-local declare module stub is recognised by its module name',
      `import * as tf from '@tensorflow/tfjs-node-gpu';
const layers = await tf.loadLayersModel('file://./models/classifier/model.json');
const saved = await tf.node.loadSavedModel('./saved_model');`,
      [
        { messageId: 'unhashedLocalFile', at: "'file://" },
        { messageId: 'unhashedLocalFile', at: "'./saved_model'" },
      ],
    ),

    // --- web-llm -------------------------------------------------------------------------------------
    invalid(
      "CreateMLCEngine with web-llm's prebuilt model list",
      `import { CreateMLCEngine } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('Llama-3.2-1B-Instruct-q4f32_1-MLC', { initProgressCallback: report => console.log(report.text) });`,
      [{ messageId: 'unpinnedDownload', at: "'Llama-3.2" }],
    ),
    invalid(
      'CreateWebWorkerMLCEngine with prebuiltAppConfig',
      `import { CreateWebWorkerMLCEngine, prebuiltAppConfig } from '@mlc-ai/web-llm';
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const engine = await CreateWebWorkerMLCEngine(worker, 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', { appConfig: prebuiltAppConfig });`,
      [{ messageId: 'unpinnedDownload', at: "'Qwen2.5" }],
    ),
    invalid(
      'engine.reload on an engine built without appConfig',
      `import { MLCEngine } from '@mlc-ai/web-llm';
const engine = new MLCEngine();
await engine.reload('gemma-2-2b-it-q4f16_1-MLC');`,
      [{ messageId: 'unpinnedDownload', at: "'gemma" }],
    ),
    invalid(
      'a model record without a revision',
      `import type { AppConfig } from '@mlc-ai/web-llm';
export const appConfig: AppConfig = {
  model_list: [
    {
      model: 'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC',
      model_id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      model_lib: 'https://example.com/libs/Llama-3.2-1B-Instruct-q4f32_1-ctx4k_cs1k-webgpu.wasm',
    },
  ],
};`,
      [{ messageId: 'unpinnedDownload', at: "'https://huggingface.co" }],
    ),
    invalid(
      'a model record on a branch',
      `import * as webllm from '@mlc-ai/web-llm';
const record = {
  model: 'https://huggingface.co/mlc-ai/gemma-2-2b-it-q4f16_1-MLC/resolve/main/',
  model_id: 'gemma-2-2b-it-q4f16_1-MLC',
  model_lib: webllm.modelLibURLPrefix + webllm.modelVersion + '/gemma-2-2b-it-q4f16_1-ctx4k_cs1k-webgpu.wasm',
};
const engine = await webllm.CreateMLCEngine(record.model_id, { appConfig: { model_list: [record] } });`,
      [{ messageId: 'mutableRevision', at: "'https://", data: { loader: 'web-llm', model: "'gemma-2-2b-it-q4f16_1-MLC'", revision: 'main' } }],
    ),
    invalid(
      'web-llm integrity covers config, library and tokenizer, not weights',
      `import { CreateMLCEngine } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('Phi-3.5-mini-instruct-q4f16_1-MLC', {
  appConfig: {
    model_list: [
      {
        model: 'https://huggingface.co/mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC',
        model_id: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
        model_lib: 'https://example.com/libs/Phi-3.5-mini-instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
        integrity: {
          config: 'sha256-0bG1dV2Z4hQfPq0pC8oH7wS9iY3kN5mR6tU1vX2yZ3A=',
          model_lib: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
          onFailure: 'error',
        },
      },
    ],
  },
});`,
      [{ messageId: 'webLlmWeightsUnverified', at: "'https://huggingface.co", data: { model: "'Phi-3.5-mini-instruct-q4f16_1-MLC'" } }],
    ),
    invalid("web-llm integrity with onFailure: 'warn' (suggestion fails closed)", webLlmWarnOnly, [
      { messageId: 'unpinnedDownload', at: "'https://huggingface.co/mlc-ai" },
      {
        messageId: 'hashNotEnforced',
        at: "onFailure: 'warn'",
        suggestions: [{ messageId: 'failClosed', output: swap(webLlmWarnOnly, "onFailure: 'warn'", "onFailure: 'error'") }],
      },
    ]),

    // --- Ollama ---------------------------------------------------------------------------------------
    invalid(
      'ollama pull of a moving tag',
      `import ollama from 'ollama';
await ollama.pull({ model: 'llama3.2' });`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'llama3.2'",
          data: {
            loader: 'ollama.pull()',
            model: "'llama3.2'",
            remedy: 'tags move, so compare the model `digest` from `ollama.list()` with a pinned value before using it',
          },
        },
      ],
    ),
    // `insecure: true` is left to no-insecure-llm-transport: one finding per concern.
    invalid('ollama pull with insecure: true is judged on its pin only', ollamaInsecure, [{ messageId: 'unpinnedDownload', at: "'llama3.2'" }]),
    invalid(
      'ollama create from a Hugging Face GGUF repo (pulled by the server)',
      `import { Ollama } from 'ollama';
const client = new Ollama({ host: 'http://127.0.0.1:11434' });
await client.create({ model: 'assistant', from: 'hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M' });`,
      [{ messageId: 'unpinnedDownload', at: "'hf.co" }],
    ),

    // --- gpt4all ----------------------------------------------------------------------------------------
    invalid(
      'gpt4all loadModel downloads from the model list by default',
      `import { loadModel } from 'gpt4all';
const model = await loadModel('orca-mini-3b-gguf2-q4_0.gguf', { verbose: true, device: 'cpu' });`,
      [{ messageId: 'unpinnedDownload', at: "'orca" }],
    ),
    invalid(
      'gpt4all loadModel of a local file only',
      `import { loadModel } from 'gpt4all';
const model = await loadModel('orca-mini-3b-gguf2-q4_0.gguf', { modelPath: './models', allowDownload: false });`,
      [{ messageId: 'unhashedLocalFile', at: "'orca" }],
    ),
    invalid(
      'gpt4all downloadModel with an MD5 sum',
      `import { downloadModel } from 'gpt4all';
const download = downloadModel('orca-mini-3b-gguf2-q4_0.gguf', { md5sum: 'f8347badde9bfc2efbe89124d78ddaf5' });
await download.promise;`,
      [
        {
          messageId: 'weakHash',
          at: "'f8347",
          data: { loader: 'downloadModel()', model: "'orca-mini-3b-gguf2-q4_0.gguf'", algorithm: 'MD5' },
        },
      ],
    ),
    invalid(
      'gpt4all downloadModel without a checksum',
      `import { downloadModel } from 'gpt4all';
await downloadModel('mistral-7b-openorca.gguf2.Q4_0.gguf', { modelPath: './models' }).promise;`,
      [{ messageId: 'unpinnedDownload', at: "'mistral" }],
    ),

    // --- MediaPipe ---------------------------------------------------------------------------------------
    invalid(
      'MediaPipe LLM from a model path',
      `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
const genai = await FilesetResolver.forGenAiTasks('https://cdn.jsdelivr.net/npm/@mediapipe/tasks-genai/wasm');
const llm = await LlmInference.createFromOptions(genai, { baseOptions: { modelAssetPath: '/assets/gemma3-1b-it-int4.task' }, maxTokens: 1000 });`,
      [{ messageId: 'unhashedLocalFile', at: "'/assets/" }],
    ),
    invalid(
      'MediaPipe LLM from a remote model URL',
      `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
const genai = await FilesetResolver.forGenAiTasks('https://cdn.jsdelivr.net/npm/@mediapipe/tasks-genai/wasm');
const llm = await LlmInference.createFromModelPath(genai, 'https://storage.googleapis.com/example-bucket/gemma-2b-it-gpu-int4.bin');`,
      [{ messageId: 'unpinnedDownload', at: "'https://storage" }],
    ),
    invalid(
      'MediaPipe LLM from a fetched buffer',
      `import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
const genai = await FilesetResolver.forGenAiTasks('https://cdn.jsdelivr.net/npm/@mediapipe/tasks-genai/wasm');
const bytes = new Uint8Array(await (await fetch('/assets/gemma.task')).arrayBuffer());
const llm = await LlmInference.createFromModelBuffer(genai, bytes);`,
      [{ messageId: 'unhashedBuffer', at: 'bytes)' }],
    ),

    invalid(
      'spread defaults without a revision (suggestion adds it after the spread)',
      `import { pipeline } from '@huggingface/transformers';
const DEFAULTS = { dtype: 'q8' } as const;
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { ...DEFAULTS });`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'Xenova/all-MiniLM-L6-v2'",
          suggestions: [
            {
              messageId: 'addRevision',
              output: `import { pipeline } from '@huggingface/transformers';
const DEFAULTS = { dtype: 'q8' } as const;
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { ...DEFAULTS, revision: '${PLACEHOLDER}' });`,
            },
          ],
        },
      ],
    ),
    invalid(
      'a wrapper that never pins its model',
      `import { AutoModelForCausalLM } from '@huggingface/transformers';
export async function loadCausalModel(modelId: string) {
  return AutoModelForCausalLM.from_pretrained(modelId, { dtype: 'q4f16', device: 'webgpu' });
}`,
      [
        {
          messageId: 'unpinnedDownload',
          at: 'modelId,',
          suggestions: [
            {
              messageId: 'addRevision',
              output: `import { AutoModelForCausalLM } from '@huggingface/transformers';
export async function loadCausalModel(modelId: string) {
  return AutoModelForCausalLM.from_pretrained(modelId, { dtype: 'q4f16', device: 'webgpu', revision: '${PLACEHOLDER}' });
}`,
            },
          ],
        },
      ],
    ),
    invalid(
      'ollama pull whose digest is checked against a value fetched at run time',
      `import ollama from 'ollama';
await ollama.pull({ model: 'llama3.2' });
const expected = await (await fetch('https://models.example.com/llama3.2.digest')).text();
const { models } = await ollama.list();
if (models[0]?.digest !== expected) throw new Error('unexpected model');`,
      [{ messageId: 'unpinnedDownload', at: "'llama3.2'" }],
    ),

    invalid(
      'pipeline from a dynamic import, unpinned',
      `const { pipeline } = await import('@huggingface/transformers');
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { dtype: 'q8' });`,
      [
        {
          messageId: 'unpinnedDownload',
          at: "'Xenova/all-MiniLM-L6-v2'",
          suggestions: [
            {
              messageId: 'addRevision',
              output: `const { pipeline } = await import('@huggingface/transformers');
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { dtype: 'q8', revision: '${PLACEHOLDER}' });`,
            },
          ],
        },
      ],
    ),
    invalid(
      'Promise.allSettled swallows a failed check',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
await Promise.allSettled([verifyModel('model.onnx', MODEL_SHA256)]);
await InferenceSession.create('model.onnx');`,
      [{ messageId: 'unhashedLocalFile', at: "'model.onnx');" }],
    ),

    invalid(
      'a private wrapper with one caller that does not verify',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
async function openSession(modelPath: string): Promise<InferenceSession> {
  return InferenceSession.create(modelPath);
}
export async function classifier(): Promise<InferenceSession> {
  await verifyModel('models/classifier.onnx', MODEL_SHA256);
  return openSession('models/classifier.onnx');
}
export async function experiment(file: string): Promise<InferenceSession> {
  return openSession(file);
}`,
      [{ messageId: 'unhashedLocalFile', at: 'modelPath);' }],
    ),
    invalid(
      'a private wrapper passed around as a value (its callers are unknown)',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
const openSession = (modelPath: string) => InferenceSession.create(modelPath);
await verifyModel('models/classifier.onnx', MODEL_SHA256);
await openSession('models/classifier.onnx');
export const loaders = { openSession };`,
      [{ messageId: 'unhashedLocalFile', at: 'modelPath);' }],
    ),
    invalid(
      'web-llm app config that spreads the prebuilt list',
      `import { CreateMLCEngine, prebuiltAppConfig } from '@mlc-ai/web-llm';
const engine = await CreateMLCEngine('Qwen2.5-1.5B-Instruct-q4f16_1-MLC', { appConfig: { ...prebuiltAppConfig, cacheBackend: 'indexeddb' } });`,
      [{ messageId: 'unpinnedDownload', at: "'Qwen2.5" }],
    ),

    invalid(
      'an explicit undefined model and an explicit undefined revision are the defaults',
      `import { pipeline } from '@huggingface/transformers';
const classify = await pipeline('sentiment-analysis', undefined, { revision: 'main' });
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { revision: undefined });`,
      [
        { messageId: 'mutableRevision', at: "'main'", data: { loader: 'pipeline()', model: 'the default model of this task', revision: 'main' } },
        { messageId: 'unpinnedDownload', at: "'Xenova/all-MiniLM-L6-v2'" },
      ],
    ),

    invalid(
      'an async verifier called without await',
      `import { InferenceSession } from 'onnxruntime-node';
import { verifyModel, MODEL_SHA256 } from './helpers/model-integrity/verify.js';
export async function load(): Promise<InferenceSession> {
  void verifyModel('model.onnx', MODEL_SHA256);
  return InferenceSession.create('model.onnx');
}`,
      [
        {
          messageId: 'hashNotEnforced',
          at: "'model.onnx');",
          data: {
            loader: 'InferenceSession.create()',
            model: "'model.onnx'",
            check: 'SHA-256 check on line 4',
            problem: 'does not stop the load when it does not match',
          },
        },
      ],
    ),

    // --- options ---------------------------------------------------------------------------------------
    invalid(
      'an extra loader from options.loaders',
      `declare function loadCustomModel(path: string): Promise<void>;
await loadCustomModel('./models/custom.bin');`,
      [{ messageId: 'unhashedLocalFile', at: "'./models/custom.bin'" }],
      [{ loaders: [{ from: 'file', name: 'loadCustomModel' }] }],
    ),
  ],
});
