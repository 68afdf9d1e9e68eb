import type { RuleName } from '../rules/index.js';

/**
 * What code-scanning dashboards need about each rule beyond its meta: the weaknesses it is about
 * (CWE, OWASP Top 10 for LLM Applications 2025, as cited on its doc page) and a
 * `security-severity` (0.0–10.0; GitHub shows ≥ 9.0 as critical, ≥ 7.0 high, ≥ 4.0 medium).
 *
 * Severities follow CodeQL's scores for the nearest JavaScript query, lowered where our finding
 * is usually less direct than theirs: a prompt or an answer is personal data only sometimes.
 */
export interface RuleSecurityInfo {
  readonly references: readonly string[];
  readonly securitySeverity: string;
}

export const RULE_SECURITY: Readonly<Record<RuleName, RuleSecurityInfo>> = {
  // A key in source is a key in every clone and every build (CodeQL js/hardcoded-credentials: 9.8).
  'no-hardcoded-llm-credentials': { references: ['CWE-798', 'OWASP-LLM02'], securitySeverity: '9.1' },
  // Traffic others can read or alter (CodeQL js/disabling-certificate-validation: 7.5).
  'no-insecure-llm-transport': { references: ['CWE-319', 'CWE-295', 'OWASP-LLM02'], securitySeverity: '7.5' },
  // Clear-text logging (CodeQL js/clear-text-logging: 7.5), of data that is sensitive only sometimes.
  'no-model-output-logging': { references: ['CWE-532', 'OWASP-LLM02'], securitySeverity: '6.5' },
  'no-prompt-logging': { references: ['CWE-532', 'OWASP-LLM02'], securitySeverity: '6.5' },
  // Clear-text storage (CodeQL js/clear-text-storage-of-sensitive-data: 7.5): histories are kept for long.
  'no-plaintext-prompt-storage': { references: ['CWE-312', 'CWE-313', 'OWASP-LLM02'], securitySeverity: '7.0' },
  // Broken crypto (CodeQL js/weak-cryptographic-algorithm: 7.5): data that someone meant to protect.
  'no-weak-prompt-encryption': { references: ['CWE-327', 'CWE-321', 'CWE-329', 'OWASP-LLM02'], securitySeverity: '7.5' },
  // A model file is code the app runs (CodeQL's download-without-integrity queries: 8.1).
  'require-model-integrity': { references: ['CWE-494', 'CWE-353', 'OWASP-LLM03'], securitySeverity: '8.1' },
};

/** SARIF `tags`: ours, and GitHub's `external/cwe/cwe-N` form, which code scanning links to the CWE. */
export function securityTags(references: readonly string[]): string[] {
  const external = references.flatMap(reference => {
    const cwe = /^CWE-(\d+)$/.exec(reference);
    const owasp = /^OWASP-(LLM\d+)$/.exec(reference);
    return cwe ? [`external/cwe/cwe-${cwe[1]}`] : owasp ? [`external/owasp/${owasp[1]!.toLowerCase()}`] : [];
  });
  return ['security', ...references, ...external];
}
