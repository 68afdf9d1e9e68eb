/**
 * SDK methods whose result is model output although its type says nothing: a plain `string`
 * (`session.prompt(text)` of node-llama-cpp, Chrome's `LanguageModel.prompt`, MediaPipe's
 * `generateResponse`), a stream of strings, or an anonymous or untyped object (`replicate.run`).
 * A string's type cannot tell an answer from a file name, so these calls are recognised by the
 * method and the package that declares it (through aliases and re-exports, see
 * `src/analysis/packages.ts`), and, where the name alone is too common, by the class or interface
 * that declares it.
 *
 * Every entry was checked against the `.d.ts` files of the installed packages: `node-llama-cpp`
 * 3.21, `@types/dom-chromium-ai` 0.0.17, `@mediapipe/tasks-genai` 0.10, `@mlc-ai/web-llm` 0.2,
 * `replicate` 1.4, `@huggingface/transformers` 4.3 and `@xenova/transformers` 2.17.
 */

export interface ModelTextCall {
  /**
   * Packages that declare the methods (`@scope/*` covers a scope). Global typings count as their
   * package: Chrome's built-in AI is declared by `@types/dom-chromium-ai`, i.e. `dom-chromium-ai`.
   */
  readonly from: readonly string[];
  /**
   * The classes, interfaces or type aliases that declare the methods; any container of the
   * package when absent.
   */
  readonly containers?: readonly string[];
  /** Method names; `()` for calling the SDK object itself (a transformers.js pipeline). */
  readonly names: readonly string[];
  /** Arguments that are the prompt as a whole (`session.prompt(text)`: argument 0). */
  readonly promptArguments: readonly number[];
}

export const MODEL_TEXT_CALLS: readonly ModelTextCall[] = [
  // node-llama-cpp: a chat session answers with a string (or `{ response, responseText }` with meta).
  {
    from: ['node-llama-cpp'],
    containers: ['LlamaChatSession'],
    names: ['prompt', 'promptWithMeta', 'completePrompt', 'completePromptWithMeta'],
    promptArguments: [0],
  },
  // node-llama-cpp text completion: the input (and, for infill, the prefix and the suffix).
  {
    from: ['node-llama-cpp'],
    containers: ['LlamaCompletion'],
    names: ['generateCompletion', 'generateCompletionWithMeta', 'generateInfillCompletion', 'generateInfillCompletionWithMeta'],
    promptArguments: [0, 1],
  },
  // Chrome's built-in AI (the Prompt API; `AILanguageModel` is what older typings call `ai.languageModel` sessions).
  {
    from: ['dom-chromium-ai'],
    containers: ['LanguageModel', 'AILanguageModel'],
    names: ['prompt', 'promptStreaming'],
    promptArguments: [0],
  },
  // Chrome's writing-assistance APIs: what they return is generated from the input.
  {
    from: ['dom-chromium-ai'],
    containers: ['Summarizer', 'Writer', 'Rewriter', 'AISummarizer', 'AIWriter', 'AIRewriter'],
    names: ['summarize', 'summarizeStreaming', 'write', 'writeStreaming', 'rewrite', 'rewriteStreaming'],
    promptArguments: [0],
  },
  // MediaPipe LLM Inference; its progress listener receives the partial answers.
  {
    from: ['@mediapipe/tasks-genai'],
    containers: ['LlmInference'],
    names: ['generateResponse', 'generateResponses'],
    promptArguments: [0],
  },
  // web-llm: the message generated so far (the OpenAI-style API is typed and needs no entry).
  {
    from: ['@mlc-ai/web-llm'],
    containers: ['MLCEngine', 'MLCEngineInterface', 'WebWorkerMLCEngine', 'ServiceWorkerMLCEngine', 'ExtensionServiceWorkerMLCEngine'],
    names: ['getMessage'],
    promptArguments: [],
  },
  // Replicate: `run` resolves to the model's output, typed `object`; the prompt is in `input`.
  {
    from: ['replicate'],
    containers: ['Replicate'],
    names: ['run'],
    promptArguments: [],
  },
  // transformers.js: calling a text-generation or text2text pipeline (its input is the prompt).
  {
    from: ['@huggingface/transformers', '@xenova/transformers'],
    containers: [
      'TextGenerationPipeline',
      'TextGenerationPipelineType',
      'Text2TextGenerationPipeline',
      'Text2TextGenerationPipelineType',
      'SummarizationPipeline',
      'SummarizationPipelineType',
      'TranslationPipeline',
      'TranslationPipelineType',
    ],
    names: ['()'],
    promptArguments: [0],
  },
  // LangChain's legacy chains in code that does not resolve the package (plain JavaScript without
  // `langchain` installed where the lint runs): `new LLMChain({ llm, prompt }).call(values)` answers
  // with `{ text }`. Matched only through the import binding, by the class constructed; typed code
  // sees `BaseChain`'s declarations and the runnable rules instead.
  {
    from: ['langchain'],
    containers: ['LLMChain', 'ConversationChain', 'ConversationalRetrievalQAChain', 'RetrievalQAChain'],
    names: ['call', 'invoke', 'run', 'predict'],
    promptArguments: [],
  },
  // node-chatgpt-api (`@waylaidwanderer/chatgpt-api`, and `nodejs-gpt`, the fork LibreChat uses):
  // plain JavaScript without typings, matched through the import binding, by the client class
  // constructed. `sendMessage(message, opts)` resolves to `{ response, details, ... }`, and
  // `opts.onProgress` receives the answer's tokens.
  {
    from: ['@waylaidwanderer/chatgpt-api', 'nodejs-gpt'],
    containers: ['BingAIClient', 'ChatGPTClient', 'ChatGPTBrowserClient'],
    names: ['sendMessage'],
    promptArguments: [0],
  },
];


/**
 * Text that a file using a browser's built-in model is bound to contain: these APIs are globals
 * (`LanguageModel.create()`), so no import admits the file to the analysis. A match only admits it.
 */
export const GLOBAL_MODEL_API_TEXT = /\bLanguageModel\b|\b(?:Summarizer|Writer|Rewriter)\.create\s*\(|\bai\.(?:languageModel|summarizer|writer|rewriter)\b/;
