import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from '../typescript.cjs';

import { INSECURE_FLAGS, PLAIN_SCHEMES, TLS_VERIFY_ENV, type HttpCallSpec } from '../../knowledge/llm-clients.js';
import { hostMatchesPattern, isLoopbackHostname, llmUrlMatch, normalizeHostname, parseEndpoint } from '../clients/endpoints.js';
import { calleeNameOf, httpRequestUrls, httpSpecsNamed, matchHttpCall, mayRequestPlainOrConfigured } from '../clients/http-calls.js';
import { lazyFileFacts, llmSdkImportedByProgram, llmSdkOfSpecifier, topLevelImports } from '../clients/imports.js';
import { isClientFactoryName, matchLlmClient } from '../clients/match-client.js';
import { isFalseLiteral, isTrueLiteral, objectArguments, optionValue, stringCandidates } from '../clients/option-values.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import { originMatches, originsOfSymbol, resolveAlias } from '../packages.js';
import { assignedProcessEnvName, isProcessEnv } from '../process-env.js';
import type { TransportFinding, TransportFindingKind } from './findings.js';
import { findTlsDisabled } from './tls-options.js';

export interface TransportOptions {
  /** Hosts that may be reached over plain http besides loopback (exact, or `*.suffix`). */
  readonly allowedHosts: readonly string[];
  /** Extra URL path suffixes that mark a request as LLM traffic. */
  readonly apiPaths: readonly string[];
  /** Report `NODE_TLS_REJECT_UNAUTHORIZED = '0'` when the program (or only this file) imports an LLM SDK. */
  readonly nodeTlsEnvScope: 'program' | 'file';
}

const INSECURE_FLAG_METHODS: ReadonlySet<string> = new Set(INSECURE_FLAGS.flatMap(spec => spec.methods));

function displayUrl(url: URL): string {
  // Without user info and query: both may hold credentials.
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}

/**
 * Finds insecure LLM traffic in one file: clients and requests to plain-http endpoints, TLS
 * verification turned off in their transports or for the whole process, and registry pulls
 * allowed over insecure connections. Create one per lint run of a file; each check returns the
 * findings it made (each range and message reported once).
 */
export class TransportAnalyzer {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly sourceFile: () => ts.SourceFile;
  private readonly callableHttp: () => boolean;
  private readonly reported = new Set<string>();
  private readonly tlsEnvAssignments: ts.Node[] = [];
  /** The LLM SDK this file imports, once an import of one is seen. */
  private fileSdk: string | undefined;
  private found: TransportFinding[] = [];

  constructor(
    private readonly services: ParserServicesWithTypeInformation,
    sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly options: TransportOptions,
  ) {
    this.program = services.program;
    this.checker = this.program.getTypeChecker();
    const file = lazyFileFacts(() => services.esTreeNodeToTSNodeMap.get(sourceCode.ast));
    this.sourceFile = file.sourceFile;
    this.callableHttp = file.importsCallableHttp;
  }

  checkNew(node: TSESTree.NewExpression): TransportFinding[] {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(node);
    if ((tsNode.arguments?.length ?? 0) > 0) {
      this.checkClient(tsNode);
    }
    return this.take();
  }

  checkCall(node: TSESTree.CallExpression): TransportFinding[] {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(node);
    if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
      const first = node.arguments[0];
      this.noteSpecifier(first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined);
      return this.take();
    }
    const name = calleeNameOf(tsNode);
    if (name !== undefined && tsNode.arguments.length > 0 && isClientFactoryName(name)) {
      this.checkClient(tsNode);
    }
    if (name !== undefined && INSECURE_FLAG_METHODS.has(name)) {
      this.checkInsecureFlag(tsNode, name);
    }
    // What a request asks for is worked out before its callee: resolving `client.get` types
    // `client`, and most calls of a request method's name (`map.get(key)`) request no LLM API.
    if (mayRequestPlainOrConfigured(tsNode, this.callableHttp()) && httpSpecsNamed(tsNode, this.callableHttp()).some(spec => this.llmUrls(tsNode, spec).length > 0)) {
      const http = matchHttpCall(tsNode, this.checker, this.program, this.callableHttp());
      if (http) this.checkHttpCall(tsNode, http);
    }
    // Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: '0' })
    if (
      node.callee.type === 'MemberExpression' &&
      node.callee.object.type === 'Identifier' &&
      node.callee.object.name === 'Object' &&
      node.callee.property.type === 'Identifier' &&
      node.callee.property.name === 'assign' &&
      node.arguments[0] &&
      isProcessEnv(node.arguments[0])
    ) {
      for (const argument of node.arguments.slice(1)) {
        if (argument.type !== 'ObjectExpression') {
          continue;
        }
        for (const property of argument.properties) {
          if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === TLS_VERIFY_ENV && this.disablesTls(property.value)) {
            this.tlsEnvAssignments.push(this.services.esTreeNodeToTSNodeMap.get(property));
          }
        }
      }
    }
    return this.take();
  }

  /** `import('openai')`: a dynamic import of an LLM SDK counts as the file using it. */
  noteImportExpression(node: TSESTree.ImportExpression): void {
    this.noteSpecifier(node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : undefined);
  }

  checkAssignment(node: TSESTree.AssignmentExpression): TransportFinding[] {
    const name = assignedProcessEnvName(node);
    if (name === TLS_VERIFY_ENV && node.operator !== '&&=' && this.disablesTls(node.right)) {
      this.tlsEnvAssignments.push(this.services.esTreeNodeToTSNodeMap.get(node));
    }
    return this.take();
  }

  /** `NODE_TLS_REJECT_UNAUTHORIZED = '0'`, reported once the file is done: when this file (or the program) uses an LLM SDK. */
  finish(): TransportFinding[] {
    if (this.tlsEnvAssignments.length === 0) {
      return [];
    }
    for (const specifier of topLevelImports(this.sourceFile())) {
      this.noteSpecifier(specifier);
    }
    const sdk = this.fileSdk ?? (this.options.nodeTlsEnvScope === 'program' ? llmSdkImportedByProgram(this.program) : undefined);
    if (sdk === undefined) {
      return [];
    }
    for (const node of this.tlsEnvAssignments) {
      this.report(node, 'tlsEnvDisabled', { sdk });
    }
    return this.take();
  }

  private take(): TransportFinding[] {
    const found = this.found;
    this.found = [];
    return found;
  }

  private report(node: ts.Node, kind: TransportFindingKind, data: Record<string, string>): void {
    const sourceFile = this.sourceFile();
    const start = node.getStart(sourceFile);
    const key = `${start}:${node.getEnd()}:${kind}`;
    if (this.reported.has(key)) {
      return;
    }
    this.reported.add(key);
    this.found.push({ kind, start, end: node.getEnd(), data });
  }

  /** Where to report a finding about `node`: itself when it is in this file, else `fallback`. */
  private local(node: ts.Node, fallback: ts.Node): ts.Node {
    return node.getSourceFile() === this.sourceFile() ? node : fallback;
  }

  private plainHost(url: URL): string | undefined {
    if (!PLAIN_SCHEMES.has(url.protocol) || isLoopbackHostname(url.hostname)) {
      return undefined;
    }
    if (this.options.allowedHosts.some(pattern => hostMatchesPattern(url.hostname, pattern))) {
      return undefined;
    }
    return normalizeHostname(url.hostname);
  }

  private checkTransport(value: ts.Expression, target: string): void {
    const found: ts.Node[] = [];
    findTlsDisabled(value, found, this.checker);
    for (const node of found) {
      this.report(this.local(node, value), 'tlsVerificationDisabled', { target });
    }
  }

  private checkClient(node: ts.NewExpression | ts.CallExpression): void {
    const match = matchLlmClient(node, this.checker, this.program);
    if (!match) {
      return;
    }
    const client = ts.isNewExpression(node) ? `new ${match.name}()` : `${match.name}()`;
    for (const object of objectArguments(node, this.checker)) {
      for (const endpoint of match.spec.endpoints ?? []) {
        const value = optionValue(object, endpoint.path, this.checker);
        if (!value) {
          continue;
        }
        for (const candidate of stringCandidates(value, this.checker, this.sourceFile())) {
          const url = parseEndpoint(candidate.value, endpoint.defaultScheme);
          const host = url && this.plainHost(url);
          if (url && host !== undefined) {
            this.report(candidate.node, 'insecureEndpoint', { client: `The ${match.spec.provider} client '${client}'`, scheme: url.protocol.slice(0, -1), url: displayUrl(url), host });
          }
        }
      }
      for (const path of match.spec.transports ?? []) {
        const value = optionValue(object, path, this.checker);
        if (value) {
          this.checkTransport(value, `the ${match.spec.provider} client '${client}'`);
        }
      }
    }
  }

  /** The URLs a request made as `spec` asks for that are an LLM API's, with the API. */
  private llmUrls(node: ts.CallExpression, spec: HttpCallSpec): { node: ts.Node; url: URL; api: string }[] {
    return httpRequestUrls(node, spec, this.checker, this.sourceFile()).flatMap(candidate => {
      const url = parseEndpoint(candidate.value);
      const match = url && llmUrlMatch(url, this.options.apiPaths);
      return url && match ? [{ node: candidate.node, url, api: match.api }] : [];
    });
  }

  private checkHttpCall(node: ts.CallExpression, spec: HttpCallSpec): void {
    const requested = this.llmUrls(node, spec);
    for (const { node: at, url, api } of requested) {
      const host = this.plainHost(url);
      if (host !== undefined) {
        this.report(at, 'insecureRequest', { api, url: displayUrl(url), scheme: url.protocol.slice(0, -1), host });
      }
    }
    const api = requested[0]?.api;
    if (api === undefined) {
      return;
    }
    for (const config of objectArguments(node, this.checker, spec.configArguments)) {
      for (const path of spec.transports) {
        const value = optionValue(config, path, this.checker);
        if (value) {
          this.checkTransport(value, `this ${api} request`);
        }
      }
    }
  }

  private checkInsecureFlag(node: ts.CallExpression, name: string): void {
    const specs = INSECURE_FLAGS.filter(spec => spec.methods.includes(name));
    const object = objectArguments(node, this.checker, [0])[0];
    // The flag is looked up first: most `push()` calls are arrays, and need no symbol query.
    const flagged = object
      ? specs.flatMap(spec => {
          const value = optionValue(object, spec.option, this.checker);
          return value && (spec.value ? isTrueLiteral(value, this.checker) : isFalseLiteral(value, this.checker)) ? [{ spec, value }] : [];
        })
      : [];
    if (flagged.length === 0) {
      return;
    }
    const callee = skipTransparent(node.expression);
    const symbol = this.checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    const origins = symbol ? originsOfSymbol(resolveAlias(symbol, this.checker), this.program) : [];
    for (const { spec, value } of flagged) {
      if (origins.some(origin => originMatches(origin, spec.package))) {
        const property = ts.isPropertyAssignment(value.parent) || ts.isShorthandPropertyAssignment(value.parent) ? value.parent : value;
        this.report(this.local(property, node), 'insecureRegistry', { method: name });
      }
    }
  }

  private disablesTls(value: TSESTree.Node): boolean {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(value) as ts.Expression;
    return staticStringValue(tsNode, this.checker) === '0';
  }

  private noteSpecifier(specifier: string | undefined): void {
    if (specifier !== undefined) {
      this.fileSdk ??= llmSdkOfSpecifier(specifier);
    }
  }
}
