import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every rule of this plugin declares. */
export interface LlmSecurityDocs {
  /** In `configs.recommended` (and therefore in `strict` and `all`). */
  recommended?: boolean;
  /** In `configs.strict` (and `all`) but not in `recommended`. */
  strict?: boolean;
  /**
   * The options `configs.strict` sets (the rule's broader mode, e.g. `[{ checkAllData: true }]`);
   * `recommended` and `all` use the defaults.
   */
  strictOptions?: readonly Record<string, unknown>[];
  /** Needs type information (all of our rules do). */
  requiresTypeChecking: true;
}

export const REPOSITORY_URL = 'https://github.com/llm-security/eslint-plugin-llm-security';

export const createRule = ESLintUtils.RuleCreator<LlmSecurityDocs>(
  name => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
