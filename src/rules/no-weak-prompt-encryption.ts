import path from 'node:path';

import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { ESLintUtils } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { specifierListSchema } from '../analysis/config.js';
import type { Weakness } from '../analysis/crypto/ciphers.js';
import type { Finding } from '../analysis/index.js';
import { createRule } from '../util/create-rule.js';
import { reportFlowFindings } from '../util/flow-rule.js';

export type Options = [
  {
    sources?: TypeOrValueSpecifier[];
    sanitizers?: TypeOrValueSpecifier[];
  },
];
export type MessageIds = 'weakAlgorithm' | 'ecbMode' | 'hardcodedKey' | 'constantIv' | 'deprecatedApi';

const MESSAGE_FOR_WEAKNESS: Record<Weakness['kind'], MessageIds> = {
  'weak-algorithm': 'weakAlgorithm',
  'ecb-mode': 'ecbMode',
  'hardcoded-key': 'hardcodedKey',
  'constant-iv': 'constantIv',
  'deprecated-api': 'deprecatedApi',
};

export const noWeakPromptEncryption = createRule<Options, MessageIds>({
  name: 'no-weak-prompt-encryption',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow protecting prompts and chat histories with weak ciphers, ECB mode, or hard-coded keys and IVs',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      weakAlgorithm:
        'Prompt data from {{source}} ({{where}}) is encrypted by {{sink}}, but {{reason}}{{at}}. Use AES-256-GCM with a random 12-byte IV per message and a key from a KMS or secret manager.',
      ecbMode:
        'Prompt data from {{source}} ({{where}}) is encrypted by {{sink}}, but {{reason}}{{at}}. Use AES-256-GCM with a random 12-byte IV per message and a key from a KMS or secret manager.',
      hardcodedKey:
        'Prompt data from {{source}} ({{where}}) is encrypted by {{sink}}, but {{reason}}{{at}}, so anyone with the code can decrypt it. Load the key from a KMS or secret manager, and use AES-256-GCM with a random 12-byte IV.',
      constantIv:
        'Prompt data from {{source}} ({{where}}) is encrypted by {{sink}}, but {{reason}}{{at}}: equal messages give equal ciphertexts, and in GCM or CTR a reused IV reveals the text. Use a fresh random IV for every message (12 bytes for AES-256-GCM) and store it with the ciphertext.',
      deprecatedApi:
        "Prompt data from {{source}} ({{where}}) is encrypted by {{sink}}, but {{reason}}{{at}}. Use 'createCipheriv()' with AES-256-GCM, a random 12-byte IV per message and a key from a KMS or secret manager.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          sources: specifierListSchema('Extra functions or types whose values are prompt or conversation data.'),
          sanitizers: specifierListSchema(
            'Functions (or branded result types) whose result no longer carries the prompt text, such as redaction helpers applied before encryption.',
          ),
        },
      },
    ],
    defaultOptions: [{ sources: [], sanitizers: [] }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    const currentFile = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
    /** ` (line 4)`, or ` (crypto-helpers.ts:4)` when the weakness is written in another file. */
    const at = (evidence: ts.Node | undefined): string => {
      if (!evidence) return '';
      const file = evidence.getSourceFile();
      const line = file.getLineAndCharacterOfPosition(evidence.getStart(file)).line + 1;
      return file === currentFile ? ` (line ${line})` : ` (${path.basename(file.fileName)}:${line})`;
    };
    return {
      Program() {
        reportFlowFindings(
          context,
          { promptSources: options.sources, sanitizers: options.sanitizers },
          (finding: Finding) => {
            if (finding.taint.kind !== 'prompt' || finding.sink.kind !== 'crypto' || !finding.sink.weakness) return undefined;
            return MESSAGE_FOR_WEAKNESS[finding.sink.weakness.kind];
          },
          (finding: Finding) => ({ reason: finding.sink.weakness?.reason ?? '', at: at(finding.sink.weakness?.evidence) }),
        );
      },
    };
  },
});

export default noWeakPromptEncryption;
