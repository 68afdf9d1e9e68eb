/**
 * Where data leaves the program: log and telemetry sinks, and (for the storage rules) persistence.
 *
 * A call is a sink when the function or method it calls is declared under one of `names`, in a
 * package matching `from` and, where `receivers` is given, inside an interface or class of that
 * name. Matching is by declaration (through the type checker), so a logger passed around as a
 * parameter, stored in a class field or re-exported is still recognised.
 */

/** `log` sinks feed the logging rules, `storage` sinks the storage rules. */
export type SinkKind = 'log' | 'storage';

export type LogCategory = 'console' | 'stdout' | 'stderr' | 'logger' | 'telemetry';
export type StorageCategory = 'file' | 'browser' | 'database' | 'cache';
export type SinkCategory = LogCategory | StorageCategory;

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
  /** Only these properties of an object-literal argument are written out (PostHog `properties`). */
  readonly properties?: readonly string[];
}

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
];

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
  file: 'a file',
  browser: 'browser storage',
  database: 'a database',
  cache: 'a cache',
};
