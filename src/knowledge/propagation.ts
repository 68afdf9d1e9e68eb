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
      // A response body built from the data (stored with the Cache API).
      'Response',
    ],
  },
  { from: ['node:buffer', 'lib'], names: ['from', 'concat', 'Buffer'] },
  { from: ['node:util'], names: ['format', 'inspect', 'formatWithOptions'] },
  // Compression is not protection: the text is still there.
  { from: ['node:zlib'], names: ['gzipSync', 'deflateSync', 'deflateRawSync', 'brotliCompressSync', 'gzip', 'deflate', 'brotliCompress'] },
];

/** Methods of Node.js objects that, called on a tracked value, return the same data in another form. */
export const RECEIVER_PROPAGATORS: readonly FunctionFamily[] = [
  { from: ['node:buffer'], names: ['toString', 'toJSON', 'subarray', 'slice'] },
  // crypto-js results (`CipherParams`, `WordArray`) serialise to the same data.
  { from: ['crypto-js'], names: ['toString'] },
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

/** Of the callback methods, those whose result is made of what the callback returns. */
export const CALLBACK_RESULT_METHODS: ReadonlySet<string> = new Set(['then', 'map', 'flatMap', 'reduce', 'reduceRight']);
