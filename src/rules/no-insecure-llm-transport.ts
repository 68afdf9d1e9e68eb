import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { hostMatchesPattern, isLoopbackHostname, llmUrlMatch, normalizeHostname, parseEndpoint } from '../analysis/clients/endpoints.js';
import { calleeNameOf, httpRequestUrls, matchHttpCall } from '../analysis/clients/http-calls.js';
import { lazyFileFacts, llmSdkImportedByProgram, llmSdkOfSpecifier, topLevelImports } from '../analysis/clients/imports.js';
import { matchLlmClient } from '../analysis/clients/match-client.js';
import { constInitializer, isFalseLiteral, isTrueLiteral, objectArguments, optionValue, stringCandidates } from '../analysis/clients/option-values.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../analysis/constants.js';
import { originMatches, originsOfSymbol, resolveAlias } from '../analysis/packages.js';
import { INSECURE_FLAGS, LLM_CLIENTS, TLS_VERIFY_ENV, TLS_VERIFY_OPTION, type HttpCallSpec } from '../knowledge/llm-clients.js';
import { createRule } from '../util/create-rule.js';
import { assignedProcessEnvName, isProcessEnv } from '../analysis/process-env.js';

export type Options = [
  {
    allowedHosts?: string[];
    apiPaths?: string[];
    nodeTlsEnvScope?: 'program' | 'file';
  },
];

export type MessageIds = 'insecureEndpoint' | 'insecureRequest' | 'tlsVerificationDisabled' | 'tlsEnvDisabled' | 'insecureRegistry';

/** Schemes that carry LLM traffic without encryption. */
const PLAIN_SCHEMES: ReadonlySet<string> = new Set(['http:', 'ws:']);

const FACTORY_NAMES = LLM_CLIENTS.filter(spec => spec.kind === 'factory').map(spec => spec.name);
const INSECURE_FLAG_METHODS: ReadonlySet<string> = new Set(INSECURE_FLAGS.flatMap(spec => spec.methods));
const MAX_DEPTH = 6;

export const noInsecureLlmTransport = createRule<Options, MessageIds>({
  name: 'no-insecure-llm-transport',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow LLM traffic over plain http to non-loopback hosts or with TLS certificate verification turned off',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      insecureEndpoint:
        "{{client}} is configured with the plain {{scheme}} endpoint '{{url}}' on the non-loopback host '{{host}}'. Prompts, completions and the API key would cross the network unencrypted, readable and alterable by anyone on the path; use https, or list the host in `allowedHosts` if the traffic never leaves a trusted network.",
      insecureRequest:
        "This {{api}} request goes to '{{url}}' over plain {{scheme}} on the non-loopback host '{{host}}'. Prompts, completions and credentials would be sent unencrypted, readable and alterable by anyone on the network path; use https, or list the host in `allowedHosts` if it is a trusted local service.",
      tlsVerificationDisabled:
        "'rejectUnauthorized: false' turns off certificate verification for {{target}}. Anyone on the network path can impersonate the LLM API and read or change prompts, completions and the API key; remove it, or trust a private CA with the `ca` option instead.",
      tlsEnvDisabled:
        "Setting NODE_TLS_REJECT_UNAUTHORIZED to '0' turns off certificate verification for every TLS connection of the process, including the '{{sdk}}' traffic of this program. Anyone on the network path can impersonate the LLM API and read or change prompts, completions and API keys; remove it, or trust a private CA with NODE_EXTRA_CA_CERTS instead.",
      insecureRegistry:
        "'insecure: true' lets {{method}}() transfer the model over plain http or with an unverified certificate, so anyone on the network path can read the model or substitute a tampered one; remove it and serve the registry over verified https.",
    },
    schema: [
      {
        type: 'object',
        description: 'Options for no-insecure-llm-transport.',
        properties: {
          allowedHosts: {
            type: 'array',
            description:
              'Host names that may be reached over plain http besides loopback, exact (`ollama.internal`) or with a leading wildcard (`*.svc.cluster.local`), e.g. a service mesh that encrypts traffic itself.',
            items: { type: 'string', description: 'A host name, or `*.` followed by a domain suffix.' },
            uniqueItems: true,
          },
          apiPaths: {
            type: 'array',
            description:
              'Extra URL path suffixes that mark a `fetch` / `axios` / `node:http` request as LLM traffic, in addition to the built-in list (`/v1/chat/completions`, `/v1/messages`, `/api/chat`, ...).',
            items: { type: 'string', description: 'A URL path suffix such as `/v1/rerank`.' },
            uniqueItems: true,
          },
          nodeTlsEnvScope: {
            type: 'string',
            enum: ['program', 'file'],
            description:
              "When to report `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`: `program` when any source file of the TypeScript program imports an LLM SDK, `file` only when the file itself does.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowedHosts: [], apiPaths: [], nodeTlsEnvScope: 'program' }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const program = services.program;
    const checker = program.getTypeChecker();
    const sourceCode = context.sourceCode;
    const allowedHosts = options.allowedHosts ?? [];
    const apiPaths = options.apiPaths ?? [];
    const tlsEnvScope = options.nodeTlsEnvScope ?? 'program';
    const reported = new Set<string>();
    const tlsEnvAssignments: ts.Node[] = [];
    let fileSdk: string | undefined;
    const file = lazyFileFacts(() => services.esTreeNodeToTSNodeMap.get(sourceCode.ast));
    const currentSourceFile = file.sourceFile;
    const callableHttp = file.importsCallableHttp;

    function report(node: ts.Node, messageId: MessageIds, data: Record<string, string>): void {
      const sourceFile = currentSourceFile();
      const start = node.getStart(sourceFile);
      const key = `${start}:${node.getEnd()}:${messageId}`;
      if (reported.has(key)) {
        return;
      }
      reported.add(key);
      context.report({
        loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(node.getEnd()) },
        messageId,
        data,
      });
    }

    /** Where to report a finding about `node`: itself when it is in this file, else `fallback`. */
    function local(node: ts.Node, fallback: ts.Node): ts.Node {
      return node.getSourceFile() === currentSourceFile() ? node : fallback;
    }

    function plainHost(url: URL): string | undefined {
      if (!PLAIN_SCHEMES.has(url.protocol) || isLoopbackHostname(url.hostname)) {
        return undefined;
      }
      if (allowedHosts.some(pattern => hostMatchesPattern(url.hostname, pattern))) {
        return undefined;
      }
      return normalizeHostname(url.hostname);
    }

    function displayUrl(url: URL): string {
      // Without user info and query: both may hold credentials.
      return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    }

    /** `rejectUnauthorized: false` inside a transport value: an agent, a dispatcher or TLS options. */
    function findTlsDisabled(expression: ts.Expression, found: ts.Node[], depth = 0): void {
      if (depth > MAX_DEPTH) {
        return;
      }
      const node = skipTransparent(expression);
      if (ts.isObjectLiteralExpression(node)) {
        for (const property of node.properties) {
          if (ts.isPropertyAssignment(property)) {
            if (staticPropertyName(property.name, checker) === TLS_VERIFY_OPTION) {
              if (isFalseLiteral(property.initializer, checker)) {
                found.push(property);
              }
            } else {
              findTlsDisabled(property.initializer, found, depth + 1);
            }
          } else if (ts.isShorthandPropertyAssignment(property)) {
            if (property.name.text === TLS_VERIFY_OPTION && isFalseLiteral(property.name, checker)) {
              found.push(property);
            }
          } else if (ts.isSpreadAssignment(property)) {
            findTlsDisabled(property.expression, found, depth + 1);
          }
        }
        return;
      }
      if (ts.isNewExpression(node)) {
        // `new https.Agent({...})`, `new undici.Agent({ connect: {...} })`, `new ProxyAgent({ requestTls })`.
        for (const argument of node.arguments ?? []) {
          findTlsDisabled(argument, found, depth + 1);
        }
        return;
      }
      const initializer = constInitializer(node, checker);
      if (initializer) {
        findTlsDisabled(initializer, found, depth + 1);
      }
    }

    function checkTransport(value: ts.Expression, target: string): void {
      const found: ts.Node[] = [];
      findTlsDisabled(value, found);
      for (const node of found) {
        report(local(node, value), 'tlsVerificationDisabled', { target });
      }
    }

    function checkClient(node: ts.NewExpression | ts.CallExpression): void {
      const match = matchLlmClient(node, checker, program);
      if (!match) {
        return;
      }
      const client = ts.isNewExpression(node) ? `new ${match.name}()` : `${match.name}()`;
      for (const object of objectArguments(node, checker)) {
        for (const endpoint of match.spec.endpoints ?? []) {
          const value = optionValue(object, endpoint.path, checker);
          if (!value) {
            continue;
          }
          for (const candidate of stringCandidates(value, checker, currentSourceFile())) {
            const url = parseEndpoint(candidate.value, endpoint.defaultScheme);
            const host = url && plainHost(url);
            if (url && host !== undefined) {
              report(candidate.node, 'insecureEndpoint', { client: `The ${match.spec.provider} client '${client}'`, scheme: url.protocol.slice(0, -1), url: displayUrl(url), host });
            }
          }
        }
        for (const path of match.spec.transports ?? []) {
          const value = optionValue(object, path, checker);
          if (value) {
            checkTransport(value, `the ${match.spec.provider} client '${client}'`);
          }
        }
      }
    }

    function checkHttpCall(node: ts.CallExpression, spec: HttpCallSpec): void {
      const candidates = httpRequestUrls(node, spec, checker, currentSourceFile());
      let api: string | undefined;
      for (const candidate of candidates) {
        const url = parseEndpoint(candidate.value);
        const match = url && llmUrlMatch(url, apiPaths);
        if (!url || !match) {
          continue;
        }
        api ??= match.api;
        const host = plainHost(url);
        if (host !== undefined) {
          report(candidate.node, 'insecureRequest', { api: match.api, url: displayUrl(url), scheme: url.protocol.slice(0, -1), host });
        }
      }
      if (api === undefined) {
        return;
      }
      for (const config of objectArguments(node, checker, spec.configArguments)) {
        for (const path of spec.transports) {
          const value = optionValue(config, path, checker);
          if (value) {
            checkTransport(value, `this ${api} request`);
          }
        }
      }
    }

    function checkInsecureFlag(node: ts.CallExpression, name: string): void {
      const specs = INSECURE_FLAGS.filter(spec => spec.methods.includes(name));
      const object = objectArguments(node, checker, [0])[0];
      // The flag is looked up first: most `push()` calls are arrays, and need no symbol query.
      const flagged = object
        ? specs.flatMap(spec => {
            const value = optionValue(object, spec.option, checker);
            return value && (spec.value ? isTrueLiteral(value, checker) : isFalseLiteral(value, checker)) ? [{ spec, value }] : [];
          })
        : [];
      if (flagged.length === 0) {
        return;
      }
      const callee = skipTransparent(node.expression);
      const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
      const origins = symbol ? originsOfSymbol(resolveAlias(symbol, checker), program) : [];
      for (const { spec, value } of flagged) {
        if (origins.some(origin => originMatches(origin, spec.package))) {
          const property = ts.isPropertyAssignment(value.parent) || ts.isShorthandPropertyAssignment(value.parent) ? value.parent : value;
          report(local(property, node), 'insecureRegistry', { method: name });
        }
      }
    }


    function disablesTls(value: TSESTree.Node): boolean {
      const tsNode = services.esTreeNodeToTSNodeMap.get(value) as ts.Expression;
      return staticStringValue(tsNode, checker) === '0';
    }

    function noteSpecifier(specifier: string | undefined): void {
      if (specifier !== undefined) {
        fileSdk ??= llmSdkOfSpecifier(specifier);
      }
    }

    return {
      NewExpression(node) {
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if ((tsNode.arguments?.length ?? 0) > 0) {
          checkClient(tsNode);
        }
      },
      CallExpression(node) {
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          const first = node.arguments[0];
          noteSpecifier(first?.type === 'Literal' && typeof first.value === 'string' ? first.value : undefined);
          return;
        }
        const name = calleeNameOf(tsNode);
        if (name !== undefined && tsNode.arguments.length > 0 && FACTORY_NAMES.some(pattern => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern))) {
          checkClient(tsNode);
        }
        if (name !== undefined && INSECURE_FLAG_METHODS.has(name)) {
          checkInsecureFlag(tsNode, name);
        }
        const http = matchHttpCall(tsNode, checker, program, callableHttp());
        if (http) {
          checkHttpCall(tsNode, http);
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
              if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === TLS_VERIFY_ENV && disablesTls(property.value)) {
                tlsEnvAssignments.push(services.esTreeNodeToTSNodeMap.get(property));
              }
            }
          }
        }
      },
      ImportExpression(node) {
        noteSpecifier(node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : undefined);
      },
      AssignmentExpression(node) {
        const name = assignedProcessEnvName(node);
        if (name === TLS_VERIFY_ENV && node.operator !== '&&=' && disablesTls(node.right)) {
          tlsEnvAssignments.push(services.esTreeNodeToTSNodeMap.get(node));
        }
      },
      'Program:exit'() {
        if (tlsEnvAssignments.length === 0) {
          return;
        }
        for (const specifier of topLevelImports(currentSourceFile())) {
          noteSpecifier(specifier);
        }
        const sdk = fileSdk ?? (tlsEnvScope === 'program' ? llmSdkImportedByProgram(program) : undefined);
        if (sdk === undefined) {
          return;
        }
        for (const node of tlsEnvAssignments) {
          report(node, 'tlsEnvDisabled', { sdk });
        }
      },
    };
  },
});

export default noInsecureLlmTransport;
