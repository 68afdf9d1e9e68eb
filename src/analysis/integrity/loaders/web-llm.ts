import ts from '../../typescript.cjs';

import { MODEL_LOADERS, type ModelLoader, WEB_LLM } from '../../../knowledge/model-loaders.js';
import { staticStringValue } from '../../constants.js';
import { calleeName, identifyCall, identifySymbol, packageMatches } from '../callee.js';
import { type Finding, mutableRevision, unpinnedDownload } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import {
  type ArgumentLookup,
  declarationOf,
  describeExpression,
  initializerOf,
  isCommitSha,
  isConstDeclaration,
  lookupArgument,
  objectLiteralOf,
  partialStaticString,
  propertyOf,
  revisionInLocation,
  skipValueWrappers,
  UNKNOWN,
} from '../values.js';
import { isProjectCode } from '../../packages.js';

function isPrebuiltReference(judge: LoadJudge, node: ts.Expression): boolean {
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
  const symbol = judge.checker.getSymbolAtLocation(nameNode);
  const identity = symbol ? identifySymbol(symbol, judge.checker, judge.program) : undefined;
  return packageMatches(identity?.origin, WEB_LLM.packages);
}

/** Does an engine config leave web-llm on its prebuilt model list (every record on `main`)? */
function usesPrebuiltList(judge: LoadJudge, config: ArgumentLookup, modelId: ts.Expression | undefined): boolean {
  if (config.kind === 'missing') {
    return true;
  }
  if (config.kind === 'unknown') {
    return false;
  }
  const configObject = objectLiteralOf(config.value, judge.checker);
  if (!configObject) {
    return false;
  }
  const appConfig = propertyOf(configObject, WEB_LLM.appConfigKey, judge.checker);
  if (appConfig.kind === 'missing') {
    return true;
  }
  if (appConfig.kind === 'unknown') {
    return false;
  }
  if (isPrebuiltReference(judge, appConfig.value)) {
    return true;
  }
  const appObject = objectLiteralOf(appConfig.value, judge.checker);
  if (!appObject) {
    return false;
  }
  const list = propertyOf(appObject, WEB_LLM.modelListKey, judge.checker);
  if (list.kind === 'unknown') {
    return appObject.properties.some(member => ts.isSpreadAssignment(member) && isPrebuiltReference(judge, member.expression));
  }
  if (list.kind === 'missing') {
    return false;
  }
  if (isPrebuiltReference(judge, list.value)) {
    return true;
  }
  const array = skipValueWrappers(list.value);
  const arrayLiteral = ts.isArrayLiteralExpression(array)
    ? array
    : ts.isIdentifier(array)
      ? (() => {
          const initializer = initializerOf(array, judge.checker);
          return initializer && ts.isArrayLiteralExpression(skipValueWrappers(initializer)) ? (skipValueWrappers(initializer) as ts.ArrayLiteralExpression) : undefined;
        })()
      : undefined;
  if (!arrayLiteral) {
    return false;
  }
  const includesPrebuilt = arrayLiteral.elements.some(element => ts.isSpreadElement(element) && isPrebuiltReference(judge, element.expression));
  if (!includesPrebuilt) {
    return false;
  }
  const wanted = modelId ? staticStringValue(modelId, judge.checker) : undefined;
  if (wanted === undefined) {
    return false;
  }
  const ownRecord = arrayLiteral.elements.some(element => {
    const record = ts.isSpreadElement(element) ? undefined : objectLiteralOf(element, judge.checker);
    const id = record ? propertyOf(record, WEB_LLM.idKey, judge.checker) : undefined;
    return id?.kind === 'present' && staticStringValue(id.value, judge.checker) === wanted;
  });
  return !ownRecord;
}

const appConfigCache = new WeakMap<ts.Program, boolean>();

/**
 * Does any project file (code or JSON) mention a web-llm app config (`appConfig`, `model_list`)?
 * When none does, an engine config the rule cannot see into cannot carry a custom model list
 * either: web-llm then resolves every model id through its prebuilt list. Once per program.
 */
function programMentionsAppConfig(program: ts.Program): boolean {
  let cached = appConfigCache.get(program);
  if (cached === undefined) {
    cached = program
      .getSourceFiles()
      .some(
        file =>
          isProjectCode(file, program) &&
          (file.text.includes(WEB_LLM.appConfigKey) || file.text.includes(WEB_LLM.modelListKey)),
      );
    appConfigCache.set(program, cached);
  }
  return cached;
}

/** An engine config the rule cannot see into (a parameter, a message from another thread). */
function isOpaqueConfig(judge: LoadJudge, config: ArgumentLookup): boolean {
  return config.kind === 'unknown' || (config.kind === 'present' && !objectLiteralOf(config.value, judge.checker));
}

export function checkWebLlmEngine(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind === 'missing' || !loader.engineConfig) {
    return [];
  }
  const label = judge.label(call, loader);
  const config = lookupArgument(call, loader.engineConfig, judge.checker);
  if (isOpaqueConfig(judge, config) && !programMentionsAppConfig(judge.program)) {
    const at = lookup.kind === 'present' ? lookup.value : config.kind === 'present' ? config.value : lookup.container;
    const remedy = `the program defines no web-llm \`appConfig\`, so web-llm's prebuilt model list resolves it to the \`main\` branch; ${loader.remedy}`;
    return [unpinnedDownload(at, label, lookup.kind === 'present' ? describeExpression(lookup.value) : describeExpression(at, 'the model'), remedy)];
  }
  if (lookup.kind !== 'present' || !usesPrebuiltList(judge, config, lookup.value)) {
    return [];
  }
  return [unpinnedDownload(lookup.value, label, describeExpression(lookup.value), `web-llm's prebuilt model list resolves to the \`main\` branch; ${loader.remedy}`)];
}

export function checkWebLlmReload(judge: LoadJudge, call: ts.CallExpression): Finding[] {
  const callee = skipValueWrappers(call.expression);
  const modelId = call.arguments[0];
  if (!ts.isPropertyAccessExpression(callee) || !modelId) {
    return [];
  }
  const receiver = skipValueWrappers(callee.expression);
  const receiverDeclaration = ts.isIdentifier(receiver) ? declarationOf(receiver, judge.checker) : undefined;
  // Only a `const` engine is certainly the one that was constructed.
  const initializer =
    receiverDeclaration && ts.isVariableDeclaration(receiverDeclaration) && isConstDeclaration(receiverDeclaration) ? receiverDeclaration.initializer : undefined;
  const created = initializer ? skipValueWrappers(initializer) : undefined;
  if (!created || !ts.isNewExpression(created)) {
    return [];
  }
  const identity = identifyCall(created, judge.checker, judge.program);
  const className = identity?.name ?? calleeName(created.expression);
  if (!identity || className === undefined || !packageMatches(identity.origin, WEB_LLM.packages) || !(className in WEB_LLM.engineClasses)) {
    return [];
  }
  const configIndex = WEB_LLM.engineClasses[className] ?? 0;
  const config = lookupArgument(created, { argument: configIndex }, judge.checker);
  if (!usesPrebuiltList(judge, config, modelId)) {
    return [];
  }
  const remedy = MODEL_LOADERS.find(loader => loader.source === 'web-llm-engine')?.remedy ?? '';
  return [unpinnedDownload(modelId, `${callee.getText().replace(/\s+/g, '')}()`, describeExpression(modelId), `web-llm's prebuilt model list resolves to the \`main\` branch; ${remedy}`)];
}

/** A web-llm `ModelRecord` object literal (`appConfig.model_list[]`). */
export function checkWebLlmRecord(judge: LoadJudge, object: ts.ObjectLiteralExpression, importsWebLlm: boolean): Finding[] {
  const keys = new Set<string>();
  for (const member of object.properties) {
    if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
      keys.add(member.name.text);
    }
  }
  if (!WEB_LLM.recordKeys.every(key => keys.has(key)) || !isWebLlmRecord(judge, object, importsWebLlm)) {
    return [];
  }
  const findings: Finding[] = [];
  const label = 'web-llm';
  const url = propertyOf(object, WEB_LLM.urlKey, judge.checker);
  const integrity = propertyOf(object, WEB_LLM.integrityKey, judge.checker);
  const integrityObject = integrity.kind === 'present' ? objectLiteralOf(integrity.value, judge.checker) : undefined;
  const onFailure = integrityObject ? propertyOf(integrityObject, WEB_LLM.onFailureKey, judge.checker) : undefined;
  const failOpen = onFailure?.kind === 'present' && staticStringValue(onFailure.value, judge.checker) === WEB_LLM.failOpenValue;
  const id = propertyOf(object, WEB_LLM.idKey, judge.checker);
  const model = id.kind === 'present' ? describeExpression(id.value) : 'this model record';

  if (url.kind === 'present') {
    const text = partialStaticString(url.value, judge.checker);
    if (text !== undefined && !text.startsWith(UNKNOWN)) {
      const revision = revisionInLocation(text, 'url');
      if (revision !== undefined && !revision.includes(UNKNOWN)) {
        if (!isCommitSha(revision)) {
          findings.push(mutableRevision(url.value, label, model, revision));
        }
      } else if (revision === undefined) {
        if (integrity.kind === 'present' && !failOpen) {
          findings.push({ kind: 'webLlmWeightsUnverified', node: url.value, data: { model }, suggestions: [] });
        } else if (integrity.kind !== 'unknown') {
          const remedy = 'web-llm resolves it to the `main` branch: pin `model` to a `/resolve/<40-character commit SHA>/` URL';
          findings.push(unpinnedDownload(url.value, label, model, remedy));
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

function isWebLlmRecord(judge: LoadJudge, object: ts.ObjectLiteralExpression, importsWebLlm: boolean): boolean {
  const contextual = judge.checker.getContextualType(object);
  const symbol = contextual?.getSymbol() ?? contextual?.aliasSymbol;
  if (symbol && (WEB_LLM.recordTypes as readonly string[]).includes(symbol.name)) {
    const declaration = symbol.getDeclarations()?.[0];
    const identity = declaration ? identifySymbol(symbol, judge.checker, judge.program) : undefined;
    if (packageMatches(identity?.origin, WEB_LLM.packages)) {
      return true;
    }
  }
  // web-llm's declarations do not resolve under `NodeNext`: fall back to the file's imports.
  return importsWebLlm;
}
