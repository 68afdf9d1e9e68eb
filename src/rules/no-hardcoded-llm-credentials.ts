import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

import { CredentialAnalyzer } from '../analysis/credentials/analyzer.js';
import type { CredentialFinding } from '../analysis/credentials/findings.js';
import { fileIsIgnored } from '../analysis/credentials/ignored-files.js';
import { createRule } from '../util/create-rule.js';

export type Options = [
  {
    ignorePatterns?: string[];
    placeholders?: string[];
    checkComments?: boolean;
  },
];

export type MessageIds = 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey' | 'knownKeyShape' | 'useEnv';

export const noHardcodedLlmCredentials = createRule<Options, MessageIds>({
  name: 'no-hardcoded-llm-credentials',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow LLM API keys written in source code',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      hardcodedClientKey:
        "The '{{option}}' passed to {{client}} is a hard-coded {{what}}. Anyone who can read the source, its git history or a shipped bundle can call the API with it at your expense; revoke it and read it from the environment or a secret manager instead.",
      hardcodedRequestKey:
        "The '{{header}}' header of this {{api}} request is a hard-coded {{what}}. Anyone who can read the source, its git history or a shipped bundle can call the API with it at your expense; revoke it and read it from the environment or a secret manager instead.",
      hardcodedEnvKey:
        'A hard-coded {{what}} is assigned to process.env.{{name}}, where LLM SDKs read their key from. The key is in the source for anyone who can read it, its git history or a shipped bundle; revoke it and set the variable outside the code (deployment secrets, a .env file kept out of git).',
      knownKeyShape:
        "This text contains a {{provider}} API key ('{{preview}}'). A key written in source leaks with every copy of the repository, its history and any bundle built from it; revoke it and read it from process.env.{{env}} or a secret manager instead.",
      useEnv: 'Read the key from process.env.{{name}} instead.',
    },
    schema: [
      {
        type: 'object',
        description: 'Options for no-hardcoded-llm-credentials.',
        properties: {
          ignorePatterns: {
            type: 'array',
            description:
              'Globs of files to skip entirely, matched against the path relative to the working directory (or the base name when the glob has no `/`), e.g. `**/__fixtures__/**` or `*.test.ts`.',
            items: { type: 'string', description: 'A glob supporting `**`, `*`, `?` and `{a,b}`.' },
            uniqueItems: true,
          },
          placeholders: {
            type: 'array',
            description: 'Extra values that are dummies rather than credentials (compared case-insensitively with the whole key).',
            items: { type: 'string', description: 'A placeholder value, e.g. `sk-local-dev`.' },
            uniqueItems: true,
          },
          checkComments: {
            type: 'boolean',
            description: 'Also look for known key shapes in comments (a key pasted into a comment is just as leaked).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignorePatterns: [], placeholders: [], checkComments: true }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    if (fileIsIgnored(context.filename, context.cwd, options.ignorePatterns ?? [])) {
      return {};
    }
    const sourceCode = context.sourceCode;
    const analyzer = new CredentialAnalyzer(services, sourceCode, { placeholders: options.placeholders ?? [], checkComments: options.checkComments ?? true });

    function report(findings: readonly CredentialFinding[]): void {
      for (const finding of findings) {
        context.report({
          loc: { start: sourceCode.getLocFromIndex(finding.start), end: sourceCode.getLocFromIndex(finding.end) },
          messageId: finding.kind,
          data: finding.data,
          suggest: finding.suggestions.map(suggestion => ({
            messageId: suggestion.kind,
            data: suggestion.data,
            fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange([suggestion.start, suggestion.end], suggestion.text),
          })),
        });
      }
    }

    return {
      NewExpression: node => report(analyzer.checkNew(node)),
      CallExpression: node => report(analyzer.checkCall(node)),
      AssignmentExpression: node => report(analyzer.checkAssignment(node)),
      Literal: node => analyzer.collectText(node),
      TemplateElement: node => analyzer.collectText(node),
      JSXText: node => analyzer.collectText(node),
      'Program:exit': () => report(analyzer.finish()),
    };
  },
});

export default noHardcodedLlmCredentials;
