/**
 * What LLM credentials look like, and what merely looks like one.
 *
 * Key shapes are matched anywhere in a file (string literals, template text, JSX text, comments),
 * so they must be precise: a fixed prefix plus the exact length and alphabet of the random part.
 * A shape is searched with token boundaries on both sides (no `[A-Za-z0-9_-]` immediately before
 * or after), so `'sk-...'`, `'sk-your-key'`, `'hf_xxx'`, a CSS class `sk-button` or a longer
 * identifier that merely contains a shape never match.
 */

export interface KeyShape {
  /** Stable id, used in tests and messages. */
  readonly id: string;
  /** Who issues the key, for messages. */
  readonly provider: string;
  /** Environment variable the provider's SDKs read the key from (used by the suggestion). */
  readonly envVar: string;
  /** Literal prefix, used to skip strings cheaply before running the pattern. */
  readonly prefix: string;
  /** The whole key, without anchors or flags (boundaries are added by the matcher). */
  readonly pattern: RegExp;
}

export const KEY_SHAPES: readonly KeyShape[] = [
  {
    // Anthropic API keys: `sk-ant-api03-` + 93 characters of [A-Za-z0-9_-] + `AA` (108 in all).
    // Admin keys use `sk-ant-admin01-` with the same body. Listed before the OpenAI shapes, which
    // cannot match them anyway (they need 48 alphanumerics right after `sk-`).
    id: 'anthropic',
    provider: 'Anthropic',
    envVar: 'ANTHROPIC_API_KEY',
    prefix: 'sk-ant-',
    pattern: /sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA/,
  },
  {
    // OpenRouter keys: `sk-or-v1-` + 64 lowercase hex characters.
    id: 'openrouter',
    provider: 'OpenRouter',
    envVar: 'OPENROUTER_API_KEY',
    prefix: 'sk-or-v1-',
    pattern: /sk-or-v1-[a-f0-9]{64}/,
  },
  {
    // OpenAI project, service-account and admin keys: `sk-proj-` / `sk-svcacct-` / `sk-admin-`
    // (and the transitional `sk-None-`), then two random halves around the fixed marker
    // `T3BlbkFJ` (base64 of "OpenAI"). The halves have been 58 or 74 characters of [A-Za-z0-9_-];
    // accept 20 or more so a future length change does not hide a real key; the marker keeps the
    // match precise.
    id: 'openai-project',
    provider: 'OpenAI',
    envVar: 'OPENAI_API_KEY',
    prefix: 'T3BlbkFJ',
    pattern: /sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/,
  },
  {
    // Legacy OpenAI user keys: `sk-` + 48 alphanumerics (20 + `T3BlbkFJ` + 20). Moonshot and a few
    // other OpenAI-compatible providers issue the same shape, hence "OpenAI-style".
    id: 'openai-legacy',
    provider: 'OpenAI-style',
    envVar: 'OPENAI_API_KEY',
    prefix: 'sk-',
    pattern: /sk-[A-Za-z0-9]{48}/,
  },
  {
    // DeepSeek keys: `sk-` + 32 lowercase hex characters. DeepSeek does not publish the format;
    // this is the shape every issued key has had. 32 hex characters after `sk-` is too specific
    // to be a word or a CSS class.
    id: 'deepseek',
    provider: 'DeepSeek',
    envVar: 'DEEPSEEK_API_KEY',
    prefix: 'sk-',
    pattern: /sk-[a-f0-9]{32}/,
  },
  {
    // Google API keys (Gemini, Vertex express mode, every Google Cloud API key):
    // `AIza` + 35 characters of [A-Za-z0-9_-] (39 in all).
    id: 'google',
    provider: 'Google',
    envVar: 'GEMINI_API_KEY',
    prefix: 'AIza',
    pattern: /AIza[A-Za-z0-9_-]{35}/,
  },
  {
    // Groq keys: `gsk_` + 52 alphanumerics (56 in all).
    id: 'groq',
    provider: 'Groq',
    envVar: 'GROQ_API_KEY',
    prefix: 'gsk_',
    pattern: /gsk_[A-Za-z0-9]{52}/,
  },
  {
    // Hugging Face user access tokens: `hf_` + 34 letters (no digits).
    id: 'huggingface',
    provider: 'Hugging Face',
    envVar: 'HF_TOKEN',
    prefix: 'hf_',
    pattern: /hf_[A-Za-z]{34}/,
  },
  {
    // Hugging Face organisation API tokens (deprecated but still found in code): `api_org_` + 34 letters.
    id: 'huggingface-org',
    provider: 'Hugging Face',
    envVar: 'HF_TOKEN',
    prefix: 'api_org_',
    pattern: /api_org_[A-Za-z]{34}/,
  },
  {
    // Replicate API tokens: `r8_` + 37 alphanumerics (40 in all).
    id: 'replicate',
    provider: 'Replicate',
    envVar: 'REPLICATE_API_TOKEN',
    prefix: 'r8_',
    pattern: /r8_[A-Za-z0-9]{37}/,
  },
  {
    // xAI keys: `xai-` + 80 alphanumerics.
    id: 'xai',
    provider: 'xAI',
    envVar: 'XAI_API_KEY',
    prefix: 'xai-',
    pattern: /xai-[A-Za-z0-9]{80}/,
  },
  {
    // Perplexity keys: `pplx-` + 48 alphanumerics.
    id: 'perplexity',
    provider: 'Perplexity',
    envVar: 'PERPLEXITY_API_KEY',
    prefix: 'pplx-',
    pattern: /pplx-[A-Za-z0-9]{48}/,
  },
  // Not listed: Mistral, Cohere and Together keys are 32 / 40 / 64 unprefixed alphanumerics or hex,
  // which cannot be told apart from hashes and ids. They are still reported when a literal reaches
  // an `apiKey`-like option of a recognised client.
];

/** Characters that may continue a key; a shape must not touch one on either side. */
export const KEY_CHARACTER = /[A-Za-z0-9_-]/;

/**
 * Fewer distinct characters than this in a shape's random part means a placeholder
 * (`hf_xxxxxxxx...`, `sk-000000...`, `AIzaAAAAAA...`). A random part of 32+ characters drawn from
 * 16 to 64 symbols has more than 10 distinct characters with overwhelming probability.
 */
export const MIN_DISTINCT_KEY_CHARACTERS = 8;

/**
 * Option names and header names that carry credentials in request libraries' header maps.
 * Compared case-insensitively.
 */
export const CREDENTIAL_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-api-key', // Anthropic, many gateways
  'api-key', // Azure OpenAI
  'x-goog-api-key', // Gemini
  'ocp-apim-subscription-key', // Azure API Management in front of OpenAI
  'helicone-auth',
  'x-portkey-api-key',
  'cf-aig-authorization', // Cloudflare AI Gateway
];

/** Authorization schemes stripped from a header value before judging the credential. */
export const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Key)\s+/i;

/**
 * Values that are obviously not secrets, compared case-insensitively with the whole value: what
 * local servers (Ollama, LM Studio, vLLM, llama.cpp) and SDK docs tell you to pass as a dummy key.
 */
export const PLACEHOLDER_VALUES: readonly string[] = [
  'ollama',
  'lm-studio',
  'lmstudio',
  'not-needed',
  'not_needed',
  'notneeded',
  'not-required',
  'no-key',
  'nokey',
  'none',
  'null',
  'undefined',
  'empty',
  'dummy',
  'fake',
  'test',
  'testing',
  'placeholder',
  'changeme',
  'sk-no-key-required',
  'sk-fake',
  'sk-test',
  'sk-dummy',
  'vllm',
  'llama.cpp',
  'local',
  'anything',
  'unused',
  'secret',
  'your-api-key',
  'your_api_key',
  'api-key',
  'api_key',
  'apikey',
];

/**
 * Words that mark a value as a placeholder when they appear as a whole token (split at
 * non-alphanumerics and camelCase humps): `sk-your-key`, `YOUR_OPENAI_KEY`, `insertKeyHere`,
 * `fake-key-for-tests`. Only applied to values that do not match a precise key shape, whose random
 * part could contain such a token by chance.
 */
export const PLACEHOLDER_WORDS: readonly string[] = [
  'your',
  'yours',
  'my',
  'example',
  'examples',
  'sample',
  'placeholder',
  'dummy',
  'fake',
  'mock',
  'test',
  'tests',
  'testing',
  'changeme',
  'change',
  'replace',
  'insert',
  'enter',
  'todo',
  'fixme',
  'redacted',
  'xxx',
  'xxxx',
  'here',
  'not',
  'none',
  'required',
  'needed',
  'ollama',
  'lmstudio',
];

/** Text inside a value that marks it as a template or an elision: `sk-...`, `<key>`, `{{key}}`. */
export const PLACEHOLDER_MARKERS: readonly string[] = ['...', '\u2026', '<', '>', '{{', '}}', '${', '%s', '***'];

/** Runs of consecutive characters: a value that is part of one (`1234567890`, `abcdefgh`) is a filler, not a key. */
export const FILLER_SEQUENCES: readonly string[] = ['0123456789', '1234567890', 'abcdefghijklmnopqrstuvwxyz', '9876543210', 'zyxwvutsrqponmlkjihgfedcba'];

/** Shorter values (after an auth scheme) are dummies, not credentials. */
export const MIN_CREDENTIAL_LENGTH = 8;

/** A full git commit SHA (40 hex digits): a revision pin, never a key. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/**
 * Environment variables LLM SDKs read their keys from. Assigning a literal to one of them
 * (`process.env.OPENAI_API_KEY = '...'`) hard-codes the key as surely as passing it.
 */
export const LLM_KEY_ENV_VARS: readonly string[] = [
  'OPENAI_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'GEMINI_API_KEY',
  'GOOGLE_API_KEY',
  'GOOGLE_GENERATIVE_AI_API_KEY',
  'GROQ_API_KEY',
  'MISTRAL_API_KEY',
  'DEEPSEEK_API_KEY',
  'OPENROUTER_API_KEY',
  'TOGETHER_API_KEY',
  'FIREWORKS_API_KEY',
  'XAI_API_KEY',
  'PERPLEXITY_API_KEY',
  'CO_API_KEY',
  'COHERE_API_KEY',
  'HF_TOKEN',
  'HUGGINGFACEHUB_API_TOKEN',
  'HUGGING_FACE_HUB_TOKEN',
  'REPLICATE_API_TOKEN',
  'OLLAMA_API_KEY',
  'AI_GATEWAY_API_KEY',
];
