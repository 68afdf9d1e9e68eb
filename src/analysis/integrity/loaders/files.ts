import ts from '../../typescript.cjs';

import { MODEL_HANDLER_FACTORIES, type ModelLoader } from '../../../knowledge/model-loaders.js';
import { type ByteTrace, traceBytes } from '../bytes.js';
import { calleeName, identifyCall, identityMatches } from '../callee.js';
import { type Finding, findingForVerdict, unpinnedDownload } from '../findings.js';
import type { LoadCall, LoadJudge } from '../load-judge.js';
import { checkRemoteLocation } from '../revisions.js';
import { summarize } from '../summaries.js';
import { classifyLocation, declarationOf, describeExpression, isBinaryType, lookupArgument, partialStaticString, skipValueWrappers } from '../values.js';

/** Loaders of files, URLs and buffers (ONNX Runtime, llama.cpp, tfjs, MediaPipe, wllama, the configured loaders). */
export function checkFileLoad(judge: LoadJudge, call: LoadCall, loader: ModelLoader): Finding[] {
  const lookup = judge.findModel(call, loader.model);
  if (lookup.kind !== 'present') {
    return [];
  }
  const value = skipValueWrappers(lookup.value);
  if (loader.shards && ts.isArrayLiteralExpression(value)) {
    // `wllama.loadModel([shard1, shard2])`: every shard is part of the model.
    return value.elements.flatMap(element => (ts.isSpreadElement(element) ? [] : checkModelValue(judge, call, loader, element)));
  }
  return checkModelValue(judge, call, loader, lookup.value);
}

function checkModelValue(judge: LoadJudge, call: LoadCall, loader: ModelLoader, argument: ts.Expression): Finding[] {
  let value = argument;
  let forceBuffer = false;
  const label = judge.label(call, loader);

  // tfjs IO handlers: `tf.io.fileSystem(path)`, `tf.io.fromMemory(artifacts)`.
  const handler = skipValueWrappers(value);
  if (ts.isCallExpression(handler)) {
    const identity = identifyCall(handler, judge.checker, judge.program);
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

  const type = judge.checker.getTypeAtLocation(value);
  const binary = forceBuffer || isBinaryType(type, judge.checker) || (loader.shards === true && isBinaryArray(type, judge.checker));
  const stringLike = (type.flags & ts.TypeFlags.StringLike) !== 0 || (type.isUnion() && type.types.every(part => (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Undefined)) !== 0));
  const isUrlObject = type.getSymbol()?.name === 'URL';
  if (!binary && !stringLike && !isUrlObject) {
    // A custom IO handler or an object the rule does not know.
    return [];
  }

  // tfjs `fetchFunc`: a project function that verifies hashes covers every file it fetches.
  if (loader.fetchOption) {
    const fetchLookup = lookupArgument(call, loader.fetchOption, judge.checker);
    if (fetchLookup.kind === 'present' && functionVerifies(judge, fetchLookup.value)) {
      return [];
    }
  }

  const model = describeExpression(value);
  const trace = traceBytes(value, judge.context);
  const verdict = judge.verdict(call, trace, loader.directory === true, value);
  if (verdict.kind === 'verified') {
    return [];
  }
  const hashFinding = findingForVerdict(verdict, value, label, model);
  if (hashFinding) {
    return [hashFinding];
  }
  if (trace.downloads.length > 0 && !isLocalResolve(judge, trace)) {
    // The download is judged where it happens (pinned, or reported there).
    return [];
  }
  if (binary) {
    if (trace.readsFile && !trace.fetched && judge.settings.allowLocalPaths) {
      return [];
    }
    return [{ kind: 'unhashedBuffer', node: value, data: { loader: label, model }, suggestions: [] }];
  }
  if (loader.remoteWhenTrue && judge.optionIsTrue(call, [loader.remoteWhenTrue], true)) {
    return [unpinnedDownload(value, label, model, loader.remedy)];
  }
  const text = partialStaticString(value, judge.checker);
  const kind = classifyLocation(text, { repoIds: false });
  if (kind === 'url' || kind === 'hf-uri') {
    return checkRemoteLocation(judge, call, value, label, model, text ?? '', kind, loader.remedy);
  }
  return judge.localFile(value, label, model);
}

/** `Blob[]`, `Uint8Array[]`: the shards of one model. */
function isBinaryArray(type: ts.Type, checker: ts.TypeChecker): boolean {
  return (type.isUnion() ? type.types : [type]).some(part => {
    if (!checker.isArrayType(part)) {
      return false;
    }
    const element = checker.getTypeArguments(part as ts.TypeReference)[0];
    return element !== undefined && isBinaryType(element, checker);
  });
}

/** `resolveModelFile('model.gguf', dir)` only resolves a local file: the load is what counts. */
function isLocalResolve(judge: LoadJudge, trace: ByteTrace): boolean {
  return trace.downloads.every(download => {
    const name = calleeName(download.expression);
    if (name !== 'resolveModelFile') {
      return false;
    }
    const argument = download.arguments[0];
    const kind = argument ? classifyLocation(partialStaticString(argument, judge.checker), { repoIds: false }) : 'unknown';
    return kind === 'local';
  });
}

/** Is a value a project function whose body checks a hash fail-closed? */
function functionVerifies(judge: LoadJudge, node: ts.Expression): boolean {
  let expression = skipValueWrappers(node);
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, judge.checker);
    if (declaration && ts.isFunctionDeclaration(declaration) && declaration.body) {
      return summarize(declaration, judge.context).verifiesSomething;
    }
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    if (!initializer) {
      return false;
    }
    expression = skipValueWrappers(initializer);
  }
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) {
    return summarize(expression, judge.context).verifiesSomething;
  }
  return false;
}
