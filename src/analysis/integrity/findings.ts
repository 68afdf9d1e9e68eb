import ts from 'typescript';

import {
  type ArgumentPath,
  HUB_ENVIRONMENT,
  MODEL_HANDLER_FACTORIES,
  MODEL_LOADERS,
  type ModelLoader,
  NON_MODEL_FILE_EXTENSIONS,
  NON_MODEL_FILE_NAMES,
  TRANSFORMERS_PACKAGES,
  WEB_LLM,
} from '../../knowledge/model-loaders.js';
import { staticStringValue } from '../constants.js';
import { type ByteTrace, symbolKey, traceBytes } from './bytes.js';
import { callMatchesSpecifiers, calleeName, identifyCall, identifySymbol, identityMatches, packageMatches, projectFunctionOf } from './callee.js';
import { displayAlgorithm } from './hashing.js';
import {
  type ArgumentLookup,
  classifyLocation,
  declarationOf,
  describeExpression,
  initializerOf,
  isBinaryType,
  isConstDeclaration,
  isCommitSha,
  literalStringsOfType,
  lookupArgument,
  objectLiteralOf,
  partialStaticString,
  propertyOf,
  revisionInLocation,
  skipValueWrappers,
  staticBoolean,
  UNKNOWN,
  valueSymbolOf,
} from './values.js';
import type { IntegrityContext, IntegritySettings } from './context.js';
import { evidenceAfter, evidenceBefore } from './evidence.js';
import { helperDigestOf, summarize } from './summaries.js';
import { hasOllamaDigestCheck, type Verdict, verdictFor } from './verdicts.js';

export type FindingKind =
  | 'unpinnedDownload'
  | 'mutableRevision'
  | 'unhashedLocalFile'
  | 'unhashedBuffer'
  | 'hashNotEnforced'
  | 'weakHash'
  | 'pinDefeated'
  | 'webLlmWeightsUnverified';

export type SuggestionKind = 'addRevision' | 'addUriRevision' | 'failClosed';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Finding {
  readonly kind: FindingKind;
  /** The node the report points at. */
  readonly node: ts.Node;
  readonly data: Readonly<Record<string, string>>;
  readonly suggestions: readonly { readonly kind: SuggestionKind; readonly edits: readonly TextEdit[] }[];
}

/** What a suggestion inserts: a placeholder the user must replace (the rule keeps reporting it until they do). */
export const REVISION_PLACEHOLDER = 'REPLACE_WITH_FULL_40_CHAR_COMMIT_SHA';

const CUSTOM_LOADER: ModelLoader = {
  label: 'the configured loader',
  packages: [],
  names: [],
  source: 'file',
  model: [{ argument: 0 }],
  remedy: 'hash the bytes with SHA-256 and compare the digest with a pinned value before loading them',
};

const LOADER_NAMES = new Set(MODEL_LOADERS.flatMap(loader => loader.names));

const remoteDisabledCache = new WeakMap<ts.Program, boolean>();

/**
 * Does any project file set `env.allowRemoteModels = false` (transformers.js)? Then every
 * transformers load reads local files. Computed once per program with a cheap text pre-filter.
 */
function programDisablesRemoteModels(program: ts.Program, checker: ts.TypeChecker): boolean {
  const cached = remoteDisabledCache.get(program);
  if (cached !== undefined) {
    return cached;
  }
  let found = false;
  for (const sourceFile of program.getSourceFiles()) {
    if (found) {
      break;
    }
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile) || !sourceFile.text.includes(HUB_ENVIRONMENT.remoteSwitchProperty)) {
      continue;
    }
    const visit = (node: ts.Node): void => {
      if (found) {
        return;
      }
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.name.text === HUB_ENVIRONMENT.remoteSwitchProperty &&
        staticBoolean(node.right, checker) === false
      ) {
        const symbol = checker.getSymbolAtLocation(node.left.name);
        const identity = symbol ? identifySymbol(symbol, checker, program) : undefined;
        if (identity && packageMatches(identity.origin, TRANSFORMERS_PACKAGES)) {
          found = true;
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  remoteDisabledCache.set(program, found);
  return found;
}

function lineOf(node: ts.Node): number {
  const sourceFile = node.getSourceFile();
  return sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
}

/** Finds unverified model loads in one file. Create one per lint run of a file. */
export class ModelIntegrityAnalyzer {
  private readonly context: IntegrityContext;
  private readonly candidateNames: Set<string>;
  private readonly importsWebLlm: boolean;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly sourceFile: ts.SourceFile,
    private readonly settings: IntegritySettings,
  ) {
    const optionsKey = JSON.stringify(settings.verifiers);
    const context: IntegrityContext = {
      checker,
      program,
      verifiers: settings.verifiers,
      optionsKey,
      helperDigest: call => helperDigestOf(call, context),
      summarize: fn => summarize(fn, context),
    };
    this.context = context;
    this.candidateNames = new Set([...LOADER_NAMES, WEB_LLM.reloadMethod]);
    for (const specifier of settings.loaders) {
      const names = typeof specifier === 'string' ? [specifier] : typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
      names.forEach(name => this.candidateNames.add(name));
    }
    let importsWebLlm = false;
    // Local names of imported loaders (`import { pipeline as load } from ...`).
    for (const statement of sourceFile.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
        continue;
      }
      const module = statement.moduleSpecifier.text;
      if (packageMatches(module, WEB_LLM.packages)) {
        importsWebLlm = true;
      }
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          if (element.propertyName && this.candidateNames.has(element.propertyName.text)) {
            this.candidateNames.add(element.name.text);
          }
        }
      }
    }
    this.importsWebLlm = importsWebLlm;
  }

  /** A call or `new` that might load a model. */
  checkCall(call: ts.CallExpression | ts.NewExpression): Finding[] {
    const name = calleeName(call.expression);
    if (name === undefined || !this.candidateNames.has(name) || !ts.isCallExpression(call)) {
      return [];
    }
    if (name === WEB_LLM.reloadMethod) {
      return this.checkWebLlmReload(call);
    }
    const identity = identifyCall(call, this.checker, this.program);
    let loader = MODEL_LOADERS.find(candidate => identityMatches(identity, candidate));
    if (!loader && callMatchesSpecifiers(call, this.settings.loaders, this.checker, this.program)) {
      loader = CUSTOM_LOADER;
    }
    if (!loader) {
      return [];
    }
    switch (loader.source) {
      case 'hub':
        return this.checkHubLoad(call, loader, identity?.origin);
      case 'uri':
        return this.checkUriDownload(call, loader);
      case 'file':
        return this.checkFileLoad(call, loader);
      case 'gpt4all':
        return this.checkGpt4AllLoad(call, loader);
      case 'gpt4all-download':
        return this.checkGpt4AllDownload(call, loader);
      case 'ollama-pull':
        return this.checkOllamaPull(call, loader);
      case 'ollama-create':
        return this.checkOllamaCreate(call, loader);
      case 'web-llm-engine':
        return this.checkWebLlmEngine(call, loader);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Shared helpers
  // -------------------------------------------------------------------------------------------

  private label(call: ts.CallExpression, loader: ModelLoader): string {
    if (loader === CUSTOM_LOADER) {
      return `${describeExpression(call.expression, 'the loader')}()`;
    }
    const text = call.expression.getText().replace(/\s+/g, '');
    return text.length <= 48 ? `${text}()` : loader.label;
  }

  private findModel(call: ts.CallExpression, paths: readonly ArgumentPath[]): ArgumentLookup {
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

  private optionIsTrue(call: ts.CallExpression, paths: readonly ArgumentPath[] | undefined, expected: boolean): boolean {
    for (const path of paths ?? []) {
      const lookup = lookupArgument(call, path, this.checker);
      if (lookup.kind === 'present' && staticBoolean(lookup.value, this.checker) === expected) {
        return true;
      }
    }
    return false;
  }

  private verdict(call: ts.CallExpression, trace: ByteTrace, directory: boolean, model?: ts.Expression, depth = 0): Verdict {
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

  /** A finding for a verdict that found a hash (weak or not enforced); `undefined` otherwise. */
  private hashFinding(verdict: Verdict, at: ts.Node, loader: string, model: string): Finding | undefined {
    if (verdict.kind === 'weak') {
      return { kind: 'weakHash', node: at, data: { loader, model, algorithm: displayAlgorithm(verdict.algorithm) }, suggestions: [] };
    }
    if (verdict.kind === 'not-enforced') {
      const problems: Record<typeof verdict.reason, string> = {
        'fail-open': 'is only enforced when another condition also holds (fail-open)',
        'not-enforced': 'does not stop the load when it does not match',
        unpinned: 'is compared with a value that is not pinned in the source',
        'never-compared': 'is never compared with a pinned value',
      };
      const algorithm = verdict.algorithm === undefined ? 'hash' : displayAlgorithm(verdict.algorithm);
      const what = verdict.reason === 'never-compared' ? `${algorithm} hash computed on line` : `${algorithm} check on line`;
      return {
        kind: 'hashNotEnforced',
        node: at,
        data: { loader, model, check: `${what} ${lineOf(verdict.node)}`, problem: problems[verdict.reason] },
        suggestions: [],
      };
    }
    return undefined;
  }

  /** Was the result of a download call verified by a hash check after it (before anything else)? */
  private resultVerifiedAfter(call: ts.CallExpression): boolean {
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

  private unpinned(at: ts.Node, loader: string, model: string, remedy: string, suggestions: Finding['suggestions'] = []): Finding {
    return { kind: 'unpinnedDownload', node: at, data: { loader, model, remedy }, suggestions };
  }

  private mutable(at: ts.Node, loader: string, model: string, revision: string): Finding {
    return { kind: 'mutableRevision', node: at, data: { loader, model, revision }, suggestions: [] };
  }

  private localFile(at: ts.Node, loader: string, model: string): Finding[] {
    return this.settings.allowLocalPaths ? [] : [{ kind: 'unhashedLocalFile', node: at, data: { loader, model }, suggestions: [] }];
  }

  /** Edits that add `revision: '<placeholder>'` to a call's options. */
  private addRevisionEdits(call: ts.CallExpression, where: ArgumentPath, lookup: ArgumentLookup): TextEdit[] | undefined {
    const property = `revision: '${REVISION_PLACEHOLDER}'`;
    if (lookup.kind === 'missing' && lookup.container) {
      const object = lookup.container;
      const last = object.properties[object.properties.length - 1];
      if (!last) {
        return [{ start: object.getStart(), end: object.getEnd(), text: `{ ${property} }` }];
      }
      return [{ start: last.getEnd(), end: last.getEnd(), text: `, ${property}` }];
    }
    if (lookup.kind === 'missing' && (where.path?.length ?? 0) === 1 && call.arguments.length === where.argument) {
      const last = call.arguments[call.arguments.length - 1];
      if (last) {
        return [{ start: last.getEnd(), end: last.getEnd(), text: `, { ${property} }` }];
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Hugging Face hub loads: transformers.js pipeline / from_pretrained, @huggingface/hub downloads
  // -------------------------------------------------------------------------------------------

  private checkHubLoad(call: ts.CallExpression, loader: ModelLoader, origin: string | undefined): Finding[] {
    const label = this.label(call, loader);
    const modelLookup = this.findModel(call, loader.model);
    if (modelLookup.kind === 'unknown' || (modelLookup.kind === 'missing' && !loader.defaultModelWhenMissing)) {
      return [];
    }
    let modelExpression = modelLookup.kind === 'present' ? modelLookup.value : undefined;
    if (modelExpression) {
      // `repo: { type: 'model', name: 'user/repo' }`
      const object = objectLiteralOf(modelExpression, this.checker);
      if (object) {
        const name = propertyOf(object, 'name', this.checker);
        modelExpression = name.kind === 'present' ? name.value : undefined;
        if (!modelExpression) {
          return [];
        }
      }
    }
    const reportAt: ts.Node = modelExpression ?? call.expression;
    const model = modelExpression ? describeExpression(modelExpression) : 'the default model of this task';

    // Files that are not part of a model (`README.md`).
    const fileLookup = lookupArgument(call, { argument: 0, path: ['path'] }, this.checker);
    if (!loader.localOnlyWhenTrue && fileLookup.kind === 'present') {
      const file = staticStringValue(fileLookup.value, this.checker);
      const base = file?.split('/').pop() ?? '';
      if (file !== undefined && (NON_MODEL_FILE_EXTENSIONS.some(extension => base.toLowerCase().endsWith(extension)) || (NON_MODEL_FILE_NAMES as readonly string[]).includes(base))) {
        return [];
      }
    }

    const text = modelExpression ? partialStaticString(modelExpression, this.checker) : undefined;
    const location = modelExpression ? classifyLocation(text, { repoIds: true }) : 'repo-id';
    const isTransformers = packageMatches(origin, TRANSFORMERS_PACKAGES) || loader.localOnlyWhenTrue !== undefined;
    const local =
      location === 'local' ||
      this.optionIsTrue(call, loader.localOnlyWhenTrue, true) ||
      (isTransformers && programDisablesRemoteModels(this.program, this.checker));

    if (local) {
      if (!modelExpression) {
        return this.localFile(reportAt, label, model);
      }
      const verdict = this.verdict(call, traceBytes(modelExpression, this.context), loader.directory === true, modelExpression);
      if (verdict.kind === 'verified') {
        return [];
      }
      const hashFinding = this.hashFinding(verdict, reportAt, label, model);
      return hashFinding ? [hashFinding] : this.localFile(reportAt, label, model);
    }

    if (location === 'url' || location === 'hf-uri') {
      // A full URL given as the "repo": judge the revision inside it.
      return this.checkRemoteLocation(call, reportAt, label, model, text ?? '', location, loader.remedy);
    }

    const where = loader.revision;
    if (!where) {
      return [];
    }
    const revisionLookup = lookupArgument(call, where, this.checker);
    if (revisionLookup.kind === 'unknown') {
      return this.judgeRevisionType(revisionLookup.container, label, model);
    }
    if (revisionLookup.kind === 'present') {
      return this.judgeRevision(revisionLookup.value, label, model);
    }
    if (this.resultVerifiedAfter(call)) {
      return [];
    }
    const edits = modelExpression ? this.addRevisionEdits(call, where, revisionLookup) : undefined;
    return [this.unpinned(reportAt, label, model, loader.remedy, edits ? [{ kind: 'addRevision', edits }] : [])];
  }

  /** A `revision` value: a full commit SHA is fine; branches, tags and short SHAs are not. */
  private judgeRevision(revision: ts.Expression, label: string, model: string): Finding[] {
    const values = staticStringValue(revision, this.checker) !== undefined ? [staticStringValue(revision, this.checker) ?? ''] : literalStringsOfType(revision, this.checker);
    if (!values) {
      // Only known at run time (a parameter, configuration): the caller decides.
      return [];
    }
    const moving = values.find(value => !isCommitSha(value));
    return moving === undefined ? [] : [this.mutable(revision, label, model, moving)];
  }

  /** Options the rule cannot see into: use the type of their `revision` property, if it is literal. */
  private judgeRevisionType(options: ts.Expression, label: string, model: string): Finding[] {
    const type = this.checker.getTypeAtLocation(options);
    const property = type.getProperty('revision');
    if (!property) {
      return [];
    }
    const propertyType = this.checker.getTypeOfSymbol(property);
    const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
    const values: string[] = [];
    for (const part of parts) {
      if (part.isStringLiteral()) {
        values.push(part.value);
      } else if (!(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null))) {
        return [];
      }
    }
    const moving = values.find(value => !isCommitSha(value));
    return moving === undefined ? [] : [this.mutable(options, label, model, moving)];
  }

  /** An `hf:` URI or an http(s) URL: pinned by `#<sha>` or `/resolve/<sha>/`, or not at all. */
  private checkRemoteLocation(
    call: ts.CallExpression,
    at: ts.Node,
    label: string,
    model: string,
    text: string,
    kind: 'url' | 'hf-uri',
    remedy: string,
    suggestions: Finding['suggestions'] = [],
  ): Finding[] {
    const revision = revisionInLocation(text, kind);
    if (revision !== undefined) {
      if (revision.includes(UNKNOWN)) {
        return [];
      }
      return isCommitSha(revision) ? [] : [this.mutable(at, label, model, revision)];
    }
    if (this.resultVerifiedAfter(call)) {
      return [];
    }
    return [this.unpinned(at, label, model, remedy, suggestions)];
  }

  // -------------------------------------------------------------------------------------------
  // node-llama-cpp downloads (resolveModelFile, createModelDownloader)
  // -------------------------------------------------------------------------------------------

  private checkUriDownload(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present') {
      return [];
    }
    const text = partialStaticString(lookup.value, this.checker);
    const kind = classifyLocation(text, { repoIds: false });
    if (kind !== 'url' && kind !== 'hf-uri') {
      // A local path (the load judges it) or a value only known at run time.
      return [];
    }
    const label = this.label(call, loader);
    const model = describeExpression(lookup.value);
    const suggestions: { kind: SuggestionKind; edits: TextEdit[] }[] = [];
    const literal = skipValueWrappers(lookup.value);
    // `hf:<user>/<model>/<file-path>` accepts `#<revision>`; the `:<quant>` form does not.
    if (kind === 'hf-uri' && ts.isStringLiteral(literal) && /^hf:[^/:#]+\/[^/:#]+\/[^:#]+$/.test(literal.text)) {
      const quote = literal.getText().charAt(0);
      suggestions.push({
        kind: 'addUriRevision',
        edits: [{ start: literal.getStart(), end: literal.getEnd(), text: `${quote}${literal.text}#${REVISION_PLACEHOLDER}${quote}` }],
      });
    }
    return this.checkRemoteLocation(call, lookup.value, label, model, text ?? '', kind, loader.remedy, suggestions);
  }

  // -------------------------------------------------------------------------------------------
  // Loaders of files, URLs and buffers (ONNX Runtime, llama.cpp, tfjs, MediaPipe, custom)
  // -------------------------------------------------------------------------------------------

  private checkFileLoad(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present') {
      return [];
    }
    let value = lookup.value;
    let forceBuffer = false;
    const label = this.label(call, loader);

    // tfjs IO handlers: `tf.io.fileSystem(path)`, `tf.io.fromMemory(artifacts)`.
    const handler = skipValueWrappers(value);
    if (ts.isCallExpression(handler)) {
      const identity = identifyCall(handler, this.checker, this.program);
      const factory = MODEL_HANDLER_FACTORIES.find(candidate => identityMatches(identity, candidate));
      if (factory) {
        const argument = handler.arguments[factory.argument];
        if (factory.kind === 'user' || !argument) {
          return [];
        }
        value = argument;
        forceBuffer = factory.kind === 'bytes';
      }
    }
    if (ts.isArrayLiteralExpression(skipValueWrappers(value)) && loader.names.includes('loadGraphModelSync')) {
      // `loadGraphModelSync([modelJson, weights])`: the weights are the model bytes.
      const weights = (skipValueWrappers(value) as ts.ArrayLiteralExpression).elements[1];
      if (!weights) {
        return [];
      }
      value = weights;
      forceBuffer = true;
    }

    const type = this.checker.getTypeAtLocation(value);
    const binary = forceBuffer || isBinaryType(type, this.checker);
    const stringLike = (type.flags & ts.TypeFlags.StringLike) !== 0 || (type.isUnion() && type.types.every(part => (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Undefined)) !== 0));
    const isUrlObject = type.getSymbol()?.name === 'URL';
    if (!binary && !stringLike && !isUrlObject) {
      // A custom IO handler or an object the rule does not know.
      return [];
    }

    // tfjs `fetchFunc`: a project function that verifies hashes covers every file it fetches.
    if (loader.fetchOption) {
      const fetchLookup = lookupArgument(call, loader.fetchOption, this.checker);
      if (fetchLookup.kind === 'present' && this.functionVerifies(fetchLookup.value)) {
        return [];
      }
    }

    const model = describeExpression(value);
    const trace = traceBytes(value, this.context);
    const verdict = this.verdict(call, trace, loader.directory === true, value);
    if (verdict.kind === 'verified') {
      return [];
    }
    const hashFinding = this.hashFinding(verdict, value, label, model);
    if (hashFinding) {
      return [hashFinding];
    }
    if (trace.downloads.length > 0 && !this.isLocalResolve(trace)) {
      // The download is judged where it happens (pinned, or reported there).
      return [];
    }
    if (binary) {
      if (trace.readsFile && !trace.fetched && this.settings.allowLocalPaths) {
        return [];
      }
      return [{ kind: 'unhashedBuffer', node: value, data: { loader: label, model }, suggestions: [] }];
    }
    if (loader.remoteWhenTrue && this.optionIsTrue(call, [loader.remoteWhenTrue], true)) {
      return [this.unpinned(value, label, model, loader.remedy)];
    }
    const text = partialStaticString(value, this.checker);
    const kind = classifyLocation(text, { repoIds: false });
    if (kind === 'url' || kind === 'hf-uri') {
      return this.checkRemoteLocation(call, value, label, model, text ?? '', kind, loader.remedy);
    }
    return this.localFile(value, label, model);
  }

  /** `resolveModelFile('model.gguf', dir)` only resolves a local file: the load is what counts. */
  private isLocalResolve(trace: ByteTrace): boolean {
    return trace.downloads.every(download => {
      const name = calleeName(download.expression);
      if (name !== 'resolveModelFile') {
        return false;
      }
      const argument = download.arguments[0];
      const kind = argument ? classifyLocation(partialStaticString(argument, this.checker), { repoIds: false }) : 'unknown';
      return kind === 'local';
    });
  }

  /** Is a value a project function whose body checks a hash fail-closed? */
  private functionVerifies(node: ts.Expression): boolean {
    let expression = skipValueWrappers(node);
    if (ts.isIdentifier(expression)) {
      const declaration = declarationOf(expression, this.checker);
      if (declaration && ts.isFunctionDeclaration(declaration) && declaration.body) {
        return summarize(declaration, this.context).verifiesSomething;
      }
      const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
      if (!initializer) {
        return false;
      }
      expression = skipValueWrappers(initializer);
    }
    if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) {
      return summarize(expression, this.context).verifiesSomething;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------
  // gpt4all
  // -------------------------------------------------------------------------------------------

  private checkGpt4AllLoad(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present') {
      return [];
    }
    const label = this.label(call, loader);
    const model = describeExpression(lookup.value);
    const verdict = this.verdict(call, traceBytes(lookup.value, this.context), false, lookup.value);
    if (verdict.kind === 'verified') {
      return [];
    }
    const hashFinding = this.hashFinding(verdict, lookup.value, label, model);
    if (hashFinding) {
      return [hashFinding];
    }
    const location = classifyLocation(partialStaticString(lookup.value, this.checker), { repoIds: false });
    const localOnly = this.optionIsTrue(call, loader.localOnlyWhenFalse, false);
    if (localOnly || (location === 'local' && /[\\/]/.test(lookup.value.getText()))) {
      return this.localFile(lookup.value, label, model);
    }
    return [this.unpinned(lookup.value, label, model, loader.remedy)];
  }

  private checkGpt4AllDownload(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present') {
      return [];
    }
    const label = this.label(call, loader);
    const model = describeExpression(lookup.value);
    if (loader.hashOption) {
      const hash = lookupArgument(call, loader.hashOption, this.checker);
      if (hash.kind === 'present') {
        if (this.settings.allowWeakHashes) {
          return [];
        }
        return [{ kind: 'weakHash', node: hash.value, data: { loader: label, model, algorithm: loader.hashOption.algorithm }, suggestions: [] }];
      }
      if (hash.kind === 'unknown') {
        return [];
      }
    }
    return [this.unpinned(lookup.value, label, model, loader.remedy)];
  }

  // -------------------------------------------------------------------------------------------
  // Ollama
  // -------------------------------------------------------------------------------------------

  private checkOllamaPull(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const findings: Finding[] = [];
    const label = this.label(call, loader);
    const lookup = this.findModel(call, loader.model);
    const model = lookup.kind === 'present' ? describeExpression(lookup.value) : 'the model';
    // `insecure: true` is a transport problem: no-insecure-llm-transport reports it (one finding per concern).
    if (lookup.kind === 'present' && !hasOllamaDigestCheck(evidenceAfter(this.statementOf(call), this.context))) {
      findings.push(this.unpinned(lookup.value, label, model, loader.remedy));
    }
    return findings;
  }

  private checkOllamaCreate(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present') {
      return [];
    }
    const from = partialStaticString(lookup.value, this.checker);
    // Only a base model named by a registry host (`hf.co/user/repo:Q4_K_M`) is certainly pulled;
    // a plain tag (`llama3.2`) is usually a model already pulled (where `pull()` is judged).
    if (from === undefined || from.startsWith(UNKNOWN) || !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\//i.test(from)) {
      return [];
    }
    if (hasOllamaDigestCheck(evidenceAfter(this.statementOf(call), this.context))) {
      return [];
    }
    return [this.unpinned(lookup.value, this.label(call, loader), describeExpression(lookup.value), loader.remedy)];
  }

  private statementOf(node: ts.Node): ts.Node {
    let current = node;
    while (current.parent && !ts.isBlock(current.parent) && !ts.isSourceFile(current.parent) && !ts.isCaseClause(current.parent) && !ts.isModuleBlock(current.parent)) {
      current = current.parent;
    }
    return current;
  }

  // -------------------------------------------------------------------------------------------
  // web-llm
  // -------------------------------------------------------------------------------------------

  private isPrebuiltReference(node: ts.Expression): boolean {
    let expression = skipValueWrappers(node);
    while (ts.isPropertyAccessExpression(expression) && expression.name.text === WEB_LLM.modelListKey) {
      expression = skipValueWrappers(expression.expression);
    }
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) {
      return false;
    }
    const nameNode = ts.isIdentifier(expression) ? expression : expression.name;
    if (nameNode.text !== WEB_LLM.prebuiltConfig) {
      return false;
    }
    const symbol = this.checker.getSymbolAtLocation(nameNode);
    const identity = symbol ? identifySymbol(symbol, this.checker, this.program) : undefined;
    return packageMatches(identity?.origin, WEB_LLM.packages);
  }

  /** Does an engine config leave web-llm on its prebuilt model list (every record on `main`)? */
  private usesPrebuiltList(config: ArgumentLookup, modelId: ts.Expression | undefined): boolean {
    if (config.kind === 'missing') {
      return true;
    }
    if (config.kind === 'unknown') {
      return false;
    }
    const configObject = objectLiteralOf(config.value, this.checker);
    if (!configObject) {
      return false;
    }
    const appConfig = propertyOf(configObject, WEB_LLM.appConfigKey, this.checker);
    if (appConfig.kind === 'missing') {
      return true;
    }
    if (appConfig.kind === 'unknown') {
      return false;
    }
    if (this.isPrebuiltReference(appConfig.value)) {
      return true;
    }
    const appObject = objectLiteralOf(appConfig.value, this.checker);
    if (!appObject) {
      return false;
    }
    const list = propertyOf(appObject, WEB_LLM.modelListKey, this.checker);
    if (list.kind === 'unknown') {
      return appObject.properties.some(member => ts.isSpreadAssignment(member) && this.isPrebuiltReference(member.expression));
    }
    if (list.kind === 'missing') {
      return false;
    }
    if (this.isPrebuiltReference(list.value)) {
      return true;
    }
    const array = skipValueWrappers(list.value);
    const arrayLiteral = ts.isArrayLiteralExpression(array)
      ? array
      : ts.isIdentifier(array)
        ? (() => {
            const initializer = initializerOf(array, this.checker);
            return initializer && ts.isArrayLiteralExpression(skipValueWrappers(initializer)) ? (skipValueWrappers(initializer) as ts.ArrayLiteralExpression) : undefined;
          })()
        : undefined;
    if (!arrayLiteral) {
      return false;
    }
    const includesPrebuilt = arrayLiteral.elements.some(element => ts.isSpreadElement(element) && this.isPrebuiltReference(element.expression));
    if (!includesPrebuilt) {
      return false;
    }
    const wanted = modelId ? staticStringValue(modelId, this.checker) : undefined;
    if (wanted === undefined) {
      return false;
    }
    const ownRecord = arrayLiteral.elements.some(element => {
      const record = ts.isSpreadElement(element) ? undefined : objectLiteralOf(element, this.checker);
      const id = record ? propertyOf(record, WEB_LLM.idKey, this.checker) : undefined;
      return id?.kind === 'present' && staticStringValue(id.value, this.checker) === wanted;
    });
    return !ownRecord;
  }

  private checkWebLlmEngine(call: ts.CallExpression, loader: ModelLoader): Finding[] {
    const lookup = this.findModel(call, loader.model);
    if (lookup.kind !== 'present' || !loader.engineConfig) {
      return [];
    }
    const config = lookupArgument(call, loader.engineConfig, this.checker);
    if (!this.usesPrebuiltList(config, lookup.value)) {
      return [];
    }
    return [this.unpinned(lookup.value, this.label(call, loader), describeExpression(lookup.value), `web-llm's prebuilt model list resolves to the \`main\` branch; ${loader.remedy}`)];
  }

  private checkWebLlmReload(call: ts.CallExpression): Finding[] {
    const callee = skipValueWrappers(call.expression);
    const modelId = call.arguments[0];
    if (!ts.isPropertyAccessExpression(callee) || !modelId) {
      return [];
    }
    const receiver = skipValueWrappers(callee.expression);
    const receiverDeclaration = ts.isIdentifier(receiver) ? declarationOf(receiver, this.checker) : undefined;
    // Only a `const` engine is certainly the one that was constructed.
    const initializer =
      receiverDeclaration && ts.isVariableDeclaration(receiverDeclaration) && isConstDeclaration(receiverDeclaration) ? receiverDeclaration.initializer : undefined;
    const created = initializer ? skipValueWrappers(initializer) : undefined;
    if (!created || !ts.isNewExpression(created)) {
      return [];
    }
    const identity = identifyCall(created, this.checker, this.program);
    const className = identity?.name ?? calleeName(created.expression);
    if (!identity || className === undefined || !packageMatches(identity.origin, WEB_LLM.packages) || !(className in WEB_LLM.engineClasses)) {
      return [];
    }
    const configIndex = WEB_LLM.engineClasses[className] ?? 0;
    const config = lookupArgument(created, { argument: configIndex }, this.checker);
    if (!this.usesPrebuiltList(config, modelId)) {
      return [];
    }
    const remedy = MODEL_LOADERS.find(loader => loader.source === 'web-llm-engine')?.remedy ?? '';
    return [this.unpinned(modelId, `${callee.getText().replace(/\s+/g, '')}()`, describeExpression(modelId), `web-llm's prebuilt model list resolves to the \`main\` branch; ${remedy}`)];
  }

  /** A web-llm `ModelRecord` object literal (`appConfig.model_list[]`). */
  checkObjectLiteral(object: ts.ObjectLiteralExpression): Finding[] {
    const keys = new Set<string>();
    for (const member of object.properties) {
      if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
        keys.add(member.name.text);
      }
    }
    if (!WEB_LLM.recordKeys.every(key => keys.has(key)) || !this.isWebLlmRecord(object)) {
      return [];
    }
    const findings: Finding[] = [];
    const label = 'web-llm';
    const url = propertyOf(object, WEB_LLM.urlKey, this.checker);
    const integrity = propertyOf(object, WEB_LLM.integrityKey, this.checker);
    const integrityObject = integrity.kind === 'present' ? objectLiteralOf(integrity.value, this.checker) : undefined;
    const onFailure = integrityObject ? propertyOf(integrityObject, WEB_LLM.onFailureKey, this.checker) : undefined;
    const failOpen = onFailure?.kind === 'present' && staticStringValue(onFailure.value, this.checker) === WEB_LLM.failOpenValue;
    const id = propertyOf(object, WEB_LLM.idKey, this.checker);
    const model = id.kind === 'present' ? describeExpression(id.value) : 'this model record';

    if (url.kind === 'present') {
      const text = partialStaticString(url.value, this.checker);
      if (text !== undefined && !text.startsWith(UNKNOWN)) {
        const revision = revisionInLocation(text, 'url');
        if (revision !== undefined && !revision.includes(UNKNOWN)) {
          if (!isCommitSha(revision)) {
            findings.push(this.mutable(url.value, label, model, revision));
          }
        } else if (revision === undefined) {
          if (integrity.kind === 'present' && !failOpen) {
            findings.push({ kind: 'webLlmWeightsUnverified', node: url.value, data: { model }, suggestions: [] });
          } else if (integrity.kind !== 'unknown') {
            const remedy = 'web-llm resolves it to the `main` branch: pin `model` to a `/resolve/<40-character commit SHA>/` URL';
            findings.push(this.unpinned(url.value, label, model, remedy));
          }
        }
      }
    }
    if (failOpen && onFailure?.kind === 'present') {
      const literal = skipValueWrappers(onFailure.value);
      const suggestions: Finding['suggestions'] = ts.isStringLiteral(literal)
        ? [{ kind: 'failClosed', edits: [{ start: literal.getStart(), end: literal.getEnd(), text: `${literal.getText().charAt(0)}error${literal.getText().charAt(0)}` }] }]
        : [];
      findings.push({
        kind: 'hashNotEnforced',
        node: onFailure.property ?? onFailure.value,
        data: { loader: label, model, check: '`integrity` check', problem: "only logs a warning on a mismatch (`onFailure: 'warn'`)" },
        suggestions,
      });
    }
    return findings;
  }

  private isWebLlmRecord(object: ts.ObjectLiteralExpression): boolean {
    const contextual = this.checker.getContextualType(object);
    const symbol = contextual?.getSymbol() ?? contextual?.aliasSymbol;
    if (symbol && (WEB_LLM.recordTypes as readonly string[]).includes(symbol.name)) {
      const declaration = symbol.getDeclarations()?.[0];
      const identity = declaration ? identifySymbol(symbol, this.checker, this.program) : undefined;
      if (packageMatches(identity?.origin, WEB_LLM.packages)) {
        return true;
      }
    }
    // web-llm's declarations do not resolve under `NodeNext`: fall back to the file's imports.
    return this.importsWebLlm;
  }

  // -------------------------------------------------------------------------------------------
  // transformers.js `env` settings
  // -------------------------------------------------------------------------------------------

  checkAssignment(assignment: ts.BinaryExpression): Finding[] {
    if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(assignment.left)) {
      return [];
    }
    const property = assignment.left.name.text;
    if (property !== HUB_ENVIRONMENT.hostProperty && property !== HUB_ENVIRONMENT.pathTemplateProperty) {
      return [];
    }
    const symbol = this.checker.getSymbolAtLocation(assignment.left.name);
    const identity = symbol ? identifySymbol(symbol, this.checker, this.program) : undefined;
    if (!packageMatches(identity?.origin, HUB_ENVIRONMENT.packages)) {
      return [];
    }
    const value = staticStringValue(assignment.right, this.checker);
    const shown = describeExpression(assignment.right, 'a custom value');
    if (property === HUB_ENVIRONMENT.hostProperty) {
      if (value !== undefined && (HUB_ENVIRONMENT.defaultHosts as readonly string[]).includes(value)) {
        return [];
      }
      return [
        {
          kind: 'pinDefeated',
          node: assignment,
          data: { property, value: shown, problem: 'sends model downloads to a host other than the Hugging Face Hub, which decides what a revision serves' },
          suggestions: [],
        },
      ];
    }
    if (value === undefined || value.includes(HUB_ENVIRONMENT.revisionPlaceholder)) {
      return [];
    }
    return [
      {
        kind: 'pinDefeated',
        node: assignment,
        data: { property, value: shown, problem: `drops \`${HUB_ENVIRONMENT.revisionPlaceholder}\` from the download path, so \`revision\` is silently ignored` },
        suggestions: [],
      },
    ];
  }
}

