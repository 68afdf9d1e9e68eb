// Lints the plugin's own code: typescript-eslint's type-checked rules, eslint-plugin-eslint-plugin
// for the rule files and tests, and this plugin's own rules.
import { existsSync } from 'node:fs';

import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';

// The plugin lints itself from its build (CI builds before linting; without a build it is skipped).
const self = existsSync(new URL('./dist/index.js', import.meta.url)) ? (await import('./dist/index.js')).default : undefined;

export default tseslint.config(
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'tests/fixtures/', 'bench/corpus/', '.bench-tmp/', '.bench-tmp-scan-*/', 'examples/', '.scratch/', '.realworld/'],
  },
  {
    files: ['**/*.{ts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Comparing `node.kind` with `ts.SyntaxKind.X` is how TypeScript's AST is read; the rule misfires on it.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // The plugin's modules load TypeScript through src/analysis/typescript.cts (see there for why), and
    // type-utils only when a configured specifier is matched (src/analysis/type-utils.ts).
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typescript', allowTypeImports: true, message: "Import `ts` from src/analysis/typescript.cjs: importing the package costs 0.5 s in every ESLint process." },
            { name: '@typescript-eslint/type-utils', allowTypeImports: true, message: 'Use src/analysis/type-utils.ts, which loads the package only when needed (120 ms, 15 MiB).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce)' }],
      'eslint-plugin/require-meta-schema-description': 'error',
      'eslint-plugin/require-meta-default-options': 'error',
    },
  },
  {
    files: ['tests/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      'eslint-plugin/test-case-shorthand-strings': 'off',
    },
    settings: {
      'eslint-plugin': { ruleTesterConstructors: ['createRuleTester'] },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  ...(self
    ? [
        {
          files: ['**/*.{ts,cts}'],
          plugins: { 'llm-security': self },
          rules: {
            ...self.configs.recommended.rules,
            // The rule tests are full of made-up keys in the real shapes: the option this rule offers for fixtures.
            'llm-security/no-hardcoded-llm-credentials': ['error', { ignorePatterns: ['tests/rules/*.test.ts'] }],
          },
        },
      ]
    : []),
);
