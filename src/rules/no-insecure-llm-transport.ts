import { ESLintUtils } from '@typescript-eslint/utils';

import { TransportAnalyzer } from '../analysis/transport/analyzer.js';
import type { TransportFinding } from '../analysis/transport/findings.js';
import { createRule } from '../util/create-rule.js';

export type Options = [
  {
    allowedHosts?: string[];
    apiPaths?: string[];
    nodeTlsEnvScope?: 'program' | 'file';
  },
];

export type MessageIds = 'insecureEndpoint' | 'insecureRequest' | 'tlsVerificationDisabled' | 'tlsEnvDisabled' | 'insecureRegistry';

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
    const sourceCode = context.sourceCode;
    const analyzer = new TransportAnalyzer(services, sourceCode, {
      allowedHosts: options.allowedHosts ?? [],
      apiPaths: options.apiPaths ?? [],
      nodeTlsEnvScope: options.nodeTlsEnvScope ?? 'program',
    });

    function report(findings: readonly TransportFinding[]): void {
      for (const finding of findings) {
        context.report({
          loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
          messageId: finding.kind,
          data: finding.data,
        });
      }
    }

    return {
      NewExpression: node => report(analyzer.checkNew(node)),
      CallExpression: node => report(analyzer.checkCall(node)),
      ImportExpression: node => analyzer.noteImportExpression(node),
      AssignmentExpression: node => report(analyzer.checkAssignment(node)),
      'Program:exit': () => report(analyzer.finish()),
    };
  },
});

export default noInsecureLlmTransport;
