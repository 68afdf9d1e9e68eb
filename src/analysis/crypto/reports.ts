import path from 'node:path';

import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from '../typescript.cjs';

import { type FlowCustomization, mergeCustomizations, readSharedSettings } from '../config.js';
import type { Finding } from '../flow/finding.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { flowAnalysisFor } from '../index.js';
import { filesImporting } from '../reach.js';
import { CipherInspector, type WeakConstruct, type WeaknessKind } from './ciphers.js';
import { mayDeriveKey } from './key-derivation.js';
import { ormHookUses } from './orm-hooks.js';

/** Where prompt data that reaches a weak construct comes from. */
export interface ConstructOrigin {
  /** How messages name it, e.g. `'messages'`, `the 'content' field of 'MessageSchema' (...)`. */
  readonly label: string;
  /** Where the data enters: the source, or the field an ORM hook transforms. */
  readonly node: ts.Node;
  /** Why the data is prompt data, when the label does not say (an ORM field's shape). */
  readonly evidence?: string;
  /** The flow that carries it (absent for ORM hooks). */
  readonly finding?: Finding;
}

/** One report of `no-weak-prompt-encryption`: a weak construct and the prompt data it protects. */
export interface WeakConstructReport {
  readonly construct: WeakConstruct;
  /** Empty when only `checkAllData` makes it a report. */
  readonly origins: readonly ConstructOrigin[];
}

/** Text a file must contain to hold a weak construct at all (cheap, before anything is resolved). */
const CRYPTO_TEXT = /createCipher|createDecipher|encrypt|decrypt|pbkdf2|scrypt|digest|EvpKDF|SHA\d|MD5|RIPEMD|argon2|deriveKey|deriveBits/i;

/**
 * The weak constructs written in `sourceFile` that prompt data reaches, each once with every origin
 * of that data (or, with `checkAllData`, every weak construct written there). The data may come
 * from another file: a weak helper here is called with a conversation there. Such callers are
 * analysed too (each file once per program), and their findings count here, where the fix goes.
 */
export function weakConstructReports(analysis: FlowAnalysis, sourceFile: ts.SourceFile, checkAllData: boolean): WeakConstructReport[] {
  if (!CRYPTO_TEXT.test(sourceFile.text)) {
    return [];
  }
  const byConstruct = new Map<ts.Node, { construct: WeakConstruct; origins: ConstructOrigin[] }>();
  const add = (construct: WeakConstruct, origin: ConstructOrigin | undefined): void => {
    if (construct.node.getSourceFile() !== sourceFile) return;
    let entry = byConstruct.get(construct.node);
    if (!entry) {
      entry = { construct, origins: [] };
      byConstruct.set(construct.node, entry);
    }
    if (origin && !entry.origins.some(known => known.node === origin.node)) entry.origins.push(origin);
  };
  // What is written here: weak constructs, and calls that may derive a key for a cipher elsewhere.
  // With neither, no flow from any file can end at a construct in this one.
  const local = encryptionCalls(sourceFile);
  const weakHere = local.encryptions.some(call => analysis.ciphers.constructsOfCall(call).some(construct => construct.node.getSourceFile() === sourceFile));
  if (!weakHere && !local.derivations) {
    return [];
  }
  const files = filesImporting(analysis.program, [sourceFile]);
  for (const file of files) {
    for (const finding of analysis.analyzeFile(file)) {
      if (finding.taint.kind !== 'prompt' || finding.sink.kind !== 'crypto' || !finding.sink.weakness) continue;
      for (const construct of finding.sink.weakness.constructs) {
        add(construct, { label: finding.taint.label, node: finding.taint.origin, finding });
      }
    }
    for (const use of ormHookUses(analysis, file)) {
      add(use.construct, { label: use.label, node: use.field, evidence: use.evidence });
    }
    if (checkAllData) {
      for (const call of file === sourceFile ? local.encryptions : encryptionCalls(file).encryptions) {
        for (const construct of analysis.ciphers.constructsOfCall(call)) add(construct, undefined);
      }
    }
  }
  return [...byConstruct.values()].sort((a, b) => a.construct.node.getStart() - b.construct.node.getStart());
}

/** Calls that may encrypt or decrypt, and whether any call may derive a key, by callee names alone. */
function encryptionCalls(sourceFile: ts.SourceFile): { encryptions: ts.CallExpression[]; derivations: boolean } {
  const encryptions: ts.CallExpression[] = [];
  let derivations = false;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      if (CipherInspector.mayEncrypt(node)) encryptions.push(node);
      else derivations ||= mayDeriveKey(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { encryptions, derivations };
}

/** At most this many origins are named in a message; the rest are counted. */
const MAX_ORIGINS = 3;

/** `line 4` in the file being linted, `crypto.ts:4` in another. */
function at(node: ts.Node, currentFile: ts.SourceFile): string {
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  return file === currentFile ? `line ${line}` : `${path.basename(file.fileName)}:${line}`;
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

const ACTION: Readonly<Record<WeakConstruct['role'], string>> = {
  encrypts: 'encrypts',
  decrypts: 'decrypts',
  'derives-key': 'derives the key that encrypts',
};

/**
 * Message data for a report: the construct, what it does to which data (`prompt data from 'messages'
 * (line 2) and 'history' (chat.ts:14)`), and every weakness with the line it is written on. `kind`
 * is the first weakness, which chooses the message.
 */
export function describeWeakConstruct(report: WeakConstructReport, currentFile: ts.SourceFile): { kind: WeaknessKind; data: Record<string, string> } {
  const { construct, origins } = report;
  const named = origins.slice(0, MAX_ORIGINS).map(origin => `${origin.label} (${at(origin.node, currentFile)}${origin.evidence ? `: ${origin.evidence}` : ''})`);
  if (origins.length > MAX_ORIGINS) named.push(`${origins.length - MAX_ORIGINS} more`);
  const weaknesses = construct.details.map(detail => `${detail.reason} (${at(detail.evidence, currentFile)})`);
  return {
    kind: construct.details[0]!.kind,
    data: {
      construct: construct.label,
      action: ACTION[construct.role],
      data: origins.length === 0 ? 'data' : `prompt data from ${listed(named)}`,
      weaknesses: listed(weaknesses),
    },
  };
}

/** What the rule needs from the analysis of the file being linted. */
export interface WeakEncryptionInFile {
  readonly reports: readonly WeakConstructReport[];
  readonly sourceFile: ts.SourceFile;
  readonly toESTree: (node: ts.Node) => TSESTree.Node | undefined;
}

/**
 * Runs (or reuses) the flow analysis for the program of the file being linted and returns the
 * weak constructs to report there. Throws typescript-eslint's own error when there is no type information.
 */
export function weakEncryptionInCurrentFile(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  ruleCustomization: Partial<FlowCustomization>,
  checkAllData: boolean,
): WeakEncryptionInFile {
  const services = ESLintUtils.getParserServices(context);
  const analysis = flowAnalysisFor(services.program, mergeCustomizations(readSharedSettings(context.settings), ruleCustomization));
  const sourceFile = services.esTreeNodeToTSNodeMap.get(context.sourceCode.ast);
  return {
    reports: weakConstructReports(analysis, sourceFile, checkAllData),
    sourceFile,
    toESTree: node => services.tsNodeToESTreeNodeMap.get(node),
  };
}
