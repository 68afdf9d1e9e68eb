import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from '../typescript.cjs';

import { CREDENTIAL_HEADERS, type KeyShape, LLM_KEY_ENV_VARS } from '../../knowledge/credentials.js';
import { llmHostProvider, llmUrlMatch, parseEndpoint } from '../clients/endpoints.js';
import { calleeNameOf, httpRequestUrls, matchHttpCall, mayPassHttpConfig } from '../clients/http-calls.js';
import { lazyFileFacts } from '../clients/imports.js';
import { isClientFactoryName, type MatchedClient, matchLlmClient } from '../clients/match-client.js';
import { objectArguments, objectLiteralOf, optionValue, stringCandidates } from '../clients/option-values.js';
import { staticPropertyName } from '../constants.js';
import { assignedProcessEnvName } from '../process-env.js';
import { generationEndpointOf } from '../sources/llm-endpoints.js';
import type { CredentialFinding, EnvSuggestion } from './findings.js';
import { type Credential, KeyJudge } from './judge.js';
import { type CredentialSource, credentialSources } from './literals.js';
import { envSuggestions, literalIsExpression, replacementText } from './suggestions.js';

export interface CredentialOptions {
  readonly placeholders: readonly string[];
  readonly checkComments: boolean;
}

type TextNode = TSESTree.Literal | TSESTree.TemplateElement | TSESTree.JSXText;

const CREDENTIAL_HEADER_SET: ReadonlySet<string> = new Set(CREDENTIAL_HEADERS);
const LLM_KEY_ENV_SET: ReadonlySet<string> = new Set(LLM_KEY_ENV_VARS);

function rangeKey(start: number, end: number): string {
  return `${start}:${end}`;
}

function envNameFromPackage(origin: string): string {
  const last = origin.split('/').pop() ?? origin;
  return `${last.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_API_KEY`;
}

/**
 * Finds LLM keys written in one file: values passed to LLM clients, credential headers of
 * requests to LLM APIs, `process.env.<KEY_VAR> = '...'`, and known key shapes in any text. Create
 * one per lint run of a file; each check returns the findings it made (each range reported once).
 */
export class CredentialAnalyzer {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly judge: KeyJudge;
  private readonly sourceFile: () => ts.SourceFile;
  private readonly callableHttp: () => boolean;
  /** Ranges already reported, so a literal reached twice (or also matching a shape) is reported once. */
  private readonly reported = new Set<string>();
  private readonly textNodes: TextNode[] = [];
  private found: CredentialFinding[] = [];

  constructor(
    private readonly services: ParserServicesWithTypeInformation,
    private readonly sourceCode: Readonly<TSESLint.SourceCode>,
    private readonly options: CredentialOptions,
  ) {
    this.program = services.program;
    this.checker = this.program.getTypeChecker();
    this.judge = new KeyJudge(options.placeholders);
    const file = lazyFileFacts(() => services.esTreeNodeToTSNodeMap.get(sourceCode.ast));
    this.sourceFile = file.sourceFile;
    this.callableHttp = file.importsCallableHttp;
  }

  checkNew(node: TSESTree.NewExpression): CredentialFinding[] {
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(node);
    if ((tsNode.arguments?.length ?? 0) > 0) {
      this.checkClient(tsNode);
    }
    return this.take();
  }

  checkCall(node: TSESTree.CallExpression): CredentialFinding[] {
    if (node.arguments.length === 0) {
      return [];
    }
    const tsNode = this.services.esTreeNodeToTSNodeMap.get(node);
    const name = calleeNameOf(tsNode);
    if (name !== undefined && isClientFactoryName(name)) {
      this.checkClient(tsNode);
    }
    this.checkHttpCall(tsNode);
    return this.take();
  }

  checkAssignment(node: TSESTree.AssignmentExpression): CredentialFinding[] {
    const name = assignedProcessEnvName(node);
    if (name !== undefined && LLM_KEY_ENV_SET.has(name)) {
      this.checkCredentialValue(this.services.esTreeNodeToTSNodeMap.get(node.right) as ts.Expression, 'hardcodedEnvKey', { name }, undefined);
    }
    return this.take();
  }

  /** Text to scan for key shapes once the file is done (string literals, template text, JSX text). */
  collectText(node: TextNode): void {
    if (node.type !== 'Literal' || typeof node.value === 'string') {
      this.textNodes.push(node);
    }
  }

  /** Key shapes in the collected text and the comments: after the client checks, so a literal they reported (with a better message) is skipped. */
  finish(): CredentialFinding[] {
    for (const node of this.textNodes) {
      this.scanText(node);
    }
    if (this.options.checkComments) {
      for (const comment of this.sourceCode.getAllComments()) {
        this.scanComment(comment);
      }
    }
    return this.take();
  }

  private take(): CredentialFinding[] {
    const found = this.found;
    this.found = [];
    return found;
  }

  private reportCredential(
    source: CredentialSource,
    credential: Credential,
    kind: 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey',
    data: Record<string, string>,
    envName: string | undefined,
  ): void {
    const sourceFile = this.sourceFile();
    const start = source.node.getStart(sourceFile);
    const key = rangeKey(start, source.node.getEnd());
    if (this.reported.has(key)) {
      return;
    }
    this.reported.add(key);
    const what = credential.shape ? `${credential.shape.provider} API key` : 'credential';
    this.found.push({
      kind,
      start,
      end: source.node.getEnd(),
      data: { ...data, what },
      suggestions: envName === undefined ? [] : envSuggestions(source, credential, credential.shape?.envVar ?? envName, sourceFile),
    });
  }

  private checkCredentialValue(
    value: ts.Expression,
    kind: 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey',
    data: Record<string, string>,
    envName: string | undefined,
  ): void {
    for (const source of credentialSources(value, this.checker, this.sourceFile())) {
      const credential = this.judge.judge(source.value);
      if (credential) {
        this.reportCredential(source, credential, kind, data, envName);
      }
    }
  }

  /** Credential-bearing entries of a header map (`{ Authorization: 'Bearer ...', 'x-api-key': ... }`). */
  private credentialHeaders(headers: ts.Expression): { name: string; value: ts.Expression }[] {
    const object = objectLiteralOf(headers, this.checker);
    if (!object) {
      return [];
    }
    const result: { name: string; value: ts.Expression }[] = [];
    for (const property of object.properties) {
      if (ts.isPropertyAssignment(property)) {
        const name = staticPropertyName(property.name, this.checker);
        if (name !== undefined && CREDENTIAL_HEADER_SET.has(name.toLowerCase())) {
          result.push({ name, value: property.initializer });
        }
      }
    }
    return result;
  }

  /** The env variable to suggest for a client: by the host it is pointed at, else by the SDK. */
  private clientEnvName(match: MatchedClient, objects: readonly ts.ObjectLiteralExpression[]): string {
    for (const object of objects) {
      for (const endpoint of match.spec.endpoints ?? []) {
        const value = optionValue(object, endpoint.path, this.checker);
        for (const candidate of value ? stringCandidates(value, this.checker, this.sourceFile()) : []) {
          const url = parseEndpoint(candidate.value, endpoint.defaultScheme);
          const host = url && llmHostProvider(url);
          if (host) {
            return host.apiKeyEnv;
          }
        }
      }
    }
    return match.spec.apiKeyEnv ?? envNameFromPackage(match.origin);
  }

  private checkClient(node: ts.NewExpression | ts.CallExpression): void {
    const match = matchLlmClient(node, this.checker, this.program);
    if (!match) {
      return;
    }
    const client = `the ${match.spec.provider} client '${ts.isNewExpression(node) ? `new ${match.name}()` : `${match.name}()`}'`;
    const objects = objectArguments(node, this.checker);
    const envName = this.clientEnvName(match, objects);
    for (const index of match.spec.apiKeyArguments ?? []) {
      const argument = node.arguments?.[index];
      if (argument && !objectLiteralOf(argument, this.checker)) {
        this.checkCredentialValue(argument, 'hardcodedClientKey', { option: `argument ${index + 1}`, client }, envName);
      }
    }
    for (const object of objects) {
      for (const option of match.spec.apiKeys ?? []) {
        const value = optionValue(object, option, this.checker);
        if (value) {
          this.checkCredentialValue(value, 'hardcodedClientKey', { option, client }, envName);
        }
      }
      for (const option of match.spec.headers ?? []) {
        const headers = optionValue(object, option, this.checker);
        for (const header of headers ? this.credentialHeaders(headers) : []) {
          this.checkCredentialValue(header.value, 'hardcodedClientKey', { option: `${option}.${header.name}`, client }, envName);
        }
      }
    }
  }

  private checkHttpCall(node: ts.CallExpression): void {
    // A hard-coded key travels in the request's headers: without a configuration there is nothing to check.
    if (!mayPassHttpConfig(node, this.callableHttp())) {
      return;
    }
    const spec = matchHttpCall(node, this.checker, this.program, this.callableHttp());
    if (!spec) {
      return;
    }
    let api: string | undefined;
    let envName: string | undefined;
    for (const candidate of httpRequestUrls(node, spec, this.checker, this.sourceFile())) {
      const url = parseEndpoint(candidate.value);
      const match = url && llmUrlMatch(url);
      if (match) {
        api ??= match.api;
        envName ??= match.apiKeyEnv;
      }
      // A chat service's own web API (the generation endpoints the flow rules know) takes keys too.
      const endpoint = api === undefined ? generationEndpointOf(candidate.value) : undefined;
      if (endpoint) api = endpoint.api.replace(/^(?:the|an?) /, '').replace(/ endpoint$/, '');
    }
    if (api === undefined) {
      return;
    }
    for (const config of objectArguments(node, this.checker, spec.configArguments)) {
      for (const option of spec.headers) {
        const headers = optionValue(config, option, this.checker);
        for (const header of headers ? this.credentialHeaders(headers) : []) {
          this.checkCredentialValue(header.value, 'hardcodedRequestKey', { header: header.name, api }, envName ?? 'LLM_API_KEY');
        }
      }
    }
  }

  private reportShape(start: number, end: number, key: string, shape: KeyShape, suggestions: EnvSuggestion[]): void {
    const rangeId = rangeKey(start, end);
    if (this.reported.has(rangeId)) {
      return;
    }
    this.reported.add(rangeId);
    this.found.push({
      kind: 'knownKeyShape',
      start,
      end,
      data: { provider: shape.provider, preview: `${key.slice(0, shape.prefix.length + 4)}…`, env: shape.envVar },
      suggestions,
    });
  }

  private scanText(node: TextNode): void {
    const raw = this.sourceCode.getText(node);
    const matches = this.judge.shapeMatches(node.type === 'TemplateElement' ? raw : String(node.value));
    if (matches.length === 0) {
      return;
    }
    const [start, end] = node.range;
    if (node.type === 'Literal') {
      // One report per literal: it is the unit a fix replaces.
      const first = matches[0];
      if (!first || this.reported.has(rangeKey(start, end))) {
        return;
      }
      let suggestions: EnvSuggestion[] = [];
      const replacement = matches.length === 1 && literalIsExpression(node) ? replacementText(String(node.value), first.key, first.shape.envVar) : undefined;
      if (replacement !== undefined) {
        const text = node.parent.type === 'JSXAttribute' ? `{${replacement}}` : replacement;
        suggestions = [{ kind: 'useEnv', data: { name: first.shape.envVar }, start, end, text }];
      }
      this.reportShape(start, end, first.key, first.shape, suggestions);
      return;
    }
    for (const match of matches) {
      // Template text and JSX text hold the key verbatim (keys have no characters to escape).
      const offset = raw.indexOf(match.key);
      if (offset === -1) {
        continue;
      }
      const keyStart = start + offset;
      const suggestions: EnvSuggestion[] =
        node.type === 'TemplateElement'
          ? [{ kind: 'useEnv', data: { name: match.shape.envVar }, start: keyStart, end: keyStart + match.key.length, text: `\${process.env.${match.shape.envVar}}` }]
          : [];
      this.reportShape(keyStart, keyStart + match.key.length, match.key, match.shape, suggestions);
    }
  }

  private scanComment(comment: TSESTree.Comment): void {
    // `comment.value` starts after the two-character opener (`//` or `/*`).
    const valueStart = comment.range[0] + 2;
    for (const match of this.judge.shapeMatches(comment.value)) {
      const keyStart = valueStart + match.index;
      this.reportShape(keyStart, keyStart + match.key.length, match.key, match.shape, []);
    }
  }
}
