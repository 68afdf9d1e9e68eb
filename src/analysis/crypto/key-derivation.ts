import ts from '../typescript.cjs';

import {
  ARGON2_MIN_MEMORY_KIB,
  ARGON2_MIN_MEMORY_TIMES_PASSES,
  CRYPTO_JS_HASHERS,
  CRYPTO_JS_PACKAGE,
  FIXED_TRANSFORMS,
  KEY_DERIVATION_FUNCTIONS,
  type KdfParameter,
  type KeyDerivationFunction,
  NODE_HASH_FACTORIES,
  PASSWORD_WORDS,
  PBKDF2_MIN_ITERATIONS,
  PBKDF2_MIN_ITERATIONS_ANY_DIGEST,
  SCRYPT_MIN_MEMORY_BYTES,
  WEB_CRYPTO_CONTAINER,
  WEB_CRYPTO_DERIVATIONS,
  WEB_CRYPTO_DIGEST,
  WEB_CRYPTO_IMPORT_KEY,
  WEB_CRYPTO_ORIGINS,
} from '../../knowledge/crypto.js';
import type { CalleeInfo, CalleeResolver } from '../callees.js';
import { skipTransparent, staticStringValue } from '../constants.js';
import { originMatches } from '../packages.js';
import type { FixedValue, FixedValues } from './fixed-values.js';
import { constantNumber, formatCount } from './numbers.js';
import { type WeakConstruct, type WeaknessDetail, construct, nameOf } from './weakness.js';

const MAX_DEPTH = 8;
/** Re-encodings a key passes through unchanged: `Buffer.from(k)`, `enc.Hex.parse(k)`, `createSecretKey(k)`. */
const RE_ENCODINGS: ReadonlySet<string> = new Set(['from', 'parse', 'createSecretKey', 'encode']);

/** `sha256` for `'SHA-256'`, `'sha256'`, `{ name: 'SHA-256' }`, `CryptoJS.algo.SHA256`. */
function digestName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The words of an identifier: `userPinCode` → user, pin, code; `MASTER_PASSWORD` → master, password. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(word => word.length > 0)
    .map(word => word.toLowerCase());
}

/** Callee names of every derivation the analysis judges: a cheap filter before anything is resolved. */
const DERIVATION_NAMES: ReadonlySet<string> = new Set([...KEY_DERIVATION_FUNCTIONS.flatMap(kdf => kdf.names), ...WEB_CRYPTO_DERIVATIONS, WEB_CRYPTO_DIGEST, ...CRYPTO_JS_HASHERS]);

/** Whether a call may derive a key (a KDF, a hash, a WebCrypto derivation), by its callee's name alone. */
export function mayDeriveKey(call: ts.CallExpression): boolean {
  const callee = skipTransparent(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  return name !== undefined && DERIVATION_NAMES.has(name);
}

export function isWebCrypto(info: CalleeInfo, name: string): boolean {
  return info.name === name && info.declarations.some(declaration => declaration.container === WEB_CRYPTO_CONTAINER && WEB_CRYPTO_ORIGINS.some(pattern => originMatches(declaration.origin, pattern)));
}

/**
 * Key derivations behind a key, and which of them are weak: PBKDF2 below OWASP's iteration counts,
 * scrypt and Argon2 with toy parameters, crypto-js `EvpKDF`, and keys that are one plain hash of a
 * password or PIN. A derivation whose password is written in the source is left to the cipher's
 * hard-coded-key finding: with the password in hand, its work factor does not matter.
 */
export class KeyDerivations {
  private readonly cache = new WeakMap<ts.CallExpression, WeakConstruct | null>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly callees: CalleeResolver,
    private readonly fixed: FixedValues,
  ) {}

  /** The weak derivations a key comes from, each a construct of its own (reported where it is written). */
  weakDerivationsOf(key: ts.Expression): WeakConstruct[] {
    const producers: ts.CallExpression[] = [];
    this.collectProducers(key, 0, producers);
    return producers.map(call => this.judge(call)).filter((item): item is WeakConstruct => item !== undefined);
  }

  private judge(call: ts.CallExpression): WeakConstruct | undefined {
    const cached = this.cache.get(call);
    if (cached !== undefined) return cached ?? undefined;
    const result = construct(call, 'derives-key', this.weaknessesOfDerivation(call));
    this.cache.set(call, result ?? null);
    return result;
  }

  private weaknessesOfDerivation(call: ts.CallExpression): WeaknessDetail[] {
    const info = this.callees.resolve(call);
    const kdf = this.kdfOf(info);
    if (kdf) {
      const detail = this.judgeKdf(call, kdf);
      return detail ? [detail] : [];
    }
    if (WEB_CRYPTO_DERIVATIONS.has(info.name ?? '') && isWebCrypto(info, info.name ?? '')) {
      const detail = this.judgeWebCryptoPbkdf2(call);
      return detail ? [detail] : [];
    }
    const hashed = this.hashInput(call, info);
    if (hashed && this.namesPassword(hashed.input)) {
      return [
        {
          kind: 'weak-kdf',
          reason: `the key is a single ${hashed.algorithm} hash of the password${nameOf(hashed.input)}, with no salt and no work factor`,
          evidence: hashed.input,
        },
      ];
    }
    return [];
  }

  private kdfOf(info: CalleeInfo): KeyDerivationFunction | undefined {
    return KEY_DERIVATION_FUNCTIONS.find(candidate =>
      info.declarations.some(declaration => candidate.names.includes(declaration.name) && candidate.from.some(pattern => originMatches(declaration.origin, pattern))),
    );
  }

  private judgeKdf(call: ts.CallExpression, kdf: KeyDerivationFunction): WeaknessDetail | undefined {
    const password = this.parameter(call, kdf.password);
    if (password && this.fixed.fixedValue(password)) {
      return undefined;
    }
    const number = (parameter: KdfParameter | undefined, fallback: number | undefined): { value: number; node: ts.Node } | undefined => {
      const node = parameter && this.parameter(call, parameter);
      const value = node ? this.number(node) : fallback;
      return value === undefined ? undefined : { value, node: node ? this.writtenAt(node) : call };
    };
    const byDefault = (node: ts.Node): string => (node === call ? ` (${kdf.defaultsNote ?? 'the default'})` : '');
    switch (kdf.family) {
      case 'evp':
        return { kind: 'weak-kdf', reason: "'EvpKDF' derives the key with OpenSSL's EVP_BytesToKey, one round of MD5 by default", evidence: call };
      case 'pbkdf2': {
        const iterations = number(kdf.iterations, kdf.defaults?.iterations);
        if (!iterations) return undefined;
        const digestNode = kdf.digest && this.parameter(call, kdf.digest);
        const digest = (digestNode && this.digestOf(digestNode)) ?? kdf.defaults?.digest;
        const minimum = (digest !== undefined ? PBKDF2_MIN_ITERATIONS.get(digest) : undefined) ?? PBKDF2_MIN_ITERATIONS_ANY_DIGEST;
        if (iterations.value >= minimum) return undefined;
        const hmac = digest !== undefined && PBKDF2_MIN_ITERATIONS.has(digest) ? `PBKDF2-HMAC-${digest.toUpperCase()}` : 'PBKDF2';
        return {
          kind: 'weak-kdf',
          reason: `${hmac} runs ${formatCount(iterations.value)} iterations${byDefault(iterations.node)}, below the ${formatCount(minimum)} OWASP asks for`,
          evidence: iterations.node,
        };
      }
      case 'scrypt': {
        const cost = number(kdf.cost, kdf.defaults?.cost);
        const blockSize = number(kdf.blockSize, kdf.defaults?.blockSize);
        if (!cost || !blockSize) return undefined;
        const memory = 128 * cost.value * blockSize.value;
        if (memory >= SCRYPT_MIN_MEMORY_BYTES) return undefined;
        return {
          kind: 'weak-kdf',
          reason: `scrypt with N = ${formatCount(cost.value)} and r = ${blockSize.value} uses ${formatCount(memory / 1024)} KiB of memory, a toy setting (Node.js's default is N = 16,384, r = 8; OWASP asks for N = 2^17)`,
          evidence: cost.node === call ? blockSize.node : cost.node,
        };
      }
      case 'argon2': {
        const memory = number(kdf.memory, kdf.defaults?.memory);
        const passes = number(kdf.iterations, kdf.defaults?.iterations);
        if (!memory || !passes) return undefined;
        if (memory.value >= ARGON2_MIN_MEMORY_KIB && memory.value * passes.value >= ARGON2_MIN_MEMORY_TIMES_PASSES) return undefined;
        return {
          kind: 'weak-kdf',
          reason: `Argon2 with ${formatCount(memory.value)} KiB of memory and ${passes.value} pass${passes.value === 1 ? '' : 'es'} is a toy setting (OWASP asks for 19,456 KiB with 2 passes, or an equivalent)`,
          evidence: memory.node === call ? passes.node : memory.node,
        };
      }
    }
  }

  /** `crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash }, baseKey, ...)`. */
  private judgeWebCryptoPbkdf2(call: ts.CallExpression): WeaknessDetail | undefined {
    const params = call.arguments[0] && this.fixed.objectLiteralOf(call.arguments[0]);
    const property = (name: string): ts.Expression | undefined => (params ? this.fixed.propertyOf(params, name) : undefined);
    const algorithm = property('name');
    if (!algorithm || staticStringValue(algorithm, this.checker)?.toUpperCase() !== 'PBKDF2') {
      return undefined;
    }
    const baseKey = call.arguments[1];
    if (baseKey && this.fixedKeyMaterial(baseKey)) {
      return undefined;
    }
    const iterationsNode = property('iterations');
    const iterations = iterationsNode ? this.number(iterationsNode) : undefined;
    const hashNode = property('hash');
    const digest = hashNode ? this.digestOf(hashNode) : undefined;
    const minimum = (digest !== undefined ? PBKDF2_MIN_ITERATIONS.get(digest) : undefined) ?? PBKDF2_MIN_ITERATIONS_ANY_DIGEST;
    if (!iterationsNode || iterations === undefined || iterations >= minimum) {
      return undefined;
    }
    const hmac = digest !== undefined && PBKDF2_MIN_ITERATIONS.has(digest) ? `PBKDF2-HMAC-${digest.toUpperCase()}` : 'PBKDF2';
    return { kind: 'weak-kdf', reason: `${hmac} runs ${formatCount(iterations)} iterations, below the ${formatCount(minimum)} OWASP asks for`, evidence: this.writtenAt(iterationsNode) };
  }

  /** Whether a WebCrypto key is imported from material the source fixes. */
  fixedKeyMaterial(key: ts.Expression): FixedValue | undefined {
    const producers: ts.CallExpression[] = [];
    this.collectProducers(key, 0, producers, true);
    for (const producer of producers) {
      const material = producer.arguments[1];
      const fixed = material && isWebCrypto(this.callees.resolve(producer), WEB_CRYPTO_IMPORT_KEY) ? this.fixed.fixedValue(material) : undefined;
      if (fixed) return fixed;
    }
    return undefined;
  }

  /** What a plain hash call hashes: `createHash(a).update(x).digest()`, `CryptoJS.SHA256(x)`, `subtle.digest(a, x)`. */
  private hashInput(call: ts.CallExpression, info: CalleeInfo): { input: ts.Expression; algorithm: string } | undefined {
    const callee = skipTransparent(call.expression);
    if (info.name === 'digest' && ts.isPropertyAccessExpression(callee) && info.declarations.some(declaration => originMatches(declaration.origin, 'node:crypto'))) {
      let current = skipTransparent(callee.expression);
      let input: ts.Expression | undefined;
      while (ts.isCallExpression(current)) {
        const inner = skipTransparent(current.expression);
        if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'update') {
          input ??= current.arguments[0];
          current = skipTransparent(inner.expression);
          continue;
        }
        const factory = this.callees.resolve(current);
        if (factory.name !== undefined && NODE_HASH_FACTORIES.has(factory.name) && input) {
          const algorithm = current.arguments[0] ? staticStringValue(current.arguments[0], this.checker) : undefined;
          return { input, algorithm: (algorithm ?? 'hash').toUpperCase() };
        }
        return undefined;
      }
      return undefined;
    }
    if (info.name !== undefined && CRYPTO_JS_HASHERS.has(info.name) && info.declarations.some(declaration => declaration.origin === CRYPTO_JS_PACKAGE) && call.arguments[0]) {
      return { input: call.arguments[0], algorithm: info.name };
    }
    if (isWebCrypto(info, WEB_CRYPTO_DIGEST) && call.arguments[1]) {
      const algorithm = call.arguments[0] ? this.digestOf(call.arguments[0]) : undefined;
      return { input: call.arguments[1], algorithm: (algorithm ?? 'hash').toUpperCase() };
    }
    return undefined;
  }

  /** Whether an expression names a password or PIN (`password`, `form.pin`, `encode(passphrase)`), or holds one. */
  private namesPassword(input: ts.Expression, depth = 0): boolean {
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        if (wordsOf(node.text).some(word => PASSWORD_WORDS.has(word))) {
          found = true;
          return;
        }
        const declaration = depth < 2 && ts.isIdentifier(node) ? this.fixed.declarationOf(node) : undefined;
        if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
          found = this.namesPassword(declaration.initializer, depth + 1);
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(input);
    return found;
  }

  /**
   * The calls a key's bytes come from: key derivations, hashes, WebCrypto `deriveKey` /
   * `deriveBits` (and, with `imports`, `importKey`), followed through constants, `await`, fields,
   * re-encodings (`Buffer.from`, `.slice()`), the callback of an async derivation and the return
   * values of project functions.
   */
  private collectProducers(node: ts.Expression, depth: number, out: ts.CallExpression[], imports = false): void {
    if (depth > MAX_DEPTH) return;
    const expression = skipTransparent(node);
    const next = (inner: ts.Expression | undefined): void => {
      if (inner) this.collectProducers(inner, depth + 1, out, imports);
    };
    if (ts.isAwaitExpression(expression)) {
      next(expression.expression);
    } else if (ts.isIdentifier(expression)) {
      const declaration = this.fixed.declarationOf(expression);
      if (declaration && ts.isVariableDeclaration(declaration)) {
        next(declaration.initializer);
      } else if (declaration && ts.isParameter(declaration)) {
        // `pbkdf2(password, salt, 1000, 32, 'sha256', (error, key) => ...)`
        const callback = declaration.parent;
        const call = callback.parent;
        if ((ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) && ts.isCallExpression(call) && callback.parameters.indexOf(declaration) === 1) {
          const kdf = this.kdfOf(this.callees.resolve(call));
          if (kdf?.callback !== undefined && call.arguments.indexOf(callback) >= kdf.callback) out.push(call);
        }
      }
    } else if (ts.isPropertyAccessExpression(expression)) {
      next(this.fixed.fieldValue(expression));
    } else if (ts.isNewExpression(expression)) {
      // `new Uint8Array(bits)`
      const first = expression.arguments?.[0];
      if (first && !ts.isNumericLiteral(skipTransparent(first))) next(first);
    } else if (ts.isCallExpression(expression)) {
      this.collectFromCall(expression, depth, out, imports);
    }
  }

  private collectFromCall(call: ts.CallExpression, depth: number, out: ts.CallExpression[], imports: boolean): void {
    const next = (inner: ts.Expression | undefined): void => {
      if (inner) this.collectProducers(inner, depth + 1, out, imports);
    };
    const callee = skipTransparent(call.expression);
    if (ts.isPropertyAccessExpression(callee) && FIXED_TRANSFORMS.has(callee.name.text) && callee.name.text !== 'concat') {
      // `derived.slice(0, 32)`, `digest.toString()`
      next(callee.expression);
      return;
    }
    const info = this.callees.resolve(call);
    if (isWebCrypto(info, WEB_CRYPTO_IMPORT_KEY)) {
      if (imports) out.push(call);
      next(call.arguments[1]);
      return;
    }
    if (this.kdfOf(info) || (WEB_CRYPTO_DERIVATIONS.has(info.name ?? '') && isWebCrypto(info, info.name ?? '')) || this.hashInput(call, info)) {
      out.push(call);
      if (imports) next(call.arguments[1]);
      return;
    }
    if (info.name !== undefined && RE_ENCODINGS.has(info.name) && info.declarations.some(declaration => declaration.origin !== undefined)) {
      next(call.arguments[0]);
      return;
    }
    const body = info.projectFunction && 'body' in info.projectFunction ? (info.projectFunction.body as ts.Node | undefined) : undefined;
    if (!body) return;
    if (!ts.isBlock(body)) {
      next(body as ts.Expression);
      return;
    }
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) next(node.expression);
      else ts.forEachChild(node, visit);
    };
    ts.forEachChild(body, visit);
  }

  /** An argument, or a property of an options argument. */
  private parameter(call: ts.CallExpression, parameter: KdfParameter): ts.Expression | undefined {
    const argument = call.arguments[parameter.argument];
    if (!argument || !parameter.properties) return argument;
    const options = this.fixed.objectLiteralOf(argument);
    for (const name of parameter.properties) {
      const value = options && this.fixed.propertyOf(options, name);
      if (value) return value;
    }
    return undefined;
  }

  /** Where a constant's value is written: `ITERATIONS` in a call points at `const ITERATIONS = 1000`. */
  private writtenAt(node: ts.Expression, depth = 0): ts.Expression {
    const expression = skipTransparent(node);
    const initializer = depth < MAX_DEPTH && (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)) ? this.fixed.constantInitializer(expression) : undefined;
    return initializer ? this.writtenAt(initializer, depth + 1) : expression;
  }

  private number(node: ts.Expression): number | undefined {
    return constantNumber(node, expression => this.fixed.constantInitializer(expression), this.checker);
  }

  /** `'sha256'` (Node.js), `'SHA-256'` or `{ name: 'SHA-256' }` (WebCrypto), `CryptoJS.algo.SHA256`. */
  private digestOf(node: ts.Expression): string | undefined {
    const text = staticStringValue(node, this.checker) ?? this.fixed.constantString(node);
    if (text !== undefined) return digestName(text);
    const expression = skipTransparent(node);
    if (ts.isPropertyAccessExpression(expression)) return digestName(expression.name.text);
    const options = this.fixed.objectLiteralOf(expression);
    const name = options && this.fixed.propertyOf(options, 'name');
    const value = name && staticStringValue(name, this.checker);
    return value === undefined ? undefined : digestName(value);
  }

}
