// A Node service that runs its models locally: ONNX Runtime for classification, llama.cpp for
// generation, Ollama and gpt4all for the developer tooling.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { loadModel } from 'gpt4all';
import { createModelDownloader, getLlama, resolveModelFile } from 'node-llama-cpp';
import ollama from 'ollama';
import * as ort from 'onnxruntime-node';

import { assertModelDigest, MODEL_DIGESTS, reportDrift, sha256Of } from './model-checksums.js';

const MODEL_DIR = path.resolve('models');
const CLASSIFIER = path.join(MODEL_DIR, 'intent-classifier.onnx');
const RERANKER = path.join(MODEL_DIR, 'reranker.onnx');
const GGUF_REVISION = '9a3c1e7b5d2f4a6c8e0b1d3f5a7c9e1b3d5f7a9c';

/** Verified through the shared helper (another file): clean. */
export async function createClassifier(): Promise<ort.InferenceSession> {
  await assertModelDigest(CLASSIFIER, 'intent-classifier.onnx');
  return ort.InferenceSession.create(CLASSIFIER, { executionProviders: ['cpu'] });
}

/** The digest is compared at the call site: clean. */
export async function createReranker(): Promise<ort.InferenceSession> {
  const bytes = await readFile(RERANKER);
  if (createHash('sha256').update(bytes).digest('hex') !== MODEL_DIGESTS['reranker.onnx']) {
    throw new Error('reranker.onnx was modified');
  }
  return ort.InferenceSession.create(bytes);
}

/** Hashed, but only reported: the load still happens. */
export async function createRerankerForReport(): Promise<ort.InferenceSession> {
  await reportDrift(RERANKER, 'reranker.onnx');
  return ort.InferenceSession.create(RERANKER); // expect: require-model-integrity
}

/** A digest that is logged, never compared. */
export async function createDebugSession(): Promise<ort.InferenceSession> {
  const digest = await sha256Of(CLASSIFIER);
  console.info(`loading classifier ${digest}`);
  return ort.InferenceSession.create(CLASSIFIER); // expect: require-model-integrity
}

/** A plain local load. */
export async function createExperimentalSession(file: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(path.join(MODEL_DIR, 'experiments', file)); // expect: require-model-integrity
}

/** Pinned to a commit: the download is immutable, the load of its result is clean. */
export async function loadChatModel() {
  const modelPath = await resolveModelFile(`hf:bartowski/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf#${GGUF_REVISION}`, MODEL_DIR);
  const llama = await getLlama();
  return llama.loadModel({ modelPath });
}

/** `verify: true` only compares the file size with the remote one. */
export async function loadDraftModel() {
  const modelPath = await resolveModelFile('hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q8_0', { directory: MODEL_DIR, verify: true }); // expect: require-model-integrity
  const llama = await getLlama();
  return llama.loadModel({ modelPath });
}

/** Downloaded from a branch URL. */
export async function downloadEmbeddingModel(): Promise<string> {
  const downloader = await createModelDownloader({
    modelUri: 'https://huggingface.co/nomic-ai/nomic-embed-text-v1.5-GGUF/resolve/main/nomic-embed-text-v1.5.Q8_0.gguf', // expect: require-model-integrity
    dirPath: MODEL_DIR,
  });
  return downloader.download();
}

/** Unpinned download, but the file is hashed before anything loads it: clean. */
export async function loadVerifiedDownload() {
  const modelPath = await resolveModelFile('hf:bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M', MODEL_DIR);
  await assertModelDigest(modelPath, 'Llama-3.2-3B-Instruct-Q4_K_M.gguf');
  const llama = await getLlama();
  return llama.loadModel({ modelPath });
}

/** A local GGUF picked by the operator (checkTensors is not provenance). */
export async function loadOperatorModel(modelPath: string) {
  const llama = await getLlama();
  return llama.loadModel({ modelPath, checkTensors: true }); // expect: require-model-integrity
}

/** Developer tooling: pulls a moving tag, then checks nothing. */
export async function prepareOllama(): Promise<void> {
  await ollama.pull({ model: 'qwen2.5-coder:7b' }); // expect: require-model-integrity
  await ollama.create({ model: 'reviewer', from: 'qwen2.5-coder:7b', system: 'You review pull requests.' });
}

/** A pull whose result is compared with the reviewed digest: clean. */
export async function prepareReviewedOllama(): Promise<void> {
  await ollama.pull({ model: 'llama3.2:3b' });
  const { models } = await ollama.list();
  const local = models.find(model => model.name === 'llama3.2:3b');
  if (local?.digest !== 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72') {
    throw new Error('llama3.2:3b is not the reviewed build');
  }
}

/** gpt4all downloads from its own model list and checks only an MD5 from the same list. */
export async function loadOfflineAssistant() {
  return loadModel('Meta-Llama-3-8B-Instruct.Q4_0.gguf', { modelPath: MODEL_DIR, device: 'cpu' }); // expect: require-model-integrity
}

/** Not a model: a JSON config read next to the models. */
export async function readLabels(): Promise<string[]> {
  return JSON.parse(await readFile(path.join(MODEL_DIR, 'labels.json'), 'utf8')) as string[];
}
