/**
 * LLM clients, their configuration options, and the HTTP APIs they speak, as data.
 *
 * Rules recognise a client by the package its declaration comes from (through the type checker,
 * see `src/analysis/packages.ts`), never by variable names. Option names below were checked against
 * the `.d.ts` files of the installed SDKs (openai 6, @anthropic-ai/sdk 1, groq-sdk 1, ollama 0.6,
 * @google/genai 2, @mistralai/mistralai 2, @langchain/openai 1, @ai-sdk/* 3); entries for packages
 * that are not dev dependencies of this repository are marked as such and follow the packages'
 * published documentation.
 *
 * Option paths are dot-separated and relative to an object argument of the constructor or
 * factory (`'configuration.baseURL'` means `{ configuration: { baseURL } }`). Every object
 * argument is searched, so `new ChatOpenAI('gpt-4o', { configuration })` works as well as
 * `new ChatOpenAI({ model, configuration })`.
 */

/** How a client is created: `new X(options)` or `x(options)`. */
export type LlmClientKind = 'constructor' | 'factory';

/** An option whose value is the URL (or host) the client sends requests to. */
export interface EndpointOption {
  /** Dot-separated option path. */
  readonly path: string;
  /**
   * The scheme the SDK assumes when the value has none. `ollama` turns `'gpu-box:11434'` into
   * `http://gpu-box:11434`, so a bare host there is plain http.
   */
  readonly defaultScheme?: 'http' | 'https';
}

export interface LlmClientSpec {
  /** npm package that declares the export; `@scope/*` matches every package of the scope. */
  readonly package: string;
  /** Exported class or function name; a trailing `*` matches by prefix (`create*`). */
  readonly name: string;
  readonly kind: LlmClientKind;
  /** Provider shown in messages. */
  readonly provider: string;
  /**
   * The environment variable the SDK (or its documentation) reads the key from. When absent for a
   * wildcard entry, rules derive `<LAST_PACKAGE_SEGMENT>_API_KEY` from the package name.
   */
  readonly apiKeyEnv?: string;
  /** Options whose value is the base URL / host of the API. */
  readonly endpoints?: readonly EndpointOption[];
  /** Options whose value is a credential (API key, bearer token, secret access key). */
  readonly apiKeys?: readonly string[];
  /** Positional arguments that are a credential (`new InferenceClient('hf_...')`). */
  readonly apiKeyArguments?: readonly number[];
  /** Options whose value is a map of default HTTP headers. */
  readonly headers?: readonly string[];
  /**
   * Options whose value carries TLS settings for the client's connections: an `http(s).Agent`,
   * an undici `Dispatcher`, or a TLS options object (Bun's `fetchOptions.tls`).
   */
  readonly transports?: readonly string[];
}

// Stainless-generated SDKs (openai, @anthropic-ai/sdk, groq-sdk) share their transport options.
// `httpAgent` existed up to openai 4 / groq-sdk 0.x; since then TLS settings travel in
// `fetchOptions` (`dispatcher` for Node's fetch / undici, `agent` for node-fetch, `tls` for Bun).
const STAINLESS_TRANSPORTS = ['httpAgent', 'fetchOptions.dispatcher', 'fetchOptions.agent', 'fetchOptions.tls'] as const;

/** `@langchain/openai` classes take the openai `ClientOptions` under `configuration`. */
const LANGCHAIN_OPENAI_CONFIGURATION = {
  endpoints: [{ path: 'configuration.baseURL' }],
  apiKeys: ['apiKey', 'openAIApiKey', 'configuration.apiKey'],
  headers: ['configuration.defaultHeaders'],
  transports: STAINLESS_TRANSPORTS.map(path => `configuration.${path}`),
} as const;

const LANGCHAIN_AZURE_CONFIGURATION = {
  endpoints: [{ path: 'azureOpenAIEndpoint' }, { path: 'azureOpenAIBasePath' }, { path: 'configuration.baseURL' }],
  apiKeys: ['azureOpenAIApiKey', 'apiKey', 'openAIApiKey', 'configuration.apiKey'],
  headers: ['configuration.defaultHeaders'],
  transports: STAINLESS_TRANSPORTS.map(path => `configuration.${path}`),
} as const;

export const LLM_CLIENTS: readonly LlmClientSpec[] = [
  // openai: also the client for DeepSeek, vLLM, LM Studio, llama.cpp server, OpenRouter, Together...
  {
    package: 'openai',
    name: 'OpenAI',
    kind: 'constructor',
    provider: 'OpenAI',
    apiKeyEnv: 'OPENAI_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['defaultHeaders'],
    transports: STAINLESS_TRANSPORTS,
  },
  {
    package: 'openai',
    name: 'AzureOpenAI',
    kind: 'constructor',
    provider: 'Azure OpenAI',
    apiKeyEnv: 'AZURE_OPENAI_API_KEY',
    endpoints: [{ path: 'endpoint' }, { path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['defaultHeaders'],
    transports: STAINLESS_TRANSPORTS,
  },
  {
    package: '@anthropic-ai/sdk',
    name: 'Anthropic',
    kind: 'constructor',
    provider: 'Anthropic',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey', 'authToken'],
    headers: ['defaultHeaders'],
    transports: STAINLESS_TRANSPORTS,
  },
  {
    package: 'groq-sdk',
    name: 'Groq',
    kind: 'constructor',
    provider: 'Groq',
    apiKeyEnv: 'GROQ_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['defaultHeaders'],
    transports: STAINLESS_TRANSPORTS,
  },
  {
    package: 'ollama',
    name: 'Ollama',
    kind: 'constructor',
    provider: 'Ollama',
    apiKeyEnv: 'OLLAMA_API_KEY',
    endpoints: [{ path: 'host', defaultScheme: 'http' }],
    headers: ['headers'],
  },
  {
    package: '@google/genai',
    name: 'GoogleGenAI',
    kind: 'constructor',
    provider: 'Google Gemini',
    apiKeyEnv: 'GEMINI_API_KEY',
    endpoints: [{ path: 'httpOptions.baseUrl' }],
    apiKeys: ['apiKey'],
    headers: ['httpOptions.headers'],
  },
  {
    package: '@mistralai/mistralai',
    name: 'Mistral',
    kind: 'constructor',
    provider: 'Mistral',
    apiKeyEnv: 'MISTRAL_API_KEY',
    endpoints: [{ path: 'serverURL' }],
    apiKeys: ['apiKey'],
  },
  // LangChain wrappers around the openai client.
  ...(['ChatOpenAI', 'ChatOpenAICompletions', 'ChatOpenAIResponses', 'OpenAI', 'OpenAIEmbeddings'] as const).map(
    (name): LlmClientSpec => ({
      package: '@langchain/openai',
      name,
      kind: 'constructor',
      provider: 'OpenAI (LangChain)',
      apiKeyEnv: 'OPENAI_API_KEY',
      ...LANGCHAIN_OPENAI_CONFIGURATION,
    }),
  ),
  ...(['AzureChatOpenAI', 'AzureOpenAI', 'AzureOpenAIEmbeddings'] as const).map(
    (name): LlmClientSpec => ({
      package: '@langchain/openai',
      name,
      kind: 'constructor',
      provider: 'Azure OpenAI (LangChain)',
      apiKeyEnv: 'AZURE_OPENAI_API_KEY',
      ...LANGCHAIN_AZURE_CONFIGURATION,
    }),
  ),
  // Vercel AI SDK provider factories. The specific entries come first (the first match wins).
  {
    package: '@ai-sdk/openai',
    name: 'createOpenAI',
    kind: 'factory',
    provider: 'OpenAI (AI SDK)',
    apiKeyEnv: 'OPENAI_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['headers'],
  },
  {
    package: '@ai-sdk/anthropic',
    name: 'createAnthropic',
    kind: 'factory',
    provider: 'Anthropic (AI SDK)',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey', 'authToken'],
    headers: ['headers'],
  },
  {
    package: '@ai-sdk/google',
    name: 'createGoogleGenerativeAI',
    kind: 'factory',
    provider: 'Google Gemini (AI SDK)',
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['headers'],
  },
  {
    package: '@ai-sdk/gateway',
    name: 'createGateway*',
    kind: 'factory',
    provider: 'Vercel AI Gateway',
    apiKeyEnv: 'AI_GATEWAY_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['headers'],
  },
  {
    // Not a dev dependency here; option names from the AI SDK documentation.
    package: '@ai-sdk/amazon-bedrock',
    name: 'createAmazonBedrock',
    kind: 'factory',
    provider: 'Amazon Bedrock (AI SDK)',
    apiKeyEnv: 'AWS_SECRET_ACCESS_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['secretAccessKey', 'sessionToken', 'apiKey'],
    headers: ['headers'],
  },
  {
    // Every other provider package of the AI SDK (`createMistral`, `createGroq`, `createDeepSeek`,
    // `createOpenAICompatible`, `createAzure`, `createXai`, ...) follows the same settings shape.
    package: '@ai-sdk/*',
    name: 'create*',
    kind: 'factory',
    provider: 'AI SDK provider',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['headers'],
  },
  // Not dev dependencies here; option names from the packages' documentation.
  {
    package: '@langchain/anthropic',
    name: 'ChatAnthropic*',
    kind: 'constructor',
    provider: 'Anthropic (LangChain)',
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    endpoints: [{ path: 'anthropicApiUrl' }, { path: 'clientOptions.baseURL' }],
    apiKeys: ['apiKey', 'anthropicApiKey', 'clientOptions.apiKey'],
    headers: ['clientOptions.defaultHeaders'],
    transports: STAINLESS_TRANSPORTS.map(path => `clientOptions.${path}`),
  },
  {
    package: '@langchain/ollama',
    name: '*',
    kind: 'constructor',
    provider: 'Ollama (LangChain)',
    endpoints: [{ path: 'baseUrl', defaultScheme: 'http' }],
    headers: ['headers'],
  },
  {
    package: '@langchain/google-genai',
    name: '*',
    kind: 'constructor',
    provider: 'Google Gemini (LangChain)',
    apiKeyEnv: 'GOOGLE_API_KEY',
    endpoints: [{ path: 'baseUrl' }],
    apiKeys: ['apiKey'],
  },
  {
    package: '@langchain/mistralai',
    name: '*',
    kind: 'constructor',
    provider: 'Mistral (LangChain)',
    apiKeyEnv: 'MISTRAL_API_KEY',
    endpoints: [{ path: 'serverURL' }, { path: 'endpoint' }],
    apiKeys: ['apiKey'],
  },
  {
    package: '@langchain/groq',
    name: '*',
    kind: 'constructor',
    provider: 'Groq (LangChain)',
    apiKeyEnv: 'GROQ_API_KEY',
    apiKeys: ['apiKey'],
  },
  {
    package: '@google/generative-ai',
    name: 'GoogleGenerativeAI',
    kind: 'constructor',
    provider: 'Google Gemini',
    apiKeyEnv: 'GOOGLE_API_KEY',
    apiKeyArguments: [0],
  },
  {
    package: '@huggingface/inference',
    name: '*',
    kind: 'constructor',
    provider: 'Hugging Face Inference',
    apiKeyEnv: 'HF_TOKEN',
    endpoints: [{ path: 'endpointUrl' }],
    apiKeyArguments: [0],
  },
  {
    package: 'cohere-ai',
    name: 'CohereClient*',
    kind: 'constructor',
    provider: 'Cohere',
    apiKeyEnv: 'CO_API_KEY',
    endpoints: [{ path: 'environment' }],
    apiKeys: ['token'],
  },
  {
    package: 'replicate',
    name: 'Replicate',
    kind: 'constructor',
    provider: 'Replicate',
    apiKeyEnv: 'REPLICATE_API_TOKEN',
    endpoints: [{ path: 'baseUrl' }],
    apiKeys: ['auth'],
  },
  {
    package: 'together-ai',
    name: 'Together',
    kind: 'constructor',
    provider: 'Together AI',
    apiKeyEnv: 'TOGETHER_API_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['apiKey'],
    headers: ['defaultHeaders'],
    transports: STAINLESS_TRANSPORTS,
  },
  {
    package: '@anthropic-ai/bedrock-sdk',
    name: 'AnthropicBedrock',
    kind: 'constructor',
    provider: 'Anthropic on Bedrock',
    apiKeyEnv: 'AWS_SECRET_ACCESS_KEY',
    endpoints: [{ path: 'baseURL' }],
    apiKeys: ['awsSecretKey', 'awsSessionToken'],
    transports: STAINLESS_TRANSPORTS,
  },
];

/**
 * A call that sends a request over a request library, so a rule can check whether it goes to an
 * LLM API (by its URL).
 */
export interface HttpCallSpec {
  /** Packages that declare the function (origins, see `src/analysis/packages.ts`). */
  readonly packages: readonly string[];
  /**
   * The function or method name; `'()'` is the call signature of a callable object
   * (`axios(config)`, `instance(url, config)`).
   */
  readonly name: string;
  /** Argument that may hold the URL as a string. */
  readonly urlArgument?: number;
  /** Arguments that may hold the request configuration object. */
  readonly configArguments: readonly number[];
  /** Config option that holds the URL (`url` of axios). */
  readonly configUrl?: string;
  /** Config option that holds a base URL that relative URLs are resolved against (`baseURL` of axios). */
  readonly configBaseUrl?: string;
  /** Config options that hold HTTP headers. */
  readonly headers: readonly string[];
  /** Config options that carry TLS settings; `''` is the configuration object itself. */
  readonly transports: readonly string[];
  /** Argument that holds the request body itself (axios `post(url, data)`); otherwise the body is a config option (`REQUEST_BODY_OPTIONS`). */
  readonly bodyArgument?: number;
}

/** Where the global `fetch` is declared: TypeScript's DOM lib, @types/node, undici, ponyfills. */
const FETCH_PACKAGES = ['lib', 'node', 'undici-types', 'undici', 'node-fetch', 'cross-fetch', 'isomorphic-fetch'] as const;
const AXIOS_TRANSPORTS = ['httpsAgent', 'httpAgent'] as const;
const NODE_HTTP = ['node:http', 'node:https'] as const;

export const HTTP_CALLS: readonly HttpCallSpec[] = [
  { packages: FETCH_PACKAGES, name: 'fetch', urlArgument: 0, configArguments: [1], headers: ['headers'], transports: ['dispatcher', 'agent', 'tls'] },
  { packages: ['axios'], name: '()', urlArgument: 0, configArguments: [0, 1], configUrl: 'url', configBaseUrl: 'baseURL', headers: ['headers'], transports: AXIOS_TRANSPORTS },
  { packages: ['axios'], name: 'request', configArguments: [0], configUrl: 'url', configBaseUrl: 'baseURL', headers: ['headers'], transports: AXIOS_TRANSPORTS },
  ...(['get', 'delete', 'head', 'options'] as const).map(
    (name): HttpCallSpec => ({ packages: ['axios'], name, urlArgument: 0, configArguments: [1], configBaseUrl: 'baseURL', headers: ['headers'], transports: AXIOS_TRANSPORTS }),
  ),
  ...(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'] as const).map(
    (name): HttpCallSpec => ({ packages: ['axios'], name, urlArgument: 0, configArguments: [2], configBaseUrl: 'baseURL', headers: ['headers'], transports: AXIOS_TRANSPORTS, bodyArgument: 1 }),
  ),
  // `axios.create({ baseURL })`: only recognised when the base URL itself is an LLM API URL.
  { packages: ['axios'], name: 'create', configArguments: [0], configBaseUrl: 'baseURL', headers: ['headers'], transports: AXIOS_TRANSPORTS },
  ...(['request', 'get'] as const).map(
    (name): HttpCallSpec => ({ packages: NODE_HTTP, name, urlArgument: 0, configArguments: [1], headers: ['headers'], transports: ['', 'agent'] }),
  ),
  { packages: ['undici'], name: 'request', urlArgument: 0, configArguments: [1], headers: ['headers'], transports: ['dispatcher'] },
  // ky and got: `ky.post(url, { json })`, `got(url, { json })`; ofetch: `ofetch(url, { body })`.
  ...(['()', 'get', 'post', 'put', 'patch'] as const).map(
    (name): HttpCallSpec => ({ packages: ['ky', 'got'], name, urlArgument: 0, configArguments: [1], configBaseUrl: 'prefixUrl', headers: ['headers'], transports: ['agent', 'https'] }),
  ),
  ...(['ofetch', '$fetch', 'raw'] as const).map(
    (name): HttpCallSpec => ({ packages: ['ofetch'], name, urlArgument: 0, configArguments: [1], configBaseUrl: 'baseURL', headers: ['headers'], transports: ['dispatcher', 'agent'] }),
  ),
  // Server-sent events over fetch: `fetchEventSource(url, { body, onmessage(ev) {...} })`, and the
  // fork with the same API that Node clients use.
  { packages: ['@microsoft/fetch-event-source', '@waylaidwanderer/fetch-event-source'], name: 'fetchEventSource', urlArgument: 0, configArguments: [1], headers: ['headers'], transports: [] },
];

/**
 * A connection that streams a server's answer as events: a server-sent events source or a
 * websocket. Constructed with the URL of an LLM generation endpoint, it is a model call: the
 * events it delivers (`source.addEventListener('message', e => ...)`, `ws.on('message', ...)`)
 * carry model output, and the body it is opened with carries the prompt.
 */
export interface StreamConnectionSpec {
  /** Packages that declare the class (origins, see `src/analysis/packages.ts`). */
  readonly packages: readonly string[];
  /** The class name; a default export is matched under this name too. */
  readonly name: string;
  /** Argument that holds the URL. */
  readonly urlArgument: number;
  /** Argument that holds the options, and the options that hold the request body. */
  readonly configArgument?: number;
  readonly bodyOptions?: readonly string[];
}

/**
 * Request methods that send no body (`axios.get(url)`, `http.get(url)`): a request made with one
 * carries no prompt, so no app type is learned from it.
 */
export const BODILESS_HTTP_METHODS: ReadonlySet<string> = new Set(['get', 'delete', 'head', 'options']);

export const STREAM_CONNECTIONS: readonly StreamConnectionSpec[] = [
  // sse.js: `new SSE(url, { headers, payload })`, a POST-capable EventSource.
  { packages: ['sse.js'], name: 'SSE', urlArgument: 0, configArgument: 1, bodyOptions: ['payload'] },
  { packages: ['lib', 'eventsource', 'extended-eventsource'], name: 'EventSource', urlArgument: 0 },
  { packages: ['lib', 'undici-types', 'undici', 'ws', 'isomorphic-ws'], name: 'WebSocket', urlArgument: 0 },
  { packages: ['reconnecting-websocket'], name: 'ReconnectingWebSocket', urlArgument: 0 },
  { packages: ['websocket-as-promised'], name: 'WebSocketAsPromised', urlArgument: 0 },
];

/** Packages whose import makes callable HTTP objects (`axios(...)`) worth a type query. */
export const CALLABLE_HTTP_PACKAGES: readonly string[] = ['axios'];

/** Known LLM API URL paths; a URL is an LLM API URL when its path matches one of them. */
export interface LlmApiPath {
  /** Tested against the URL's pathname (without query). */
  readonly pattern: RegExp;
  /** The API, for messages. */
  readonly api: string;
}

export const LLM_API_PATHS: readonly LlmApiPath[] = [
  // OpenAI and every OpenAI-compatible server (vLLM, LM Studio, llama.cpp, LiteLLM, OpenRouter's
  // /api/v1, DeepSeek's unversioned /chat/completions, Azure's /openai/deployments/<d>/...).
  { pattern: /\/chat\/completions\/?$/, api: 'OpenAI-compatible chat completions' },
  { pattern: /\/v1\/(?:completions|embeddings|responses|moderations)\/?$/, api: 'OpenAI-compatible' },
  { pattern: /\/v1\/(?:audio\/(?:transcriptions|translations|speech)|images\/generations)\/?$/, api: 'OpenAI-compatible' },
  { pattern: /\/v1\/fim\/completions\/?$/, api: 'Mistral FIM' },
  { pattern: /\/v1\/messages\/?$/, api: 'Anthropic Messages' },
  { pattern: /\/v1\/complete\/?$/, api: 'Anthropic Text Completions' },
  // Ollama's native API (`/api/pull`, `/api/push`, `/api/create` are left out: too generic).
  { pattern: /\/api\/(?:chat|generate|embed|embeddings)\/?$/, api: 'Ollama' },
  // Gemini (`/v1beta/models/gemini-2.5-flash:generateContent`) and Vertex AI.
  { pattern: /:(?:stream)?[gG]enerateContent$|:embedContent$|:countTokens$/, api: 'Gemini' },
  // Not listed on purpose: Cohere's `/v2/chat` and text-generation-inference's `/generate` are
  // too generic (chat and document services use them too); their hosted hosts are in
  // LLM_API_HOSTS instead.
];

/** Hosts of hosted LLM APIs; any request to them is LLM traffic. */
export const LLM_API_HOSTS: readonly { readonly host: string; readonly provider: string; readonly apiKeyEnv: string }[] = [
  { host: 'api.openai.com', provider: 'OpenAI', apiKeyEnv: 'OPENAI_API_KEY' },
  { host: 'api.anthropic.com', provider: 'Anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' },
  { host: 'generativelanguage.googleapis.com', provider: 'Google Gemini', apiKeyEnv: 'GEMINI_API_KEY' },
  { host: 'api.groq.com', provider: 'Groq', apiKeyEnv: 'GROQ_API_KEY' },
  { host: 'api.mistral.ai', provider: 'Mistral', apiKeyEnv: 'MISTRAL_API_KEY' },
  { host: 'api.deepseek.com', provider: 'DeepSeek', apiKeyEnv: 'DEEPSEEK_API_KEY' },
  { host: 'openrouter.ai', provider: 'OpenRouter', apiKeyEnv: 'OPENROUTER_API_KEY' },
  { host: 'api.together.xyz', provider: 'Together AI', apiKeyEnv: 'TOGETHER_API_KEY' },
  { host: 'api.fireworks.ai', provider: 'Fireworks AI', apiKeyEnv: 'FIREWORKS_API_KEY' },
  { host: 'api.x.ai', provider: 'xAI', apiKeyEnv: 'XAI_API_KEY' },
  { host: 'api.perplexity.ai', provider: 'Perplexity', apiKeyEnv: 'PERPLEXITY_API_KEY' },
  { host: 'api.cohere.com', provider: 'Cohere', apiKeyEnv: 'CO_API_KEY' },
  { host: 'api.cohere.ai', provider: 'Cohere', apiKeyEnv: 'CO_API_KEY' },
  { host: 'api-inference.huggingface.co', provider: 'Hugging Face', apiKeyEnv: 'HF_TOKEN' },
  { host: 'router.huggingface.co', provider: 'Hugging Face', apiKeyEnv: 'HF_TOKEN' },
  { host: 'api.replicate.com', provider: 'Replicate', apiKeyEnv: 'REPLICATE_API_TOKEN' },
  { host: '*.openai.azure.com', provider: 'Azure OpenAI', apiKeyEnv: 'AZURE_OPENAI_API_KEY' },
];

/**
 * Packages whose presence means "this program talks to an LLM". Used to scope
 * `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`. Patterns as in `originMatches`.
 */
export const LLM_SDK_PACKAGES: readonly string[] = [
  'openai',
  '@anthropic-ai/*',
  'groq-sdk',
  'ollama',
  '@google/genai',
  '@google/generative-ai',
  '@google-cloud/vertexai',
  '@mistralai/mistralai',
  'ai',
  '@ai-sdk/*',
  'langchain',
  '@langchain/*',
  'llamaindex',
  'cohere-ai',
  '@huggingface/inference',
  'replicate',
  'together-ai',
  'portkey-ai',
  '@aws-sdk/client-bedrock-runtime',
  '@azure/openai',
  '@openrouter/ai-sdk-provider',
];

/**
 * Calls whose request object has a flag that disables transport security. `ollama`'s
 * `pull` / `push` accept `insecure: true` to reach a registry over plain http or with an
 * unverified certificate.
 */
export interface InsecureFlagSpec {
  readonly package: string;
  readonly methods: readonly string[];
  /** Dot-separated option path in the first object argument. */
  readonly option: string;
  /** The value that disables security. */
  readonly value: boolean;
}

export const INSECURE_FLAGS: readonly InsecureFlagSpec[] = [{ package: 'ollama', methods: ['pull', 'push'], option: 'insecure', value: true }];

/** URL schemes that carry LLM traffic without encryption. */
export const PLAIN_SCHEMES: ReadonlySet<string> = new Set(['http:', 'ws:']);

/** TLS option that disables certificate verification when `false` (Node `tls`, undici `connect`). */
export const TLS_VERIFY_OPTION = 'rejectUnauthorized';

/** Environment variable that disables certificate verification for the whole process when `'0'`. */
export const TLS_VERIFY_ENV = 'NODE_TLS_REJECT_UNAUTHORIZED';
