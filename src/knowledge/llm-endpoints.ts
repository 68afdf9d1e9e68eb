/**
 * LLM calls by endpoint: apps that call provider REST APIs with `fetch`, axios or their own fetch
 * wrapper. A request to one of these endpoints is a model call: its body's prompt positions are
 * prompt data, its response (and every chunk of its stream) is model output. Metadata endpoints
 * (`/models`, Ollama's `/api/tags`, usage and billing) are deliberately absent.
 */

export interface GenerationEndpoint {
  /** Tested against the end of the URL's path (query and fragment removed), which may be all that is known (`${base}/chat/completions`). */
  readonly pattern: RegExp;
  /** How messages name the endpoint, e.g. `an OpenAI-compatible chat/completions endpoint`. */
  readonly api: string;
  /** Only on these hosts (a path that is too generic on its own, such as Cohere's `/v2/chat`). */
  readonly hosts?: readonly string[];
  /** The request carries no conversation, only ids (a title generated for a stored conversation): its answer is still output. */
  readonly requestHoldsNoPrompt?: true;
}

export const LLM_GENERATION_ENDPOINTS: readonly GenerationEndpoint[] = [
  // OpenAI and the OpenAI-compatible servers: Azure OpenAI, DeepSeek, Groq, Mistral, OpenRouter,
  // Together, Fireworks, Perplexity, xAI, LM Studio, vLLM, llama.cpp, LiteLLM.
  { pattern: /\/chat\/completions$/, api: 'an OpenAI-compatible chat/completions endpoint' },
  { pattern: /\/v1\/completions$|\/fim\/completions$/, api: 'an OpenAI-compatible completions endpoint' },
  { pattern: /\/v1\/responses$|\/openai\/responses$/, api: 'the OpenAI Responses endpoint' },
  { pattern: /\/v1\/messages$/, api: 'the Anthropic Messages endpoint' },
  { pattern: /\/v1\/complete$/, api: 'the Anthropic text completions endpoint' },
  { pattern: /:(?:stream)?[gG]enerateContent$/, api: 'the Gemini generateContent endpoint' },
  { pattern: /\/api\/(?:chat|generate)$/, api: 'the Ollama chat endpoint' },
  { pattern: /\/v[12]\/chat$|\/v1\/generate$/, api: 'the Cohere chat endpoint', hosts: ['api.cohere.com', 'api.cohere.ai'] },
  { pattern: /^\/models\/.+/, api: 'the Hugging Face inference endpoint', hosts: ['api-inference.huggingface.co'] },
  // The ChatGPT web app's own conversation API, which browser extensions call.
  { pattern: /\/backend-api\/conversation$/, api: 'the ChatGPT conversation endpoint' },
  { pattern: /\/backend-api\/conversation\/gen_title(?:\/[^/]*)?$/, api: 'the ChatGPT title generation endpoint', requestHoldsNoPrompt: true },
  // Other chat services' web apps, which multi-bot browser extensions call with the user's session:
  // each answers the prompt in the request with the model's reply (mostly as an SSE stream).
  { pattern: /^\/api\/append_message$|\/chat_conversations\/[^/]+\/completion$/, api: "the Claude web app's completion endpoint", hosts: ['claude.ai'] },
  { pattern: /\/assistant\.lamda\.BardFrontendService\/StreamGenerate$/, api: "the Gemini (Bard) web app's StreamGenerate endpoint" },
  { pattern: /^\/(?:dialog\/)?conversation$/, api: "the Qwen (Tongyi Qianwen) web app's conversation endpoint", hosts: ['qianwen.aliyun.com', 'qianwen.biz.aliyun.com', 'tongyi.aliyun.com'] },
  { pattern: /\/iflygpt-chat\/u\/chat_message\/chat$/, api: "the iFlytek Spark web app's chat endpoint" },
  { pattern: /^\/api\/chat\/v1\/chat$/, api: "the Baichuan web app's chat endpoint", hosts: ['www.baichuan-ai.com', 'baichuan-ai.com'] },
  { pattern: /\/grok\/add_response\.json$/, api: "the Grok web app's add_response endpoint" },
  { pattern: /\/chatglm\/backend-api\/(?:assistant|v1)\/stream$/, api: "the ChatGLM web app's stream endpoint" },
  // Websocket chat services (see `STREAM_CONNECTIONS`): Bing Chat's ChatHub, Perplexity's socket.io.
  { pattern: /\/sydney\/ChatHub$/, api: "Bing Chat's ChatHub websocket" },
  { pattern: /^\/socket\.io$/, api: "Perplexity's chat socket", hosts: ['www.perplexity.ai', 'labs-api.perplexity.ai'] },
];

/**
 * Text that a file calling an LLM REST API is bound to contain, for the syntactic pre-filter that
 * decides which files are worth analysing (no type checking). A match only admits the file.
 */
export const LLM_ENDPOINT_TEXT =
  /chat\/completions|\/v1\/(?:completions|responses|messages|complete)\b|[gG]enerateContent|\/api\/(?:chat|generate)\b|backend-api\/conversation|api-inference\.huggingface\.co|api\.cohere\.(?:com|ai)|claude\.ai\/|BardFrontendService|qianwen|iflygpt-chat|baichuan-ai\.com|grok\/add_response|chatglm\/backend-api|sydney\/ChatHub|perplexity\.ai\/socket\.io/;

/**
 * Properties of the request body (or of its options) that hold the conversation. Everything else
 * in a model request is settings (see `REQUEST_CONFIG_PROPERTIES`).
 */
export const REQUEST_BODY_OPTIONS: readonly string[] = ['body', 'data', 'json'];

/**
 * Options of a streaming request (`fetchEventSource`, an app's own `chat({ onUpdate })` client)
 * whose callbacks receive the model's output as it arrives.
 */
export const STREAM_CALLBACK_OPTIONS: ReadonlySet<string> = new Set([
  'onmessage',
  'onMessage',
  'onUpdate',
  'onProgress',
  'onData',
  'onChunk',
  'onToken',
  'onText',
  'onDelta',
  'onFinish',
  'onDone',
  'onComplete',
  'onEnd',
  'onResponse',
]);

/**
 * Methods that subscribe to a stream's events (`res.data.on('data', chunk => ...)`): on a stream
 * that carries model output, the handler receives it (except for error, abort and open events).
 */
export const EVENT_SUBSCRIBE_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'addEventListener']);

/**
 * Event channels of a streaming connection that deliver the frames the app sends, not the ones it
 * receives (websocket-as-promised's `wsp.onSend.addListener(data => ...)`): they carry the prompt.
 */
export const SENT_FRAME_CHANNELS: ReadonlySet<string> = new Set(['onSend']);

/** Body keys of a request to the app's own backend (`fetch('/api/chat', { body: { messages } })`) that hold the conversation. */
export const CONVERSATION_BODY_PROPERTIES: readonly string[] = ['messages', 'history', 'conversation'];
