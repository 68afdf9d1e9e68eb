import path from 'node:path';

import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import { SINK_DESTINATIONS } from '../knowledge/sinks.js';
import { type FlowCustomization, mergeCustomizations, readSharedSettings } from './config.js';
import { type Finding, lineOf } from './flow/finding.js';
import { FlowAnalysis } from './flow/flow-analysis.js';

export type { Finding, SinkHit } from './flow/finding.js';
export type { FunctionSummary } from './flow/summaries.js';
export { FlowAnalysis } from './flow/flow-analysis.js';

/**
 * One analysis per program and customization. ESLint keeps the program for every file of a
 * project, so function summaries and file results are computed once per lint run.
 */
const analyses = new WeakMap<ts.Program, Map<string, FlowAnalysis>>();

export function flowAnalysisFor(program: ts.Program, customization: FlowCustomization): FlowAnalysis {
  let byKey = analyses.get(program);
  if (!byKey) {
    byKey = new Map();
    analyses.set(program, byKey);
  }
  const key = JSON.stringify(customization);
  let analysis = byKey.get(key);
  if (!analysis) {
    analysis = new FlowAnalysis(program, customization);
    byKey.set(key, analysis);
  }
  return analysis;
}

export interface FileFlow {
  readonly findings: readonly Finding[];
  /** The ESTree node to report for a finding's TypeScript node. */
  readonly toESTree: (node: ts.Node) => TSESTree.Node | undefined;
  readonly sourceFile: ts.SourceFile;
}

/**
 * Runs (or reuses) the value-flow analysis for the file being linted. Throws typescript-eslint's
 * own error, which says how to enable type information, when the parser has none.
 */
export function analyzeCurrentFile(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleCustomization: Partial<FlowCustomization>,
): FileFlow {
  const services = ESLintUtils.getParserServices(context);
  const customization = mergeCustomizations(readSharedSettings(context.settings), ruleCustomization);
  const analysis = flowAnalysisFor(services.program, customization);
  const sourceFile = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
  return {
    findings: analysis.analyzeFile(sourceFile),
    toESTree: node => services.tsNodeToESTreeNodeMap.get(node),
    sourceFile,
  };
}

/** Where a node is, as a message says it: `line 12` in the reported file, `chat.ts:12` elsewhere. */
function placeOf(node: ts.Node, currentFile: ts.SourceFile): string {
  const sourceFile = node.getSourceFile();
  return sourceFile === currentFile ? `line ${lineOf(node)}` : `${path.basename(sourceFile.fileName)}:${lineOf(node)}`;
}

/** Message data shared by the flow rules: where the data came from and where it goes. */
export function describeFinding(finding: Finding, currentFile: ts.SourceFile): Record<string, string> {
  const where = placeOf(finding.taint.origin, currentFile);
  const [first, ...rest] = finding.sink.via;
  const quoted = (steps: readonly string[]): string => steps.map(step => `'${step}'`).join(', ');
  const received = finding.sink.received;
  const sink =
    first !== undefined
      ? `'${first}'${rest.length > 0 ? ` (through ${quoted(rest)})` : ''}, which passes it to '${finding.sink.callee}'`
      : received
        ? `'${finding.sink.callee}', which receives it from ${placeOf(received.at, currentFile)}${received.through.length > 0 ? ` through ${quoted(received.through)}` : ''}`
        : `'${finding.sink.callee}'`;
  return {
    source: finding.taint.label,
    where,
    sink,
    destination: SINK_DESTINATIONS[finding.sink.category],
  };
}
