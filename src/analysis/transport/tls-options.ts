import ts from '../typescript.cjs';

import { TLS_VERIFY_OPTION } from '../../knowledge/llm-clients.js';
import { constInitializer, isFalseLiteral } from '../clients/option-values.js';
import { skipTransparent, staticPropertyName } from '../constants.js';

const MAX_DEPTH = 6;

/** `rejectUnauthorized: false` inside a transport value: an agent, a dispatcher or TLS options. */
export function findTlsDisabled(expression: ts.Expression, found: ts.Node[], checker: ts.TypeChecker, depth = 0): void {
  if (depth > MAX_DEPTH) {
    return;
  }
  const node = skipTransparent(expression);
  if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        if (staticPropertyName(property.name, checker) === TLS_VERIFY_OPTION) {
          if (isFalseLiteral(property.initializer, checker)) {
            found.push(property);
          }
        } else {
          findTlsDisabled(property.initializer, found, checker, depth + 1);
        }
      } else if (ts.isShorthandPropertyAssignment(property)) {
        if (property.name.text === TLS_VERIFY_OPTION && isFalseLiteral(property.name, checker)) {
          found.push(property);
        }
      } else if (ts.isSpreadAssignment(property)) {
        findTlsDisabled(property.expression, found, checker, depth + 1);
      }
    }
    return;
  }
  if (ts.isNewExpression(node)) {
    // `new https.Agent({...})`, `new undici.Agent({ connect: {...} })`, `new ProxyAgent({ requestTls })`.
    for (const argument of node.arguments ?? []) {
      findTlsDisabled(argument, found, checker, depth + 1);
    }
    return;
  }
  const initializer = constInitializer(node, checker);
  if (initializer) {
    findTlsDisabled(initializer, found, checker, depth + 1);
  }
}
