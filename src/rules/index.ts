import type { TSESLint } from '@typescript-eslint/utils';

import type { LlmSecurityDocs } from '../util/create-rule.js';

import noHardcodedLlmCredentials from './no-hardcoded-llm-credentials.js';
import noInsecureLlmTransport from './no-insecure-llm-transport.js';
import noModelOutputLogging from './no-model-output-logging.js';
import noPlaintextPromptStorage from './no-plaintext-prompt-storage.js';
import noPromptLogging from './no-prompt-logging.js';
import noWeakPromptEncryption from './no-weak-prompt-encryption.js';
import requireModelIntegrity from './require-model-integrity.js';

// An explicit, sorted map: no file-system globbing, so bundlers and readers see every rule.
export const rules = {
  'no-hardcoded-llm-credentials': noHardcodedLlmCredentials,
  'no-insecure-llm-transport': noInsecureLlmTransport,
  'no-model-output-logging': noModelOutputLogging,
  'no-plaintext-prompt-storage': noPlaintextPromptStorage,
  'no-prompt-logging': noPromptLogging,
  'no-weak-prompt-encryption': noWeakPromptEncryption,
  'require-model-integrity': requireModelIntegrity,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], LlmSecurityDocs>>;

export type RuleName = keyof typeof rules;
