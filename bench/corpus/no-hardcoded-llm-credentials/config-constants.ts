// Shared constants module: some of these are secrets, most are not.
export const MODEL_REVISION = '809a215afd3df2c658e9fe782e03965f8f097674';
export const REQUEST_ID_HEADER = 'x-request-id';
export const DEFAULT_MODEL = 'gpt-4o-mini';
export const BUTTON_CLASSES = 'sk-button sk-button--primary sk-spinner';
export const OPENAI_KEY_FORMAT = /^sk-(?:proj-)?[A-Za-z0-9_-]{20,}$/;
export const HF_TOKEN_DOCS = 'Create a token at https://huggingface.co/settings/tokens (it starts with hf_...)';
export const EXAMPLE_KEY = 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

export const FALLBACK_KEYS = {
  openai: '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', // expect: no-hardcoded-llm-credentials
  huggingface: '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', // expect: no-hardcoded-llm-credentials
};

export function geminiUrl(model: string): string {
  return `https://generativelanguage.googleapis.com/v1beta/models/${model}:generateContent?key=AIzaJdwJIwT_GiJC-cVrqaZT-340yLbH27tfB6I`; // expect: no-hardcoded-llm-credentials
}

// Old key, rotated in March: sk-ant-api03-pS6xlky3GlTHQpqPUgvvPQPaiL4j1kyDB44hOU61Kxsl8xOAV5mW7cwkmNZvKGSqT-vvo6BEy02uitKxeiDIWhHUKAap9AA // expect: no-hardcoded-llm-credentials

// Set OPENAI_API_KEY (sk-proj-...) and HF_TOKEN (hf_xxx) in .env before running.
export const REQUIRED_ENV = ['OPENAI_API_KEY', 'HF_TOKEN'] as const;
