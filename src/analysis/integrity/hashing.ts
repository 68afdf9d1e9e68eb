import ts from '../typescript.cjs';

import { HASH_APIS, HASH_OBJECT, OLLAMA_DIGEST, STREAM_PIPES, STRONG_HASHES, WEAK_HASHES } from '../../knowledge/model-loaders.js';
import { staticStringValue } from '../constants.js';
import { identifyCall, identifySymbol, identityMatches, packageMatches } from './callee.js';
import type { TraceContext } from './bytes.js';
import { declarationOf, skipValueWrappers, valueSymbolOf } from './values.js';
import { isProjectCode } from '../packages.js';

export type HashStrength = 'strong' | 'weak' | 'unknown';

/** A digest computed in the code: which bytes went in and with which algorithm. */
export interface DigestInfo {
  readonly kind: 'hash';
  /** The call that produces the digest (`.digest()`, `subtle.digest()`, a helper call). */
  readonly node: ts.Expression;
  readonly algorithm: string | undefined;
  readonly strength: HashStrength;
  /** Expressions whose bytes were hashed. */
  readonly inputs: readonly ts.Expression[];
}

/** The `digest` of a model the Ollama server reports (`ollama.list()`): a manifest digest. */
export interface OllamaDigestInfo {
  readonly kind: 'ollama';
  readonly node: ts.Expression;
}

export type AnyDigest = DigestInfo | OllamaDigestInfo;

/** Hooks into cross-function summaries (to recognise project helpers that return a digest). */
export interface HashContext extends TraceContext {
  readonly helperDigest?: (call: ts.CallExpression) => DigestInfo | undefined;
}

function normalizeAlgorithm(algorithm: string): string {
  return algorithm.toLowerCase().replace(/[-_\s]/g, '');
}

export function hashStrength(algorithm: string | undefined): HashStrength {
  if (algorithm === undefined) {
    return 'unknown';
  }
  const normalized = normalizeAlgorithm(algorithm);
  if ((WEAK_HASHES as readonly string[]).includes(normalized)) {
    return 'weak';
  }
  if ((STRONG_HASHES as readonly string[]).includes(normalized)) {
    return 'strong';
  }
  return 'unknown';
}

/** The display name of an algorithm: `SHA-256`, `MD5`, ... */
export function displayAlgorithm(algorithm: string | undefined): string {
  if (algorithm === undefined) {
    return 'hash';
  }
  const normalized = normalizeAlgorithm(algorithm);
  const sha = /^sha(\d+)$/.exec(normalized);
  if (sha) {
    return sha[1] === '1' ? 'SHA-1' : `SHA-${sha[1]}`;
  }
  return normalized.toUpperCase();
}

/** The static algorithm name of an argument; a parameter's default value counts. */
function algorithmOf(node: ts.Expression | undefined, checker: ts.TypeChecker): string | undefined {
  if (!node) {
    return undefined;
  }
  const expression = skipValueWrappers(node);
  const value = staticStringValue(expression, checker);
  if (value !== undefined) {
    return value;
  }
  if (ts.isObjectLiteralExpression(expression)) {
    // `subtle.digest({ name: 'SHA-256' }, data)`
    for (const member of expression.properties) {
      if (ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && member.name.text === 'name') {
        return algorithmOf(member.initializer, checker);
      }
    }
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, checker);
    if (declaration && ts.isParameter(declaration) && declaration.initializer) {
      return staticStringValue(declaration.initializer, checker);
    }
  }
  return undefined;
}

const hashObjectCache = new WeakMap<ts.Node, { algorithm: string | undefined; inputs: ts.Expression[] } | null>();

/** A hash object (`createHash(alg)`, possibly after `.update(x)` calls): its algorithm and inputs. */
function hashObjectInfo(node: ts.Expression, context: HashContext, depth: number): { algorithm: string | undefined; inputs: ts.Expression[] } | undefined {
  const expression = skipValueWrappers(node);
  if (depth > 12) {
    return undefined;
  }
  const cached = hashObjectCache.get(expression);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const result = computeHashObjectInfo(expression, context, depth);
  hashObjectCache.set(expression, result ?? null);
  return result;
}

function computeHashObjectInfo(
  expression: ts.Expression,
  context: HashContext,
  depth: number,
): { algorithm: string | undefined; inputs: ts.Expression[] } | undefined {
  const { checker, program } = context;
  if (ts.isCallExpression(expression)) {
    const identity = identifyCall(expression, checker, program);
    if (!identity) {
      return undefined;
    }
    for (const api of HASH_APIS) {
      if (api.kind === 'hash-object' && identityMatches(identity, api)) {
        return { algorithm: algorithmOf(expression.arguments[api.algorithm], checker), inputs: [] };
      }
    }
    if (identity.name === HASH_OBJECT.update && packageMatches(identity.origin, HASH_OBJECT.packages)) {
      const callee = skipValueWrappers(expression.expression);
      if (!ts.isPropertyAccessExpression(callee)) {
        return undefined;
      }
      const inner = hashObjectInfo(callee.expression, context, depth + 1);
      if (!inner) {
        return undefined;
      }
      const input = expression.arguments[0];
      return { algorithm: inner.algorithm, inputs: input ? [...inner.inputs, input] : inner.inputs };
    }
    return undefined;
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, checker);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) {
      return undefined;
    }
    const base = hashObjectInfo(declaration.initializer, context, depth + 1);
    if (!base) {
      return undefined;
    }
    const symbol = valueSymbolOf(expression, checker);
    const fed = symbol ? inputsFedTo(symbol, declaration, context) : [];
    return { algorithm: base.algorithm, inputs: [...base.inputs, ...fed] };
  }
  return undefined;
}

const fedCache = new WeakMap<ts.Symbol, ts.Expression[]>();

/**
 * Everything fed into a hash object held in a variable: `h.update(x)`, `source.pipe(h)`,
 * `await pipeline(source, h)`, anywhere in the variable's scope (callbacks included).
 */
function inputsFedTo(symbol: ts.Symbol, declaration: ts.VariableDeclaration, context: HashContext): ts.Expression[] {
  const cached = fedCache.get(symbol);
  if (cached) {
    return cached;
  }
  const inputs: ts.Expression[] = [];
  fedCache.set(symbol, inputs);
  const { checker, program } = context;
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) {
    scope = scope.parent;
  }
  const isHash = (node: ts.Expression): boolean => {
    const expression = skipValueWrappers(node);
    return ts.isIdentifier(expression) && valueSymbolOf(expression, checker) === symbol;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipValueWrappers(node.expression);
      if (ts.isPropertyAccessExpression(callee)) {
        if (callee.name.text === HASH_OBJECT.update && isHash(callee.expression) && node.arguments[0]) {
          inputs.push(node.arguments[0]);
        } else if (callee.name.text === STREAM_PIPES.pipeMethod && node.arguments[0] && isHash(node.arguments[0])) {
          inputs.push(callee.expression);
        }
      }
      if (node.arguments.length >= 2 && node.arguments.some(isHash)) {
        const identity = identifyCall(node, checker, program);
        if (identityMatches(identity, STREAM_PIPES.pipelineFunctions)) {
          const first = node.arguments[0];
          if (first && !isHash(first)) {
            inputs.push(first);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return inputs;
}

/** Is this expression a digest, or derived from one (`Buffer.from(d).toString('hex')`)? */
export function digestOf(node: ts.Expression, context: HashContext, depth = 0): AnyDigest | undefined {
  if (depth > 10) {
    return undefined;
  }
  const expression = skipValueWrappers(node);
  const { checker, program } = context;
  const type = checker.getTypeAtLocation(expression);
  if (type.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) {
    // `digest.length`, `digest.startsWith(...)`: not the digest.
    return undefined;
  }
  if (ts.isCallExpression(expression)) {
    const identity = identifyCall(expression, checker, program);
    if (identity) {
      if (identity.name === HASH_OBJECT.digest && packageMatches(identity.origin, HASH_OBJECT.packages)) {
        const callee = skipValueWrappers(expression.expression);
        const info = ts.isPropertyAccessExpression(callee) ? hashObjectInfo(callee.expression, context, 0) : undefined;
        if (info) {
          return { kind: 'hash', node: expression, algorithm: info.algorithm, strength: hashStrength(info.algorithm), inputs: info.inputs };
        }
      }
      for (const api of HASH_APIS) {
        if (api.kind === 'one-shot' && identityMatches(identity, api)) {
          const algorithm = typeof api.algorithm === 'string' ? api.algorithm : algorithmOf(expression.arguments[api.algorithm], checker);
          const data = expression.arguments[api.data];
          return { kind: 'hash', node: expression, algorithm, strength: hashStrength(algorithm), inputs: data ? [data] : [] };
        }
      }
      if (identity.origin === undefined && context.helperDigest) {
        const helper = context.helperDigest(expression);
        if (helper) {
          return helper;
        }
      }
    }
    // A conversion of a digest: `Buffer.from(d)`, `d.toString('hex')`, `toHex(d)`.
    const callee = skipValueWrappers(expression.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const fromReceiver = digestOf(callee.expression, context, depth + 1);
      if (fromReceiver) {
        return fromReceiver;
      }
    }
    for (const argument of expression.arguments) {
      const fromArgument = digestOf(ts.isSpreadElement(argument) ? argument.expression : argument, context, depth + 1);
      if (fromArgument) {
        return fromArgument;
      }
    }
    return undefined;
  }
  if (ts.isNewExpression(expression)) {
    for (const argument of expression.arguments ?? []) {
      const fromArgument = digestOf(argument, context, depth + 1);
      if (fromArgument) {
        return fromArgument;
      }
    }
    return undefined;
  }
  if (ts.isIdentifier(expression)) {
    const declaration = declarationOf(expression, checker);
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name)) {
      return digestOf(declaration.initializer, context, depth + 1);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    const symbol = checker.getSymbolAtLocation(expression.name);
    const identity = symbol ? identifySymbol(symbol, checker, program) : undefined;
    if (
      identity &&
      identity.name === OLLAMA_DIGEST.property &&
      packageMatches(identity.origin, OLLAMA_DIGEST.packages) &&
      (identity.owner === undefined || (OLLAMA_DIGEST.owners as readonly string[]).includes(identity.owner))
    ) {
      return { kind: 'ollama', node: expression };
    }
    const inner = digestOf(expression.expression, context, depth + 1);
    if (
      !inner &&
      expression.name.text === OLLAMA_DIGEST.property &&
      (checker.getTypeAtLocation(expression.expression).flags & ts.TypeFlags.Any || (identity !== undefined && identity.origin === undefined))
    ) {
      // JSON of Ollama's REST API (`/api/tags`, `/api/show`), untyped or typed by the app: `model.digest`.
      return { kind: 'ollama', node: expression };
    }
    return inner;
  }
  if (ts.isElementAccessExpression(expression)) {
    return digestOf(expression.expression, context, depth + 1);
  }
  if (ts.isArrayLiteralExpression(expression)) {
    for (const element of expression.elements) {
      const found = digestOf(ts.isSpreadElement(element) ? element.expression : element, context, depth + 1);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (ts.isTemplateExpression(expression)) {
    for (const span of expression.templateSpans) {
      const found = digestOf(span.expression, context, depth + 1);
      if (found) {
        return found;
      }
    }
    return undefined;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return digestOf(expression.left, context, depth + 1) ?? digestOf(expression.right, context, depth + 1);
  }
  return undefined;
}

const HASH_CALL_NAMES = new Set<string>([HASH_OBJECT.digest, ...HASH_APIS.flatMap(api => (api.kind === 'one-shot' ? api.names : []))]);

/** Might this call return a digest: a hash API by name, or a function with a body in the project? */
function mayReturnDigest(call: ts.CallExpression, context: HashContext): boolean {
  const callee = skipValueWrappers(call.expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  if (!nameNode) {
    return false;
  }
  if (HASH_CALL_NAMES.has(nameNode.text)) {
    return true;
  }
  if (!context.helperDigest) {
    return false;
  }
  let symbol = context.checker.getSymbolAtLocation(nameNode);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
    try {
      symbol = context.checker.getAliasedSymbol(symbol);
    } catch {
      return false;
    }
  }
  const declaration = symbol?.valueDeclaration;
  if (!declaration) {
    return false;
  }
  const sourceFile = declaration.getSourceFile();
  if (!isProjectCode(sourceFile, context.program)) {
    return false;
  }
  const fn = ts.isVariableDeclaration(declaration) ? declaration.initializer : declaration;
  return fn !== undefined && ts.isFunctionLike(fn) && (fn as ts.FunctionLikeDeclaration).body !== undefined;
}

/**
 * Every digest computed inside a node, for "hashed but never compared". Callbacks are included
 * (`stream.on('end', () => resolve(hash.digest('hex')))`); nested declarations are not.
 */
export function digestsIn(root: ts.Node, context: HashContext): DigestInfo[] {
  const found: DigestInfo[] = [];
  const visit = (node: ts.Node): void => {
    if (
      node !== root &&
      (ts.isFunctionDeclaration(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
    ) {
      return;
    }
    if (ts.isCallExpression(node) && mayReturnDigest(node, context)) {
      const digest = digestOf(node, context);
      if (digest?.kind === 'hash' && digest.node === node) {
        found.push(digest);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}
