import ts from 'typescript';

import {
  CIPHER_FACTORIES,
  CIPHER_INPUT_METHODS,
  CIPHER_INPUT_ORIGINS,
  type CipherFactory,
  CRYPTO_JS_CIPHERS,
  CRYPTO_JS_IV_OPTION,
  CRYPTO_JS_MODE_OPTION,
  CRYPTO_JS_PACKAGE,
  CRYPTO_JS_WEAK_MODES,
  ECB_PATTERN,
  WEAK_CIPHER_PREFIXES,
} from '../../knowledge/crypto.js';
import type { CalleeInfo, CalleeResolver } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { originMatches } from '../packages.js';
import { type Fixedness, FixedValues } from './fixed-values.js';

/** Why an encryption call does not protect the data it is given. */
export interface Weakness {
  /** Stable id for messages: which kind of weakness. */
  readonly kind: 'weak-algorithm' | 'ecb-mode' | 'hardcoded-key' | 'constant-iv' | 'deprecated-api';
  /** A sentence fragment for messages, e.g. `'des-ede3-cbc' is a weak cipher`. */
  readonly reason: string;
  /**
   * Where the weakness is written, for messages that point at it: the algorithm argument, the
   * literal (or zero-filled buffer) a key or IV comes from, the deprecated call.
   */
  readonly evidence?: ts.Node;
}

const MAX_DEPTH = 8;

/** Names of keys and IVs longer than this are left out of messages. */
const MAX_NAME_LENGTH = 40;
/** ` 'KEY'` for a key or IV held in a variable or property, `''` for an expression written in place. */
function nameOf(node: ts.Expression): string {
  const expression = skipTransparent(node);
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) {
    const text = expression.getText().replace(/\s+/g, '');
    return text.length <= MAX_NAME_LENGTH ? ` '${text}'` : '';
  }
  return '';
}

function keyReason(role: 'key' | 'passphrase', name: string, how: Fixedness): string {
  const subject = `the ${role}${name}`;
  switch (how) {
    case 'literal':
      return `${subject} is written in the source code`;
    case 'derived':
      return `${subject} is derived from a value written in the source code`;
    case 'zeros':
      return `${subject} is all zero bytes`;
    case 'fallback':
      return `${subject} falls back to a value written in the source code`;
  }
}

function ivReason(name: string, how: Fixedness): string {
  const subject = `the IV${name}`;
  switch (how) {
    case 'literal':
      return `${subject} is a constant`;
    case 'derived':
      return `${subject} is derived from a constant`;
    case 'zeros':
      return `${subject} is all zero bytes`;
    case 'fallback':
      return `${subject} falls back to a constant`;
  }
}

/**
 * Recognises encryption that only looks like encryption: weak algorithms, ECB, keys or IVs written
 * in the source (or derived from literals), the deprecated `createCipher`, crypto-js with a literal
 * passphrase. Results are cached per cipher-creating call.
 */
export class CipherInspector {
  private readonly cache = new WeakMap<ts.Node, Weakness | null>();
  private readonly fixed: FixedValues;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly callees: CalleeResolver,
  ) {
    this.fixed = new FixedValues(checker, callees);
  }

  /**
   * For a call that takes plaintext (`cipher.update(data)`, `cipher.write(data)`,
   * `CryptoJS.AES.encrypt(data, key)`): the weakness of that encryption, `undefined` when it is not
   * weak encryption (or not encryption).
   */
  weaknessOfEncryptCall(call: ts.CallExpression, info: CalleeInfo): Weakness | undefined {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || info.name === undefined) {
      return undefined;
    }
    if (CIPHER_INPUT_METHODS.has(info.name) && info.declarations.some(declaration => CIPHER_INPUT_ORIGINS.some(pattern => originMatches(declaration.origin, pattern)))) {
      return this.weaknessOfCipherValue(callee.expression, 0);
    }
    if (info.name === 'encrypt' && info.declarations.some(declaration => declaration.origin === CRYPTO_JS_PACKAGE)) {
      return this.weaknessOfCryptoJs(call, callee);
    }
    return undefined;
  }

  /**
   * The cipher a receiver holds: `createCipheriv(...)` itself, a variable holding it, or a project
   * function that returns one (`const cipher = makeCipher()`).
   */
  private weaknessOfCipherValue(receiver: ts.Expression, depth: number): Weakness | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const expression = skipTransparent(receiver);
    if (ts.isIdentifier(expression)) {
      const declaration = this.fixed.declarationOf(expression);
      return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? this.weaknessOfCipherValue(declaration.initializer, depth + 1) : undefined;
    }
    if (!ts.isCallExpression(expression)) {
      return undefined;
    }
    const info = this.callees.resolve(expression);
    if (this.factoryOf(info)) {
      return this.weaknessOfCipherCreation(expression);
    }
    const body = info.projectFunction && 'body' in info.projectFunction ? (info.projectFunction.body as ts.Node | undefined) : undefined;
    if (!body) {
      return undefined;
    }
    if (!ts.isBlock(body)) {
      return this.weaknessOfCipherValue(body as ts.Expression, depth + 1);
    }
    let found: Weakness | undefined;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) {
        found = this.weaknessOfCipherValue(node.expression, depth + 1);
        return;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
    return found;
  }

  private factoryOf(info: CalleeInfo): CipherFactory | undefined {
    return CIPHER_FACTORIES.find(candidate =>
      info.declarations.some(declaration => declaration.name === candidate.name && candidate.from.some(pattern => originMatches(declaration.origin, pattern))),
    );
  }

  weaknessOfCipherCreation(creation: ts.CallExpression): Weakness | undefined {
    const cached = this.cache.get(creation);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    const weakness = this.computeCipherWeakness(creation);
    this.cache.set(creation, weakness ?? null);
    return weakness;
  }

  private computeCipherWeakness(creation: ts.CallExpression): Weakness | undefined {
    const factory = this.factoryOf(this.callees.resolve(creation));
    if (!factory) {
      return undefined;
    }
    if (factory.alwaysWeak) {
      return { kind: 'deprecated-api', reason: factory.alwaysWeak, evidence: creation };
    }
    const algorithmNode = creation.arguments[factory.algorithmArgument];
    const algorithm = algorithmNode ? this.fixed.constantString(algorithmNode)?.toLowerCase() : undefined;
    if (algorithmNode && algorithm !== undefined) {
      if (WEAK_CIPHER_PREFIXES.some(prefix => algorithm.startsWith(prefix))) {
        return { kind: 'weak-algorithm', reason: `'${algorithm}' is a weak cipher`, evidence: algorithmNode };
      }
      if (ECB_PATTERN.test(algorithm)) {
        return { kind: 'ecb-mode', reason: `'${algorithm}' uses ECB mode, which shows repeated blocks of the plaintext`, evidence: algorithmNode };
      }
    }
    const key = creation.arguments[factory.keyArgument];
    const fixedKey = key ? this.fixed.fixedValue(key) : undefined;
    if (key && fixedKey) {
      return { kind: 'hardcoded-key', reason: keyReason('key', nameOf(key), fixedKey.how), evidence: fixedKey.node };
    }
    const iv = factory.ivArgument === undefined ? undefined : creation.arguments[factory.ivArgument];
    const fixedIv = iv ? this.fixed.fixedValue(iv) : undefined;
    if (iv && fixedIv) {
      return { kind: 'constant-iv', reason: ivReason(nameOf(iv), fixedIv.how), evidence: fixedIv.node };
    }
    const once = iv ? this.fixed.createdOnce(iv, creation) : undefined;
    if (iv && once) {
      return { kind: 'constant-iv', reason: `the IV${nameOf(iv)} is created once and reused for every message`, evidence: once };
    }
    return undefined;
  }

  private weaknessOfCryptoJs(call: ts.CallExpression, callee: ts.PropertyAccessExpression): Weakness | undefined {
    const namespace = skipTransparent(callee.expression);
    const name = ts.isPropertyAccessExpression(namespace) ? namespace.name.text : ts.isIdentifier(namespace) ? namespace.text : undefined;
    const cipher = CRYPTO_JS_CIPHERS.find(candidate => candidate.namespace === name);
    if (!cipher) {
      return undefined;
    }
    if (cipher.weakBecause) {
      return { kind: 'weak-algorithm', reason: cipher.weakBecause, evidence: namespace };
    }
    const options = call.arguments[2] ? this.objectLiteralOf(call.arguments[2]) : undefined;
    const option = (wanted: string): ts.Expression | undefined => {
      for (const property of options?.properties ?? []) {
        if (ts.isPropertyAssignment(property) && staticPropertyName(property.name, this.checker) === wanted) return property.initializer;
        if (ts.isShorthandPropertyAssignment(property) && property.name.text === wanted) return property.name;
      }
      return undefined;
    };
    const mode = option(CRYPTO_JS_MODE_OPTION);
    const modeName = mode ? this.cryptoJsModeName(mode) : undefined;
    if (mode && modeName !== undefined && CRYPTO_JS_WEAK_MODES.has(modeName)) {
      return { kind: 'ecb-mode', reason: 'ECB mode shows repeated blocks of the plaintext', evidence: mode };
    }
    const key = call.arguments[1];
    // A string is a passphrase (crypto-js derives key and IV from it with a random salt); anything
    // else is the key itself, used with the IV of the options.
    const passphrase = key !== undefined && this.isStringTyped(key);
    const fixedKey = key ? this.fixed.fixedValue(key) : undefined;
    if (key && fixedKey) {
      return { kind: 'hardcoded-key', reason: keyReason(passphrase ? 'passphrase' : 'key', nameOf(key), fixedKey.how), evidence: fixedKey.node };
    }
    const iv = passphrase ? undefined : option(CRYPTO_JS_IV_OPTION);
    const fixedIv = iv ? this.fixed.fixedValue(iv) : undefined;
    if (iv && fixedIv) {
      return { kind: 'constant-iv', reason: ivReason(nameOf(iv), fixedIv.how), evidence: fixedIv.node };
    }
    const once = iv ? this.fixed.createdOnce(iv, call) : undefined;
    if (iv && once) {
      return { kind: 'constant-iv', reason: `the IV${nameOf(iv)} is created once and reused for every message`, evidence: once };
    }
    return undefined;
  }

  /** `CryptoJS.mode.ECB`, or a constant holding it: `'ECB'`. */
  private cryptoJsModeName(node: ts.Expression, depth = 0): string | undefined {
    const expression = skipTransparent(node);
    if (ts.isPropertyAccessExpression(expression)) {
      return expression.name.text;
    }
    if (ts.isIdentifier(expression) && depth < MAX_DEPTH) {
      const initializer = this.fixed.constantInitializer(expression);
      return initializer ? this.cryptoJsModeName(initializer, depth + 1) : undefined;
    }
    return undefined;
  }

  private objectLiteralOf(node: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
    const expression = skipTransparent(node);
    if (ts.isObjectLiteralExpression(expression)) {
      return expression;
    }
    const initializer = depth < MAX_DEPTH ? this.fixed.constantInitializer(expression) : undefined;
    return initializer ? this.objectLiteralOf(initializer, depth + 1) : undefined;
  }

  private isStringTyped(node: ts.Expression): boolean {
    try {
      const type = this.checker.getTypeAtLocation(node);
      return (type.getFlags() & ts.TypeFlags.StringLike) !== 0;
    } catch {
      return false;
    }
  }


}
