/** What no-insecure-llm-transport reports (the rule's message ids). */
export type TransportFindingKind = 'insecureEndpoint' | 'insecureRequest' | 'tlsVerificationDisabled' | 'tlsEnvDisabled' | 'insecureRegistry';

/** Insecure LLM traffic, as a source range (offsets into the linted file's text). */
export interface TransportFinding {
  readonly kind: TransportFindingKind;
  readonly start: number;
  readonly end: number;
  readonly data: Readonly<Record<string, string>>;
}
