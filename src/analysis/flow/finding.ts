import type ts from 'typescript';

import type { SinkCategory, SinkKind } from '../../knowledge/sinks.js';
import type { Weakness } from '../crypto/ciphers.js';
import type { Taint, TaintKind } from './taint.js';

/** Where a finding's data goes. */
export interface SinkHit {
  readonly kind: SinkKind;
  readonly category: SinkCategory;
  /** The sink call as written, e.g. `logger.info()`. */
  readonly callee: string;
  /** Project functions the data went through to reach the sink, outermost first. */
  readonly via: readonly string[];
  /** Kinds of data the sink is known not to receive here (a tool part written out is no prompt). */
  readonly notReceived?: readonly TaintKind[];
  /**
   * The sink writes a tool call the model made (a message part narrowed to one): what it holds is
   * the model's output, also where the message as a whole counts as prompt data.
   */
  readonly toolCall?: true;
  /**
   * Kinds already reported at this sink inside a function further down the chain (its parameter's
   * own type made the data sensitive there): callers up the chain do not report them again.
   */
  readonly reportedBelow?: readonly TaintKind[];
  /** For `crypto` sinks: why the encryption does not protect the data. */
  readonly weakness?: Weakness;
  /**
   * What the data is written as at the sink itself (the argument of `logger.info(...)`), also when
   * the finding is reported at a caller of the helper that holds the sink: a code flow's last step.
   */
  readonly at?: ts.Node;
  /**
   * For a finding reported at a sink inside a helper (see `arrivals.ts`): the argument of a call
   * where the data entered the first helper, and the helpers it went through, outermost first.
   */
  readonly received?: { readonly at: ts.Node; readonly through: readonly string[] };
}

/** Sensitive data reaching a sink. */
export interface Finding {
  readonly taint: Taint;
  readonly sink: SinkHit;
  /** The node to report: the argument (or property) that carries the data. */
  readonly node: ts.Node;
  /**
   * For a finding reported at the call of a local closure (`report(prompt)`): the node inside the
   * closure where the data was handed on, so that a helper called there still finds its callers' data.
   */
  readonly insideClosure?: ts.Node;
}

export function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

function findingKey(finding: Finding): string {
  return `${finding.node.pos}:${finding.node.end}:${finding.taint.kind}:${finding.sink.kind}:${finding.sink.category}:${finding.sink.callee}`;
}

/** The same, and the sink's own site: a call of a helper that logs its argument in two places is two flows. */
function flowKey(finding: Finding): string {
  return `${findingKey(finding)}:${finding.sink.at?.pos ?? ''}`;
}

function dedupeBy(findings: readonly Finding[], key: (finding: Finding) => string): Finding[] {
  const seen = new Set<string>();
  const result: Finding[] = [];
  for (const finding of findings) {
    const id = key(finding);
    if (!seen.has(id)) {
      seen.add(id);
      result.push(finding);
    }
  }
  return result;
}

/** One finding per reported node, data kind and sink: what is reported. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  return dedupeBy(findings, findingKey);
}

/** One finding per flow, kept apart by the sink's site so that each sink inside a helper can be reported there (`arrivals.ts`). */
export function dedupeFlows(findings: readonly Finding[]): Finding[] {
  return dedupeBy(findings, flowKey);
}
