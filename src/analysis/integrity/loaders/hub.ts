import ts from '../../typescript.cjs';

import { type ArgumentPath, HUB_ENVIRONMENT, type ModelLoader, NON_MODEL_FILE_EXTENSIONS, NON_MODEL_FILE_NAMES, TRANSFORMERS_PACKAGES } from '../../../knowledge/model-loaders.js';
import { staticStringValue } from '../../constants.js';
import { traceBytes } from '../bytes.js';
import { identifySymbol, packageMatches } from '../callee.js';
import { type Finding, findingForVerdict, REVISION_PLACEHOLDER, type TextEdit, unpinnedDownload } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import { checkRemoteLocation, judgeRevision, judgeRevisionType } from '../revisions.js';
import { type ArgumentLookup, classifyLocation, describeExpression, lookupArgument, objectLiteralOf, partialStaticString, propertyOf, staticBoolean } from '../values.js';
import { isProjectCode } from '../../packages.js';

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
    if (!isProjectCode(sourceFile, program) || !sourceFile.text.includes(HUB_ENVIRONMENT.remoteSwitchProperty)) {
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

/**
 * Edits that add `revision: '<placeholder>'` to a call's options, nesting it under the options
 * that are missing on the way (`pretrainedOptions: { revision: '...' }`).
 */
function addRevisionEdits(call: LoadCall, where: ArgumentPath, lookup: ArgumentLookup, checker: ts.TypeChecker): TextEdit[] | undefined {
  const path = where.path ?? [];
  const nested = (keys: readonly string[]): string => keys.reduceRight((inner, key) => `${key}: { ${inner} }`, `revision: '${REVISION_PLACEHOLDER}'`);
  if (lookup.kind === 'missing' && lookup.container) {
    const object = lookup.container;
    // The keys still missing below the object that lacks the first of them.
    let missing: readonly string[] = [];
    for (let depth = path.length - 1; depth >= 0; depth--) {
      const parent = lookupArgument(call, { argument: where.argument, path: path.slice(0, depth) }, checker);
      const holder = parent.kind === 'present' ? objectLiteralOf(parent.value, checker) : undefined;
      if (holder === object) {
        missing = path.slice(depth, -1);
        break;
      }
    }
    const property = nested(missing);
    const last = object.properties[object.properties.length - 1];
    if (!last) {
      return [{ start: object.getStart(), end: object.getEnd(), text: `{ ${property} }` }];
    }
    return [{ start: last.getEnd(), end: last.getEnd(), text: `, ${property}` }];
  }
  const args = call.arguments ?? [];
  if (lookup.kind === 'missing' && path.length >= 1 && args.length === where.argument) {
    const last = args[args.length - 1];
    if (last) {
      return [{ start: last.getEnd(), end: last.getEnd(), text: `, { ${nested(path.slice(0, -1))} }` }];
    }
  }
  return undefined;
}

/** Hugging Face hub loads: transformers.js `pipeline` / `from_pretrained`, @huggingface/hub downloads. */
export function checkHubLoad(judge: LoadJudge, call: LoadCall, loader: ModelLoader, origin: string | undefined): Finding[] {
  const label = judge.label(call, loader);
  const modelLookup = judge.findModel(call, loader.model);
  if (modelLookup.kind === 'unknown' || (modelLookup.kind === 'missing' && !loader.defaultModelWhenMissing)) {
    return [];
  }
  let modelExpression = modelLookup.kind === 'present' ? modelLookup.value : undefined;
  if (modelExpression) {
    // `repo: { type: 'model', name: 'user/repo' }`
    const object = objectLiteralOf(modelExpression, judge.checker);
    if (object) {
      const name = propertyOf(object, 'name', judge.checker);
      modelExpression = name.kind === 'present' ? name.value : undefined;
      if (!modelExpression) {
        return [];
      }
    }
  }
  const reportAt: ts.Node = modelExpression ?? call.expression;
  const model = modelExpression ? describeExpression(modelExpression) : loader.names.includes('pipeline') ? 'the default model of this task' : 'its default model';

  // Files that are not part of a model (`README.md`).
  const fileLookup = lookupArgument(call, { argument: 0, path: ['path'] }, judge.checker);
  if (!loader.localOnlyWhenTrue && fileLookup.kind === 'present') {
    const file = staticStringValue(fileLookup.value, judge.checker);
    const base = file?.split('/').pop() ?? '';
    if (file !== undefined && (NON_MODEL_FILE_EXTENSIONS.some(extension => base.toLowerCase().endsWith(extension)) || (NON_MODEL_FILE_NAMES as readonly string[]).includes(base))) {
      return [];
    }
  }

  const text = modelExpression ? partialStaticString(modelExpression, judge.checker) : undefined;
  const location = modelExpression ? classifyLocation(text, { repoIds: true }) : 'repo-id';
  const isTransformers = packageMatches(origin, TRANSFORMERS_PACKAGES) || loader.localOnlyWhenTrue !== undefined;
  const local =
    location === 'local' ||
    judge.optionIsTrue(call, loader.localOnlyWhenTrue, true) ||
    (isTransformers && programDisablesRemoteModels(judge.program, judge.checker));

  if (local) {
    if (!modelExpression) {
      return judge.localFile(reportAt, label, model);
    }
    const verdict = judge.verdict(call, traceBytes(modelExpression, judge.context), loader.directory === true, modelExpression);
    if (verdict.kind === 'verified') {
      return [];
    }
    const hashFinding = findingForVerdict(verdict, reportAt, label, model);
    return hashFinding ? [hashFinding] : judge.localFile(reportAt, label, model);
  }

  if (location === 'url' || location === 'hf-uri') {
    // A full URL given as the "repo": judge the revision inside it.
    return checkRemoteLocation(judge, call, reportAt, label, model, text ?? '', location, loader.remedy);
  }

  const where = loader.revision;
  if (!where) {
    // No revision option at all (wllama's `loadModelFromHF`): the default branch, whatever is passed.
    return loader.alwaysDefaultBranch ? [unpinnedDownload(reportAt, label, model, loader.remedy)] : [];
  }
  const revisionLookup = lookupArgument(call, where, judge.checker);
  if (revisionLookup.kind === 'unknown') {
    return judgeRevisionType(judge, revisionLookup.container, label, model);
  }
  if (revisionLookup.kind === 'present') {
    return judgeRevision(judge, revisionLookup.value, label, model);
  }
  if (judge.resultVerifiedAfter(call)) {
    return [];
  }
  const edits = modelExpression ? addRevisionEdits(call, where, revisionLookup, judge.checker) : undefined;
  return [unpinnedDownload(reportAt, label, model, loader.remedy, edits ? [{ kind: 'addRevision', edits }] : [])];
}
