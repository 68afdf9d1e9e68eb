import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';

import { validateSharedSettings } from './settings-schema.js';

/**
 * What users teach the analysis, in one shape for every rule: extra sources, sinks and sanitizers
 * as typescript-eslint `TypeOrValueSpecifier`s. They come from `settings['llm-security']` (all
 * rules) and from each rule's options (that rule only).
 */
export interface FlowCustomization {
  /** Functions or types whose values are model output. */
  readonly outputSources: readonly TypeOrValueSpecifier[];
  /** Functions or types whose values are prompt / conversation data. */
  readonly promptSources: readonly TypeOrValueSpecifier[];
  /** Functions that write their arguments to a log or telemetry. */
  readonly logSinks: readonly TypeOrValueSpecifier[];
  /** Functions that persist their arguments. */
  readonly storageSinks: readonly TypeOrValueSpecifier[];
  /** Functions whose result no longer carries the text (redaction, encryption), or branded result types (`Redacted<T>`). */
  readonly sanitizers: readonly TypeOrValueSpecifier[];
}

export const EMPTY_CUSTOMIZATION: FlowCustomization = {
  outputSources: [],
  promptSources: [],
  logSinks: [],
  storageSinks: [],
  sanitizers: [],
};

/** The shape of `settings['llm-security']`. */
export interface SharedSettings {
  outputSources?: TypeOrValueSpecifier[];
  promptSources?: TypeOrValueSpecifier[];
  logSinks?: TypeOrValueSpecifier[];
  storageSinks?: TypeOrValueSpecifier[];
  sanitizers?: TypeOrValueSpecifier[];
  /** Functions that check a model file's hash (for `require-model-integrity`). */
  verifiers?: TypeOrValueSpecifier[];
}

export const SETTINGS_KEY = 'llm-security';

function specifierList(value: unknown): TypeOrValueSpecifier[] {
  return Array.isArray(value) ? (value.filter(item => typeof item === 'string' || (typeof item === 'object' && item !== null)) as TypeOrValueSpecifier[]) : [];
}

/** Reads `settings['llm-security']`; throws one clear error when it breaks its schema (`settings-schema.ts`). */
export function readSharedSettings(settings: Readonly<Record<string, unknown>> | undefined): FlowCustomization {
  const raw = settings?.[SETTINGS_KEY];
  validateSharedSettings(raw);
  if (typeof raw !== 'object' || raw === null) {
    return EMPTY_CUSTOMIZATION;
  }
  const shared = raw as Record<string, unknown>;
  return {
    outputSources: specifierList(shared['outputSources']),
    promptSources: specifierList(shared['promptSources']),
    logSinks: specifierList(shared['logSinks']),
    storageSinks: specifierList(shared['storageSinks']),
    sanitizers: specifierList(shared['sanitizers']),
  };
}

/** `settings['llm-security'].verifiers`: model-file verifiers shared by every rule that loads models. */
export function readSharedVerifiers(settings: Readonly<Record<string, unknown>> | undefined): TypeOrValueSpecifier[] {
  const raw = settings?.[SETTINGS_KEY];
  validateSharedSettings(raw);
  return typeof raw === 'object' && raw !== null ? specifierList((raw as Record<string, unknown>)['verifiers']) : [];
}

export function mergeCustomizations(a: FlowCustomization, b: Partial<FlowCustomization>): FlowCustomization {
  return {
    outputSources: [...a.outputSources, ...(b.outputSources ?? [])],
    promptSources: [...a.promptSources, ...(b.promptSources ?? [])],
    logSinks: [...a.logSinks, ...(b.logSinks ?? [])],
    storageSinks: [...a.storageSinks, ...(b.storageSinks ?? [])],
    sanitizers: [...a.sanitizers, ...(b.sanitizers ?? [])],
  };
}

