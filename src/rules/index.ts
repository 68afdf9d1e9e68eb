import type { TSESLint } from '@typescript-eslint/utils';

// An explicit, sorted map: no file-system globbing, so bundlers and readers see every rule.
export const rules = {
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], import('../util/create-rule.js').LlmSecurityDocs>>;

export type RuleName = keyof typeof rules;
