import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { ESLint, Linter } from 'eslint';

/** The `partialFingerprints` key (versioned: a new scheme gets a new key, so old baselines do not match by accident). */
export const FINGERPRINT_KEY = 'llmSecurity/v1';

/**
 * Fingerprints that survive lines moving: a hash of the rule, the file, the flagged source text
 * with whitespace collapsed, and which occurrence of that (rule, file, text) it is in the file.
 * No line numbers: code added above a finding leaves its fingerprint alone, an edit of the
 * flagged line itself makes it a new finding. `uri` is the path as reported (relative to the root).
 */
export function fingerprintMessages(result: ESLint.LintResult, uri: string): Map<Linter.LintMessage, string> {
  const lines = sourceLines(result);
  const seen = new Map<string, number>();
  const fingerprints = new Map<Linter.LintMessage, string>();
  for (const message of result.messages) {
    const key = `${message.ruleId ?? ''}\n${uri}\n${flaggedText(lines, message)}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    fingerprints.set(message, createHash('sha256').update(`${key}\n${occurrence}`).digest('hex').slice(0, 32));
  }
  return fingerprints;
}

function sourceLines(result: ESLint.LintResult): readonly string[] | undefined {
  try {
    return (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r\n|\r|\n/);
  } catch {
    return undefined;
  }
}

/** The lines the message covers; if the file cannot be read (deleted since), the message text. */
function flaggedText(lines: readonly string[] | undefined, message: Linter.LintMessage): string {
  const text = lines ? lines.slice(Math.max(message.line, 1) - 1, Math.max(message.endLine ?? message.line, message.line)).join('\n') : message.message;
  return text.replace(/\s+/g, ' ').trim();
}
