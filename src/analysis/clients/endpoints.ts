import { LLM_API_HOSTS, LLM_API_PATHS } from '../../knowledge/llm-clients.js';

/** Is the string an absolute URL (has a scheme)? */
export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

/**
 * Parses an endpoint with WHATWG `new URL()` (pure parsing: no lookup, no network). A value without
 * a scheme is parsed with `defaultScheme` when the SDK assumes one (ollama's `host`), otherwise it is
 * not a URL we can judge.
 */
export function parseEndpoint(value: string, defaultScheme?: 'http' | 'https'): URL | undefined {
  let text = value.trim();
  if (!isAbsoluteUrl(text)) {
    if (!defaultScheme || text === '') {
      return undefined;
    }
    // ollama: `':11434'` means the local default host, `'gpu:11434'` means http://gpu:11434.
    text = text.startsWith(':') ? `${defaultScheme}://127.0.0.1${text}` : `${defaultScheme}://${text}`;
  }
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** A URL host name without IPv6 brackets and a trailing dot, lower-cased. */
export function normalizeHostname(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/**
 * Does the host name stay on this machine? `localhost` and `*.localhost` (RFC 6761), 127.0.0.0/8
 * (the URL parser already normalises `127.1` and `0x7f000001`), `::1`, IPv4-mapped loopback, and the
 * unspecified addresses `0.0.0.0` / `::`, which a client connecting to them reaches the local host
 * through (Linux and macOS route them to loopback).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = normalizeHostname(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') {
    return true;
  }
  if (host === '::1' || host === '::') {
    return true;
  }
  // `[::ffff:127.0.0.1]` is normalised by the URL parser to `[::ffff:7f00:1]`.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
}

/** Host name patterns: exact (`ollama.internal`) or `*.suffix` (any subdomain of `suffix`). */
export function hostMatchesPattern(hostname: string, pattern: string): boolean {
  const host = normalizeHostname(hostname);
  const wanted = normalizeHostname(pattern.trim());
  if (wanted.startsWith('*.')) {
    return host.endsWith(wanted.slice(1));
  }
  return host === wanted;
}

/** What makes a URL an LLM API URL: its path or its host. */
export interface LlmUrlMatch {
  /** The API or provider, for messages. */
  readonly api: string;
  /** Environment variable for that provider's key, when the host tells. */
  readonly apiKeyEnv?: string;
}

/** Is the URL an LLM API URL (a known LLM API path, or the host of a hosted LLM API)? */
export function llmUrlMatch(url: URL, extraPaths: readonly string[] = []): LlmUrlMatch | undefined {
  const host = LLM_API_HOSTS.find(entry => hostMatchesPattern(url.hostname, entry.host));
  if (host) {
    return { api: host.provider, apiKeyEnv: host.apiKeyEnv };
  }
  const path = url.pathname;
  const known = LLM_API_PATHS.find(entry => entry.pattern.test(path));
  if (known) {
    return { api: known.api };
  }
  const extra = extraPaths.find(suffix => path.endsWith(suffix));
  return extra === undefined ? undefined : { api: 'LLM' };
}

/** The provider of a hosted LLM API by host name, if known. */
export function llmHostProvider(url: URL): (typeof LLM_API_HOSTS)[number] | undefined {
  return LLM_API_HOSTS.find(entry => hostMatchesPattern(url.hostname, entry.host));
}
