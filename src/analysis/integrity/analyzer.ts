import ts from '../typescript.cjs';

import { MODEL_LOADERS, WEB_LLM } from '../../knowledge/model-loaders.js';
import { callMatchesSpecifiers, calleeName, identifyCall, identityMatches, packageMatches } from './callee.js';
import type { IntegrityContext, IntegritySettings } from './context.js';
import type { Finding } from './findings.js';
import { CUSTOM_LOADER, type LoadCall, LoadJudge } from './load-judge.js';
import { checkFileLoad } from './loaders/files.js';
import { checkGpt4AllDownload, checkGpt4AllLoad } from './loaders/gpt4all.js';
import { checkHubEnvironment } from './loaders/hub-environment.js';
import { checkModelEndpoint, isHttpCallName } from './loaders/endpoints.js';
import { checkHubLoad } from './loaders/hub.js';
import { checkOllamaCreate, checkOllamaPull } from './loaders/ollama.js';
import { checkUriDownload } from './loaders/uri-downloads.js';
import { checkWebLlmEngine, checkWebLlmRecord, checkWebLlmReload } from './loaders/web-llm.js';
import { vendoredOrigin } from '../import-bindings.js';
import { helperDigestOf, summarize } from './summaries.js';
import { calledFunction, forwardingCallOf, forwardingWrapperNames } from './wrappers.js';

const LOADER_NAMES = new Set(MODEL_LOADERS.flatMap(loader => loader.names));

/**
 * Finds unverified model loads in one file. Create one per lint run of a file. It recognises the
 * loader a call is (knowledge/model-loaders.ts, or the `loaders` option) and hands the call to that
 * loader's check in loaders/; web-llm records and transformers.js `env` settings likewise.
 */
export class ModelIntegrityAnalyzer {
  private readonly judge: LoadJudge;
  private readonly candidateNames: Set<string>;
  private readonly wrapperNames: ReadonlySet<string>;
  private readonly importsWebLlm: boolean;
  /** The linted file is part of a vendored copy of a loader package: its calls are the library's own. */
  private readonly vendored: boolean;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    sourceFile: ts.SourceFile,
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
    this.judge = new LoadJudge(program, checker, sourceFile, settings, context);
    this.candidateNames = new Set([...LOADER_NAMES, WEB_LLM.reloadMethod]);
    for (const specifier of settings.loaders) {
      const names = typeof specifier === 'string' ? [specifier] : typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
      names.forEach(name => this.candidateNames.add(name));
    }
    // Functions of the program that forward their arguments to a loader (`(...args) => pipeline(...args)`).
    this.wrapperNames = forwardingWrapperNames(program, this.candidateNames);
    this.wrapperNames.forEach(name => this.candidateNames.add(name));
    this.vendored = vendoredOrigin(sourceFile.fileName) !== undefined;
    this.importsWebLlm = this.collectLocalNames(sourceFile);
  }

  /**
   * Adds the local names of loaders to the candidates (`import { pipeline as load }`,
   * `const { pipeline: load } = await import(...)`); says whether the file imports web-llm.
   */
  private collectLocalNames(sourceFile: ts.SourceFile): boolean {
    let importsWebLlm = false;
    for (const statement of sourceFile.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
        continue;
      }
      if (packageMatches(statement.moduleSpecifier.text, WEB_LLM.packages)) {
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
    if (sourceFile.text.includes('import(') || sourceFile.text.includes('require(')) {
      const visit = (node: ts.Node): void => {
        if (ts.isBindingElement(node) && node.propertyName && ts.isIdentifier(node.propertyName) && ts.isIdentifier(node.name) && this.candidateNames.has(node.propertyName.text)) {
          this.candidateNames.add(node.name.text);
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return importsWebLlm;
  }

  /** A call or `new` that might load a model. */
  checkCall(call: ts.CallExpression | ts.NewExpression): Finding[] {
    const name = calleeName(call.expression);
    if (name === undefined || this.vendored) {
      return [];
    }
    if (ts.isCallExpression(call) && isHttpCallName(name)) {
      const findings = checkModelEndpoint(this.judge, call);
      if (findings.length > 0) {
        return findings;
      }
    }
    if (!this.candidateNames.has(name)) {
      return [];
    }
    if (name === WEB_LLM.reloadMethod && ts.isCallExpression(call)) {
      return checkWebLlmReload(this.judge, call);
    }
    return this.checkLoad(call, call, 0);
  }

  /**
   * Judges `site` as a load by the loader `callee` calls: `callee` is the site itself, or the call
   * inside a wrapper that forwards the site's arguments to it unchanged.
   */
  private checkLoad(site: LoadCall, callee: LoadCall, depth: number): Finding[] {
    const identity = identifyCall(callee, this.checker, this.program);
    let loader = MODEL_LOADERS.find(candidate => identityMatches(identity, candidate));
    if (!loader && ts.isCallExpression(callee) && callMatchesSpecifiers(callee, this.settings.loaders, this.checker, this.program)) {
      loader = CUSTOM_LOADER;
    }
    if (!loader) {
      const name = calleeName(callee.expression);
      if (depth < 3 && ts.isCallExpression(callee) && name !== undefined && this.wrapperNames.has(name)) {
        const fn = calledFunction(callee, this.checker);
        const forwarded = fn ? forwardingCallOf(fn) : undefined;
        if (forwarded) {
          return this.checkLoad(site, forwarded, depth + 1);
        }
      }
      return [];
    }
    if (loader.loadsOnlyWhenTrue && !this.judge.optionIsTrue(site, [loader.loadsOnlyWhenTrue], true)) {
      return [];
    }
    switch (loader.source) {
      case 'hub':
        return checkHubLoad(this.judge, site, loader, identity?.origin);
      case 'uri':
        return checkUriDownload(this.judge, site, loader);
      case 'file':
        return checkFileLoad(this.judge, site, loader);
      case 'gpt4all':
        return checkGpt4AllLoad(this.judge, site, loader);
      case 'gpt4all-download':
        return checkGpt4AllDownload(this.judge, site, loader);
      case 'ollama-pull':
        return checkOllamaPull(this.judge, site, loader);
      case 'ollama-create':
        return checkOllamaCreate(this.judge, site, loader);
      case 'web-llm-engine':
        return checkWebLlmEngine(this.judge, site, loader);
    }
  }

  /** A web-llm `ModelRecord` object literal (`appConfig.model_list[]`). */
  checkObjectLiteral(object: ts.ObjectLiteralExpression): Finding[] {
    if (this.vendored) {
      return [];
    }
    return checkWebLlmRecord(this.judge, object, this.importsWebLlm);
  }

  /** An assignment to a transformers.js `env` setting. */
  checkAssignment(assignment: ts.BinaryExpression): Finding[] {
    if (this.vendored) {
      return [];
    }
    return checkHubEnvironment(this.judge, assignment);
  }
}
