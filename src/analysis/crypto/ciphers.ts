import ts from '../typescript.cjs';

import {
  CIPHER_FACTORIES,
  CIPHER_INPUT_METHODS,
  CIPHER_INPUT_ORIGINS,
  type CipherFactory,
  CRYPTO_JS_DECRYPT,
  CRYPTO_JS_ENCRYPT,
  CRYPTO_JS_PACKAGE,
  ECB_PATTERN,
  NONCE_MODE_PATTERN,
  WEAK_CIPHER_PREFIXES,
  WEB_CRYPTO_PLAINTEXT_ARGUMENT,
} from '../../knowledge/crypto.js';
import type { CalleeInfo, CalleeResolver } from '../callees.js';
import { skipTransparent } from '../constants.js';
import { originMatches } from '../packages.js';
import { CryptoJsInspector } from './crypto-js.js';
import { FixedValues } from './fixed-values.js';
import { IvReuseFinder } from './iv-reuse.js';
import { KeyDerivations, isWebCrypto } from './key-derivation.js';
import { WebCryptoInspector } from './web-crypto.js';
import { type WeakConstruct, type Weakness, type WeaknessDetail, construct, ivDetail, keyDetail, weaknessOf } from './weakness.js';

export type { WeakConstruct, Weakness, WeaknessDetail, WeaknessKind } from './weakness.js';

const MAX_DEPTH = 8;

/** Callee names that can create a cipher or encrypt: a cheap filter before any callee is resolved. */
const ENCRYPTION_CALL_NAMES: ReadonlySet<string> = new Set([...CIPHER_FACTORIES.map(factory => factory.name), CRYPTO_JS_ENCRYPT, CRYPTO_JS_DECRYPT]);

/**
 * Recognises encryption that only looks like encryption, and where each weakness is written: the
 * cipher creation (`createCipheriv`, `createCipher`), the crypto-js or WebCrypto call, and the key
 * derivation behind the key. Node.js ciphers are inspected here; crypto-js, WebCrypto, key
 * derivations and reused IVs have files of their own. Results are cached per call.
 */
export class CipherInspector {
  private readonly cache = new WeakMap<ts.CallExpression, readonly WeakConstruct[]>();
  readonly fixed: FixedValues;
  private readonly derivations: KeyDerivations;
  private readonly reuse: IvReuseFinder;
  private readonly cryptoJs: CryptoJsInspector;
  private readonly webCrypto: WebCryptoInspector;

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly callees: CalleeResolver,
  ) {
    this.fixed = new FixedValues(checker, callees);
    this.derivations = new KeyDerivations(checker, callees, this.fixed);
    this.reuse = new IvReuseFinder(checker, node => this.fixed.declarationOf(node));
    this.cryptoJs = new CryptoJsInspector(checker, this.fixed, this.derivations, this.reuse);
    this.webCrypto = new WebCryptoInspector(checker, this.fixed, this.derivations, this.reuse);
  }

  /**
   * Which argument of a call would be plaintext if it encrypts: the data of WebCrypto's
   * `encrypt(algorithm, key, data)`, the first argument otherwise (`cipher.update(data)`,
   * `CryptoJS.AES.encrypt(data, key)`). Decided from the callee alone, before any inspection.
   */
  plaintextArgument(info: CalleeInfo): number {
    return info.name === CRYPTO_JS_ENCRYPT && isWebCrypto(info, CRYPTO_JS_ENCRYPT) ? WEB_CRYPTO_PLAINTEXT_ARGUMENT : 0;
  }

  /**
   * For a call that takes plaintext (`cipher.update(data)`, `cipher.write(data)`,
   * `CryptoJS.AES.encrypt(data, key)`, `crypto.subtle.encrypt(algorithm, key, data)`): the weakness
   * of that encryption, `undefined` when it is not weak encryption (or not encryption).
   */
  weaknessOfEncryptCall(call: ts.CallExpression, info: CalleeInfo): Weakness | undefined {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || info.name === undefined) {
      return undefined;
    }
    if (CIPHER_INPUT_METHODS.has(info.name) && info.declarations.some(declaration => CIPHER_INPUT_ORIGINS.some(pattern => originMatches(declaration.origin, pattern)))) {
      const creation = this.cipherCreationOf(callee.expression, 0);
      return creation ? weaknessOf(this.constructsOfCall(creation)) : undefined;
    }
    if (info.name === CRYPTO_JS_ENCRYPT && (info.declarations.some(declaration => declaration.origin === CRYPTO_JS_PACKAGE) || isWebCrypto(info, CRYPTO_JS_ENCRYPT))) {
      return weaknessOf(this.constructsOfCall(call));
    }
    return undefined;
  }

  /**
   * The weak constructs an encryption or decryption call depends on: for a cipher creation, a
   * crypto-js or a WebCrypto call, the call itself when something about it is weak, and the key
   * derivations behind its key. Empty for any other call.
   */
  constructsOfCall(call: ts.CallExpression): readonly WeakConstruct[] {
    const cached = this.cache.get(call);
    if (cached) return cached;
    const name = skipTransparent(call.expression);
    const callName = ts.isPropertyAccessExpression(name) ? name.name.text : ts.isIdentifier(name) ? name.text : undefined;
    let constructs: readonly (WeakConstruct | undefined)[] = [];
    if (callName !== undefined && ENCRYPTION_CALL_NAMES.has(callName)) {
      const info = this.callees.resolve(call);
      const factory = this.factoryOf(info);
      const role = callName === CRYPTO_JS_DECRYPT || factory?.decrypts ? 'decrypts' : 'encrypts';
      if (factory) {
        constructs = this.constructsOfCreation(call, factory);
      } else if (isWebCrypto(info, callName)) {
        constructs = this.webCrypto.constructsOf(call, role);
      } else if (info.declarations.some(declaration => declaration.origin === CRYPTO_JS_PACKAGE)) {
        constructs = this.cryptoJs.constructsOf(call, role);
      }
    }
    const present = constructs.filter((item): item is WeakConstruct => item !== undefined);
    this.cache.set(call, present);
    return present;
  }

  /**
   * The cipher creation a receiver holds: `createCipheriv(...)` itself, a variable holding it, or a
   * project function that returns one (`const cipher = makeCipher()`). Deciphers take no plaintext.
   */
  private cipherCreationOf(receiver: ts.Expression, depth: number): ts.CallExpression | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    const expression = skipTransparent(receiver);
    if (ts.isIdentifier(expression)) {
      const declaration = this.fixed.declarationOf(expression);
      return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? this.cipherCreationOf(declaration.initializer, depth + 1) : undefined;
    }
    if (!ts.isCallExpression(expression)) {
      return undefined;
    }
    const info = this.callees.resolve(expression);
    const factory = this.factoryOf(info);
    if (factory) {
      return factory.decrypts ? undefined : expression;
    }
    const body = info.projectFunction && 'body' in info.projectFunction ? (info.projectFunction.body as ts.Node | undefined) : undefined;
    if (!body) {
      return undefined;
    }
    if (!ts.isBlock(body)) {
      return this.cipherCreationOf(body as ts.Expression, depth + 1);
    }
    let found: ts.CallExpression | undefined;
    const visit = (node: ts.Node): void => {
      if (found || ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) {
        found = this.cipherCreationOf(node.expression, depth + 1);
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

  /** `createCipheriv(algorithm, key, iv)` and the other factories: the algorithm, mode, key and IV. */
  private constructsOfCreation(creation: ts.CallExpression, factory: CipherFactory): (WeakConstruct | undefined)[] {
    const details: WeaknessDetail[] = [];
    if (factory.alwaysWeak) {
      details.push({ kind: 'deprecated-api', reason: factory.alwaysWeak, evidence: creation });
    }
    const algorithmNode = creation.arguments[factory.algorithmArgument];
    const algorithm = algorithmNode ? this.fixed.constantString(algorithmNode)?.toLowerCase() : undefined;
    if (algorithmNode && algorithm !== undefined) {
      if (WEAK_CIPHER_PREFIXES.some(prefix => algorithm.startsWith(prefix))) {
        details.push({ kind: 'weak-algorithm', reason: `'${algorithm}' is a weak cipher`, evidence: algorithmNode });
      } else if (ECB_PATTERN.test(algorithm)) {
        details.push({ kind: 'ecb-mode', reason: `'${algorithm}' uses ECB mode, which shows repeated blocks of the plaintext`, evidence: algorithmNode });
      }
    }
    const key = creation.arguments[factory.keyArgument];
    const fixedKey = key ? this.fixed.fixedValue(key) : undefined;
    if (key && fixedKey) {
      details.push(keyDetail(factory.alwaysWeak ? 'password' : 'key', key, fixedKey));
    }
    const iv = factory.ivArgument === undefined ? undefined : creation.arguments[factory.ivArgument];
    if (iv) {
      const fixed = this.fixed.fixedValue(iv);
      const reuse = fixed || factory.decrypts ? undefined : this.reuse.reuseOf(iv, creation);
      const detail = ivDetail(iv, { fixed, reuse }, algorithm !== undefined && NONCE_MODE_PATTERN.test(algorithm));
      if (detail) details.push(detail);
    }
    return [construct(creation, factory.decrypts ? 'decrypts' : 'encrypts', details), ...(key && !factory.alwaysWeak ? this.derivations.weakDerivationsOf(key) : [])];
  }

  /** Whether a call can create a cipher or encrypt, by its callee's name alone (no checker). */
  static mayEncrypt(call: ts.CallExpression): boolean {
    const callee = skipTransparent(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    return name !== undefined && ENCRYPTION_CALL_NAMES.has(name);
  }
}
