import ts from 'typescript';

import {
  CIPHER_FACTORIES,
  CRYPTO_JS_CIPHERS,
  CRYPTO_JS_PACKAGE,
  CRYPTO_JS_WEAK_MODES,
  ECB_PATTERN,
  KEY_DERIVATIONS,
  WEAK_CIPHER_PREFIXES,
} from '../knowledge/crypto.js';
import type { CalleeInfo, CalleeResolver } from './callees.js';
import { skipTransparent, staticPropertyName, staticStringValue } from './constants.js';
import { originMatches } from './packages.js';

/** Why an encryption call does not protect the data it is given. */
export interface Weakness {
  /** Stable id for messages: which kind of weakness. */
  readonly kind: 'weak-algorithm' | 'ecb-mode' | 'hardcoded-key' | 'constant-iv' | 'deprecated-api';
  /** A sentence fragment for messages, e.g. `'des-ede3-cbc' is a weak cipher`. */
  readonly reason: string;
}

const MAX_DEPTH = 8;

/**
 * Recognises encryption that only looks like encryption: weak algorithms, ECB, keys or IVs written
 * in the source (or derived from literals), the deprecated `createCipher`, crypto-js with a literal
 * passphrase. Results are cached per cipher-creating call.
 */
export class CipherInspector {
  private readonly cache = new WeakMap<ts.Node, Weakness | null>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly callees: CalleeResolver,
  ) {}

  /**
   * For a call that takes plaintext (`cipher.update(data)`, `CryptoJS.AES.encrypt(data, key)`): the
   * weakness of that encryption, `undefined` when it is not weak encryption (or not encryption).
   */
  weaknessOfEncryptCall(call: ts.CallExpression, info: CalleeInfo): Weakness | undefined {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) {
      return undefined;
    }
    if (info.name === 'update' && info.declarations.some(declaration => originMatches(declaration.origin, 'node:crypto') && declaration.container === 'Cipher')) {
      const creation = this.creationCall(callee.expression);
      return creation ? this.weaknessOfCipherCreation(creation) : undefined;
    }
    if (info.name === 'encrypt' && info.declarations.some(declaration => declaration.origin === CRYPTO_JS_PACKAGE)) {
      return this.weaknessOfCryptoJs(call, callee);
    }
    return undefined;
  }

  /** `const cipher = createCipheriv(...)` → that call, for `cipher.update(...)`. */
  private creationCall(receiver: ts.Expression, depth = 0): ts.CallExpression | undefined {
    const expression = skipTransparent(receiver);
    if (ts.isCallExpression(expression)) {
      return expression;
    }
    if (ts.isIdentifier(expression) && depth < MAX_DEPTH) {
      const declaration = this.checker.getSymbolAtLocation(expression)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        return this.creationCall(declaration.initializer, depth + 1);
      }
    }
    return undefined;
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
    const info = this.callees.resolve(creation);
    const factory = CIPHER_FACTORIES.find(candidate =>
      info.declarations.some(declaration => declaration.name === candidate.name && candidate.from.some(pattern => originMatches(declaration.origin, pattern))),
    );
    if (!factory) {
      return undefined;
    }
    if (factory.alwaysWeak) {
      return { kind: 'deprecated-api', reason: factory.alwaysWeak };
    }
    const algorithmNode = creation.arguments[factory.algorithmArgument];
    const algorithm = algorithmNode ? staticStringValue(algorithmNode, this.checker)?.toLowerCase() : undefined;
    if (algorithm !== undefined) {
      if (WEAK_CIPHER_PREFIXES.some(prefix => algorithm === prefix || algorithm.startsWith(`${prefix}-`) || algorithm.startsWith(prefix))) {
        return { kind: 'weak-algorithm', reason: `'${algorithm}' is a weak cipher` };
      }
      if (ECB_PATTERN.test(algorithm)) {
        return { kind: 'ecb-mode', reason: `'${algorithm}' uses ECB mode, which shows repeated blocks of the plaintext` };
      }
    }
    const key = creation.arguments[factory.keyArgument];
    if (key && this.isHardcoded(key)) {
      return { kind: 'hardcoded-key', reason: 'the key is written in the source code' };
    }
    const iv = factory.ivArgument === undefined ? undefined : creation.arguments[factory.ivArgument];
    if (iv && this.isHardcoded(iv)) {
      return { kind: 'constant-iv', reason: 'the IV is a constant, so equal plaintexts give equal ciphertexts' };
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
      return { kind: 'weak-algorithm', reason: cipher.weakBecause };
    }
    const key = call.arguments[1];
    if (key && this.isHardcoded(key)) {
      return { kind: 'hardcoded-key', reason: 'the passphrase is written in the source code' };
    }
    const options = call.arguments[2] ? skipTransparent(call.arguments[2]) : undefined;
    if (options && ts.isObjectLiteralExpression(options)) {
      for (const property of options.properties) {
        if (!ts.isPropertyAssignment(property) || staticPropertyName(property.name, this.checker) !== 'mode') continue;
        const mode = skipTransparent(property.initializer);
        if (ts.isPropertyAccessExpression(mode) && CRYPTO_JS_WEAK_MODES.has(mode.name.text)) {
          return { kind: 'ecb-mode', reason: 'ECB mode shows repeated blocks of the plaintext' };
        }
      }
    }
    return undefined;
  }

  /**
   * Whether a key or IV is fixed by the source: a literal, a constant holding one, or a value derived
   * from one (`Buffer.from('...')`, `scryptSync('password', 'salt', 32)`, `Buffer.alloc(16)`).
   */
  isHardcoded(node: ts.Expression, depth = 0): boolean {
    if (depth > MAX_DEPTH) {
      return false;
    }
    const expression = skipTransparent(node);
    if (ts.isStringLiteralLike(expression) || ts.isNumericLiteral(expression)) {
      return true;
    }
    if (ts.isArrayLiteralExpression(expression)) {
      return expression.elements.length > 0 && expression.elements.every(element => this.isHardcoded(element, depth + 1));
    }
    if (ts.isTemplateExpression(expression) || ts.isBinaryExpression(expression)) {
      return staticStringValue(expression, this.checker) !== undefined;
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.checker.getSymbolAtLocation(expression)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
        return this.isHardcoded(declaration.initializer, depth + 1);
      }
      return false;
    }
    if (ts.isNewExpression(expression)) {
      // `new Uint8Array([1, 2, 3])`, `new Uint8Array(16)` (all zeros).
      const first = expression.arguments?.[0];
      return first !== undefined && this.isHardcoded(first, depth + 1);
    }
    if (ts.isCallExpression(expression)) {
      const callee = skipTransparent(expression.expression);
      // `createHash('sha256').update('secret').digest()`: follow the chain to its input.
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'digest' || callee.name.text === 'toString' || callee.name.text === 'subarray' || callee.name.text === 'slice')) {
        const inner = skipTransparent(callee.expression);
        if (ts.isCallExpression(inner)) {
          const innerCallee = skipTransparent(inner.expression);
          if (ts.isPropertyAccessExpression(innerCallee) && innerCallee.name.text === 'update' && inner.arguments[0]) {
            return this.isHardcoded(inner.arguments[0], depth + 1);
          }
          return this.isHardcoded(inner, depth + 1);
        }
        return this.isHardcoded(inner, depth + 1);
      }
      const info = this.callees.resolve(expression);
      const derives = KEY_DERIVATIONS.some(family =>
        info.declarations.some(declaration => family.names.includes(declaration.name) && family.from.some(pattern => originMatches(declaration.origin, pattern))),
      );
      const first = expression.arguments[0];
      if (derives && first) {
        // `Buffer.alloc(16)`: sixteen zero bytes.
        return info.name === 'alloc' ? true : this.isHardcoded(first, depth + 1);
      }
    }
    return false;
  }
}
