import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type { TSESLint } from '@typescript-eslint/utils';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

import type { FlowCustomization } from '../analysis/config.js';
import { specifierListSchema } from '../analysis/specifier-schema.js';
import { type Finding, analyzeCurrentFile, describeFinding } from '../analysis/index.js';
import { isRecordingTrails, recordTrail, trailOfFinding } from './flow-trails.js';

/**
 * What the flow rules share: run (or reuse) the file's analysis, keep the findings a rule is about,
 * report each at its ESTree node with the standard message data (source, where, sink, destination).
 */
export function reportFlowFindings<MessageIds extends string>(
  context: Readonly<TSESLint.RuleContext<MessageIds, readonly unknown[]>>,
  customization: Partial<FlowCustomization>,
  messageFor: (finding: Finding) => MessageIds | undefined,
  extraData: (finding: Finding) => Record<string, string> = () => ({}),
): void {
  const flow = analyzeCurrentFile(context, customization);
  // One report per reported node and sink; where prompt data and model output both reach it, the
  // prompt is named (it is what the user said).
  const reported = new Set<string>();
  const ordered = [...flow.findings].sort((a, b) => Number(a.taint.kind !== 'prompt') - Number(b.taint.kind !== 'prompt'));
  for (const finding of ordered) {
    const messageId = messageFor(finding);
    const node = messageId === undefined ? undefined : flow.toESTree(finding.node);
    const key = `${finding.node.pos}:${finding.node.end}:${finding.sink.callee}`;
    if (messageId === undefined || !node || reported.has(key)) continue;
    reported.add(key);
    context.report({
      node,
      messageId,
      data: { ...describeFinding(finding, flow.sourceFile), ...extraData(finding) },
    });
    // The path source → helpers → sink, for the scanner's SARIF codeFlows (off outside the scanner).
    if (isRecordingTrails()) recordTrail(trailOfFinding(finding, context.id, context.filename, node));
  }
}

/** Options of the two logging rules. */
export interface LoggingOptions {
  allowConsole?: boolean;
  checkStdout?: boolean;
  sources?: TypeOrValueSpecifier[];
  sinks?: TypeOrValueSpecifier[];
  sanitizers?: TypeOrValueSpecifier[];
}

export const LOGGING_DEFAULTS: Required<LoggingOptions> = {
  allowConsole: false,
  checkStdout: false,
  sources: [],
  sinks: [],
  sanitizers: [],
};

export function loggingOptionsSchema(sourcesDescription: string): JSONSchema4[] {
  return [
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowConsole: {
          type: 'boolean',
          description: "Allow `console.*` (for CLIs and scripts whose console is the user's screen, not a log).",
        },
        checkStdout: {
          type: 'boolean',
          description: 'Also report `process.stdout.write` (for servers whose standard output is collected as logs).',
        },
        sources: specifierListSchema(sourcesDescription),
        sinks: specifierListSchema('Extra functions that write their arguments to a log or to telemetry.'),
        sanitizers: specifierListSchema('Functions (or branded result types) that remove the text, such as redaction helpers.'),
      },
    },
  ];
}

/** Whether a logging rule with these options reports a log finding (console and stdout switches). */
export function logSinkIsReported(finding: Finding, options: LoggingOptions): boolean {
  if (finding.sink.kind !== 'log') return false;
  if (finding.sink.category === 'console' && options.allowConsole) return false;
  if (finding.sink.category === 'stdout' && !options.checkStdout) return false;
  return true;
}
