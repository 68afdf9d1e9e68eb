/**
 * How values move through library code. Functions known only from declaration files do not pass
 * data on unless listed here: an unknown library call ends a flow (precision over recall).
 * Methods of TypeScript's default library (`String.prototype.trim`, `Array.prototype.join`, ...)
 * called on a tracked value always pass it on, when their result can hold text.
 */

export interface FunctionFamily {
  readonly from: readonly string[];
  readonly names: readonly string[];
}

/** Functions whose result is built from their arguments. */
export const ARGUMENT_PROPAGATORS: readonly FunctionFamily[] = [
  {
    from: ['lib'],
    names: [
      'stringify',
      'parse',
      'String',
      'values',
      'entries',
      'assign',
      'fromEntries',
      'freeze',
      'from',
      'of',
      'all',
      'allSettled',
      'race',
      'any',
      'resolve',
      'encodeURIComponent',
      'encodeURI',
      'decodeURIComponent',
      'decodeURI',
      'escape',
      'unescape',
      'structuredClone',
      'btoa',
      'atob',
      'concat',
      'encode',
      'Blob',
      'Map',
      'Set',
      'URLSearchParams',
      'TextEncoder',
      'decode',
      // A response body built from the data (stored with the Cache API).
      'Response',
    ],
  },
  { from: ['node:buffer', 'lib'], names: ['from', 'concat', 'Buffer'] },
  { from: ['node:util'], names: ['format', 'inspect', 'formatWithOptions', 'decode'] },
  // A path built from text holds it (`path.join(dir, slug + '.md')` with a slug of the question).
  { from: ['node:path'], names: ['join', 'resolve', 'relative', 'normalize', 'basename'] },
  // React: a ref holds what it is created with (`useRef(answer).current`).
  { from: ['react', 'preact', 'preact/hooks'], names: ['useRef'] },
  // AI SDK converters: the same conversation in another form (`convertToModelMessages(uiMessages)`).
  { from: ['ai'], names: ['convertToModelMessages', 'convertToCoreMessages', 'pruneMessages', 'validateUIMessages', 'safeValidateUIMessages'] },
  // Compression is not protection: the text is still there.
  { from: ['node:zlib'], names: ['gzipSync', 'deflateSync', 'deflateRawSync', 'brotliCompressSync', 'gzip', 'deflate', 'brotliCompress'] },
  // String utilities: the same text, trimmed, cut, escaped or cased (lodash's string functions, `slashes`).
  {
    from: ['lodash', 'lodash-es', 'slashes'],
    names: ['truncate', 'trim', 'trimStart', 'trimEnd', 'escape', 'unescape', 'capitalize', 'upperFirst', 'lowerFirst', 'toLower', 'toUpper', 'deburr', 'removeSlashes', 'addSlashes'],
  },
];

/** Methods of Node.js objects that, called on a tracked value, return the same data in another form. */
export const RECEIVER_PROPAGATORS: readonly FunctionFamily[] = [
  { from: ['node:buffer'], names: ['toString', 'toJSON', 'subarray', 'slice'] },
  // crypto-js results (`CipherParams`, `WordArray`) serialise to the same data.
  { from: ['crypto-js'], names: ['toString'] },
  // A response read as JSON, text or a stream of chunks (Node's fetch, undici, ponyfills, web streams).
  {
    from: ['undici-types', 'undici', 'node-fetch', 'cross-fetch', 'node:stream/web', 'node:stream', 'node:readline'],
    names: ['json', 'text', 'arrayBuffer', 'bytes', 'blob', 'clone', 'getReader', 'read', 'pipeThrough', 'tee', 'values'],
  },
  // An AWS SDK v3 body (Bedrock's `InvokeModel` response) read as text.
  { from: ['@smithy/core', '@smithy/util-stream', '@smithy/types'], names: ['transformToString'] },
];

/**
 * Calls whose result has the type the program asked for, whatever went in: a schema's `parse`
 * returns `z.infer<typeof Schema>`. The declared result type decides whether it is conversation data.
 */
export const TYPE_DECIDING_CALLS: readonly FunctionFamily[] = [
  { from: ['zod', 'valibot', 'yup'], names: ['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'validate', 'validateSync', 'cast'] },
];

/** Methods that store their arguments into the receiver (`history.push(message)`). */
export const MUTATING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'set', 'add', 'fill', 'append']);

/**
 * Methods taking a callback that receives the receiver's elements (or resolved value), with the
 * parameter positions that receive them.
 */
export const ELEMENT_CALLBACKS: ReadonlyMap<string, readonly number[]> = new Map([
  ['then', [0]],
  ['map', [0]],
  ['flatMap', [0]],
  ['forEach', [0]],
  ['filter', [0]],
  ['find', [0]],
  ['findLast', [0]],
  ['findIndex', [0]],
  ['findLastIndex', [0]],
  ['some', [0]],
  ['every', [0]],
  ['sort', [0, 1]],
  ['toSorted', [0, 1]],
  ['reduce', [0, 1]],
  ['reduceRight', [0, 1]],
]);

/**
 * Of the callback methods, those whose callback's first parameter is the accumulator: the initial
 * value (the second argument) when there is one, else the first element. With an initial value the
 * accumulator starts as that value, and what the callback returns comes back as the accumulator
 * (`messages.reduce((ids, m) => [...ids, m.id], [])` collects ids, not the messages).
 */
export const ACCUMULATOR_METHODS: ReadonlySet<string> = new Set(['reduce', 'reduceRight']);

/**
 * Methods whose callbacks receive an error or nothing, never the receiver's data
 * (`create(...).catch(e => log(e))`): the rejection of a model call is an error, not model output.
 */
export const ERROR_CALLBACK_METHODS: ReadonlySet<string> = new Set(['catch', 'finally']);

/**
 * In untyped JavaScript a method is known by its name only: these standard text and list methods
 * return their receiver's data in another form (`question.trim()`, `messages.map(...)`).
 */
export const UNTYPED_TEXT_METHODS: ReadonlySet<string> = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'replace', 'replaceAll',
  'split', 'join', 'concat', 'map', 'filter', 'flat', 'flatMap', 'toString', 'normalize', 'padStart', 'padEnd', 'at',
  'reverse', 'toReversed', 'sort', 'toSorted', 'reduce', 'find', 'findLast',
]);

/** Properties that hold a count or a size, never text, whatever the type says (also in untyped JavaScript). */
export const COUNT_PROPERTIES: ReadonlySet<string> = new Set(['length', 'size', 'byteLength']);

/** Of the callback methods, those whose result is made of what the callback returns. */
export const CALLBACK_RESULT_METHODS: ReadonlySet<string> = new Set(['then', 'map', 'flatMap', 'reduce', 'reduceRight']);

/**
 * Parsers that take a handler when they are created and hand it what they are fed later
 * (`const parser = createParser({ onEvent }); parser.feed(chunk)`): the handler receives the data.
 */
export interface FeedParser {
  readonly from: readonly string[];
  /** The function that creates the parser. */
  readonly factory: string;
  /** The method that feeds it. */
  readonly feed: string;
  /** Options of the factory's first argument that hold handlers (the argument itself may be the handler). */
  readonly handlerOptions: readonly string[];
}

export const FEED_PARSERS: readonly FeedParser[] = [
  // Server-sent events: v1 takes the handler itself, v2 and v3 an object of handlers.
  { from: ['eventsource-parser'], factory: 'createParser', feed: 'feed', handlerOptions: ['onEvent', 'onParse'] },
];

/**
 * Functions that wrap a function and call it with the same arguments later (lodash and the like,
 * React's `useCallback`, and apps' own helpers of these names): a call of the wrapper's result is a
 * call of the wrapped function. Known by name, since apps write their own.
 */
export const FUNCTION_WRAPPERS: ReadonlySet<string> = new Set([
  'debounce',
  'throttle',
  'memoize',
  'memoizeOne',
  'once',
  'useCallback',
  'useEvent',
  'useEffectEvent',
  'useDebouncedCallback',
  'useThrottledCallback',
  'pDebounce',
  'pThrottle',
  'pMemoize',
]);

/**
 * State hooks: `const [messages, setMessages] = useState(...)`. What the setter is given (or what
 * an updater function returns) is the state variable's value in the next render.
 */
export const STATE_HOOKS: readonly FunctionFamily[] = [{ from: ['react', 'preact', 'preact/hooks'], names: ['useState'] }];

/**
 * Method names too common to tell which class a call on an untyped receiver runs: containers,
 * events, streams, I/O, loggers, promises and the object protocol. A call on an untyped receiver is
 * matched to the program's own class methods by name only for other names (`titleConvo`, `sendMessage`).
 */
export const GENERIC_METHOD_NAMES: ReadonlySet<string> = new Set([
  'get', 'set', 'has', 'add', 'delete', 'remove', 'clear', 'keys', 'values', 'entries', 'push', 'pop', 'shift', 'unshift',
  'map', 'filter', 'reduce', 'forEach', 'find', 'findOne', 'some', 'every', 'join', 'slice', 'splice', 'concat', 'sort',
  'then', 'catch', 'finally', 'call', 'apply', 'bind', 'toString', 'toJSON', 'valueOf', 'constructor',
  'on', 'off', 'once', 'emit', 'addListener', 'removeListener', 'addEventListener', 'removeEventListener', 'dispatchEvent',
  'send', 'write', 'read', 'end', 'pipe', 'open', 'close', 'connect', 'disconnect', 'listen', 'destroy', 'abort',
  'log', 'info', 'debug', 'warn', 'error', 'trace', 'fatal',
  'init', 'initialize', 'start', 'stop', 'reset', 'update', 'create', 'save', 'load', 'parse', 'stringify', 'render',
  'fetch', 'request', 'post', 'patch', 'handle', 'process', 'execute', 'next', 'use', 'run', 'invoke', 'dispose', 'setup',
  'validate', 'format', 'transform', 'serialize', 'deserialize', 'getItem', 'setItem', 'removeItem', 'insert', 'upsert',
]);

/**
 * Stores whose handlers are called by name: `store.commit('setChatContext', payload)` runs the
 * `setChatContext(state, payload)` of the store's `mutations`, `dispatch('name', payload)` its
 * `actions`. The payload is the second argument on both sides, so the call lines up with the handler.
 */
export interface NamedHandlerStore {
  /** The package whose store definitions hold the handlers (the file that defines them names it). */
  readonly package: string;
  /** The calling method or function (`commit`, also destructured from an action's context). */
  readonly call: string;
  /** The property of the store definition that holds the handlers by name. */
  readonly handlers: string;
}

export const NAMED_HANDLER_STORES: readonly NamedHandlerStore[] = [
  { package: 'vuex', call: 'commit', handlers: 'mutations' },
  { package: 'vuex', call: 'dispatch', handlers: 'actions' },
];

/** `emitter.emit('answer', text)`: the call that hands an event's listeners their data. */
export const EMIT_METHOD = 'emit';
