import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from '../analysis/typescript.cjs';

import { ModelIntegrityAnalyzer } from '../analysis/integrity/analyzer.js';
import type { Finding, FindingKind, SuggestionKind } from '../analysis/integrity/findings.js';
import { specifierListSchema } from '../analysis/specifier-schema.js';
import { createRule } from '../util/create-rule.js';
import { readSharedVerifiers } from '../analysis/config.js';

export type Options = [
  {
    allowLocalPaths?: boolean;
    allowWeakHashes?: boolean;
    loaders?: TypeOrValueSpecifier[];
    verifiers?: TypeOrValueSpecifier[];
  },
];

export type MessageIds = FindingKind | SuggestionKind;

export const requireModelIntegrity = createRule<Options, MessageIds>({
  name: 'require-model-integrity',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require models to be verified before they are loaded',
      recommended: true,
      requiresTypeChecking: true,
    },
    hasSuggestions: true,
    messages: {
      unpinnedDownload: '{{loader}} downloads {{model}} without an immutable pin or a hash check: {{remedy}}.',
      mutableRevision:
        "{{loader}} pins {{model}} to '{{revision}}', a branch, tag or short SHA that can move: use the full 40-character commit SHA.",
      unhashedLocalFile:
        '{{loader}} loads the model file {{model}} without checking its SHA-256 hash first: hash the file and compare the digest with a pinned value before loading it.',
      unhashedBuffer:
        '{{loader}} loads model bytes from {{model}} without checking their SHA-256 hash first: hash the buffer and compare the digest with a pinned value before loading it.',
      hashNotEnforced:
        'The {{check}} of {{model}} {{problem}}, so {{loader}} can load tampered bytes: compare the digest with a pinned value and throw or return on a mismatch before loading.',
      weakHash:
        '{{loader}} relies on {{algorithm}} to check {{model}}, and {{algorithm}} collisions are practical: use SHA-256, SHA-384 or SHA-512.',
      pinDefeated: 'Setting `env.{{property}}` to {{value}} {{problem}}: a `revision` pin no longer guarantees which bytes are loaded.',
      webLlmWeightsUnverified:
        'The `integrity` of web-llm model {{model}} covers its config, library and tokenizer but not its weights: pin `model` to a `/resolve/<40-character commit SHA>/` URL.',
      addRevision: 'Add a `revision` option (replace the placeholder with the full commit SHA).',
      addUriRevision: 'Pin the URI with `#<commit SHA>` (replace the placeholder with the full commit SHA).',
      failClosed: "Fail closed with `onFailure: 'error'`.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        description: 'What counts as a verified model.',
        properties: {
          allowLocalPaths: {
            type: 'boolean',
            description: 'Accept models loaded from local files (or `local_files_only` / `allowRemoteModels = false`) without a hash check.',
          },
          allowWeakHashes: {
            type: 'boolean',
            description: 'Accept MD5 and SHA-1 checks (including gpt4all `md5sum`) as verification.',
          },
          loaders: specifierListSchema('Extra functions that load a model from their first argument (a path, URL or buffer).'),
          verifiers: specifierListSchema('Functions that verify the bytes (or the file) passed to them and throw on a mismatch.'),
        },
      },
    ],
    defaultOptions: [{ allowLocalPaths: false, allowWeakHashes: false, loaders: [], verifiers: [] }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const program = services.program;
    const checker = program.getTypeChecker();
    const sourceFile = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
    const analyzer = new ModelIntegrityAnalyzer(program, checker, sourceFile, {
      allowLocalPaths: options.allowLocalPaths ?? false,
      allowWeakHashes: options.allowWeakHashes ?? false,
      loaders: options.loaders ?? [],
      verifiers: [...readSharedVerifiers(context.settings), ...(options.verifiers ?? [])],
    });
    const reported = new Set<string>();

    function report(findings: readonly Finding[]): void {
      for (const finding of findings) {
        const start = finding.node.getStart(sourceFile);
        const end = finding.node.getEnd();
        const key = `${start}:${end}:${finding.kind}`;
        if (reported.has(key)) {
          continue;
        }
        reported.add(key);
        context.report({
          messageId: finding.kind,
          data: finding.data,
          loc: {
            start: context.sourceCode.getLocFromIndex(start),
            end: context.sourceCode.getLocFromIndex(end),
          },
          suggest: finding.suggestions.map(suggestion => ({
            messageId: suggestion.kind,
            fix: (fixer: TSESLint.RuleFixer) => suggestion.edits.map(edit => fixer.replaceTextRange([edit.start, edit.end], edit.text)),
          })),
        });
      }
    }

    return {
      CallExpression(node: TSESTree.CallExpression): void {
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if (ts.isCallExpression(tsNode)) {
          report(analyzer.checkCall(tsNode));
        }
      },
      NewExpression(node: TSESTree.NewExpression): void {
        // `new HuggingFaceTransformersEmbeddings({ model })`: LangChain integrations load in their constructor.
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if (ts.isNewExpression(tsNode)) {
          report(analyzer.checkCall(tsNode));
        }
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression): void {
        if (node.operator === '=' && node.left.type === 'MemberExpression') {
          const tsNode = services.esTreeNodeToTSNodeMap.get(node);
          if (ts.isBinaryExpression(tsNode)) {
            report(analyzer.checkAssignment(tsNode));
          }
        }
      },
      ObjectExpression(node: TSESTree.ObjectExpression): void {
        // Cheap pre-filter before asking the checker: web-llm records always have `model_lib`.
        if (!node.properties.some(property => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'model_lib')) {
          return;
        }
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if (ts.isObjectLiteralExpression(tsNode)) {
          report(analyzer.checkObjectLiteral(tsNode));
        }
      },
    };
  },
});

export default requireModelIntegrity;
