import type ts from 'typescript';

import { NONCE_MODE_PATTERN, WEB_CRYPTO_IV_PROPERTIES } from '../../knowledge/crypto.js';
import { staticStringValue } from '../constants.js';
import type { FixedValues } from './fixed-values.js';
import type { IvReuseFinder } from './iv-reuse.js';
import type { KeyDerivations } from './key-derivation.js';
import { type WeakConstruct, type WeaknessDetail, construct, ivDetail, keyDetail } from './weakness.js';

/**
 * WebCrypto: `crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data)`. The algorithm is always
 * a modern one, so what can be weak is the IV (a constant, a zero `new Uint8Array(12)`, one made
 * once) and the key (imported from bytes written in the source, or derived with too few PBKDF2
 * iterations or from one hash of a password).
 */
export class WebCryptoInspector {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly fixed: FixedValues,
    private readonly derivations: KeyDerivations,
    private readonly reuse: IvReuseFinder,
  ) {}

  constructsOf(call: ts.CallExpression, role: 'encrypts' | 'decrypts'): (WeakConstruct | undefined)[] {
    const details: WeaknessDetail[] = [];
    const algorithm = call.arguments[0] && this.fixed.objectLiteralOf(call.arguments[0]);
    const nameNode = algorithm && this.fixed.propertyOf(algorithm, 'name');
    const name = nameNode ? (staticStringValue(nameNode, this.checker) ?? this.fixed.constantString(nameNode))?.toLowerCase() : undefined;
    const ivProperty = name !== undefined ? WEB_CRYPTO_IV_PROPERTIES.get(name) : undefined;
    const iv = algorithm && ivProperty ? this.fixed.propertyOf(algorithm, ivProperty) : undefined;
    if (iv && name !== undefined) {
      const fixed = this.fixed.fixedValue(iv);
      const detail = ivDetail(iv, { fixed, reuse: fixed || role === 'decrypts' ? undefined : this.reuse.reuseOf(iv, call) }, NONCE_MODE_PATTERN.test(name));
      if (detail) details.push(detail);
    }
    const key = call.arguments[1];
    const material = key && this.derivations.fixedKeyMaterial(key);
    if (key && material) {
      details.push(keyDetail('key', key, material));
    }
    return [construct(call, role, details), ...(key ? this.derivations.weakDerivationsOf(key) : [])];
  }
}
