import ts from '../typescript.cjs';

import type { ArgumentPath, ModelLoader } from '../../knowledge/model-loaders.js';
import { type ByteTrace, symbolKey, traceBytes } from './bytes.js';
import { projectFunctionOf } from './callee.js';
import type { IntegrityContext, IntegritySettings } from './context.js';
import { evidenceAfter, evidenceBefore } from './evidence.js';
import type { Finding } from './findings.js';
import { summarize } from './summaries.js';
import { type ArgumentLookup, declarationOf, describeExpression, lookupArgument, skipValueWrappers, staticBoolean, valueSymbolOf } from './values.js';
import { type Verdict, verdictFor } from './verdicts.js';

/** A call that loads a model: a call, or a `new` of a loader class (LangChain's `new ChatWebLLM(...)`). */
export type LoadCall = ts.CallExpression | ts.NewExpression;

/** The loader a `loaders` option names: it loads a model file, URL or buffer from its first argument. */
export const CUSTOM_LOADER: ModelLoader = {
  label: 'the configured loader',
  packages: [],
  names: [],
  source: 'file',
  model: [{ argument: 0 }],
  remedy: 'hash the bytes with SHA-256 and compare the digest with a pinned value before loading them',
};

/**
 * What the per-loader checks share for one linted file: the settings, how a load is labelled and
 * its arguments looked up, and the verdict on the bytes a load reads (the evidence before it,
 * project helpers that verified them, private wrappers whose every caller passes verified bytes).
 */
export class LoadJudge {
  constructor(
    readonly program: ts.Program,
    readonly checker: ts.TypeChecker,
    readonly sourceFile: ts.SourceFile,
    readonly settings: IntegritySettings,
    readonly context: IntegrityContext,
  ) {}

  label(call: LoadCall, loader: ModelLoader): string {
    if (loader === CUSTOM_LOADER) {
      return `${describeExpression(call.expression, 'the loader')}()`;
    }
    const text = call.expression.getText().replace(/\s+/g, '');
    if (ts.isNewExpression(call)) {
      return text.length <= 48 ? `new ${text}()` : `new ${loader.label}()`;
    }
    return text.length <= 48 ? `${text}()` : loader.label;
  }

  findModel(call: LoadCall, paths: readonly ArgumentPath[]): ArgumentLookup {
    let result: ArgumentLookup = { kind: 'missing' };
    for (const path of paths) {
      const lookup = lookupArgument(call, path, this.checker);
      if (lookup.kind === 'present') {
        return lookup;
      }
      if (lookup.kind === 'unknown') {
        result = lookup;
      }
    }
    return result;
  }

  optionIsTrue(call: LoadCall, paths: readonly ArgumentPath[] | undefined, expected: boolean): boolean {
    for (const path of paths ?? []) {
      const lookup = lookupArgument(call, path, this.checker);
      if (lookup.kind === 'present' && staticBoolean(lookup.value, this.checker) === expected) {
        return true;
      }
    }
    return false;
  }

  verdict(call: LoadCall, trace: ByteTrace, directory: boolean, model?: ts.Expression, depth = 0): Verdict {
    const evidence = evidenceBefore(call, this.context);
    const verdict = verdictFor(trace, evidence, this.context, { allowWeakHashes: this.settings.allowWeakHashes, directory });
    if (verdict.kind !== 'unverified') {
      return verdict;
    }
    // Bytes handed back by a project helper that verified them first (`await fetchVerified(url)`).
    for (const helperCall of trace.helperCalls) {
      const helper = projectFunctionOf(helperCall, this.checker, this.program);
      const returned = helper ? summarize(helper, this.context).returnsVerified : undefined;
      if (returned) {
        if (returned.strength === 'weak' && !this.settings.allowWeakHashes) {
          return { kind: 'weak', algorithm: returned.algorithm, node: helperCall };
        }
        return { kind: 'verified' };
      }
    }
    if (model && depth < 3 && this.verifiedAtEveryCallSite(model, directory, depth)) {
      return { kind: 'verified' };
    }
    return verdict;
  }

  /**
   * A private wrapper (`function createSession(path) { return InferenceSession.create(path) }`)
   * whose every call site in this file passes verified bytes. Only functions that are neither
   * exported nor passed around qualify: then this file holds all of their callers.
   */
  private verifiedAtEveryCallSite(model: ts.Expression, directory: boolean, depth: number): boolean {
    const expression = skipValueWrappers(model);
    if (!ts.isIdentifier(expression)) {
      return false;
    }
    const parameter = declarationOf(expression, this.checker);
    if (!parameter || !ts.isParameter(parameter)) {
      return false;
    }
    const fn = parameter.parent;
    const index = fn.parameters.indexOf(parameter);
    const calls = this.privateCallSites(fn);
    if (!calls || calls.length === 0) {
      return false;
    }
    return calls.every(callSite => {
      const argument = callSite.arguments[index];
      if (!argument || ts.isSpreadElement(argument)) {
        return false;
      }
      const verdict = this.verdict(callSite, traceBytes(argument, this.context), directory, argument, depth + 1);
      return verdict.kind === 'verified';
    });
  }

  private readonly callSites = new Map<ts.Symbol, ts.CallExpression[] | null>();

  /** Calls of a non-exported function of this file, or `null` when it is exported or used as a value. */
  private privateCallSites(fn: ts.SignatureDeclaration): ts.CallExpression[] | null {
    let nameNode: ts.Identifier | undefined;
    if (ts.isFunctionDeclaration(fn) && fn.name) {
      nameNode = fn.name;
    } else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) {
      nameNode = fn.parent.name;
    }
    const symbol = nameNode ? this.checker.getSymbolAtLocation(nameNode) : undefined;
    if (!nameNode || !symbol || nameNode.getSourceFile() !== this.sourceFile) {
      return null;
    }
    const cached = this.callSites.get(symbol);
    if (cached !== undefined) {
      return cached;
    }
    const moduleSymbol = this.checker.getSymbolAtLocation(this.sourceFile);
    const exported = moduleSymbol
      ? this.checker.getExportsOfModule(moduleSymbol).some(candidate => candidate === symbol || (candidate.flags & ts.SymbolFlags.Alias && this.checker.getAliasedSymbol(candidate) === symbol))
      : false;
    let calls: ts.CallExpression[] | null = exported ? null : [];
    const name = nameNode.text;
    const declarationName = nameNode;
    const visit = (node: ts.Node): void => {
      if (calls === null) {
        return;
      }
      if (ts.isIdentifier(node) && node.text === name && node !== declarationName && valueSymbolOf(node, this.checker) === symbol) {
        const parent = node.parent;
        if (ts.isCallExpression(parent) && parent.expression === node) {
          calls.push(parent);
        } else {
          // Passed as a value: callers elsewhere are invisible.
          calls = null;
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    if (calls !== null) {
      visit(this.sourceFile);
    }
    this.callSites.set(symbol, calls);
    return calls;
  }

  /** Was the result of a download call verified by a hash check after it (before anything else)? */
  resultVerifiedAfter(call: LoadCall): boolean {
    let node: ts.Node = call;
    while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) {
      node = node.parent;
    }
    const declaration = node.parent;
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) {
      return false;
    }
    const symbol = valueSymbolOf(declaration.name, this.checker);
    const statement = declaration.parent.parent;
    if (!symbol || !ts.isVariableStatement(statement)) {
      return false;
    }
    const key = symbolKey(symbol);
    const evidence = evidenceAfter(statement, this.context);
    return evidence.effective.some(
      ({ bytes }) =>
        bytes.pinned.kind !== 'unpinned' &&
        (bytes.strength !== 'weak' || this.settings.allowWeakHashes) &&
        bytes.inputs.some(input => traceBytes(input, this.context).keys.has(key)),
    );
  }

  localFile(at: ts.Node, loader: string, model: string): Finding[] {
    return this.settings.allowLocalPaths ? [] : [{ kind: 'unhashedLocalFile', node: at, data: { loader, model }, suggestions: [] }];
  }
}
