import ts from '../../typescript.cjs';

import { MODEL_ENDPOINTS } from '../../../knowledge/model-loaders.js';
import { HTTP_CALL_NAMES, matchHttpCall } from '../../clients/http-calls.js';
import { calleeName } from '../callee.js';
import { evidenceAfter } from '../evidence.js';
import { type Finding, unpinnedDownload } from '../findings.js';
import type { LoadJudge } from '../load-judge.js';
import { describeExpression, lookupArgument, objectLiteralOf, partialStaticString, propertyOf, skipValueWrappers, UNKNOWN } from '../values.js';
import { hasOllamaDigestCheck } from '../verdicts.js';
import { statementOf } from './ollama.js';

/** Is a callee name one of an HTTP client's (worth a look for model endpoints)? */
export function isHttpCallName(name: string): boolean {
  return HTTP_CALL_NAMES.has(name);
}

/** The object a request body is, through `JSON.stringify({ ... })`. */
function bodyObject(body: ts.Expression, judge: LoadJudge): ts.ObjectLiteralExpression | undefined {
  const expression = skipValueWrappers(body);
  if (ts.isCallExpression(expression) && calleeName(expression.expression) === 'stringify' && expression.arguments[0]) {
    return objectLiteralOf(expression.arguments[0], judge.checker);
  }
  return objectLiteralOf(expression, judge.checker);
}

/**
 * A model pulled through a server's REST API with a plain HTTP client:
 * `fetch(`${OLLAMA_URL}/api/pull`, { method: 'POST', body: JSON.stringify({ name }) })`.
 * The URL path is read from syntax first (its host is usually configuration), then the call is
 * confirmed to be an HTTP client's.
 */
export function checkModelEndpoint(judge: LoadJudge, call: ts.CallExpression): Finding[] {
  const urlArgument = call.arguments[0];
  if (!urlArgument) {
    return [];
  }
  const url = partialStaticString(urlArgument, judge.checker);
  if (url === undefined || url === UNKNOWN) {
    return [];
  }
  const path = url.split('?')[0] ?? url;
  const endpoint = MODEL_ENDPOINTS.find(candidate => candidate.path.test(path));
  if (!endpoint) {
    return [];
  }
  const spec = matchHttpCall(call, judge.checker, judge.program, false);
  if (!spec) {
    return [];
  }
  let model: ts.Expression | undefined;
  const bodies: ts.Expression[] = [];
  if (spec.bodyArgument !== undefined && call.arguments[spec.bodyArgument]) {
    bodies.push(call.arguments[spec.bodyArgument] as ts.Expression);
  }
  for (const index of spec.configArguments) {
    const lookup = lookupArgument(call, { argument: index, path: ['body'] }, judge.checker);
    if (lookup.kind === 'present') {
      bodies.push(lookup.value);
    }
  }
  for (const body of bodies) {
    const object = bodyObject(body, judge);
    for (const key of object ? endpoint.modelKeys : []) {
      const property = object ? propertyOf(object, key, judge.checker) : undefined;
      if (property?.kind === 'present') {
        model ??= property.value;
      }
    }
  }
  if (hasOllamaDigestCheck(evidenceAfter(statementOf(call), judge.context))) {
    return [];
  }
  const callee = call.expression.getText().replace(/\s+/g, '');
  const label = `${callee.length <= 48 ? callee : 'the request'}() to ${endpoint.label}`;
  return [unpinnedDownload(urlArgument, label, model ? describeExpression(model) : 'a model', endpoint.remedy)];
}
