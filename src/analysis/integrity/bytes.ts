import ts from '../typescript.cjs';

import { BYTE_PASS_THROUGH, DOWNLOAD_RESULTS } from '../../knowledge/model-loaders.js';
import { staticStringValue } from '../constants.js';
import { identifyCall, identifySymbol, identityMatches } from './callee.js';
import { declarationOf, skipValueWrappers, valueSymbolOf } from './values.js';

/**
 * What is known about where some bytes (a buffer, or the file behind a path) come from.
 *
 * Two values hold "the same bytes" when their traces share a key: the same variable, the same
 * static path, or the same path expression; a buffer read from a path shares the path's keys.
 * A trace never looks inside `path.join(dir, file)`: hashing `config.json` does not vouch for
 * `model.onnx` in the same directory. `directoryKeys` holds the directory instead, for loaders
 * whose model *is* a directory.
 */
export interface ByteTrace {
  readonly keys: Set<string>;
  readonly directoryKeys: Set<string>;
  /** Download calls (from the knowledge base) whose result these bytes are. */
  readonly downloads: ts.CallExpression[];
  /** The bytes were read from a file at some path. */
  readsFile: boolean;
  /** The bytes came from `fetch()`. */
  fetched: boolean;
  /** Project calls on the chain (their summaries may say they return verified bytes). */
  readonly helperCalls: ts.CallExpression[];
  /** Path expressions that were read (`readFile(p)`), for describing local files. */
  readonly readPaths: ts.Expression[];
}

export interface TraceContext {
  readonly checker: ts.TypeChecker;
  readonly program: ts.Program;
}

const symbolIds = new WeakMap<ts.Symbol, number>();
let nextSymbolId = 1;

export function symbolKey(symbol: ts.Symbol): string {
  let id = symbolIds.get(symbol);
  if (id === undefined) {
    id = nextSymbolId++;
    symbolIds.set(symbol, id);
  }
  return `s:${id}`;
}

/** `./models/a.onnx` and `models/a.onnx` name the same file. */
function valueKey(value: string): string {
  return `v:${value.replace(/^(?:\.\/)+/, '').replace(/\/{2,}/g, '/')}`;
}

function textKey(node: ts.Node): string {
  return `t:${node.getText().replace(/\s+/g, '')}`;
}

const traceCache = new WeakMap<ts.Node, ByteTrace>();

/** Traces the bytes a model argument (a path or a buffer) stands for. */
export function traceBytes(node: ts.Expression, context: TraceContext): ByteTrace {
  const cached = traceCache.get(node);
  if (cached) {
    return cached;
  }
  const trace: ByteTrace = {
    keys: new Set(),
    directoryKeys: new Set(),
    downloads: [],
    readsFile: false,
    fetched: false,
    helperCalls: [],
    readPaths: [],
  };
  visit(node, trace, context, 0, new Set());
  traceCache.set(node, trace);
  return trace;
}

function addShallowKeys(node: ts.Expression, into: Set<string>, context: TraceContext): void {
  const expression = skipValueWrappers(node);
  const value = staticStringValue(expression, context.checker);
  if (value !== undefined) {
    into.add(valueKey(value));
  }
  if (ts.isIdentifier(expression)) {
    const symbol = valueSymbolOf(expression, context.checker);
    if (symbol) {
      into.add(symbolKey(symbol));
    }
  } else {
    into.add(textKey(expression));
  }
}

function visit(node: ts.Expression, trace: ByteTrace, context: TraceContext, depth: number, seen: Set<ts.Node>): void {
  const expression = skipValueWrappers(node);
  if (depth > 16 || seen.has(expression)) {
    return;
  }
  seen.add(expression);
  const { checker, program } = context;

  const value = staticStringValue(expression, checker);
  if (value !== undefined) {
    trace.keys.add(valueKey(value));
  }

  if (ts.isIdentifier(expression)) {
    const symbol = valueSymbolOf(expression, checker);
    if (!symbol) {
      return;
    }
    trace.keys.add(symbolKey(symbol));
    const declaration = declarationOf(expression, checker);
    if (!declaration) {
      return;
    }
    if (ts.isVariableDeclaration(declaration)) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        visit(declaration.initializer, trace, context, depth + 1, seen);
      } else if (!declaration.initializer && ts.isForOfStatement(declaration.parent.parent)) {
        // `for await (const chunk of createReadStream(p))`: each chunk is part of the stream's bytes.
        visit(declaration.parent.parent.expression, trace, context, depth + 1, seen);
      }
      return;
    }
    if (ts.isParameter(declaration)) {
      // `stream.on('data', chunk => hash.update(chunk))`: the chunk is part of the stream's bytes.
      const fn = declaration.parent;
      const call = fn.parent;
      if (
        (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        ts.isCallExpression(call) &&
        call.arguments[1] === fn &&
        ts.isPropertyAccessExpression(call.expression) &&
        call.expression.name.text === 'on'
      ) {
        const event = call.arguments[0];
        if (event && staticStringValue(event, checker) === 'data') {
          visit(call.expression.expression, trace, context, depth + 1, seen);
        }
      }
    }
    return;
  }

  trace.keys.add(textKey(expression));

  if (ts.isPropertyAccessExpression(expression)) {
    // `view.buffer` is the same bytes as the view.
    if (expression.name.text === 'buffer') {
      visit(expression.expression, trace, context, depth + 1, seen);
    }
    // `downloader.entrypointFilePath`: a path the downloader wrote.
    const symbol = checker.getSymbolAtLocation(expression.name);
    const identity = symbol ? identifySymbol(symbol, checker, program) : undefined;
    if (identity && DOWNLOAD_RESULTS.some(download => download.owners && identityMatches(identity, download))) {
      visit(expression.expression, trace, context, depth + 1, seen);
    }
    return;
  }

  if (ts.isCallExpression(expression) || ts.isNewExpression(expression)) {
    const identity = identifyCall(expression, checker, program);
    if (identity) {
      for (const download of DOWNLOAD_RESULTS) {
        if (identityMatches(identity, download) && ts.isCallExpression(expression)) {
          trace.downloads.push(expression);
          if (download.owners && ts.isPropertyAccessExpression(expression.expression)) {
            visit(expression.expression.expression, trace, context, depth + 1, seen);
          }
          return;
        }
      }
      for (const passThrough of BYTE_PASS_THROUGH) {
        if (!identityMatches(identity, passThrough)) {
          continue;
        }
        let source: ts.Expression | undefined;
        if (passThrough.from === 'receiver') {
          const callee = skipValueWrappers(expression.expression);
          source = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
        } else if (expression.arguments && expression.arguments.length >= 1) {
          const argument = expression.arguments[passThrough.from];
          // `new Uint8Array(buffer, offset, length)` is a slice: not the same bytes.
          const isSlice = passThrough.kind === 'view' && ts.isNewExpression(expression) && expression.arguments.length > 1;
          source = isSlice ? undefined : argument;
        }
        if (source) {
          if (passThrough.kind === 'read') {
            trace.readsFile = true;
            trace.readPaths.push(source);
          }
          visit(source, trace, context, depth + 1, seen);
        }
        return;
      }
      if (identity.name === 'fetch' && (identity.origin === 'lib' || identity.origin === 'node' || identity.origin === 'undici')) {
        trace.fetched = true;
        return;
      }
      if ((identity.name === 'join' || identity.name === 'resolve') && identity.origin === 'node:path' && ts.isCallExpression(expression)) {
        const directory = expression.arguments[0];
        if (directory && expression.arguments.length > 1) {
          addShallowKeys(directory, trace.directoryKeys, context);
        } else if (directory) {
          visit(directory, trace, context, depth + 1, seen);
        }
        return;
      }
      if (identity.origin === undefined && ts.isCallExpression(expression)) {
        trace.helperCalls.push(expression);
      }
    }
    return;
  }

  if (ts.isConditionalExpression(expression)) {
    return;
  }
}

/** Do two traces share a key (are they the same bytes)? */
export function sameBytes(loaded: ByteTrace, checked: ByteTrace, options: { directory: boolean }): boolean {
  for (const key of checked.keys) {
    if (loaded.keys.has(key)) {
      return true;
    }
  }
  if (options.directory) {
    for (const key of checked.directoryKeys) {
      if (loaded.keys.has(key)) {
        return true;
      }
    }
  }
  return false;
}
