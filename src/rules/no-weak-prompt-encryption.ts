import path from 'node:path';

import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type ts from 'typescript';

import { specifierListSchema } from '../analysis/specifier-schema.js';
import type { WeaknessKind } from '../analysis/crypto/ciphers.js';
import { type WeakConstructReport, describeWeakConstruct, weakEncryptionInCurrentFile } from '../analysis/crypto/reports.js';
import { createRule } from '../util/create-rule.js';
import { type TrailLocation, type TrailStep, isRecordingTrails, recordTrail } from '../util/flow-trails.js';

export type Options = [
  {
    checkAllData?: boolean;
    sources?: TypeOrValueSpecifier[];
    sanitizers?: TypeOrValueSpecifier[];
  },
];
export type MessageIds = 'weakAlgorithm' | 'deprecatedApi' | 'ecbMode' | 'hardcodedKey' | 'nonceReuse' | 'constantIv' | 'weakKeyDerivation';

const MESSAGE_FOR_WEAKNESS: Record<WeaknessKind, MessageIds> = {
  'weak-algorithm': 'weakAlgorithm',
  'deprecated-api': 'deprecatedApi',
  'ecb-mode': 'ecbMode',
  'hardcoded-key': 'hardcodedKey',
  'nonce-reuse': 'nonceReuse',
  'constant-iv': 'constantIv',
  'weak-kdf': 'weakKeyDerivation',
};

const WHAT = '{{construct}} {{action}} {{data}}, but {{weaknesses}}';
const USE_AES_GCM = 'Use AES-256-GCM with a random 12-byte IV per message and a key from a KMS or secret manager.';

export const noWeakPromptEncryption = createRule<Options, MessageIds>({
  name: 'no-weak-prompt-encryption',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow protecting prompts and chat histories with weak ciphers, ECB mode, or hard-coded keys and IVs',
      recommended: true,
      strictOptions: [{ checkAllData: true }],
      requiresTypeChecking: true,
    },
    messages: {
      weakAlgorithm: `${WHAT}. ${USE_AES_GCM}`,
      deprecatedApi: `${WHAT}. Use 'createCipheriv()' with AES-256-GCM, a random 12-byte IV per message and a key from a KMS or secret manager.`,
      ecbMode: `${WHAT}. ${USE_AES_GCM}`,
      hardcodedKey: `${WHAT}, so anyone with the code can decrypt it. Load the key from a KMS or secret manager, and use AES-256-GCM with a random 12-byte IV.`,
      nonceReuse: `${WHAT}: a nonce used twice in GCM or CTR mode reveals the XOR of two messages, and in GCM lets anyone forge ciphertexts. Use a fresh random 12-byte nonce for every message and store it with the ciphertext.`,
      constantIv: `${WHAT}: equal messages, and equal beginnings, give equal ciphertexts. Use a fresh random IV for every message and store it with the ciphertext.`,
      weakKeyDerivation: `${WHAT}, so a password behind the key can be guessed offline at high speed. Derive keys from passwords with Argon2id, scrypt or PBKDF2 at OWASP's parameters (PBKDF2-HMAC-SHA256: 600,000 iterations), or use a random key from a KMS.`,
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkAllData: {
            type: 'boolean',
            description: 'Report weak encryption whatever data it protects, not only prompt and conversation data (on in `configs.strict`).',
          },
          sources: specifierListSchema('Extra functions or types whose values are prompt or conversation data.'),
          sanitizers: specifierListSchema(
            'Functions (or branded result types) whose result no longer carries the prompt text, such as redaction helpers applied before encryption.',
          ),
        },
      },
    ],
    defaultOptions: [{ checkAllData: false, sources: [], sanitizers: [] }],
  },
  create(context, [options]) {
    return {
      Program() {
        const { reports, sourceFile, toESTree } = weakEncryptionInCurrentFile(
          context,
          { promptSources: options.sources, sanitizers: options.sanitizers },
          options.checkAllData === true,
        );
        for (const report of reports) {
          const node = toESTree(report.construct.node);
          if (!node) continue;
          const { kind, data } = describeWeakConstruct(report, sourceFile);
          context.report({ node, messageId: MESSAGE_FOR_WEAKNESS[kind], data });
          if (isRecordingTrails()) recordConstructTrail(report, context.id, context.filename, data);
        }
      },
    };
  },
});

/** The path to a weak construct for the scanner's SARIF `codeFlows`: source, call into the helper, construct. */
function recordConstructTrail(report: WeakConstructReport, ruleId: string, file: string, data: Record<string, string>): void {
  const [origin] = report.origins;
  if (!origin) return;
  const at = locate(report.construct.node);
  const steps: TrailStep[] = [{ kind: 'source', message: `Prompt data from ${origin.label}.`, location: locate(origin.node) }];
  const passedAt = origin.finding?.node;
  if (passedAt && (passedAt.getSourceFile() !== report.construct.node.getSourceFile() || passedAt.pos < report.construct.node.pos || passedAt.end > report.construct.node.end)) {
    const helper = origin.finding?.sink.via[0] ?? origin.finding?.sink.callee ?? '';
    steps.push({ kind: 'step', message: `Passed to '${helper}'.`, location: locate(passedAt) });
  }
  steps.push({ kind: 'sink', message: `${data['construct'] ?? ''} ${data['action'] ?? ''} it, but ${data['weaknesses'] ?? ''}.`, location: at });
  recordTrail({ ruleId, file, line: at.line, column: at.column, steps });
}

function locate(node: ts.Node): TrailLocation {
  const sourceFile = node.getSourceFile();
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return { file: path.resolve(sourceFile.fileName), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export default noWeakPromptEncryption;
