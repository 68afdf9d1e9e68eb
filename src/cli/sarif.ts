import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

/** CWE and OWASP LLM Top 10 references per rule, for code-scanning dashboards. */
export const RULE_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  'no-model-output-logging': ['CWE-532', 'OWASP-LLM02'],
  'no-prompt-logging': ['CWE-532', 'OWASP-LLM02'],
  'no-plaintext-prompt-storage': ['CWE-312', 'CWE-313', 'OWASP-LLM02'],
  'require-model-integrity': ['CWE-494', 'CWE-353', 'OWASP-LLM03'],
  'no-insecure-llm-transport': ['CWE-319', 'CWE-295'],
  'no-hardcoded-llm-credentials': ['CWE-798'],
  'no-weak-prompt-encryption': ['CWE-327', 'CWE-321', 'CWE-329'],
};

interface RuleInfo {
  readonly description: string;
  readonly url: string | undefined;
}

/**
 * Converts ESLint results to a SARIF 2.1.0 log (the format GitHub, GitLab and Azure DevOps code
 * scanning read). File locations are relative to `root`.
 */
export function toSarif(
  results: readonly ESLint.LintResult[],
  root: string,
  tool: { name: string; version: string; informationUri: string },
  rules: Readonly<Record<string, RuleInfo>>,
): object {
  const ruleIds = Object.keys(rules).sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const sarifResults: object[] = [];
  for (const result of results) {
    const uri = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      sarifResults.push(toSarifResult(message, uri, ruleIndex));
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: ruleIds.map(id => {
              const shortId = id.replace(/^llm-security\//, '');
              const rule = rules[id]!;
              return {
                id,
                shortDescription: { text: rule.description },
                ...(rule.url ? { helpUri: rule.url } : {}),
                properties: { tags: ['security', ...(RULE_REFERENCES[shortId] ?? [])] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
}

function toSarifResult(message: Linter.LintMessage, uri: string, ruleIndex: ReadonlyMap<string, number>): object {
  const region: Record<string, number> = { startLine: Math.max(message.line, 1), startColumn: Math.max(message.column, 1) };
  if (message.endLine !== undefined) region['endLine'] = message.endLine;
  if (message.endColumn !== undefined) region['endColumn'] = message.endColumn;
  const index = message.ruleId ? ruleIndex.get(message.ruleId) : undefined;
  return {
    ruleId: message.ruleId ?? 'parse-error',
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: message.severity === 2 ? 'error' : 'warning',
    message: { text: message.message },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
  };
}
