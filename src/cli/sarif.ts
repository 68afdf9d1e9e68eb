import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

import type { FlowTrail, FlowTrailIndex, TrailLocation, TrailStep } from '../util/flow-trails.js';
import { FINGERPRINT_KEY, fingerprintMessages } from './fingerprints.js';
import { type RuleDoc, readRuleDoc } from './rule-docs.js';
import { RULE_SECURITY, securityTags } from './rule-metadata.js';
import type { SkippedFile } from './scan.js';

/** CWE and OWASP LLM Top 10 references per rule, for code-scanning dashboards. */
export const RULE_REFERENCES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(RULE_SECURITY).map(([rule, info]) => [rule, info.references]),
);

interface RuleInfo {
  readonly description: string;
  readonly url: string | undefined;
}

export interface SarifOptions {
  /** Source → sink paths recorded during the scan: each matching result gets `codeFlows`. */
  readonly trails?: FlowTrailIndex;
  /** Files not scanned, as `toolExecutionNotifications` (paths relative to `skippedBase`). */
  readonly skipped?: readonly SkippedFile[];
  readonly skippedBase?: string;
  /** Fingerprints of a baseline log: each result gets `baselineState` `unchanged` or `new`. */
  readonly baseline?: ReadonlySet<string>;
  /** Reads a rule's doc page (tests swap it); by default the packaged `docs/rules/<rule>.md`. */
  readonly readDoc?: (rule: string) => RuleDoc | undefined;
}

/** One ESLint message with its file's reported path and its fingerprint. */
export interface LocatedMessage {
  readonly message: Linter.LintMessage;
  readonly filePath: string;
  readonly uri: string;
  readonly fingerprint: string;
}

/**
 * Every message with its path relative to `root` (forward slashes, as SARIF and GitHub want)
 * and its fingerprint (`fingerprints.ts`).
 */
export function locateMessages(results: readonly ESLint.LintResult[], root: string): LocatedMessage[] {
  return results.flatMap(result => {
    const uri = relativeUri(root, result.filePath);
    const fingerprints = fingerprintMessages(result, uri);
    return result.messages.map(message => ({ message, filePath: result.filePath, uri, fingerprint: fingerprints.get(message)! }));
  });
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
  options: SarifOptions = {},
): object {
  const ruleIds = Object.keys(rules).sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const readDoc = options.readDoc ?? readRuleDoc;
  const occurrences = new Map<string, number>();
  const sarifResults = locateMessages(results, root).map(located => {
    const { message, filePath } = located;
    // Two findings of one rule at one position are told apart by their order, as the trails are.
    const positionKey = `${message.ruleId ?? ''}\0${filePath}\0${message.line}\0${message.column}`;
    const occurrence = occurrences.get(positionKey) ?? 0;
    occurrences.set(positionKey, occurrence + 1);
    const trail = message.ruleId ? options.trails?.find(message.ruleId, filePath, message.line, message.column, occurrence) : undefined;
    return toSarifResult(located, root, ruleIndex, trail, options.baseline);
  });
  const notifications = (options.skipped ?? []).map(skipped => ({
    level: 'note',
    message: { text: `Not scanned: ${skipped.file} (${skipped.reason}).` },
    descriptor: { id: 'skipped-file' },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(root, path.resolve(options.skippedBase ?? root, skipped.file)) } }],
  }));
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
            rules: ruleIds.map(id => ruleDescriptor(id, rules[id]!, readDoc)),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        results: sarifResults,
      },
    ],
  };
}

function ruleDescriptor(id: string, rule: RuleInfo, readDoc: (rule: string) => RuleDoc | undefined): object {
  const shortId = id.replace(/^llm-security\//, '');
  const security = (RULE_SECURITY as Readonly<Record<string, (typeof RULE_SECURITY)[keyof typeof RULE_SECURITY] | undefined>>)[shortId];
  const doc = readDoc(shortId);
  return {
    id,
    name: shortId,
    shortDescription: { text: rule.description },
    ...(doc ? { fullDescription: { text: doc.fullDescription }, help: { text: doc.helpText, markdown: doc.helpMarkdown } } : {}),
    ...(rule.url ? { helpUri: rule.url } : {}),
    defaultConfiguration: { level: 'error' },
    properties: {
      tags: securityTags(security?.references ?? []),
      precision: 'high',
      ...(security ? { 'security-severity': security.securitySeverity } : {}),
    },
  };
}

function toSarifResult(located: LocatedMessage, root: string, ruleIndex: ReadonlyMap<string, number>, trail: FlowTrail | undefined, baseline: ReadonlySet<string> | undefined): object {
  const { message, filePath, fingerprint } = located;
  const region: Record<string, number> = { startLine: Math.max(message.line, 1), startColumn: Math.max(message.column, 1) };
  if (message.endLine !== undefined) region['endLine'] = message.endLine;
  if (message.endColumn !== undefined) region['endColumn'] = message.endColumn;
  const index = message.ruleId ? ruleIndex.get(message.ruleId) : undefined;
  return {
    ruleId: message.ruleId ?? 'parse-error',
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: message.severity === 2 ? 'error' : 'warning',
    message: { text: message.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(root, filePath), region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(trail ? { codeFlows: [codeFlow(trail, root)] } : {}),
    ...(baseline ? { baselineState: baseline.has(fingerprint) ? 'unchanged' : 'new' } : {}),
  };
}

/**
 * A finding's path as one thread flow. Steps the analysis knows only by name (a helper in another
 * file, the sink inside it) have no location; they are folded into the message of the step
 * before them, because code-scanning viewers show a flow step by its code location.
 */
function codeFlow(trail: FlowTrail, root: string): object {
  const located: { step: TrailStep; location: TrailLocation; messages: string[] }[] = [];
  for (const step of trail.steps) {
    const last = located.at(-1);
    if (step.location) located.push({ step, location: step.location, messages: [step.message] });
    else if (last) last.messages.push(step.message);
  }
  return {
    message: { text: trail.steps.map(step => step.message).join(' ') },
    threadFlows: [
      {
        locations: located.map(({ step, location, messages }) => ({
          location: {
            physicalLocation: {
              artifactLocation: artifactLocation(root, location.file),
              region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
            },
            message: { text: messages.join(' ') },
          },
          kinds: ['taint', step.kind === 'step' ? 'call' : step.kind],
        })),
      },
    ],
  };
}

/** A path under the root relative to `%SRCROOT%`; anything else as an absolute file URI. */
function artifactLocation(root: string, file: string): { uri: string; uriBaseId?: string } {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? { uri: pathToFileURL(file).href } : { uri: relative.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' };
}

export function relativeUri(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
