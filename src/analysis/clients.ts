import ts from 'typescript';

import {
  HTTP_CALLS,
  LLM_API_HOSTS,
  LLM_API_PATHS,
  LLM_CLIENTS,
  LLM_SDK_PACKAGES,
  type HttpCallSpec,
  type LlmClientSpec,
} from '../knowledge/llm-clients.js';
import { calleeName } from './callees.js';
import { skipTransparent, staticPropertyName, staticStringValue } from './constants.js';
import { originOfDeclaration, originMatches, originsOfSymbol, resolveAlias, type Origin } from './packages.js';

/** Does an exported name match a knowledge name pattern (`'OpenAI'`, `'create*'`, `'*'`)? */
export function namePatternMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** A constructor or factory call recognised as an LLM client. */
export interface MatchedClient {
  readonly spec: LlmClientSpec;
  /** The declared name of the class or function (`OpenAI`, `createOpenAI`). */
  readonly name: string;
  /** The package it was declared in (`openai`, `@ai-sdk/openai`). */
  readonly origin: Origin;
}

function findSpec(kind: LlmClientSpec['kind'], name: string, origins: readonly Origin[], specs: readonly LlmClientSpec[]): MatchedClient | undefined {
  for (const spec of specs) {
    if (spec.kind !== kind || !namePatternMatches(spec.name, name)) {
      continue;
    }
    const origin = origins.find(candidate => originMatches(candidate, spec.package));
    if (origin !== undefined) {
      return { spec, name, origin };
    }
  }
  return undefined;
}

/** The class a `new` expression constructs: through imports and aliases, or a variable typed `typeof X`. */
function constructedClass(expression: ts.Expression, checker: ts.TypeChecker): ts.Symbol | undefined {
  const callee = skipTransparent(expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  const symbol = nameNode && checker.getSymbolAtLocation(nameNode);
  if (symbol) {
    const resolved = resolveAlias(symbol, checker);
    if (resolved.flags & ts.SymbolFlags.Class) {
      return resolved;
    }
  }
  return checker.getTypeAtLocation(callee).getSymbol();
}

function matchClass(symbol: ts.Symbol, checker: ts.TypeChecker, program: ts.Program, specs: readonly LlmClientSpec[], depth: number): MatchedClient | undefined {
  const origins = originsOfSymbol(symbol, program);
  const match = findSpec('constructor', symbol.getName(), origins, specs);
  if (match || origins.length > 0 || depth > 4) {
    return match;
  }
  // A project class that inherits the SDK constructor (`class Client extends OpenAI {}`). A class
  // with its own constructor may take other options, so it is not followed.
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isClassLike(declaration) || declaration.members.some(ts.isConstructorDeclaration)) {
    return undefined;
  }
  const heritage = declaration.heritageClauses?.find(clause => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const base = heritage && constructedClass(heritage.expression, checker);
  return base ? matchClass(base, checker, program, specs, depth + 1) : undefined;
}

/**
 * Is this `new X(...)` / `x(...)` an LLM client from the knowledge base? The class or function is
 * recognised by the package it is declared in, so aliases (`import { OpenAI as Client }`),
 * re-exports and subclasses that inherit the SDK's constructor are all seen through.
 */
export function matchLlmClient(
  node: ts.NewExpression | ts.CallExpression,
  checker: ts.TypeChecker,
  program: ts.Program,
  specs: readonly LlmClientSpec[] = LLM_CLIENTS,
): MatchedClient | undefined {
  if (ts.isNewExpression(node)) {
    const symbol = constructedClass(node.expression, checker);
    return symbol ? matchClass(symbol, checker, program, specs, 0) : undefined;
  }
  const callee = skipTransparent(node.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  if (nameNode) {
    const symbol = checker.getSymbolAtLocation(nameNode);
    if (symbol) {
      const resolved = resolveAlias(symbol, checker);
      const origins = originsOfSymbol(resolved, program);
      const match = findSpec('factory', resolved.getName(), origins, specs);
      if (match || origins.length > 0) {
        // Declared in a package, and not as a known factory: nothing to resolve further.
        return match;
      }
    }
  }
  // `const make = createOpenAI; make({...})`: the resolved signature still points at the SDK.
  const declaration = checker.getResolvedSignature(node)?.getDeclaration();
  if (declaration && ts.isFunctionDeclaration(declaration) && declaration.name) {
    const origin = originOfDeclaration(declaration, program);
    return origin === undefined ? undefined : findSpec('factory', declaration.name.text, [origin], specs);
  }
  return undefined;
}

/** Names a call must have (callee identifier or member name) to be worth resolving as an HTTP call. */
export const HTTP_CALL_NAMES: ReadonlySet<string> = new Set(HTTP_CALLS.map(spec => spec.name).filter(name => name !== '()'));


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
    const spec = nameNode ? bySymbol(checker.getSymbolAtLocation(nameNode), name) : undefined;
    if (spec) {
      return spec;
    }
  }
  return callableObjects ? bySymbol(checker.getTypeAtLocation(callee).getSymbol(), '()') : undefined;
}

/** Packages whose import makes callable HTTP objects (`axios(...)`) worth a type query. */
export const CALLABLE_HTTP_PACKAGES: readonly string[] = ['axios'];

/** Does the file import (at its top level) one of the packages? */
/**
 * Per-file facts the client rules compute lazily and once: the linted file's TypeScript source
 * file, and whether it imports a callable HTTP client (calling an axios object directly is only
 * looked for in such files).
 */
export function lazyFileFacts(getSourceFile: () => ts.SourceFile): { sourceFile: () => ts.SourceFile; importsCallableHttp: () => boolean } {
  let sourceFile: ts.SourceFile | undefined;
  let callableHttp: boolean | undefined;
  const facts = {
    sourceFile: () => (sourceFile ??= getSourceFile()),
    importsCallableHttp: () => (callableHttp ??= importsAnyPackage(facts.sourceFile(), CALLABLE_HTTP_PACKAGES)),
  };
  return facts;
}

export function importsAnyPackage(sourceFile: ts.SourceFile, packages: readonly string[]): boolean {
  return topLevelImports(sourceFile).some(specifier => {
    const name = packageOfSpecifier(specifier);
    return name !== undefined && packages.includes(name);
  });
}

/**
 * The declaration a name refers to when it is a `const` (or a property of an object literal, an
 * enum member): the place its value is written. `let`, `var` and parameters are not followed.
 */
export function constInitializer(expression: ts.Expression, checker: ts.TypeChecker): ts.Expression | undefined {
  const node = skipTransparent(expression);
  let target: ts.Node | undefined;
  if (ts.isIdentifier(node)) {
    target = node;
  } else if (ts.isPropertyAccessExpression(node)) {
    target = node.name;
  } else if (ts.isElementAccessExpression(node)) {
    target = node.argumentExpression;
  }
  if (!target) {
    return undefined;
  }
  // `{ baseURL }`: the name of a shorthand property is the property; its value is the variable.
  let symbol =
    target.parent && ts.isShorthandPropertyAssignment(target.parent) && target.parent.name === target
      ? checker.getShorthandAssignmentValueSymbol(target.parent)
      : checker.getSymbolAtLocation(target);
  if (!symbol) {
    return undefined;
  }
  symbol = resolveAlias(symbol, checker);
  const declaration = symbol.valueDeclaration;
  if (!declaration) {
    return undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const isConst = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    return isConst && ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
  }
  if (ts.isPropertyAssignment(declaration)) {
    return declaration.initializer;
  }
  if (ts.isShorthandPropertyAssignment(declaration)) {
    return declaration.name;
  }
  if (ts.isEnumMember(declaration)) {
    return declaration.initializer;
  }
  return undefined;
}

/** The object literal an expression is or names through `const` (`const opts = {...}; new X(opts)`). */
export function objectLiteralOf(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (depth > 8) {
    return undefined;
  }
  const node = skipTransparent(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return node;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? objectLiteralOf(initializer, checker, depth + 1) : undefined;
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string, checker: ts.TypeChecker, depth: number): ts.Expression | undefined {
  if (depth > 8) {
    return undefined;
  }
  // Later properties win, as at run time: `{ ...defaults, baseURL }` takes `baseURL`.
  let found: ts.Expression | undefined;
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property)) {
      if (staticPropertyName(property.name, checker) === name) {
        found = property.initializer;
      }
    } else if (ts.isShorthandPropertyAssignment(property)) {
      if (property.name.text === name) {
        found = property.name;
      }
    } else if (ts.isSpreadAssignment(property)) {
      const spread = objectLiteralOf(property.expression, checker);
      const value = spread ? propertyValue(spread, name, checker, depth + 1) : undefined;
      if (value) {
        found = value;
      }
    }
  }
  return found;
}

/**
 * The expression written for a dot-separated option path in an options object, following
 * `const` objects, nested literals and spreads. `''` is the object itself.
 */
export function optionValue(object: ts.ObjectLiteralExpression, path: string, checker: ts.TypeChecker): ts.Expression | undefined {
  if (path === '') {
    return object;
  }
  let current: ts.ObjectLiteralExpression | undefined = object;
  const segments = path.split('.');
  for (let index = 0; index < segments.length; index++) {
    const value: ts.Expression | undefined = current ? propertyValue(current, segments[index] ?? '', checker, 0) : undefined;
    if (!value) {
      return undefined;
    }
    if (index === segments.length - 1) {
      return value;
    }
    current = objectLiteralOf(value, checker);
  }
  return undefined;
}

/** The object literals among a call's arguments (directly or through `const`). */
export function objectArguments(
  node: ts.NewExpression | ts.CallExpression,
  checker: ts.TypeChecker,
  indexes?: readonly number[],
): ts.ObjectLiteralExpression[] {
  const result: ts.ObjectLiteralExpression[] = [];
  (node.arguments ?? []).forEach((argument, index) => {
    if (indexes && !indexes.includes(index)) {
      return;
    }
    const object = objectLiteralOf(argument, checker);
    if (object) {
      result.push(object);
    }
  });
  return result;
}

/**
 * The alternatives of a value: `a ?? b`, `a || b` and `c ? a : b` may each produce either side,
 * so `process.env.BASE_URL ?? 'http://gpu:8000/v1'` still configures the literal as a fallback.
 */
export function valueAlternatives(expression: ts.Expression): ts.Expression[] {
  const node = skipTransparent(expression);
  if (ts.isConditionalExpression(node)) {
    return [...valueAlternatives(node.whenTrue), ...valueAlternatives(node.whenFalse)];
  }
  if (
    ts.isBinaryExpression(node) &&
    (node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return [...valueAlternatives(node.left), ...valueAlternatives(node.right)];
  }
  return [node];
}

/** A string an expression can evaluate to, and the node to report it at. */
export interface StringCandidate {
  /** In `sourceFile`: the expression itself, or where a `const` from another file is used. */
  readonly node: ts.Node;
  readonly value: string;
}

/**
 * The strings an expression may evaluate to: each alternative (see {@link valueAlternatives}),
 * statically known values (literals, templates, `const`s, through the checker), and `const`
 * declarations whose initializer has alternatives (`const BASE = process.env.X ?? 'http://...'`).
 * A candidate found in another file is reported where it is used in `sourceFile`.
 */
export function stringCandidates(
  expression: ts.Expression,
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
  reportAt?: ts.Node,
  depth = 0,
): StringCandidate[] {
  const result: StringCandidate[] = [];
  for (const alternative of valueAlternatives(expression)) {
    const at = reportAt ?? alternative;
    const value = staticStringValue(alternative, checker);
    if (value !== undefined) {
      result.push({ node: alternative.getSourceFile() === sourceFile ? alternative : at, value });
      continue;
    }
    const initializer = depth < 8 ? constInitializer(alternative, checker) : undefined;
    if (initializer) {
      const inThisFile = initializer.getSourceFile() === sourceFile;
      result.push(...stringCandidates(initializer, checker, sourceFile, inThisFile ? undefined : at, depth + 1));
    }
  }
  return result;
}

/** Is the string an absolute URL (has a scheme)? */
export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
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

/** Is the expression the literal `false` (directly or through a `const`)? */
export function isFalseLiteral(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = skipTransparent(expression);
  if (node.kind === ts.SyntaxKind.FalseKeyword) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || depth > 4) {
    return false;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? isFalseLiteral(initializer, checker, depth + 1) : false;
}

/** Is the expression the literal `true` (directly or through a `const`)? */
export function isTrueLiteral(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = skipTransparent(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword) {
    return true;
  }
  if (node.kind === ts.SyntaxKind.FalseKeyword || depth > 4) {
    return false;
  }
  const initializer = constInitializer(node, checker);
  return initializer ? isTrueLiteral(initializer, checker, depth + 1) : false;
}

// ---------------------------------------------------------------------------------------------
// URLs

/**
 * Parses an endpoint with WHATWG `new URL()` (pure parsing: no lookup, no network). A value without
 * a scheme is parsed with `defaultScheme` when the SDK assumes one (ollama's `host`), otherwise it is
 * not a URL we can judge.
 */
export function parseEndpoint(value: string, defaultScheme?: 'http' | 'https'): URL | undefined {
  let text = value.trim();
  if (!isAbsoluteUrl(text)) {
    if (!defaultScheme || text === '') {
      return undefined;
    }
    // ollama: `':11434'` means the local default host, `'gpu:11434'` means http://gpu:11434.
    text = text.startsWith(':') ? `${defaultScheme}://127.0.0.1${text}` : `${defaultScheme}://${text}`;
  }
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A URL host name without IPv6 brackets and a trailing dot, lower-cased. */
export function normalizeHostname(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Does the host name stay on this machine? `localhost` and `*.localhost` (RFC 6761), 127.0.0.0/8
 * (the URL parser already normalises `127.1` and `0x7f000001`), `::1`, IPv4-mapped loopback, and the
 * unspecified addresses `0.0.0.0` / `::`, which a client connecting to them reaches the local host
 * through (Linux and macOS route them to loopback).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') {
    return true;
  }
  if (host === '::1' || host === '::') {
    return true;
  }
  // `[::ffff:127.0.0.1]` is normalised by the URL parser to `[::ffff:7f00:1]`.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
}

/** Host name patterns: exact (`ollama.internal`) or `*.suffix` (any subdomain of `suffix`). */
export function hostMatchesPattern(hostname: string, pattern: string): boolean {
  const host = normalizeHostname(hostname);
  const wanted = normalizeHostname(pattern.trim());
  if (wanted.startsWith('*.')) {
    return host.endsWith(wanted.slice(1));
  }
  return host === wanted;
}

/** What makes a URL an LLM API URL: its path or its host. */
export interface LlmUrlMatch {
  /** The API or provider, for messages. */
  readonly api: string;
  /** Environment variable for that provider's key, when the host tells. */
  readonly apiKeyEnv?: string;
}

/** Is the URL an LLM API URL (a known LLM API path, or the host of a hosted LLM API)? */
export function llmUrlMatch(url: URL, extraPaths: readonly string[] = []): LlmUrlMatch | undefined {
  const host = LLM_API_HOSTS.find(entry => hostMatchesPattern(url.hostname, entry.host));
  if (host) {
    return { api: host.provider, apiKeyEnv: host.apiKeyEnv };
  }
  const path = url.pathname;
  const known = LLM_API_PATHS.find(entry => entry.pattern.test(path));
  if (known) {
    return { api: known.api };
  }
  const extra = extraPaths.find(suffix => path.endsWith(suffix));
  return extra === undefined ? undefined : { api: 'LLM' };
}

/** The provider of a hosted LLM API by host name, if known. */
export function llmHostProvider(url: URL): (typeof LLM_API_HOSTS)[number] | undefined {
  return LLM_API_HOSTS.find(entry => hostMatchesPattern(url.hostname, entry.host));
}

// ---------------------------------------------------------------------------------------------
// Does the program use an LLM SDK?

/** The npm package a module specifier refers to (`openai/resources` -> `openai`); none for relative and `node:` ones. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier === '') {
    return undefined;
  }
  const parts = specifier.split('/');
  const first = parts[0] ?? '';
  return first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
}

/** The LLM SDK package a module specifier refers to, if it is one. */
export function llmSdkOfSpecifier(specifier: string, packages: readonly string[] = LLM_SDK_PACKAGES): string | undefined {
  const name = packageOfSpecifier(specifier);
  return name !== undefined && packages.some(pattern => originMatches(name, pattern)) ? name : undefined;
}

function requireSpecifier(expression: ts.Expression | undefined): string | undefined {
  let node = expression && skipTransparent(expression);
  while (node && (ts.isPropertyAccessExpression(node) || ts.isAwaitExpression(node))) {
    node = skipTransparent(node.expression);
  }
  if (
    node &&
    ts.isCallExpression(node) &&
    (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
  ) {
    const argument = node.arguments[0];
    return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
  }
  return undefined;
}

/** Module specifiers a source file imports at its top level (imports, re-exports, `require`). */
export function topLevelImports(sourceFile: ts.SourceFile): string[] {
  const result: string[] = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      if (ts.isStringLiteral(statement.moduleSpecifier)) {
        result.push(statement.moduleSpecifier.text);
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression)) {
        result.push(expression.text);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requireSpecifier(declaration.initializer);
        if (specifier !== undefined) {
          result.push(specifier);
        }
      }
    }
  }
  return result;
}

const programSdkCache = new WeakMap<ts.Program, string | null>();

/**
 * The first LLM SDK package imported by any of the program's own source files (not declaration
 * files, not `node_modules`), or `undefined`. Only top-level import statements are read, once per
 * program, so the cost is one pass over the statements of each project file.
 */
export function llmSdkImportedByProgram(program: ts.Program): string | undefined {
  const cached = programSdkCache.get(program);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  let found: string | undefined;
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) {
      continue;
    }
    for (const specifier of topLevelImports(sourceFile)) {
      found = llmSdkOfSpecifier(specifier);
      if (found !== undefined) {
        break;
      }
    }
    if (found !== undefined) {
      break;
    }
  }
  programSdkCache.set(program, found ?? null);
  return found;
}
