/** What no-hardcoded-llm-credentials reports (the rule's message ids). */
export type CredentialFindingKind = 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey' | 'knownKeyShape';

/** A suggestion that replaces a source range with text reading the key from the environment. */
export interface EnvSuggestion {
  readonly kind: 'useEnv';
  readonly data: Readonly<Record<string, string>>;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A hard-coded key, as a source range (offsets into the linted file's text). */
export interface CredentialFinding {
  readonly kind: CredentialFindingKind;
  readonly start: number;
  readonly end: number;
  readonly data: Readonly<Record<string, string>>;
  readonly suggestions: readonly EnvSuggestion[];
}
