import ts from '../typescript.cjs';

import { staticStringValue } from '../constants.js';
import type { IntegrityContext, Pinnedness } from './context.js';
import { digestOf } from './hashing.js';
import { declarationOf, skipValueWrappers } from './values.js';

const TRANSPARENT_COLLECTION_METHODS = new Set(['entries', 'values', 'find', 'filter', 'at', 'get']);

/** The iterated expression of a `for (const x of <expression>)` declaration. */
function forOfSource(declaration: ts.VariableDeclaration): ts.Expression | undefined {
  const list = declaration.parent;
  const statement = list.parent;
  return !declaration.initializer && ts.isVariableDeclarationList(list) && ts.isForOfStatement(statement) ? statement.expression : undefined;
}

const TRANSPARENT_STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toString', 'normalize', 'replace', 'replaceAll', 'slice']);

/**
 * Is an expected digest fixed in the source? Literals, `const`s, `as const` manifests, imported
 * JSON, values typed with a named manifest type and environment variables are; values fetched or
 * read at run time, or computed from another digest, are not. A parameter of `fn` is "param".
 */
export function pinnedness(node: ts.Expression, context: IntegrityContext, fn?: ts.SignatureDeclaration, depth = 0): Pinnedness {
  if (depth > 10) {
    return { kind: 'unpinned' };
  }
  const { checker } = context;
  const expression = skipValueWrappers(node);
  const value = staticStringValue(expression, checker);
  if (value !== undefined) {
    return value.length > 0 ? { kind: 'pinned' } : { kind: 'unpinned' };
  }
  if (digestOf(expression, context)) {
    return { kind: 'unpinned' };
  }
  if (ts.isIdentifier(expression)) {
    if (expression.text === 'undefined') {
      return { kind: 'unpinned' };
    }
    const declaration = declarationOf(expression, checker);
    if (!declaration) {
      return { kind: 'unpinned' };
    }
    if (ts.isParameter(declaration)) {
      if (fn && declaration.parent === fn) {
        return { kind: 'param', index: fn.parameters.indexOf(declaration) };
      }
      // At a load site, a parameter is the caller's choice.
      return { kind: 'pinned' };
    }
    if (ts.isVariableDeclaration(declaration)) {
      const iterated = forOfSource(declaration);
      if (iterated) {
        // `for (const [file, expected] of Object.entries(MANIFEST))`
        return pinnedness(iterated, context, fn, depth + 1);
      }
      if (declaration.type && ts.isTypeReferenceNode(declaration.type)) {
        // A typed manifest: `const manifest: ModelManifest = JSON.parse(...)`.
        return { kind: 'pinned' };
      }
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        return pinnedness(declaration.initializer, context, fn, depth + 1);
      }
      return { kind: 'unpinned' };
    }
    if (ts.isBindingElement(declaration)) {
      let pattern: ts.Node = declaration.parent;
      while (ts.isBindingElement(pattern.parent) || ts.isObjectBindingPattern(pattern.parent) || ts.isArrayBindingPattern(pattern.parent)) {
        pattern = pattern.parent;
      }
      const owner = pattern.parent;
      if (ts.isVariableDeclaration(owner)) {
        const source = owner.initializer ?? forOfSource(owner);
        return source ? pinnedness(source, context, fn, depth + 1) : { kind: 'unpinned' };
      }
      if (ts.isParameter(owner)) {
        return fn && owner.parent === fn ? { kind: 'param', index: fn.parameters.indexOf(owner) } : { kind: 'pinned' };
      }
      return { kind: 'unpinned' };
    }
    if (ts.isEnumMember(declaration) || ts.isSourceFile(declaration)) {
      // An enum member or an imported JSON module.
      return { kind: 'pinned' };
    }
    return { kind: 'unpinned' };
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const root = skipValueWrappers(expression.expression);
    if (ts.isPropertyAccessExpression(root) && root.name.text === 'env' && ts.isIdentifier(root.expression) && root.expression.text === 'process') {
      return { kind: 'pinned' };
    }
    return pinnedness(root, context, fn, depth + 1);
  }
  if (ts.isObjectLiteralExpression(expression) || ts.isArrayLiteralExpression(expression)) {
    return { kind: 'pinned' };
  }
  if (ts.isNewExpression(expression) && ts.isIdentifier(expression.expression) && ['Map', 'Set'].includes(expression.expression.text)) {
    // `new Map([['model.onnx', '...']])`
    const entries = expression.arguments?.[0];
    return entries ? pinnedness(entries, context, fn, depth + 1) : { kind: 'unpinned' };
  }
  if (ts.isCallExpression(expression)) {
    const callee = skipValueWrappers(expression.expression);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Object' &&
      ['entries', 'values', 'keys', 'fromEntries'].includes(callee.name.text) &&
      expression.arguments[0]
    ) {
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && TRANSPARENT_COLLECTION_METHODS.has(callee.name.text)) {
      // `MANIFEST.find(entry => ...)`, `PINS.get(name)`: an element of a pinned collection.
      return pinnedness(callee.expression, context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && TRANSPARENT_STRING_METHODS.has(callee.name.text)) {
      return pinnedness(callee.expression, context, fn, depth + 1);
    }
    if (ts.isIdentifier(callee) && callee.text === 'String' && expression.arguments[0]) {
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'from' && expression.arguments[0]) {
      // `Buffer.from(EXPECTED, 'hex')`
      return pinnedness(expression.arguments[0], context, fn, depth + 1);
    }
    return { kind: 'unpinned' };
  }
  if (ts.isConditionalExpression(expression)) {
    return combinePins([
      pinnedness(expression.whenTrue, context, fn, depth + 1),
      pinnedness(expression.whenFalse, context, fn, depth + 1),
    ]);
  }
  if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)) {
    return combinePins([pinnedness(expression.left, context, fn, depth + 1), pinnedness(expression.right, context, fn, depth + 1)]);
  }
  if (ts.isTemplateExpression(expression)) {
    return combinePins(expression.templateSpans.map(span => pinnedness(span.expression, context, fn, depth + 1)));
  }
  return { kind: 'unpinned' };
}

function combinePins(pins: Pinnedness[]): Pinnedness {
  if (pins.some(pin => pin.kind === 'unpinned')) {
    return { kind: 'unpinned' };
  }
  return pins.find(pin => pin.kind === 'param') ?? { kind: 'pinned' };
}
