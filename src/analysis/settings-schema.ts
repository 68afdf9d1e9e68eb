import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import { type SchemaProblem, checkSchema } from './schema-check.js';
import { specifierListSchema } from './specifier-schema.js';
import type { SharedSettings } from './config.js';

/**
 * The schema of `settings['llm-security']`. ESLint checks rule options against their schema but
 * never checks `settings`, so a typo (`sanitizer`, `logsinks: 42`) would silently change results.
 *
 * To add a setting: add it to `SharedSettings` in `config.ts` (the `satisfies` below then asks for
 * its schema here), read it where it is used, and document it in the README.
 */
export const SHARED_SETTINGS_PROPERTIES = {
  outputSources: specifierListSchema('Functions or types whose values are model output.'),
  promptSources: specifierListSchema('Functions or types whose values are prompt or conversation data.'),
  logSinks: specifierListSchema('Functions that write their arguments to a log or to telemetry.'),
  storageSinks: specifierListSchema('Functions that persist their arguments.'),
  sanitizers: specifierListSchema('Functions (or branded result types) whose results no longer carry the text: redaction, encryption.'),
  verifiers: specifierListSchema("Functions that check a model file's hash before it is loaded (require-model-integrity)."),
} satisfies Record<keyof SharedSettings, JSONSchema4>;

export const SHARED_SETTINGS_SCHEMA: JSONSchema4 = {
  type: 'object',
  additionalProperties: false,
  properties: SHARED_SETTINGS_PROPERTIES,
};

/** Settings objects already checked: ESLint hands every rule the same object for a configuration. */
const checked = new WeakSet<object>();

/**
 * Throws one error naming the first wrong key of `settings['llm-security']`, e.g.
 * `settings['llm-security'].sanitizer is not a setting of eslint-plugin-llm-security (did you mean 'sanitizers'?)`.
 * Absent settings are fine. ESLint stops the run on the error and shows it with the rule's name.
 */
export function validateSharedSettings(raw: unknown, label = "settings['llm-security']"): void {
  if (raw === undefined || (typeof raw === 'object' && raw !== null && checked.has(raw))) return;
  const problem = checkSchema(raw, SHARED_SETTINGS_SCHEMA);
  if (problem) {
    throw new Error(describeProblem(problem, label));
  }
  checked.add(raw as object);
}

function describeProblem(problem: SchemaProblem, label: string): string {
  const where = `${label}${problem.path.map(step => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('')}`;
  const key = problem.path[0];
  const setting = typeof key === 'string' && Object.hasOwn(SHARED_SETTINGS_PROPERTIES, key) ? SHARED_SETTINGS_PROPERTIES[key as keyof typeof SHARED_SETTINGS_PROPERTIES] : undefined;
  if (problem.path.length === 1 && problem.known && typeof key === 'string') {
    const suggestion = closest(key, problem.known);
    return (
      `${where} is not a setting of eslint-plugin-llm-security${suggestion ? ` (did you mean '${suggestion}'?)` : ''}. ` +
      `Known settings: ${problem.known.join(', ')}.`
    );
  }
  const problemText = problem.known ? `${problem.message} (known: ${problem.known.join(', ')})` : problem.message;
  const help = setting ? ` ${String(key)} lists typescript-eslint TypeOrValueSpecifiers (a name, or { from: 'file' | 'lib' | 'package', name, package? }): ${setting.description}` : '';
  return `${where} ${problemText}.${help}`;
}

/** The known name closest to a typo: same letters in another case, or at most two edits away. */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
