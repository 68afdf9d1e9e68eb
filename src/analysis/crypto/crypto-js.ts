import ts from '../typescript.cjs';

import {
  CRYPTO_JS_CIPHERS,
  CRYPTO_JS_IV_OPTION,
  CRYPTO_JS_MODE_OPTION,
  CRYPTO_JS_PASSPHRASE_WEAKNESS,
  CRYPTO_JS_WEAK_MODES,
  NONCE_MODE_PATTERN,
} from '../../knowledge/crypto.js';
import { skipTransparent } from '../constants.js';
import type { FixedValues } from './fixed-values.js';
import type { IvReuseFinder } from './iv-reuse.js';
import type { KeyDerivations } from './key-derivation.js';
import { type WeakConstruct, type WeaknessDetail, construct, ivDetail, keyDetail } from './weakness.js';

const MAX_DEPTH = 8;

/**
 * crypto-js: `CryptoJS.<Cipher>.encrypt(message, key, cfg)`. Weak ciphers (DES, 3DES, RC4,
 * Blowfish), ECB mode, a key or IV the source fixes or an IV made once, passphrase mode (a string
 * key: `EVP_BytesToKey` with one round of MD5), and keys from weak derivations.
 */
export class CryptoJsInspector {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly fixed: FixedValues,
    private readonly derivations: KeyDerivations,
    private readonly reuse: IvReuseFinder,
  ) {}

  /** The cipher namespace a call is on (`AES` in `CryptoJS.AES.encrypt`), when crypto-js knows it. */
  cipherOf(call: ts.CallExpression): ts.Expression | undefined {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const namespace = skipTransparent(callee.expression);
    const name = ts.isPropertyAccessExpression(namespace) ? namespace.name.text : ts.isIdentifier(namespace) ? namespace.text : undefined;
    return CRYPTO_JS_CIPHERS.some(candidate => candidate.namespace === name) ? namespace : undefined;
  }

  constructsOf(call: ts.CallExpression, role: 'encrypts' | 'decrypts'): (WeakConstruct | undefined)[] {
    const namespace = this.cipherOf(call);
    if (!namespace) return [];
    const name = ts.isPropertyAccessExpression(namespace) ? namespace.name.text : (namespace as ts.Identifier).text;
    const details: WeaknessDetail[] = [];
    const weakBecause = CRYPTO_JS_CIPHERS.find(candidate => candidate.namespace === name)?.weakBecause;
    if (weakBecause) {
      details.push({ kind: 'weak-algorithm', reason: weakBecause, evidence: namespace });
    }
    const options = call.arguments[2] ? this.fixed.objectLiteralOf(call.arguments[2]) : undefined;
    const mode = options && this.fixed.propertyOf(options, CRYPTO_JS_MODE_OPTION);
    const modeName = mode ? this.modeName(mode) : undefined;
    if (mode && modeName !== undefined && CRYPTO_JS_WEAK_MODES.has(modeName)) {
      details.push({ kind: 'ecb-mode', reason: 'ECB mode shows repeated blocks of the plaintext', evidence: mode });
    }
    const key = call.arguments[1];
    // A string is a passphrase (crypto-js derives key and IV from it); anything else is the key
    // itself, used with the IV of the options.
    const passphrase = key !== undefined && this.isStringTyped(key);
    const fixedKey = key ? this.fixed.fixedValue(key) : undefined;
    if (key && fixedKey) {
      details.push(keyDetail(passphrase ? 'passphrase' : 'key', key, fixedKey));
    } else if (key && passphrase) {
      details.push({ kind: 'weak-kdf', reason: CRYPTO_JS_PASSPHRASE_WEAKNESS, evidence: key });
    }
    const iv = passphrase || !options ? undefined : this.fixed.propertyOf(options, CRYPTO_JS_IV_OPTION);
    if (iv) {
      const fixed = this.fixed.fixedValue(iv);
      const detail = ivDetail(iv, { fixed, reuse: fixed || role === 'decrypts' ? undefined : this.reuse.reuseOf(iv, call) }, NONCE_MODE_PATTERN.test((modeName ?? 'cbc').toLowerCase()));
      if (detail) details.push(detail);
    }
    return [construct(call, role, details), ...(key && !passphrase ? this.derivations.weakDerivationsOf(key) : [])];
  }

  /** `CryptoJS.mode.ECB`, or a constant holding it: `'ECB'`. */
  private modeName(node: ts.Expression, depth = 0): string | undefined {
    const expression = skipTransparent(node);
    if (ts.isPropertyAccessExpression(expression)) {
      return expression.name.text;
    }
    if (ts.isIdentifier(expression) && depth < MAX_DEPTH) {
      const initializer = this.fixed.constantInitializer(expression);
      return initializer ? this.modeName(initializer, depth + 1) : undefined;
    }
    return undefined;
  }

  private isStringTyped(node: ts.Expression): boolean {
    try {
      const type = this.checker.getTypeAtLocation(node);
      const members = type.isUnion() ? type.types : [type];
      // `string`, or `string | undefined` (a passphrase read from the environment).
      return members.some(member => member.flags & ts.TypeFlags.StringLike) && members.every(member => member.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null));
    } catch {
      return false;
    }
  }
}
