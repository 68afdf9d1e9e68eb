// Integrity helpers shared by the inference services. The rule reads these bodies (from the files
// that import them) to learn which argument each helper verifies.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Reviewed SHA-256 digests, updated by the model-release pull request. */
export const MODEL_DIGESTS = {
  'intent-classifier.onnx': '6c1f6b1c2f7c0b6f0f9d2f2f3c2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
  'reranker.onnx': '0f4e8d2c6b1a5f9e3d7c1b5a9f3e7d1c5b9a3f7e1d5c9b3a7f1e5d9c3b7a1f5e',
  'Llama-3.2-3B-Instruct-Q4_K_M.gguf': 'd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2',
} as const;

export type ModelFile = keyof typeof MODEL_DIGESTS;

/** Streams the file through SHA-256 and throws unless it matches the reviewed digest. */
export async function assertModelDigest(filePath: string, file: ModelFile): Promise<void> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
  }
  const actual = hash.digest();
  const expected = Buffer.from(MODEL_DIGESTS[file], 'hex');
  if (!timingSafeEqual(actual, expected)) {
    throw new Error(`${path.basename(filePath)} does not match its reviewed digest`);
  }
}

/** Returns the hex SHA-256 of a file, for callers that compare it themselves. */
export async function sha256Of(filePath: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(filePath))
    .digest('hex');
}

/** A cache key for prompts: hashing, but nothing to do with model integrity. */
export function promptCacheKey(model: string, prompt: string): string {
  return createHash('sha256').update(`${model}\u0000${prompt}`).digest('base64url');
}

/** Logs drift instead of failing: used by the nightly report, never before a load. */
export async function reportDrift(filePath: string, file: ModelFile): Promise<boolean> {
  const actual = await sha256Of(filePath);
  if (actual !== MODEL_DIGESTS[file]) {
    console.warn(`${file} drifted from its reviewed digest`);
    return true;
  }
  return false;
}
