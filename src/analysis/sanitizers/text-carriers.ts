import ts from '../typescript.cjs';

import { CLEAN, type TaintValue, isTainted } from '../flow/taint.js';

const NO_TEXT_FLAGS =
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.EnumLike |
  ts.TypeFlags.Void |
  ts.TypeFlags.Undefined |
  ts.TypeFlags.Null |
  ts.TypeFlags.Never |
  ts.TypeFlags.ESSymbolLike |
  ts.TypeFlags.StringLiteral;

/**
 * Whether a value of this type can hold free text. Numbers, booleans, bigints, enums and unions of
 * literals (`'stop' | 'length'`) cannot, nor can arrays of them, errors or functions. Unknown and
 * `any` can (we cannot tell).
 */
export class TextCarrierOracle {
  private readonly cache = new WeakMap<ts.Type, boolean>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** Whether the value of a node can hold text; `true` when the checker cannot tell. */
  nodeCarriesText(node: ts.Node): boolean {
    try {
      return this.carriesText(this.checker.getTypeAtLocation(node));
    } catch {
      return true;
    }
  }

  carriesText(type: ts.Type): boolean {
    const cached = this.cache.get(type);
    if (cached !== undefined) {
      return cached;
    }
    this.cache.set(type, true);
    const result = this.compute(type, 0);
    this.cache.set(type, result);
    return result;
  }

  private compute(type: ts.Type, depth: number): boolean {
    if (depth > 3) {
      return true;
    }
    if (type.flags & NO_TEXT_FLAGS) {
      return false;
    }
    if (type.isUnion()) {
      return type.types.some(member => this.compute(member, depth + 1));
    }
    if (type.flags & ts.TypeFlags.Object) {
      if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
        const elements = this.checker.getTypeArguments(type as ts.TypeReference);
        return elements.length === 0 || elements.some(element => this.compute(element, depth + 1));
      }
      if (isErrorType(type, this.checker) || isFunctionOnly(type)) {
        return false;
      }
      const name = type.getSymbol()?.getName();
      if (name === 'Date' || name === 'RegExp' || name === 'AbortController' || name === 'AbortSignal') {
        return false;
      }
    }
    return true;
  }
}

function isFunctionOnly(type: ts.Type): boolean {
  return type.getCallSignatures().length > 0 && type.getProperties().length === 0;
}

/** Error objects (and subclasses such as `APIError`) carry diagnostics, not content. */
export function isErrorType(type: ts.Type, checker: ts.TypeChecker, depth = 0): boolean {
  if (depth > 8) {
    return false;
  }
  const symbol = type.getSymbol();
  if (!symbol) {
    return false;
  }
  if (symbol.getName() === 'Error' || symbol.getName() === 'ErrorEvent') {
    return true;
  }
  if (!(symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) {
    return false;
  }
  const declared = checker.getDeclaredTypeOfSymbol(symbol);
  if (!declared.isClassOrInterface()) {
    return false;
  }
  return checker.getBaseTypes(declared).some(base => isErrorType(base, checker, depth + 1));
}

/** Drops taints from a value whose type cannot hold text (`text.length`, `usage.total_tokens`). */
export function keepIfText(oracle: TextCarrierOracle, node: ts.Node, value: TaintValue): TaintValue {
  if (!isTainted(value) || oracle.nodeCarriesText(node)) {
    return value;
  }
  return CLEAN;
}
