// Embeddings and reranking with transformers.js, plus weights fetched with @huggingface/hub.
import { createHash } from 'node:crypto';

import { downloadFile, snapshotDownload } from '@huggingface/hub';
import { AutoModel, AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';

/** Commits reviewed in the model-release pull request. */
const PINNED = {
  embedder: { id: 'Xenova/all-MiniLM-L6-v2', revision: '751bff37182d3f1213fa05d7196b954e230abad9' },
  reranker: { id: 'Xenova/ms-marco-MiniLM-L-6-v2', revision: 'b2ec2f1a5b1e3c6d9f0a8e7d6c5b4a3f2e1d0c9b' },
} as const;

const WHISPER_ENCODER_SHA256 = '8d5e1c0f3b2a4d6e9f7c5b3a1e9d7f5c3b1a9e7d5f3c1b9a7e5d3f1c9b7a5e3d';

env.cacheDir = './.cache/transformers';
env.remoteHost = process.env.HF_MIRROR_URL ?? 'https://huggingface.co/'; // expect: require-model-integrity

/** Pinned through an `as const` table: clean. */
export const embedder = await pipeline('feature-extraction', PINNED.embedder.id, { revision: PINNED.embedder.revision, dtype: 'q8' });

/** Tokenizer and model of the reranker, both pinned: clean. */
export const rerankTokenizer = await AutoTokenizer.from_pretrained(PINNED.reranker.id, { revision: PINNED.reranker.revision });
export const rerankModel = await AutoModel.from_pretrained(PINNED.reranker.id, { revision: PINNED.reranker.revision });

/** Copied from the model card: follows `main`. */
export const summarizer = await pipeline('summarization', 'Xenova/distilbart-cnn-6-6'); // expect: require-model-integrity

/** A tag is not a commit. */
export const classifier = await pipeline('text-classification', 'Xenova/toxic-bert', { revision: 'v1.0' }); // expect: require-model-integrity

/** No model at all: the library picks (and downloads) its default for the task. */
export const sentiment = await pipeline('sentiment-analysis'); // expect: require-model-integrity

/** A wrapper: the revision is its caller's decision. */
export function loadPinned(task: 'feature-extraction', model: string, revision: string) {
  return pipeline(task, model, { revision });
}

/** Weights fetched with the hub client and hashed before ONNX Runtime sees them: clean. */
export async function whisperEncoder(): Promise<ort.InferenceSession> {
  const blob = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'onnx/encoder_model.onnx' });
  if (!blob) {
    throw new Error('encoder_model.onnx is missing');
  }
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (createHash('sha256').update(bytes).digest('hex') !== WHISPER_ENCODER_SHA256) {
    throw new Error('encoder_model.onnx was modified');
  }
  return ort.InferenceSession.create(bytes);
}

/** Documentation is not a model. */
export const modelCard = await downloadFile({ repo: 'onnx-community/whisper-base', path: 'README.md' });

/** A whole snapshot on a branch. */
export const whisperSnapshot = await snapshotDownload({ repo: 'onnx-community/whisper-base', revision: 'main', cacheDir: './.cache/hub' }); // expect: require-model-integrity

/** Not transformers.js: a settings object with the same property name. */
const proxySettings = { remoteHost: '' };
proxySettings.remoteHost = 'https://proxy.internal.example/';
export { proxySettings };
