/**
 * What the ecosystem's model-loading APIs do, as data, for `require-model-integrity`.
 *
 * Every fact here was checked against the `.d.ts` files of the installed packages
 * (`@huggingface/transformers` 4.3, `@xenova/transformers` 2.17, `onnxruntime-common` 1.30,
 * `node-llama-cpp` 3.21, `@tensorflow/tfjs*` 4.22, `@tensorflow/tfjs-tflite` 0.0.1-alpha.10,
 * `@mlc-ai/web-llm` 0.2.86, `ollama` 0.6, `@huggingface/hub` 2.17, `gpt4all` 4.0,
 * `@mediapipe/tasks-genai` 0.10). Loaders are recognised by the package their declaration comes
 * from (see `originOfDeclaration`), so project-local `declare module 'pkg'` stubs work too.
 */

/** A package name; a trailing `*` matches every package with that prefix (`@tensorflow/tfjs*`). */
export type PackagePattern = string;

/** Where a value sits in a call: an argument, optionally a property path inside an options object. */
export interface ArgumentPath {
  readonly argument: number;
  readonly path?: readonly string[];
}

/**
 * How a loader obtains its model, which decides what "verified" means for it:
 * - `hub`: a Hugging Face repo id (downloaded, pinned by `revision`) or a local directory.
 * - `uri`: an `hf:` URI, an http(s) URL (downloaded) or a local path (node-llama-cpp).
 * - `file`: a path, URL or in-memory bytes loaded as they are; only a hash check helps.
 * - `gpt4all`: a model name downloaded from the gpt4all model list unless `allowDownload: false`.
 * - `gpt4all-download`: an explicit gpt4all download, optionally checked against an MD5 sum.
 * - `ollama-pull` / `ollama-create`: a registry tag pulled by the Ollama server.
 * - `web-llm-engine`: a web-llm model id resolved through `appConfig.model_list`.
 */
export type ModelSource = 'hub' | 'uri' | 'file' | 'gpt4all' | 'gpt4all-download' | 'ollama-pull' | 'ollama-create' | 'web-llm-engine';

export interface ModelLoader {
  /** How the loader is named in messages. */
  readonly label: string;
  /** Packages whose declarations of `names` are this loader. */
  readonly packages: readonly PackagePattern[];
  /** Function, method or static method names. */
  readonly names: readonly string[];
  /** The class or interface that declares the method, when the name alone is too common (`create`). */
  readonly owners?: readonly string[];
  readonly source: ModelSource;
  /** Where the model reference is; several entries are alternatives (the first one present is used). */
  readonly model: readonly ArgumentPath[];
  /** The model is a directory of files: hashing files inside it (`path.join(dir, file)`) counts. */
  readonly directory?: boolean;
  /** The loader downloads a default model when no model is given (`pipeline('task')`). */
  readonly defaultModelWhenMissing?: boolean;
  /** The option that pins a Hugging Face revision. */
  readonly revision?: ArgumentPath;
  /**
   * A hub loader without a revision option: it always downloads the default branch (wllama's
   * `loadModelFromHF` builds `/resolve/main/` URLs), so only its remedy can help.
   */
  readonly alwaysDefaultBranch?: boolean;
  /** The call loads (downloads) a model only when this option is `true` (LangChain `checkOrPullModel`). */
  readonly loadsOnlyWhenTrue?: ArgumentPath;
  /** The model argument may be a list of files (the shards of one model: wllama `loadModel([blob, ...])`). */
  readonly shards?: boolean;
  /** Options that, when `true`, restrict the loader to local files (`local_files_only`). */
  readonly localOnlyWhenTrue?: readonly ArgumentPath[];
  /** Options that, when `false`, restrict the loader to local files (gpt4all `allowDownload`). */
  readonly localOnlyWhenFalse?: readonly ArgumentPath[];
  /** An option carrying an expected hash that the library checks itself, and its algorithm. */
  readonly hashOption?: ArgumentPath & { readonly algorithm: string };
  /** An option whose `true` value turns the model reference into a remote hub handle. */
  readonly remoteWhenTrue?: ArgumentPath;
  /** A custom fetch option: a project function there that verifies hashes makes the load verified. */
  readonly fetchOption?: ArgumentPath;
  /** Where web-llm engines take their `MLCEngineConfig`. */
  readonly engineConfig?: ArgumentPath;
  /** How the remedy part of a message reads for this loader. */
  readonly remedy: string;
  /**
   * Options that look like integrity checks but are not (documentation; the rule ignores them):
   * option name and why it does not count.
   */
  readonly notVerification?: Readonly<Record<string, string>>;
}

/** A call whose result is (or leads to) a model the loader downloaded. */
export interface DownloadResult {
  readonly packages: readonly PackagePattern[];
  readonly names: readonly string[];
  readonly owners?: readonly string[];
  /** `path`: a file path; `bytes`: a Blob or buffer; `downloader`: an object that yields paths. */
  readonly yields: 'path' | 'bytes' | 'downloader';
}

export const TRANSFORMERS_PACKAGES = ['@huggingface/transformers', '@xenova/transformers'] as const;
const ONNX_PACKAGES = ['onnxruntime-common', 'onnxruntime-node', 'onnxruntime-web', 'onnxruntime-react-native'] as const;
const LLAMA_CPP_PACKAGES = ['node-llama-cpp'] as const;
const TFJS_PACKAGES = ['@tensorflow/tfjs*'] as const;
export const WEB_LLM_PACKAGES = ['@mlc-ai/web-llm'] as const;
export const OLLAMA_PACKAGES = ['ollama'] as const;
const HUB_PACKAGES = ['@huggingface/hub'] as const;
const GPT4ALL_PACKAGES = ['gpt4all'] as const;
const MEDIAPIPE_PACKAGES = ['@mediapipe/tasks-*'] as const;
const WLLAMA_PACKAGES = ['@wllama/wllama'] as const;
/** LangChain integrations that download a model through one of the loaders above. */
const LANGCHAIN_COMMUNITY_PACKAGES = ['@langchain/community'] as const;
const LANGCHAIN_OLLAMA_PACKAGES = ['@langchain/ollama'] as const;

const PIN_REVISION = 'pass `revision` set to the full 40-character commit SHA';
const PIN_URL_OR_HASH =
  'pin a Hugging Face URL to `/resolve/<40-character commit SHA>/`, or fetch the file, compare its SHA-256 with a pinned value and load the checked bytes';
const OLLAMA_DIGEST_REMEDY = 'tags move, so compare the model `digest` from `ollama.list()` with a pinned value before using it';
const HASH_FIRST = 'hash the bytes with SHA-256 and compare the digest with a pinned value before loading them';

export const MODEL_LOADERS: readonly ModelLoader[] = [
  {
    label: 'pipeline()',
    packages: TRANSFORMERS_PACKAGES,
    names: ['pipeline'],
    source: 'hub',
    model: [{ argument: 1 }],
    directory: true,
    defaultModelWhenMissing: true,
    revision: { argument: 2, path: ['revision'] },
    localOnlyWhenTrue: [{ argument: 2, path: ['local_files_only'] }],
    remedy: PIN_REVISION,
    notVerification: {
      local_files_only: 'restricts where files come from, not what they contain',
    },
  },
  {
    label: 'from_pretrained()',
    packages: TRANSFORMERS_PACKAGES,
    // Every `Auto*` / `PreTrained*` / `*Processor` / config / tokenizer class has this static method.
    names: ['from_pretrained'],
    source: 'hub',
    model: [{ argument: 0 }],
    directory: true,
    revision: { argument: 1, path: ['revision'] },
    localOnlyWhenTrue: [{ argument: 1, path: ['local_files_only'] }],
    remedy: PIN_REVISION,
  },
  {
    label: 'InferenceSession.create()',
    packages: ONNX_PACKAGES,
    names: ['create'],
    owners: ['InferenceSessionFactory', 'InferenceSession'],
    source: 'file',
    // `create(uri | buffer, options?)` and `create(buffer, byteOffset, byteLength?, options?)`.
    model: [{ argument: 0 }],
    remedy: HASH_FIRST,
  },
  {
    label: 'llama.loadModel()',
    packages: LLAMA_CPP_PACKAGES,
    names: ['loadModel'],
    owners: ['Llama'],
    source: 'file',
    model: [{ argument: 0, path: ['modelPath'] }],
    remedy: HASH_FIRST,
    notVerification: {
      checkTensors: 'validates tensor data, not where the file came from',
    },
  },
  {
    label: 'resolveModelFile()',
    packages: LLAMA_CPP_PACKAGES,
    names: ['resolveModelFile'],
    source: 'uri',
    model: [{ argument: 0 }],
    remedy: 'pin the `hf:` URI with `#<40-character commit SHA>`, or hash the downloaded file with SHA-256 before loading it',
    notVerification: {
      verify: 'compares only the file size with the remote file',
    },
  },
  {
    label: 'createModelDownloader()',
    packages: LLAMA_CPP_PACKAGES,
    names: ['createModelDownloader'],
    source: 'uri',
    model: [{ argument: 0, path: ['modelUri'] }, { argument: 0, path: ['modelUrl'] }],
    remedy: 'pin the `hf:` URI with `#<40-character commit SHA>`, or hash the downloaded file with SHA-256 before loading it',
    notVerification: {
      skipExisting: 'compares only the file size with the remote file',
    },
  },
  {
    label: 'loadLayersModel()',
    packages: TFJS_PACKAGES,
    names: ['loadLayersModel'],
    source: 'file',
    model: [{ argument: 0 }],
    fetchOption: { argument: 1, path: ['fetchFunc'] },
    remedy: 'check every weight file against a pinned SHA-256 digest, for example in a custom `fetchFunc`',
    notVerification: {
      'requestInit.integrity': 'one RequestInit is reused for every weight file, so SRI cannot cover a multi-file model',
    },
  },
  {
    label: 'loadGraphModel()',
    packages: TFJS_PACKAGES,
    names: ['loadGraphModel'],
    source: 'file',
    model: [{ argument: 0 }],
    remoteWhenTrue: { argument: 1, path: ['fromTFHub'] },
    fetchOption: { argument: 1, path: ['fetchFunc'] },
    remedy: 'check every weight file against a pinned SHA-256 digest, for example in a custom `fetchFunc`',
    notVerification: {
      'requestInit.integrity': 'one RequestInit is reused for every weight file, so SRI cannot cover a multi-file model',
    },
  },
  {
    label: 'loadGraphModelSync()',
    packages: TFJS_PACKAGES,
    names: ['loadGraphModelSync'],
    source: 'file',
    model: [{ argument: 0 }],
    remedy: HASH_FIRST,
  },
  {
    label: 'tf.node.loadSavedModel()',
    packages: TFJS_PACKAGES,
    names: ['loadSavedModel'],
    source: 'file',
    model: [{ argument: 0 }],
    directory: true,
    remedy: HASH_FIRST,
  },
  {
    label: 'loadTFLiteModel()',
    packages: TFJS_PACKAGES,
    names: ['loadTFLiteModel'],
    source: 'file',
    model: [{ argument: 0 }],
    remedy: HASH_FIRST,
  },
  {
    label: 'CreateMLCEngine()',
    packages: WEB_LLM_PACKAGES,
    names: ['CreateMLCEngine', 'CreateServiceWorkerMLCEngine', 'CreateExtensionServiceWorkerMLCEngine'],
    source: 'web-llm-engine',
    model: [{ argument: 0 }],
    engineConfig: { argument: 1 },
    remedy: 'pass an `appConfig` whose model record pins `model` to a `/resolve/<40-character commit SHA>/` URL',
  },
  {
    label: 'CreateWebWorkerMLCEngine()',
    packages: WEB_LLM_PACKAGES,
    names: ['CreateWebWorkerMLCEngine'],
    source: 'web-llm-engine',
    model: [{ argument: 1 }],
    engineConfig: { argument: 2 },
    remedy: 'pass an `appConfig` whose model record pins `model` to a `/resolve/<40-character commit SHA>/` URL',
  },
  {
    label: 'ollama.pull()',
    packages: OLLAMA_PACKAGES,
    names: ['pull'],
    owners: ['Ollama'],
    source: 'ollama-pull',
    model: [{ argument: 0, path: ['model'] }],
    remedy: OLLAMA_DIGEST_REMEDY,
  },
  {
    label: 'ollama.create()',
    packages: OLLAMA_PACKAGES,
    names: ['create'],
    owners: ['Ollama'],
    source: 'ollama-create',
    model: [{ argument: 0, path: ['from'] }],
    remedy: OLLAMA_DIGEST_REMEDY,
  },
  {
    label: 'downloadFile()',
    packages: HUB_PACKAGES,
    names: ['downloadFile', 'downloadFileToCacheDir'],
    source: 'hub',
    model: [{ argument: 0, path: ['repo'] }],
    revision: { argument: 0, path: ['revision'] },
    remedy: PIN_REVISION,
  },
  {
    label: 'snapshotDownload()',
    packages: HUB_PACKAGES,
    names: ['snapshotDownload'],
    source: 'hub',
    model: [{ argument: 0, path: ['repo'] }],
    revision: { argument: 0, path: ['revision'] },
    remedy: PIN_REVISION,
  },
  {
    label: 'gpt4all loadModel()',
    packages: GPT4ALL_PACKAGES,
    names: ['loadModel', 'retrieveModel'],
    source: 'gpt4all',
    model: [{ argument: 0 }],
    localOnlyWhenFalse: [{ argument: 1, path: ['allowDownload'] }],
    remedy: 'the library only checks an MD5 sum taken from the same remote model list; load a local file you hash with SHA-256 (`allowDownload: false`)',
  },
  {
    label: 'gpt4all downloadModel()',
    packages: GPT4ALL_PACKAGES,
    names: ['downloadModel'],
    source: 'gpt4all-download',
    model: [{ argument: 0 }],
    hashOption: { argument: 1, path: ['md5sum'], algorithm: 'MD5' },
    remedy: 'hash the downloaded file with SHA-256 and compare the digest with a pinned value before loading it',
  },
  {
    label: 'LlmInference.createFromOptions()',
    packages: MEDIAPIPE_PACKAGES,
    names: ['createFromOptions', 'setOptions'],
    source: 'file',
    model: [
      { argument: 1, path: ['baseOptions', 'modelAssetBuffer'] },
      { argument: 1, path: ['baseOptions', 'modelAssetPath'] },
      // `setOptions(options)` on an existing task.
      { argument: 0, path: ['baseOptions', 'modelAssetBuffer'] },
      { argument: 0, path: ['baseOptions', 'modelAssetPath'] },
    ],
    remedy: HASH_FIRST,
  },
  {
    label: 'LlmInference.createFromModelPath()',
    packages: MEDIAPIPE_PACKAGES,
    names: ['createFromModelPath', 'createFromModelBuffer'],
    source: 'file',
    model: [{ argument: 1 }],
    remedy: HASH_FIRST,
  },
  {
    label: 'wllama.loadModelFromHF()',
    packages: WLLAMA_PACKAGES,
    names: ['loadModelFromHF'],
    owners: ['Wllama'],
    source: 'hub',
    model: [{ argument: 0, path: ['repo'] }],
    alwaysDefaultBranch: true,
    remedy:
      '`loadModelFromHF` has no revision option and always downloads the `main` branch: call `loadModelFromUrl()` with a `/resolve/<40-character commit SHA>/` URL, or check the file\'s SHA-256 against a pinned value and pass the bytes to `loadModel()`',
    notVerification: {
      sha256: "the LFS digest wllama fetches comes from the same repository and only names the cache entry; it is never compared with a pinned value",
    },
  },
  {
    label: 'wllama.loadModelFromUrl()',
    packages: WLLAMA_PACKAGES,
    names: ['loadModelFromUrl'],
    owners: ['Wllama'],
    source: 'file',
    // `loadModelFromUrl(url | { url, mmprojUrl }, params?)`
    model: [{ argument: 0, path: ['url'] }, { argument: 0 }],
    remedy: PIN_URL_OR_HASH,
  },
  {
    label: 'ModelManager.downloadModel()',
    packages: WLLAMA_PACKAGES,
    names: ['downloadModel', 'getModelOrDownload'],
    owners: ['ModelManager'],
    source: 'file',
    model: [{ argument: 0, path: ['url'] }, { argument: 0 }],
    remedy: PIN_URL_OR_HASH,
  },
  {
    label: 'CacheManager.download()',
    packages: WLLAMA_PACKAGES,
    names: ['download'],
    owners: ['CacheManager'],
    source: 'file',
    model: [{ argument: 0 }],
    remedy: PIN_URL_OR_HASH,
  },
  {
    label: 'wllama.loadModel()',
    packages: WLLAMA_PACKAGES,
    names: ['loadModel'],
    owners: ['Wllama'],
    source: 'file',
    // `loadModel(blobs: Blob[] | Model)`: a `Model` comes from `ModelManager.downloadModel()`, judged there.
    model: [{ argument: 0 }],
    shards: true,
    remedy: HASH_FIRST,
  },
  {
    label: 'HuggingFaceTransformersEmbeddings',
    packages: LANGCHAIN_COMMUNITY_PACKAGES,
    names: ['HuggingFaceTransformersEmbeddings'],
    source: 'hub',
    // LangChain passes `pretrainedOptions` to transformers.js `pipeline()` as its options.
    model: [{ argument: 0, path: ['model'] }, { argument: 0, path: ['modelName'] }],
    directory: true,
    defaultModelWhenMissing: true,
    revision: { argument: 0, path: ['pretrainedOptions', 'revision'] },
    localOnlyWhenTrue: [{ argument: 0, path: ['pretrainedOptions', 'local_files_only'] }],
    remedy: "pass `pretrainedOptions: { revision: '<full 40-character commit SHA>' }`",
  },
  {
    label: 'ChatWebLLM',
    packages: LANGCHAIN_COMMUNITY_PACKAGES,
    names: ['ChatWebLLM'],
    source: 'web-llm-engine',
    // `new ChatWebLLM({ model, appConfig, chatOptions })`: `initialize()` reloads `model` from `appConfig`.
    model: [{ argument: 0, path: ['model'] }],
    engineConfig: { argument: 0 },
    remedy: 'pass an `appConfig` whose model record pins `model` to a `/resolve/<40-character commit SHA>/` URL',
  },
  {
    label: 'ChatOllama',
    packages: LANGCHAIN_OLLAMA_PACKAGES,
    names: ['ChatOllama'],
    source: 'ollama-pull',
    // Pulls the model before the first call only with `checkOrPullModel: true`.
    model: [{ argument: 0, path: ['model'] }],
    loadsOnlyWhenTrue: { argument: 0, path: ['checkOrPullModel'] },
    remedy: OLLAMA_DIGEST_REMEDY,
  },
  {
    label: 'ChatOllama.pull()',
    packages: LANGCHAIN_OLLAMA_PACKAGES,
    names: ['pull'],
    owners: ['ChatOllama'],
    source: 'ollama-pull',
    model: [{ argument: 0 }],
    remedy: OLLAMA_DIGEST_REMEDY,
  },
];

/** Calls whose result carries a model a loader downloaded (so later loads of it are judged at the download). */
export const DOWNLOAD_RESULTS: readonly DownloadResult[] = [
  { packages: LLAMA_CPP_PACKAGES, names: ['resolveModelFile'], yields: 'path' },
  { packages: LLAMA_CPP_PACKAGES, names: ['createModelDownloader', 'combineModelDownloaders'], yields: 'downloader' },
  {
    packages: LLAMA_CPP_PACKAGES,
    names: ['download', 'entrypointFilePath', 'entrypointFilePaths'],
    owners: ['ModelDownloader', 'CombinedModelDownloader'],
    yields: 'path',
  },
  { packages: HUB_PACKAGES, names: ['downloadFileToCacheDir', 'snapshotDownload'], yields: 'path' },
  { packages: HUB_PACKAGES, names: ['downloadFile'], yields: 'bytes' },
  { packages: GPT4ALL_PACKAGES, names: ['downloadModel'], yields: 'downloader' },
];

/** Every package a loader above belongs to (a vendored copy of one is that package). */
export const MODEL_PACKAGES: readonly PackagePattern[] = [...new Set([...MODEL_LOADERS, ...DOWNLOAD_RESULTS].flatMap(entry => entry.packages))];

/**
 * Model downloads made through a server's REST API with a plain HTTP client (`fetch`, axios):
 * the request's URL path names the operation, the body the model.
 */
export interface ModelEndpoint {
  readonly label: string;
  /** Matches the URL path (what follows the host, which is often only known at run time). */
  readonly path: RegExp;
  /** Body properties that name the model. */
  readonly modelKeys: readonly string[];
  readonly remedy: string;
}

export const MODEL_ENDPOINTS: readonly ModelEndpoint[] = [
  {
    label: "Ollama's /api/pull",
    path: /\/api\/pull\/?$/,
    modelKeys: ['model', 'name'],
    remedy: 'tags move, so compare the model `digest` that `/api/tags` reports with a pinned value before using it',
  },
];

/** tfjs IO handler factories: which argument is the model location, and what kind it is. */
export interface ModelHandlerFactory {
  readonly packages: readonly PackagePattern[];
  readonly names: readonly string[];
  readonly argument: number;
  /** `path`/`url`: the argument is a location; `bytes`: in-memory artifacts; `user`: files the user picked. */
  readonly kind: 'path' | 'url' | 'bytes' | 'user';
}

export const MODEL_HANDLER_FACTORIES: readonly ModelHandlerFactory[] = [
  { packages: TFJS_PACKAGES, names: ['fileSystem'], argument: 0, kind: 'path' },
  { packages: TFJS_PACKAGES, names: ['http', 'browserHTTPRequest'], argument: 0, kind: 'url' },
  { packages: TFJS_PACKAGES, names: ['fromMemory', 'fromMemorySync'], argument: 0, kind: 'bytes' },
  // A user choosing a model file in their own browser is not a supply-chain download.
  { packages: TFJS_PACKAGES, names: ['browserFiles'], argument: 0, kind: 'user' },
];

/** URL schemes of browser storage a tfjs model can be loaded from: models the app stored itself. */
export const LOCAL_URL_SCHEMES = ['file://', 'indexeddb://', 'localstorage://'] as const;

/** Hugging Face Hub settings of transformers.js that change where pinned downloads come from. */
export const HUB_ENVIRONMENT = {
  packages: TRANSFORMERS_PACKAGES,
  /** Pointing downloads elsewhere: a revision pin then proves nothing about the bytes. */
  hostProperty: 'remoteHost',
  defaultHosts: ['https://huggingface.co', 'https://huggingface.co/'],
  /** The path template must keep this placeholder or the revision is silently ignored. */
  pathTemplateProperty: 'remotePathTemplate',
  revisionPlaceholder: '{revision}',
  /** `env.allowRemoteModels = false` turns every transformers load into a local load. */
  remoteSwitchProperty: 'allowRemoteModels',
} as const;

/** web-llm model records (`appConfig.model_list[]`) and their built-in SRI `integrity`. */
export const WEB_LLM = {
  packages: WEB_LLM_PACKAGES,
  /** Keys that identify a `ModelRecord` object literal. */
  recordKeys: ['model', 'model_id', 'model_lib'],
  recordTypes: ['ModelRecord'],
  appConfigTypes: ['AppConfig'],
  urlKey: 'model',
  idKey: 'model_id',
  integrityKey: 'integrity',
  /** What the SRI integrity covers: not the weights (`tensor-cache.json` shards). */
  integrityCovers: ['config', 'model_lib', 'tokenizer'],
  onFailureKey: 'onFailure',
  failOpenValue: 'warn',
  /** The built-in model list: every record resolves to `/resolve/main/`. */
  prebuiltConfig: 'prebuiltAppConfig',
  modelListKey: 'model_list',
  appConfigKey: 'appConfig',
  /** Engines built with `new`, whose `reload(modelId)` loads a model; the config argument index. */
  engineClasses: { MLCEngine: 0, WebWorkerMLCEngine: 1, ServiceWorkerMLCEngine: 0, ExtensionServiceWorkerMLCEngine: 0 } as Readonly<
    Record<string, number>
  >,
  reloadMethod: 'reload',
} as const;

/** Ollama: the digest of a pulled model that can be compared with a pinned value. */
export const OLLAMA_DIGEST = {
  packages: OLLAMA_PACKAGES,
  property: 'digest',
  owners: ['ModelResponse'],
} as const;

/** A full Git commit SHA, the only immutable Hugging Face revision. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/;

/** Files a hub download can fetch that are not part of a model. */
export const NON_MODEL_FILE_EXTENSIONS = [
  '.md',
  '.markdown',
  '.gitattributes',
  '.gitignore',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.svg',
  '.webp',
  '.pdf',
  '.html',
  '.css',
] as const;
export const NON_MODEL_FILE_NAMES = ['LICENSE', 'LICENSE.txt', 'NOTICE', 'CITATION.cff'] as const;

// ---------------------------------------------------------------------------------------------
// Hashing: what computes a digest, what compares it, what reads the bytes of a path.
// ---------------------------------------------------------------------------------------------

export type HashApi =
  /** Returns a hash object fed with `update(data)`; `digest()` ends it (`crypto.createHash`). */
  | { readonly kind: 'hash-object'; readonly packages: readonly PackagePattern[]; readonly names: readonly string[]; readonly algorithm: number }
  /** Returns (a promise of) the digest of one argument. */
  | {
      readonly kind: 'one-shot';
      readonly packages: readonly PackagePattern[];
      readonly names: readonly string[];
      readonly owners?: readonly string[];
      /** Argument index of the algorithm name, or the fixed algorithm. */
      readonly algorithm: number | string;
      readonly data: number;
    };

export const HASH_APIS: readonly HashApi[] = [
  { kind: 'hash-object', packages: ['node:crypto'], names: ['createHash'], algorithm: 0 },
  { kind: 'one-shot', packages: ['node:crypto'], names: ['hash'], algorithm: 0, data: 1 },
  // `crypto.subtle.digest` in browsers and Node (`globalThis.crypto`, `crypto.webcrypto.subtle`).
  { kind: 'one-shot', packages: ['lib', 'node:crypto'], names: ['digest'], owners: ['SubtleCrypto'], algorithm: 0, data: 1 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['SHA256'], algorithm: 'sha256', data: 0 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['SHA384'], algorithm: 'sha384', data: 0 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['SHA512'], algorithm: 'sha512', data: 0 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['SHA3'], algorithm: 'sha3', data: 0 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['MD5'], algorithm: 'md5', data: 0 },
  { kind: 'one-shot', packages: ['crypto-js'], names: ['SHA1'], algorithm: 'sha1', data: 0 },
  { kind: 'one-shot', packages: ['@noble/hashes'], names: ['sha256'], algorithm: 'sha256', data: 0 },
  { kind: 'one-shot', packages: ['@noble/hashes'], names: ['sha384'], algorithm: 'sha384', data: 0 },
  { kind: 'one-shot', packages: ['@noble/hashes'], names: ['sha512'], algorithm: 'sha512', data: 0 },
  { kind: 'one-shot', packages: ['hash-wasm'], names: ['sha256'], algorithm: 'sha256', data: 0 },
  { kind: 'one-shot', packages: ['hash-wasm'], names: ['sha384'], algorithm: 'sha384', data: 0 },
  { kind: 'one-shot', packages: ['hash-wasm'], names: ['sha512'], algorithm: 'sha512', data: 0 },
  { kind: 'one-shot', packages: ['hash-wasm'], names: ['md5'], algorithm: 'md5', data: 0 },
  { kind: 'one-shot', packages: ['hash-wasm'], names: ['sha1'], algorithm: 'sha1', data: 0 },
];

/** Methods of a hash object: feeding it and reading the digest. */
export const HASH_OBJECT = {
  packages: ['node:crypto'],
  owners: ['Hash'],
  update: 'update',
  digest: 'digest',
} as const;

/** Algorithms good enough for integrity (lower-cased, without `-`/`_`). */
export const STRONG_HASHES = ['sha256', 'sha384', 'sha512', 'sha512256', 'sha3', 'sha3256', 'sha3384', 'sha3512', 'blake2b512', 'blake2s256'] as const;
/** Algorithms broken for integrity (collisions are practical). */
export const WEAK_HASHES = ['md4', 'md5', 'sha1', 'ripemd160', 'rmd160', 'md5sha1'] as const;

/** Comparison helpers. `pair`: throws or returns `false` when the two arguments differ. */
export type ComparisonApi =
  | {
      readonly kind: 'pair';
      readonly packages: readonly PackagePattern[];
      readonly names: readonly string[];
      /** `throws`: an assertion; `boolean`: returns whether they are equal. */
      readonly result: 'throws' | 'boolean';
    }
  /** Asserts that its first argument is truthy (`assert(a === b)`). */
  | { readonly kind: 'truthy'; readonly packages: readonly PackagePattern[]; readonly names: readonly string[] };

export const COMPARISON_APIS: readonly ComparisonApi[] = [
  { kind: 'pair', packages: ['node:crypto'], names: ['timingSafeEqual'], result: 'boolean' },
  { kind: 'pair', packages: ['node:buffer', 'node:globals'], names: ['equals'], result: 'boolean' },
  {
    kind: 'pair',
    packages: ['node:assert', 'node:assert/strict'],
    names: ['strictEqual', 'equal', 'deepStrictEqual', 'deepEqual'],
    result: 'throws',
  },
  { kind: 'truthy', packages: ['node:assert', 'node:assert/strict'], names: ['assert', 'ok'] },
];

/** Calls whose result holds the same bytes as one of their inputs (argument index or `receiver`). */
export interface BytePassThrough {
  readonly packages: readonly PackagePattern[];
  readonly names: readonly string[];
  readonly owners?: readonly string[];
  readonly from: number | 'receiver';
  /** `read`: reads the file at a path; `view`: the same bytes in another container. */
  readonly kind: 'read' | 'view';
}

export const BYTE_PASS_THROUGH: readonly BytePassThrough[] = [
  { packages: ['node:fs', 'node:fs/promises', 'fs-extra'], names: ['readFile', 'readFileSync', 'createReadStream'], from: 0, kind: 'read' },
  // `new Uint8Array(buf)`, `Buffer.from(buf)`, `Uint8Array.from(buf)`.
  { packages: ['lib', 'node:buffer', 'node:globals'], names: ['Uint8Array', 'from'], from: 0, kind: 'view' },
  // `await blob.arrayBuffer()`, `await response.arrayBuffer()`, `await file.bytes()`.
  { packages: ['lib', 'node:buffer', 'undici-types', 'undici'], names: ['arrayBuffer', 'bytes'], from: 'receiver', kind: 'view' },
];

/** Stream plumbing that feeds a readable stream into a hash object. */
export const STREAM_PIPES = {
  /** `await pipeline(source, ..., hash)` */
  pipelineFunctions: { packages: ['node:stream', 'node:stream/promises'], names: ['pipeline'] },
  /** `source.pipe(hash)` */
  pipeMethod: 'pipe',
} as const;

/** Functions that never return (a call to one ends a mismatch branch like `throw`). */
export const EXIT_CALLS = { packages: ['node:process', 'node:globals', 'node'], names: ['exit', 'abort'] } as const;
