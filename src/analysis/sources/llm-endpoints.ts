import ts from '../typescript.cjs';

import { CONVERSATION_BODY_PROPERTIES, type GenerationEndpoint, LLM_GENERATION_ENDPOINTS, REQUEST_BODY_OPTIONS } from '../../knowledge/llm-endpoints.js';
import { CALLABLE_HTTP_PACKAGES, type HttpCallSpec, STREAM_CONNECTIONS, type StreamConnectionSpec } from '../../knowledge/llm-clients.js';
import type { CalleeInfo } from '../callees.js';
import { hostMatchesPattern } from '../clients/endpoints.js';
import { HTTP_CALL_NAMES, matchHttpCall } from '../clients/http-calls.js';
import { importsAnyPackage } from '../clients/imports.js';
import { thisFieldValues } from '../class-fields.js';
import { moduleMemberOf } from '../import-bindings.js';
import { originMatches, originsOfSymbol, resolveAlias } from '../packages.js';
import { constInitializer, objectArguments, optionValue, valueAlternatives } from '../clients/option-values.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';

/** A call that sends a request to an LLM generation endpoint. */
export interface EndpointCall {
  /** The endpoint, for messages: `an OpenAI-compatible chat/completions endpoint`. */
  readonly api: string;
  /** What holds the conversation sent: the body, or the options given to an app's own client. */
  readonly bodies: readonly ts.Expression[];
}

const MAX_DEPTH = 6;

/**
 * Source evidence by endpoint: an HTTP call (`fetch`, axios, ky, got, ofetch, undici,
 * `fetchEventSource`) to a provider's generation path is a model call, and so is a call of a
 * project function given such a URL (the app's own fetch wrapper). The URL is resolved through
 * literals, templates, constants, `base + path`, `new URL(path, base)` and path constants in
 * objects or enums; a base read from the environment or settings still counts when the path is
 * known. Results are cached per call.
 */
export class LlmEndpoints {
  private readonly calls = new WeakMap<ts.Node, EndpointCall | null>();
  private readonly callableHttpFiles = new WeakMap<ts.SourceFile, boolean>();
  private readonly specs = new WeakMap<ts.CallExpression, HttpCallSpec | null>();

  constructor(private readonly analysis: FlowAnalysis) {}

  private get checker(): ts.TypeChecker {
    return this.analysis.checker;
  }

  /** The LLM endpoint a call sends its request to, if it is one. */
  endpointCall(call: ts.CallExpression, info: CalleeInfo): EndpointCall | undefined {
    const cached = this.calls.get(call);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const found = this.computeEndpointCall(call, info);
    this.calls.set(call, found ?? null);
    return found;
  }

  /**
   * The LLM endpoint a streaming connection is opened to (`new SSE(url, { payload })`, `new
   * WebSocket('wss://.../ChatHub')`), if it is one. The class is matched by name first, then by
   * the package that declares it (or, in untyped code, the import it is bound to).
   */
  endpointNew(node: ts.NewExpression): EndpointCall | undefined {
    const cached = this.calls.get(node);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const spec = this.connectionSpec(node);
    const argument = spec && node.arguments?.[spec.urlArgument];
    const endpoint = argument && urlTexts(argument, this.checker, 0, true).map(generationEndpointOf).find(match => match !== undefined);
    let found: EndpointCall | undefined;
    if (spec && endpoint) {
      const config = spec.configArgument === undefined ? undefined : node.arguments?.[spec.configArgument];
      const options = config ? this.objectOf(config) : undefined;
      const bodies = endpoint.requestHoldsNoPrompt || !options ? [] : (spec.bodyOptions ?? []).flatMap(name => optionValue(options, name, this.checker) ?? []);
      found = { api: endpoint.api, bodies };
    }
    this.calls.set(node, found ?? null);
    return found;
  }

  private connectionSpec(node: ts.NewExpression): StreamConnectionSpec | undefined {
    const callee = skipTransparent(node.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const candidates = STREAM_CONNECTIONS.filter(spec => spec.name === name);
    if (candidates.length === 0) {
      return undefined;
    }
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const target = symbol && resolveAlias(symbol, this.checker);
    if (target?.getDeclarations()?.length) {
      const origins = originsOfSymbol(target, this.analysis.program);
      return candidates.find(spec => origins.some(origin => spec.packages.some(pattern => originMatches(origin, pattern))));
    }
    // A package that does not resolve where the lint runs: its import (a default import counts).
    const member = moduleMemberOf(callee, this.checker, this.analysis.program);
    const steps = member?.path.filter(step => step !== 'default');
    if (!member || (steps && steps.length > 1) || (steps?.length === 1 && steps[0] !== name)) {
      return undefined;
    }
    return candidates.find(spec => spec.packages.some(pattern => originMatches(member.origin, pattern)));
  }

  /**
   * The body of a request to any URL that carries a conversation (`fetch('/api/chat', { body:
   * JSON.stringify({ messages }) })`): browser code posting its history to the app's own backend.
   */
  conversationBodyOf(call: ts.CallExpression): ts.Expression[] {
    const spec = this.httpSpec(call);
    if (!spec) {
      return [];
    }
    const found: ts.Expression[] = [];
    for (const body of this.bodiesOf(call, spec)) {
      const object = this.objectOf(body);
      if (!object) continue;
      for (const name of CONVERSATION_BODY_PROPERTIES) {
        const value = optionValue(object, name, this.checker);
        if (value) found.push(value);
      }
    }
    return found;
  }

  /** The request an HTTP call sends, whatever its URL: where it may go (syntax and constants) and the bodies it sends. */
  requestOf(call: ts.CallExpression): { urls: string[]; bodies: ts.Expression[] } | undefined {
    const spec = this.httpSpec(call);
    return spec ? { urls: this.requestUrls(call, spec), bodies: this.bodiesOf(call, spec) } : undefined;
  }

  private computeEndpointCall(call: ts.CallExpression, info: CalleeInfo): EndpointCall | undefined {
    if (call.arguments.length === 0) {
      return undefined;
    }
    const spec = this.httpSpec(call);
    if (spec) {
      const endpoint = this.requestUrls(call, spec).map(generationEndpointOf).find(match => match !== undefined);
      return endpoint ? { api: endpoint.api, bodies: endpoint.requestHoldsNoPrompt ? [] : this.bodiesOf(call, spec) } : undefined;
    }
    if (info.projectFunction && call.arguments.length > 1) {
      // `callLlm('/v1/chat/completions', { messages })`: an app's own client given an LLM URL and what
      // to send. A function given the URL alone (`extractBaseURL(url)`) only reads the URL.
      for (const argument of call.arguments) {
        const expression = skipTransparent(argument);
        if (ts.isObjectLiteralExpression(expression) || ts.isFunctionLike(expression)) continue;
        // Syntax and constants only: a type query per argument of every project call is not worth it.
        const endpoint = urlTexts(argument, this.checker, 0, false).map(generationEndpointOf).find(match => match !== undefined);
        if (endpoint) {
          return { api: endpoint.api, bodies: endpoint.requestHoldsNoPrompt ? [] : call.arguments.filter(other => other !== argument) };
        }
      }
    }
    return undefined;
  }

  /** Matched once per call: the endpoint check and the app-route link both ask for every call. */
  private httpSpec(call: ts.CallExpression): HttpCallSpec | undefined {
    const cached = this.specs.get(call);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const spec = this.matchSpec(call);
    this.specs.set(call, spec ?? null);
    return spec;
  }

  private matchSpec(call: ts.CallExpression): HttpCallSpec | undefined {
    const callee = skipTransparent(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    const callable = this.importsCallableHttp(call.getSourceFile());
    if (!callable && (name === undefined || !HTTP_CALL_NAMES.has(name))) {
      return undefined;
    }
    try {
      return matchHttpCall(call, this.checker, this.analysis.program, callable);
    } catch {
      return undefined;
    }
  }

  private importsCallableHttp(sourceFile: ts.SourceFile): boolean {
    let imports = this.callableHttpFiles.get(sourceFile);
    if (imports === undefined) {
      imports = importsAnyPackage(sourceFile, CALLABLE_HTTP_PACKAGES);
      this.callableHttpFiles.set(sourceFile, imports);
    }
    return imports;
  }

  /** URL texts of an HTTP call: its URL argument and `url` option, with a base URL option in front when it is known. */
  private requestUrls(call: ts.CallExpression, spec: HttpCallSpec): string[] {
    const urls: string[] = [];
    const argument = spec.urlArgument === undefined ? undefined : call.arguments[spec.urlArgument];
    if (argument && !this.objectOf(argument)) {
      urls.push(...urlTexts(argument, this.checker, 0, true));
    }
    for (const config of objectArguments(call, this.checker, spec.configArguments)) {
      const url = spec.configUrl === undefined ? undefined : optionValue(config, spec.configUrl, this.checker);
      if (url) urls.push(...urlTexts(url, this.checker, 0, true));
    }
    return urls;
  }

  /** The request body: `body` / `data` / `json` of the options, or axios's `post(url, data)` argument. */
  private bodiesOf(call: ts.CallExpression, spec: HttpCallSpec): ts.Expression[] {
    const bodies: ts.Expression[] = [];
    const direct = spec.bodyArgument === undefined ? undefined : call.arguments[spec.bodyArgument];
    if (direct) bodies.push(direct);
    for (const config of objectArguments(call, this.checker, spec.configArguments)) {
      for (const option of REQUEST_BODY_OPTIONS) {
        const value = optionValue(config, option, this.checker);
        if (value) bodies.push(value);
      }
    }
    return bodies;
  }

  /** The object literal a body is, through `JSON.stringify(...)` and `const`. */
  private objectOf(expression: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const node = skipTransparent(expression);
    if (ts.isObjectLiteralExpression(node)) {
      return node;
    }
    if (ts.isCallExpression(node) && isJsonStringify(node) && node.arguments[0]) {
      return this.objectOf(node.arguments[0], depth + 1);
    }
    const initializer = ts.isIdentifier(node) ? constInitializer(node, this.checker) : undefined;
    return initializer ? this.objectOf(initializer, depth + 1) : undefined;
  }
}

function isJsonStringify(call: ts.CallExpression): boolean {
  const callee = skipTransparent(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'stringify' && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}

/** What is known of a URL: all of it, or only its end (`${settings.baseUrl}/chat/completions`). */
interface UrlText {
  readonly text: string;
  readonly complete: boolean;
}

/**
 * What is known of the URL an expression evaluates to, for each value it may take: the whole text,
 * or only its end when a part in front is not known (`${settings.baseUrl}/chat/completions` gives
 * `/chat/completions`).
 */
export function urlTexts(expression: ts.Expression, checker: ts.TypeChecker, depth: number, typed: boolean): string[] {
  return resolveUrl(expression, typed ? checker : undefined, checker, depth).map(url => url.text);
}

/** `typeChecker` is given when string literal types may be asked for (`as const` paths); names are followed through `const`s either way. */
function resolveUrl(expression: ts.Expression, typeChecker: ts.TypeChecker | undefined, checker: ts.TypeChecker, depth: number): UrlText[] {
  if (depth > MAX_DEPTH) {
    return [];
  }
  const texts: UrlText[] = [];
  for (const alternative of valueAlternatives(expression)) {
    const node = skipTransparent(alternative);
    const whole = typeChecker ? safeStaticString(node, typeChecker) : literalText(node);
    if (whole !== undefined) {
      texts.push({ text: whole, complete: true });
    } else if (ts.isTemplateExpression(node)) {
      texts.push(templateText(node, typeChecker, checker, depth));
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      texts.push(...concatenation(resolveUrl(node.left, typeChecker, checker, depth + 1), resolveUrl(node.right, typeChecker, checker, depth + 1)));
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL' && node.arguments?.[0]) {
      // `new URL('/v1/messages', base)`: the path decides; the base is known or not.
      texts.push(...resolveUrl(node.arguments[0], typeChecker, checker, depth + 1).map(path => ({ text: path.text, complete: path.complete && /^[a-z]+:\/\//i.test(path.text) })));
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.buildWssUrl(signature)`: what the class's own method returns.
      for (const value of ownMethodReturns(node.expression)) texts.push(...resolveUrl(value, typeChecker, checker, depth + 1));
    } else if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.completionsUrl`, set in the constructor to one URL or another.
      for (const value of thisFieldValues(node)) texts.push(...resolveUrl(value, typeChecker, checker, depth + 1));
    } else {
      const initializer = constInitializer(node, checker);
      if (initializer) texts.push(...resolveUrl(initializer, typeChecker, checker, depth + 1));
    }
  }
  return texts.slice(0, 8);
}

/** The expressions a method of the enclosing class returns (by name, from syntax). */
function ownMethodReturns(access: ts.PropertyAccessExpression): ts.Expression[] {
  const classNode = ts.findAncestor(access, ts.isClassLike);
  const method = classNode?.members.find(
    (member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && !!member.body && ts.isIdentifier(member.name) && member.name.text === access.name.text,
  );
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    else if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  if (method?.body) visit(method.body);
  return returned;
}

/** `a + b`: the end of `b`, with all of `a` in front when `b` is known to the start. */
function concatenation(left: readonly UrlText[], right: readonly UrlText[]): UrlText[] {
  return right.flatMap(tail => {
    if (!tail.complete) return [tail];
    if (left.length === 0) return [{ text: tail.text, complete: false }];
    return left.map(head => ({ text: head.text + tail.text, complete: head.complete }));
  });
}

/** Stands for a path segment the code computes (an id), so that the path around it can be matched. */
const ID_PLACEHOLDER = ':id';

/** A template from its end: every part known back to the first that is not. */
function templateText(node: ts.TemplateExpression, typeChecker: ts.TypeChecker | undefined, checker: ts.TypeChecker, depth: number): UrlText {
  if (/[?#]/.test(node.head.text)) {
    // `wss://host/socket.io/?sid=${sid}`: the whole path is written before the query.
    return { text: node.head.text, complete: true };
  }
  let tail = '';
  let computedEnd = false;
  for (let index = node.templateSpans.length - 1; index >= 0; index--) {
    const span = node.templateSpans[index]!;
    tail = span.literal.text + tail;
    const part = resolveUrl(span.expression, typeChecker, checker, depth + 1);
    if (part.length !== 1 && index === node.templateSpans.length - 1 && /^(?:[?#].*)?$/.test(span.literal.text)) {
      // An id at the end (`.../gen_title/${conversationId}`): the path before it decides.
      tail = `${ID_PLACEHOLDER}${tail}`;
      computedEnd = true;
      continue;
    }
    const before = index === 0 ? node.head.text : node.templateSpans[index - 1]!.literal.text;
    if (part.length !== 1 && before.endsWith('/') && span.literal.text.startsWith('/')) {
      // `/organizations/${org}/chat_conversations/...`: a computed segment between two slashes is an id.
      tail = `${ID_PLACEHOLDER}${tail}`;
      continue;
    }
    if (part.length !== 1) {
      return { text: tail, complete: false };
    }
    tail = part[0]!.text + tail;
    if (!part[0]!.complete) {
      return { text: tail, complete: false };
    }
  }
  return { text: node.head.text + tail, complete: !computedEnd };
}

/** A string written in place: a literal or a template without substitutions. */
function literalText(node: ts.Expression): string | undefined {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : undefined;
}

function safeStaticString(node: ts.Expression, checker: ts.TypeChecker): string | undefined {
  try {
    return staticStringValue(node, checker);
  } catch {
    return undefined;
  }
}

/** The generation endpoint a URL text (whole or only its end) names. */
export function generationEndpointOf(text: string): GenerationEndpoint | undefined {
  const withoutQuery = text.split(/[?#]/)[0] ?? '';
  let host: string | undefined;
  let path = withoutQuery;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(withoutQuery)) {
    try {
      const url = new URL(withoutQuery);
      host = url.hostname;
      path = url.pathname;
    } catch {
      return undefined;
    }
  }
  path = path.replace(/\/+$/, '');
  const endpoint = LLM_GENERATION_ENDPOINTS.find(
    candidate => candidate.pattern.test(path) && (!candidate.hosts || (host !== undefined && candidate.hosts.some(pattern => hostMatchesPattern(host, pattern)))),
  );
  return endpoint;
}
