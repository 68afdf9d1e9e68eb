import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import type { Finding } from '../analysis/index.js';
import { SINK_DESTINATIONS } from '../knowledge/sinks.js';

/**
 * A side channel from the flow rules to the scanner. ESLint messages carry only text and a
 * location, but code scanning wants the path a finding took (source, each helper, sink) as SARIF
 * `codeFlows`. The flow rules record that path here, keyed by rule, file and report position,
 * and `llm-security-scan` (same process) reads it after linting and matches it to ESLint's
 * messages. Recording is off unless a consumer turns it on, so an editor never accumulates trails.
 */

/** 1-based lines and columns, like ESLint messages and SARIF regions; `file` is absolute. */
export interface TrailLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface TrailStep {
  readonly kind: 'source' | 'step' | 'sink';
  readonly message: string;
  /** Absent where the analysis knows only a name (a helper between the call and the sink). */
  readonly location?: TrailLocation;
}

export interface FlowTrail {
  readonly ruleId: string;
  readonly file: string;
  /** Where ESLint reports the finding (its message's `line` and `column`). */
  readonly line: number;
  readonly column: number;
  /** From the source to the sink. */
  readonly steps: readonly TrailStep[];
}

let recorded: Map<string, FlowTrail[]> | undefined;

/** Starts recording (and forgets earlier trails). */
export function startRecordingTrails(): void {
  recorded = new Map();
}

/** Stops recording and hands over what was recorded. */
export function stopRecordingTrails(): FlowTrailIndex {
  const trails = recorded ?? new Map<string, FlowTrail[]>();
  recorded = undefined;
  return new FlowTrailIndex(trails);
}

export function isRecordingTrails(): boolean {
  return recorded !== undefined;
}

export function recordTrail(trail: FlowTrail): void {
  if (!recorded) return;
  const key = trailKey(trail.ruleId, trail.file, trail.line, trail.column);
  const list = recorded.get(key);
  if (list) list.push(trail);
  else recorded.set(key, [trail]);
}

function trailKey(ruleId: string, file: string, line: number, column: number): string {
  return `${ruleId}\0${path.resolve(file)}\0${line}\0${column}`;
}

/** Recorded trails, looked up by an ESLint message's rule, file and position. */
export class FlowTrailIndex {
  constructor(private readonly trails: ReadonlyMap<string, readonly FlowTrail[]>) {}

  get size(): number {
    return [...this.trails.values()].reduce((total, list) => total + list.length, 0);
  }

  /**
   * The trail for the `occurrence`-th message of this rule at this position (two findings can be
   * reported at one argument; ESLint keeps their order).
   */
  find(ruleId: string, file: string, line: number, column: number, occurrence = 0): FlowTrail | undefined {
    return this.trails.get(trailKey(ruleId, file, line, column))?.[occurrence];
  }
}

/**
 * The path of one finding, from the source's location to the reported argument and, by name,
 * through the project helpers (`finding.sink.via`) to the sink, placed where the data is written
 * there. Steps the analysis can place get a location; the helpers in between are steps without
 * one, so when `via` gains locations they become steps of their own.
 */
export function trailOfFinding(finding: Finding, ruleId: string, file: string, reported: TSESTree.Node): FlowTrail {
  const { taint, sink } = finding;
  const destination = SINK_DESTINATIONS[sink.category];
  const what = taint.kind === 'output' ? 'Model output' : taint.kind === 'prompt' ? 'Prompt data' : 'Data';
  const steps: TrailStep[] = [{ kind: 'source', message: `${what} from ${taint.label}.`, location: locationOfTsNode(taint.origin) }];
  // Reported inside a helper (an arrival), the path runs through the call where the data entered it.
  const [first, ...rest] = sink.received ? sink.received.through : sink.via;
  const reportedAt = locationOfEsTreeNode(file, reported);
  const verb = sink.kind === 'log' ? 'writes it to' : sink.kind === 'storage' ? 'stores it in' : 'protects it only with';
  if (first === undefined) {
    steps.push({ kind: 'sink', message: `'${sink.callee}' ${verb} ${destination}.`, location: reportedAt });
  } else if (sink.received) {
    steps.push({ kind: 'step', message: `Passed to '${first}'.`, location: locationOfTsNode(sink.received.at) });
    for (const helper of rest) steps.push({ kind: 'step', message: `Passed on to '${helper}'.` });
    steps.push({ kind: 'sink', message: `'${sink.callee}' ${verb} ${destination}.`, location: reportedAt });
  } else {
    steps.push({ kind: 'step', message: `Passed to '${first}'.`, location: reportedAt });
    for (const helper of rest) steps.push({ kind: 'step', message: `Passed on to '${helper}'.` });
    steps.push({ kind: 'sink', message: `'${sink.callee}' ${verb} ${destination}.`, ...(sink.at ? { location: locationOfTsNode(sink.at) } : {}) });
  }
  return { ruleId, file, line: reported.loc.start.line, column: reported.loc.start.column + 1, steps };
}

function locationOfTsNode(node: ts.Node): TrailLocation {
  const sourceFile = node.getSourceFile();
  const start = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  const end = sourceFile.getLineAndCharacterOfPosition(node.getEnd());
  return {
    file: path.resolve(sourceFile.fileName),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function locationOfEsTreeNode(file: string, node: TSESTree.Node): TrailLocation {
  return {
    file: path.resolve(file),
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}
