// In-browser inference: web-llm chat, MediaPipe on-device LLM, ONNX Runtime Web and tfjs vision.
import * as webllm from '@mlc-ai/web-llm';
import { FilesetResolver, LlmInference } from '@mediapipe/tasks-genai';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';

const SMOLLM_COMMIT = '3c9d0c1a7f5e2b4d6a8c0e2f4b6d8a0c2e4f6b8d';
const GEMMA_SHA256 = 'f3a9c1e7b5d3f1a9c7e5b3d1f9a7c5e3b1d9f7a5c3e1b9d7f5a3c1e9b7d5f3a1';
const DETECTOR_SHA256 = '2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d';

/** web-llm with a record pinned to a commit: clean. */
export async function pinnedChatEngine(): Promise<webllm.MLCEngineInterface> {
  return webllm.CreateMLCEngine('SmolLM2-360M-Instruct-q4f16_1-MLC', {
    appConfig: {
      model_list: [
        {
          model: `https://huggingface.co/mlc-ai/SmolLM2-360M-Instruct-q4f16_1-MLC/resolve/${SMOLLM_COMMIT}/`,
          model_id: 'SmolLM2-360M-Instruct-q4f16_1-MLC',
          model_lib: `${webllm.modelLibURLPrefix}${webllm.modelVersion}/SmolLM2-360M-Instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm`,
        },
      ],
    },
  });
}

/** The prebuilt model list resolves every model to `main`. */
export async function quickChatEngine(): Promise<webllm.MLCEngineInterface> {
  return webllm.CreateMLCEngine('Llama-3.2-1B-Instruct-q4f32_1-MLC', { // expect: require-model-integrity
    initProgressCallback: (progress: { text: string }) => console.debug(progress.text),
  });
}

/** SRI integrity checks config, library and tokenizer — the weights stay unverified. */
export const appConfig: webllm.AppConfig = {
  model_list: [
    {
      model: 'https://huggingface.co/mlc-ai/Phi-3.5-mini-instruct-q4f16_1-MLC', // expect: require-model-integrity
      model_id: 'Phi-3.5-mini-instruct-q4f16_1-MLC',
      model_lib: 'https://cdn.example.com/web-llm/Phi-3.5-mini-instruct-q4f16_1-ctx4k_cs1k-webgpu.wasm',
      integrity: {
        config: 'sha256-0bG1dV2Z4hQfPq0pC8oH7wS9iY3kN5mR6tU1vX2yZ3A=',
        model_lib: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
        onFailure: 'warn', // expect: require-model-integrity
      },
    },
  ],
};

/** MediaPipe with a buffer verified through Web Crypto: clean. */
export async function verifiedGemma(): Promise<LlmInference> {
  const genai = await FilesetResolver.forGenAiTasks('/wasm/genai');
  const response = await fetch('/assets/gemma3-1b-it-int4.task');
  const modelAssetBuffer = new Uint8Array(await response.arrayBuffer());
  const digest = await crypto.subtle.digest('SHA-256', modelAssetBuffer);
  const hex = Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('');
  if (hex !== GEMMA_SHA256) {
    throw new Error('gemma3-1b-it-int4.task was modified');
  }
  return LlmInference.createFromOptions(genai, { baseOptions: { modelAssetBuffer }, maxTokens: 1024 });
}

/** MediaPipe straight from a bucket. */
export async function bucketGemma(): Promise<LlmInference> {
  const genai = await FilesetResolver.forGenAiTasks('/wasm/genai');
  return LlmInference.createFromModelPath(genai, 'https://storage.googleapis.com/ml-assets/gemma-2b-it-gpu-int4.bin'); // expect: require-model-integrity
}

/** ONNX Runtime Web: hashed, but compared fail-open (skipped when no digest is configured). */
export async function detector(expected?: string): Promise<ort.InferenceSession> {
  const bytes = await (await fetch('/models/detector.onnx')).arrayBuffer();
  const actual = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), byte => byte.toString(16).padStart(2, '0')).join('');
  if (expected && actual !== expected) {
    throw new Error('detector.onnx was modified');
  }
  return ort.InferenceSession.create(bytes); // expect: require-model-integrity
}

/** Same model, checked fail-closed against the pinned digest: clean. */
export async function pinnedDetector(): Promise<ort.InferenceSession> {
  const bytes = await (await fetch('/models/detector.onnx')).arrayBuffer();
  const actual = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), byte => byte.toString(16).padStart(2, '0')).join('');
  if (actual !== DETECTOR_SHA256) {
    throw new Error('detector.onnx was modified');
  }
  return ort.InferenceSession.create(bytes);
}

/** tfjs: `requestInit.integrity` is reused for every shard, so it cannot cover the weights. */
export async function mobilenet(): Promise<tf.GraphModel> {
  return tf.loadGraphModel('https://storage.example.com/mobilenet_v3/model.json', { // expect: require-model-integrity
    requestInit: { integrity: 'sha256-0bG1dV2Z4hQfPq0pC8oH7wS9iY3kN5mR6tU1vX2yZ3A=' },
  });
}

/** Not a model load: the page reloads after an update. */
export function restartAfterUpdate(): void {
  window.location.reload();
}
