import ts from '../typescript.cjs';

import { HTTP_CALLS, type HttpCallSpec } from '../../knowledge/llm-clients.js';
import { calleeName } from '../callees.js';
import { skipTransparent } from '../constants.js';
import { identityFromBinding } from '../import-bindings.js';
import { originMatches, originsOfSymbol, resolveAlias } from '../packages.js';
import { isAbsoluteUrl } from './endpoints.js';
import { objectArguments, objectLiteralOf, optionValue, type StringCandidate, stringCandidates } from './option-values.js';

/** Names a call must have (callee identifier or member name) to be worth resolving as an HTTP call. */
export const HTTP_CALL_NAMES: ReadonlySet<string> = new Set(HTTP_CALLS.map(spec => spec.name).filter(name => name !== '()'));

/** Per callee name, the argument positions where some HTTP library takes a configuration (and, with `withUrl`, a URL). */
function positionsByName(withUrl: boolean): ReadonlyMap<string, ReadonlySet<number>> {
  const positions = new Map<string, Set<number>>();
  for (const spec of HTTP_CALLS) {
    const set = positions.get(spec.name) ?? new Set<number>();
    for (const index of spec.configArguments) set.add(index);
    if (withUrl && spec.urlArgument !== undefined) set.add(spec.urlArgument);
    positions.set(spec.name, set);
  }
  return positions;
}

const CONFIG_POSITIONS = positionsByName(false);
const REQUEST_POSITIONS = positionsByName(true);

/** The arguments of a call at the positions an HTTP library of its name (or a callable HTTP object) gives meaning to. */
function argumentsAt(node: ts.CallExpression, table: ReadonlyMap<string, ReadonlySet<number>>, callableObjects: boolean): ts.Expression[] {
  const name = calleeNameOf(node);
  const positions = [...(name === undefined ? [] : (table.get(name) ?? [])), ...(callableObjects ? (table.get('()') ?? []) : [])];
  return positions.flatMap(index => (node.arguments[index] ? [skipTransparent(node.arguments[index])] : []));
}

/**
 * Whether a call can pass a request configuration (headers, TLS options) at all, from syntax alone:
 * it has an argument where an HTTP library of that name takes one, and that argument is not a
 * string, a number or a function. `map.get(key)`, `fetch(url)` and `app.get('/', handler)` cannot,
 * and need no type query. Calls of callable objects (`axios(config)`) are always looked at.
 */
export function mayPassHttpConfig(node: ts.CallExpression, callableObjects: boolean): boolean {
  return argumentsAt(node, CONFIG_POSITIONS, callableObjects).some(
    value => !(ts.isStringLiteralLike(value) || ts.isTemplateExpression(value) || ts.isNumericLiteral(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value)),
  );
}

/**
 * Whether a call can request a plain-http URL or pass a configuration (a base URL, TLS options),
 * from syntax alone: some argument where an HTTP library of that name takes a URL or a
 * configuration is not a literal that rules both out. A string that does not start with `http:` or
 * `ws:` (`searchParams.get('q')`, `router.post('/chat', handler)`, `https://...`), a number, a
 * function: no type query is needed for those calls.
 */
export function mayRequestPlainOrConfigured(node: ts.CallExpression, callableObjects: boolean): boolean {
  return argumentsAt(node, REQUEST_POSITIONS, callableObjects).some(value => !rulesOutPlainRequest(value));
}

const NOT_PLAIN_START = /^\s*(?:https:\/\/|wss:\/\/|\/)/i;

function rulesOutPlainRequest(value: ts.Expression): boolean {
  if (ts.isStringLiteralLike(value)) return !/^\s*(?:http|ws):/i.test(value.text);
  // `${base}/v1/chat` may be anything; `https://${host}/v1` or `/api/${id}` is not plain http.
  if (ts.isTemplateExpression(value)) return NOT_PLAIN_START.test(value.head.text);
  return ts.isNumericLiteral(value) || ts.isArrowFunction(value) || ts.isFunctionExpression(value) || value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword || value.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * The HTTP call specs a call can match by its callee's name (and as a callable object), before any
 * type query: what it requests under each can be computed first, and the callee resolved only when
 * that matters.
 */
export function httpSpecsNamed(node: ts.CallExpression, callableObjects: boolean): HttpCallSpec[] {
  const name = calleeNameOf(node);
  return HTTP_CALLS.filter(spec => (name !== undefined && spec.name === name) || (callableObjects && spec.name === '()'));
}

/** The simple name of a call's callee (`fetch`, `post` of `axios.post`), if it has one. */
export function calleeNameOf(node: ts.CallExpression | ts.NewExpression): string | undefined {
  return calleeName(node.expression);
}

/**
 * Is this call a request made with a known HTTP library (`fetch`, `axios`, `node:https`, undici)?
 * The function or method is recognised by the package it is declared in, so an axios instance
 * created elsewhere (`api.post(...)`) counts. Calling an axios object directly (`axios(config)`,
 * `instance(url)`) needs a type query per call, so it is only checked when `callableObjects` is set
 * (the rules set it when the file imports axios).
 */
export function matchHttpCall(
  node: ts.CallExpression,
  checker: ts.TypeChecker,
  program: ts.Program,
  callableObjects: boolean,
  specs: readonly HttpCallSpec[] = HTTP_CALLS,
): HttpCallSpec | undefined {
  const callee = skipTransparent(node.expression);
  const name = calleeNameOf(node);
  const bySymbol = (symbol: ts.Symbol | undefined, specName: string): HttpCallSpec | undefined => {
    if (!symbol) {
      return undefined;
    }
    const origins = originsOfSymbol(resolveAlias(symbol, checker), program);
    return specs.find(spec => spec.name === specName && origins.some(origin => spec.packages.some(pattern => originMatches(origin, pattern))));
  };
  if (name !== undefined && HTTP_CALL_NAMES.has(name)) {
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
    const symbol = nameNode ? checker.getSymbolAtLocation(nameNode) : undefined;
    const spec = bySymbol(symbol, name);
    if (spec) {
      return spec;
    }
    if (!symbol || !resolveAlias(symbol, checker).getDeclarations()?.length) {
      // A client package that does not resolve where the lint runs: its import binding names it.
      // Only for callees without declarations: a declared `create` or `get` is what it says it is.
      const bound = identityFromBinding(callee, checker, program);
      const byBinding = bound && specs.find(candidate => candidate.name === bound.name && candidate.packages.some(pattern => originMatches(bound.origin, pattern)));
      if (byBinding) {
        return byBinding;
      }
    }
  }
  return callableObjects ? bySymbol(checker.getTypeAtLocation(callee).getSymbol(), '()') : undefined;
}

/**
 * The URLs a recognised HTTP call requests: its URL argument, the `url` of its configuration, each
 * resolved against the configuration's base URL when relative (axios `baseURL`); only the base URL
 * when there is no URL (`axios.create({ baseURL })`). Where the base URL decides, it is the node.
 */
export function httpRequestUrls(node: ts.CallExpression, spec: HttpCallSpec, checker: ts.TypeChecker, sourceFile: ts.SourceFile): StringCandidate[] {
  const configs = objectArguments(node, checker, spec.configArguments);
  const fromConfigs = (path: string | undefined): StringCandidate[] =>
    path === undefined
      ? []
      : configs.flatMap(config => {
          const value = optionValue(config, path, checker);
          return value ? stringCandidates(value, checker, sourceFile) : [];
        });
  const urls: StringCandidate[] = [];
  const argument = spec.urlArgument === undefined ? undefined : node.arguments[spec.urlArgument];
  if (argument && !objectLiteralOf(argument, checker)) {
    urls.push(...stringCandidates(argument, checker, sourceFile));
  }
  urls.push(...fromConfigs(spec.configUrl));
  const bases = fromConfigs(spec.configBaseUrl);
  const base = bases[0];
  if (urls.length === 0) {
    return bases;
  }
  return urls.map(url =>
    isAbsoluteUrl(url.value) || !base ? url : { node: base.node, value: `${base.value.replace(/\/+$/, '')}/${url.value.replace(/^\/+/, '')}` },
  );
}
