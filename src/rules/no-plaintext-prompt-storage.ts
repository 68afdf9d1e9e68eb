import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import { specifierListSchema } from '../analysis/specifier-schema.js';
import type { StorageCategory } from '../knowledge/sinks.js';
import { createRule } from '../util/create-rule.js';
import { reportFlowFindings } from '../util/flow-rule.js';

export type Options = [
  {
    ignoreCategories?: StorageCategory[];
    sources?: TypeOrValueSpecifier[];
    outputSources?: TypeOrValueSpecifier[];
    sinks?: TypeOrValueSpecifier[];
    sanitizers?: TypeOrValueSpecifier[];
    encryptedTypes?: TypeOrValueSpecifier[];
  },
];
export type MessageIds = 'promptStored' | 'promptStoredWeaklyEncrypted';

const STORAGE_CATEGORIES: StorageCategory[] = ['file', 'browser', 'database', 'cache'];

export const noPlaintextPromptStorage = createRule<Options, MessageIds>({
  name: 'no-plaintext-prompt-storage',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow conversation data (prompts, chat histories, model output) from being stored without encryption',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      promptStored:
        'Conversation data from {{source}} ({{where}}) is stored in {{destination}} by {{sink}} without encryption. Encrypt it first (AES-GCM with a managed key, libsodium, KMS) or store a reference instead.',
      promptStoredWeaklyEncrypted:
        'Conversation data from {{source}} ({{where}}) is stored in {{destination}} by {{sink}}, and {{note}}. Use AES-GCM (or libsodium) with a managed key.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreCategories: {
            type: 'array',
            items: { type: 'string', enum: STORAGE_CATEGORIES },
            uniqueItems: true,
            description: 'Storage categories not to report, e.g. `database` when the database encrypts at rest with keys you control.',
          },
          sources: specifierListSchema('Extra functions or types whose values are prompt or conversation data.'),
          outputSources: specifierListSchema('Extra functions or types whose values are model output (stored output is conversation data too).'),
          sinks: specifierListSchema('Extra functions that persist their arguments (a repository layer).'),
          sanitizers: specifierListSchema('Functions that encrypt their input (their result is safe to store).'),
          encryptedTypes: specifierListSchema('Branded types of encrypted values, e.g. `{ from: "file", name: "Encrypted" }`.'),
        },
      },
    ],
    defaultOptions: [{ ignoreCategories: [], sources: [], outputSources: [], sinks: [], sanitizers: [], encryptedTypes: [] }],
  },
  create(context, [options]) {
    const ignored = new Set<string>(options.ignoreCategories);
    return {
      Program() {
        reportFlowFindings(
          context,
          {
            promptSources: options.sources,
            outputSources: options.outputSources,
            storageSinks: options.sinks,
            sanitizers: [...(options.sanitizers ?? []), ...(options.encryptedTypes ?? [])],
          },
          finding => {
            // Model output stored is conversation data too: titles, summaries and answers echo what the
            // user said, unless everything the model was asked is written in the source. A tool's
            // input is what the tool was asked to write.
            if (finding.taint.kind === 'parameter' || finding.taint.fixedPrompt || finding.taint.toolInput || finding.sink.kind !== 'storage' || ignored.has(finding.sink.category)) return undefined;
            return finding.taint.note ? 'promptStoredWeaklyEncrypted' : 'promptStored';
          },
          finding => ({ note: finding.taint.note ?? '' }),
        );
      },
    };
  },
});

export default noPlaintextPromptStorage;
