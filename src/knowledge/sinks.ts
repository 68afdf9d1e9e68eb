/**
 * Where data leaves the program: log and telemetry sinks, and (for the storage rules) persistence.
 *
 * A call is a sink when the function or method it calls is declared under one of `names`, in a
 * package matching `from` and, where `receivers` is given, inside an interface or class of that
 * name. Matching is by declaration (through the type checker), so a logger passed around as a
 * parameter, stored in a class field or re-exported is still recognised.
 */

/**
 * `log` sinks feed the logging rules, `storage` sinks the storage rules, `crypto` sinks (data entering
 * weak encryption) the weak-encryption rule.
 */
export type SinkKind = 'log' | 'storage' | 'crypto';

export type LogCategory = 'console' | 'stdout' | 'stderr' | 'logger' | 'telemetry';
export type StorageCategory = 'file' | 'browser' | 'database' | 'cache';
export type CryptoCategory = 'weak-encryption';
export type SinkCategory = LogCategory | StorageCategory | CryptoCategory;

export interface CallSink {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  /** Origin patterns of the declaration (`lib`, `node:fs`, `pino`, `@sentry/*`). */
  readonly from: readonly string[];
  /** Function or method names; `()` stands for calling a value of a receiver type (`debug('x')(text)`). */
  readonly names: readonly string[];
  /** Names of the interface or class that declares the method, when the name alone is too common. */
  readonly receivers?: readonly string[];
  /** Argument positions that are written out; all when absent. */
  readonly arguments?: readonly number[];
  /** Every argument from this position on is written out (Redis `rpush(key, ...values)`). */
  readonly argumentsFrom?: number;
  /**
   * The type of the object the method is called on, when the method itself is declared too generically
   * (`write` of any stream): `fs.createWriteStream(path).write(data)`. Matched by name and origin (`from`).
   */
  readonly receiverTypes?: readonly string[];
  /** Only these properties of an object-literal argument are written out (PostHog `properties`). */
  readonly properties?: readonly string[];
}

/**
 * Writing to a property is a sink for some browser APIs: `localStorage.chat = json`,
 * `document.cookie = ...`. The assigned object's type is matched by name and origin.
 */
export interface AssignmentSink {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  readonly from: readonly string[];
  /** The type of the object written to. */
  readonly objectTypes: readonly string[];
  /** Only these properties; any property when absent (`localStorage[key] = ...`). */
  readonly properties?: readonly string[];
}

export const ASSIGNMENT_SINKS: readonly AssignmentSink[] = [
  { kind: 'storage', category: 'browser', from: ['lib'], objectTypes: ['Storage'] },
  { kind: 'storage', category: 'browser', from: ['lib'], objectTypes: ['Document'], properties: ['cookie'] },
];

/** A sink recognised by the callee's global path, for APIs whose declarations are too generic. */
export interface PathSink {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  /** Dotted path from a global, e.g. `process.stderr.write`. */
  readonly path: string;
  readonly arguments?: readonly number[];
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'verbose', 'silly', 'http', 'notice', 'crit', 'alert', 'emerg', 'success', 'fail', 'ready', 'start', 'box'];

export const CALL_SINKS: readonly CallSink[] = [
  {
    kind: 'log',
    category: 'console',
    from: ['lib', 'node:console'],
    receivers: ['Console'],
    names: ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'assert', 'timeLog'],
  },
  { kind: 'log', category: 'logger', from: ['pino'], names: [...LOG_LEVELS] },
  { kind: 'log', category: 'logger', from: ['winston', 'winston-transport'], names: [...LOG_LEVELS, 'log'] },
  { kind: 'log', category: 'logger', from: ['bunyan'], names: [...LOG_LEVELS] },
  { kind: 'log', category: 'logger', from: ['loglevel'], names: [...LOG_LEVELS] },
  { kind: 'log', category: 'logger', from: ['consola'], names: [...LOG_LEVELS] },
  // consola types its methods through `Record<LogType, LogFn>`: calls reach the `LogFn` signature.
  { kind: 'log', category: 'logger', from: ['consola'], receivers: ['LogFn'], names: ['()'] },
  { kind: 'log', category: 'logger', from: ['@nestjs/common'], receivers: ['Logger', 'LoggerService', 'ConsoleLogger'], names: [...LOG_LEVELS] },
  // `const log = debug('app'); log(text)`: the call signature of the `Debugger` interface.
  { kind: 'log', category: 'logger', from: ['debug'], receivers: ['Debugger'], names: ['()', 'log'] },
  { kind: 'log', category: 'logger', from: ['log4js'], names: [...LOG_LEVELS] },
  { kind: 'log', category: 'logger', from: ['signale'], names: [...LOG_LEVELS] },
  { kind: 'log', category: 'logger', from: ['roarr'], names: [...LOG_LEVELS] },
  // Sentry: the event itself is an error (not content), its context, extras, tags and breadcrumbs carry data.
  { kind: 'log', category: 'telemetry', from: ['@sentry/*'], names: ['captureMessage', 'addBreadcrumb', 'setExtras', 'setTags', 'setUser'] },
  { kind: 'log', category: 'telemetry', from: ['@sentry/*'], names: ['captureException', 'captureEvent', 'setContext', 'setExtra', 'setTag'], arguments: [1] },
  // PostHog: `capture({ distinctId, event, properties })` (node) and `capture(event, properties)` (browser).
  { kind: 'log', category: 'telemetry', from: ['posthog-node'], names: ['capture', 'captureImmediate'], properties: ['properties'] },
  { kind: 'log', category: 'telemetry', from: ['posthog-js'], names: ['capture'], arguments: [1] },
  // OpenTelemetry spans: attribute values and event attributes are exported to the tracing backend.
  { kind: 'log', category: 'telemetry', from: ['@opentelemetry/api'], receivers: ['Span'], names: ['setAttribute', 'addEvent'], arguments: [1] },
  { kind: 'log', category: 'telemetry', from: ['@opentelemetry/api'], receivers: ['Span'], names: ['setAttributes', 'recordException'], arguments: [0] },
  // Langfuse (LLM tracing): observations and traces go to the Langfuse backend with every attribute
  // (`input`, `output`, `statusMessage`, the name). `@langfuse/tracing` (v4+, OpenTelemetry based):
  // `startObservation(name, { input })`, `span.update({ output })`, `updateActiveObservation(...)`,
  // the legacy trace-level `setTraceIO`.
  {
    kind: 'log',
    category: 'telemetry',
    from: ['@langfuse/tracing'],
    names: ['startObservation', 'update', 'updateActiveObservation', 'setTraceIO', 'setActiveTraceIO'],
  },
  // The v3 SDK (`langfuse`, `langfuse-node`, declared in `langfuse-core`): `langfuse.trace({ input })`,
  // `trace.generation({ input, output })`, `span.end({ output })`.
  {
    kind: 'log',
    category: 'telemetry',
    from: ['langfuse-core', 'langfuse', 'langfuse-node'],
    receivers: ['LangfuseCore', 'LangfuseObjectClient', 'LangfuseTraceClient', 'LangfuseSpanClient', 'LangfuseGenerationClient', 'LangfuseEventClient'],
    names: ['trace', 'span', 'generation', 'event', 'update', 'end'],
  },
];

const DATABASE_WRITES = ['insert', 'insertOne', 'insertMany', 'create', 'createMany', 'bulkCreate', 'upsert', 'save'];
const REDIS_WRITES = [
  'set', 'setex', 'setEx', 'psetex', 'setnx', 'setNX', 'getset', 'append', 'mset', 'mSet', 'msetnx',
  'hset', 'hSet', 'hmset', 'hMSet', 'hsetnx', 'hSetNX', 'lpush', 'lPush', 'rpush', 'rPush', 'lpushx', 'rpushx',
  'lset', 'lSet', 'linsert', 'sadd', 'sAdd', 'zadd', 'zAdd', 'xadd', 'xAdd', 'publish', 'json.set',
];

/** Persistence, by category; the storage rule reports prompt data reaching these. */
export const STORAGE_SINKS: readonly CallSink[] = [
  // Files.
  { kind: 'storage', category: 'file', from: ['node:fs', 'node:fs/promises', 'fs-extra'], names: ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'outputFile', 'outputFileSync'], arguments: [1] },
  { kind: 'storage', category: 'file', from: ['fs-extra', 'jsonfile'], names: ['writeJson', 'writeJsonSync', 'outputJson', 'outputJsonSync', 'writeJSON', 'outputJSON', 'writeJSONSync', 'outputJSONSync', 'writeFile', 'writeFileSync'], arguments: [1] },
  { kind: 'storage', category: 'file', from: ['node:fs'], receiverTypes: ['WriteStream'], names: ['write', 'end'], arguments: [0] },
  { kind: 'storage', category: 'file', from: ['node:fs', 'node:fs/promises'], receiverTypes: ['FileHandle'], names: ['write', 'writeFile', 'appendFile'], arguments: [0] },
  // Browser and mobile storage.
  { kind: 'storage', category: 'browser', from: ['lib'], receivers: ['Storage'], names: ['setItem'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['lib'], receivers: ['IDBObjectStore'], names: ['put', 'add'], arguments: [0] },
  { kind: 'storage', category: 'browser', from: ['lib'], receivers: ['Cache'], names: ['put'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['idb'], receivers: ['IDBPDatabase'], names: ['put', 'add'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['idb'], receivers: ['IDBPObjectStore'], names: ['put', 'add'], arguments: [0] },
  { kind: 'storage', category: 'browser', from: ['idb-keyval'], names: ['set'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['idb-keyval'], names: ['setMany'], arguments: [0] },
  { kind: 'storage', category: 'browser', from: ['dexie'], names: ['add', 'put', 'bulkAdd', 'bulkPut'], arguments: [0] },
  { kind: 'storage', category: 'browser', from: ['dexie'], names: ['update'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['localforage'], names: ['setItem'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['@react-native-async-storage/async-storage'], names: ['setItem', 'mergeItem'], arguments: [1] },
  { kind: 'storage', category: 'browser', from: ['@react-native-async-storage/async-storage'], names: ['multiSet', 'multiMerge'], arguments: [0] },
  { kind: 'storage', category: 'browser', from: ['chrome'], receivers: ['StorageArea'], names: ['set'], arguments: [0] },
  // Extensions through webextension-polyfill: `browser.storage.local.set({ [key]: messages })`.
  { kind: 'storage', category: 'browser', from: ['webextension-polyfill'], receivers: ['StorageArea', 'LocalStorageArea', 'SyncStorageArea', 'SessionStorageArea'], names: ['set'], arguments: [0] },
  // Desktop apps: electron-store (on conf) writes a JSON file in the user's profile.
  { kind: 'storage', category: 'file', from: ['electron-store', 'conf'], names: ['set'] },
  // Databases: query parameters and the values of inserts and updates.
  { kind: 'storage', category: 'database', from: ['pg', 'pg-pool', 'mysql2', 'mysql'], names: ['query', 'execute'], arguments: [1] },
  { kind: 'storage', category: 'database', from: ['pg', 'pg-pool'], names: ['query'], properties: ['values'] },
  { kind: 'storage', category: 'database', from: ['better-sqlite3'], receivers: ['Statement'], names: ['run'] },
  { kind: 'storage', category: 'database', from: ['sqlite3'], names: ['run', 'exec'], argumentsFrom: 1 },
  { kind: 'storage', category: 'database', from: ['sqlite3'], receivers: ['Statement'], names: ['run'] },
  { kind: 'storage', category: 'database', from: ['drizzle-orm', 'kysely'], names: ['values', 'set'], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['.prisma', '@prisma/client'], names: [...DATABASE_WRITES, 'update', 'updateMany'], properties: ['data', 'create', 'update'] },
  { kind: 'storage', category: 'database', from: ['mongoose', 'mongodb'], names: [...DATABASE_WRITES], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['mongoose', 'mongodb'], names: ['updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'findByIdAndUpdate'], arguments: [1] },
  { kind: 'storage', category: 'database', from: ['typeorm'], names: ['save', 'insert', 'upsert'], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['typeorm'], names: ['update'], arguments: [1] },
  { kind: 'storage', category: 'database', from: ['knex'], names: ['insert', 'update', 'upsert'], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['sequelize'], names: [...DATABASE_WRITES, 'update'], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['@supabase/postgrest-js', '@supabase/supabase-js'], names: ['insert', 'upsert', 'update'], arguments: [0] },
  { kind: 'storage', category: 'database', from: ['@firebase/firestore', 'firebase'], names: ['setDoc', 'addDoc', 'updateDoc'], arguments: [1] },
  { kind: 'storage', category: 'database', from: ['@firebase/firestore', '@google-cloud/firestore'], receivers: ['Transaction', 'WriteBatch', 'DocumentReference', 'CollectionReference'], names: ['set', 'add', 'update'], argumentsFrom: 0 },
  // Caches and key-value stores: keyv writes to whatever store backs it (a JSON file, Redis, SQLite).
  { kind: 'storage', category: 'cache', from: ['keyv', '@keyvhq/core'], receivers: ['Keyv'], names: ['set'], arguments: [1] },
  { kind: 'storage', category: 'cache', from: ['keyv'], receivers: ['Keyv'], names: ['setMany'], arguments: [0] },
  { kind: 'storage', category: 'cache', from: ['ioredis', '@redis/client', 'redis', '@upstash/redis', '@vercel/kv'], names: REDIS_WRITES, argumentsFrom: 1 },
];

/**
 * A query builder called on a handle the program does not type (a transaction declared `any`):
 * `tx.insert(messages).values(row)` is recognised by the table it is given, whose type the schema
 * still declares. `start` names the builder's first call, `tableTypes` the table's type.
 */
export interface UntypedBuilderSink {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  readonly from: readonly string[];
  readonly start: readonly string[];
  readonly tableTypes: readonly string[];
  /** The call that takes the written values, and the argument it takes them in. */
  readonly names: readonly string[];
  readonly arguments: readonly number[];
}

export const UNTYPED_BUILDER_SINKS: readonly UntypedBuilderSink[] = [
  {
    kind: 'storage',
    category: 'database',
    from: ['drizzle-orm'],
    start: ['insert', 'update'],
    tableTypes: ['PgTableWithColumns', 'SQLiteTableWithColumns', 'MySqlTableWithColumns'],
    names: ['values', 'set'],
    arguments: [0],
  },
];

/**
 * A logger the program gives no type (plain JavaScript: `log.info(msg)` on a parameter, an MCP
 * server's `mcpLog`, `this.logger.debug(x)` on an untyped field): known by the receiver's name and a
 * level method, and only where the callee has no declaration at all. The names are camel-case words
 * ending in `Log`/`Logger` (`dialog` and `catalog` are not loggers), and the levels are `console`'s
 * plus the common loggers' `success` (consola, signale, CLI loggers), `fatal` and `verbose`.
 */
export const UNTYPED_LOGGER_SINK = {
  kind: 'log',
  category: 'logger',
  receiverName: /^(?:log|logger|[a-z][A-Za-z0-9]*(?:Log|Logger))(?:Fn|Wrapper)?$/,
  names: ['trace', 'debug', 'info', 'warn', 'error', 'log', 'success', 'fatal', 'verbose'],
} as const;

export const PATH_SINKS: readonly PathSink[] = [
  { kind: 'log', category: 'stderr', path: 'process.stderr.write', arguments: [0] },
  // A CLI prints its answer on stdout: that is output, not a log. Off unless `checkStdout` is set.
  { kind: 'log', category: 'stdout', path: 'process.stdout.write', arguments: [0] },
];

/** How a message names where the data goes, by category. */
export const SINK_DESTINATIONS: Readonly<Record<SinkCategory, string>> = {
  console: 'the console log',
  stdout: 'standard output',
  stderr: 'the error log (stderr)',
  logger: 'a log',
  telemetry: 'telemetry',
  'weak-encryption': 'weak encryption',
  file: 'a file',
  browser: 'browser storage',
  database: 'a database',
  cache: 'a cache',
};

/**
 * State hooks that also persist: the setter of `const [chat, setChat] = useLocalStorage('chat', ...)`
 * writes what it is given to browser storage.
 */
export const PERSISTED_STATE_HOOKS: readonly { readonly from: readonly string[]; readonly names: readonly string[]; readonly category: StorageCategory }[] = [
  { from: ['usehooks-ts', '@uidotdev/usehooks', '@mantine/hooks', 'react-use'], names: ['useLocalStorage', 'useSessionStorage', 'useLocalStorageState'], category: 'browser' },
];

/**
 * State stores that persist their state (to localStorage by default): zustand's `persist`
 * middleware, redux-persist's `persistReducer`. The persisted state is conversation data when its
 * type says so; `partialize` narrows what is persisted.
 */
export interface PersistedStoreSink {
  readonly from: readonly string[];
  readonly names: readonly string[];
  /** The argument whose function returns the state (zustand's initializer, redux-persist's reducer). */
  readonly stateArgument: number;
  /** An option (in the argument after the state) whose function selects what is persisted. */
  readonly selectorOption?: string;
  readonly category: StorageCategory;
}

export const PERSISTED_STORE_SINKS: readonly PersistedStoreSink[] = [
  { from: ['zustand'], names: ['persist'], stateArgument: 0, selectorOption: 'partialize', category: 'browser' },
  { from: ['redux-persist'], names: ['persistReducer'], stateArgument: 1, category: 'browser' },
];

/**
 * Model-call options that make the SDK itself record the call's prompt and output in telemetry
 * spans, which the app's OpenTelemetry exporter ships (Sentry, Langfuse, Honeycomb, ...). The AI
 * SDK's `experimental_telemetry: { isEnabled: true }` records both unless `recordInputs` /
 * `recordOutputs` are `false`.
 */
export interface TelemetryOption {
  /** Packages that declare the model call. */
  readonly from: readonly string[];
  /** The option of the call's options object that holds the telemetry settings. */
  readonly option: string;
  /** The setting that turns recording on (off by default). */
  readonly enabled: string;
  /** The settings that turn off recording the prompt and the output (on by default). */
  readonly recordInputs: string;
  readonly recordOutputs: string;
}

/**
 * LangChain runnables (chains, agents, LangGraph graphs) given a LangSmith tracer in their run config
 * (`chain.invoke(input, { callbacks: [new LangChainTracer(...)] })`) upload the run's input and every
 * step's output, the model's answer included, to LangSmith.
 */
export const TRACED_RUNNABLE_CALLS = {
  from: ['@langchain/*', 'langchain'],
  names: ['invoke', 'stream', 'streamEvents', 'streamLog', 'batch', 'call'],
  configArgument: 1,
  option: 'callbacks',
  tracerTypes: ['LangChainTracer'],
  tracerFrom: ['@langchain/*', 'langsmith'],
} as const;

export const SDK_TELEMETRY_OPTIONS: readonly TelemetryOption[] = [
  { from: ['ai'], option: 'experimental_telemetry', enabled: 'isEnabled', recordInputs: 'recordInputs', recordOutputs: 'recordOutputs' },
];
