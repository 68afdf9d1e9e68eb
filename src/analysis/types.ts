import ts from 'typescript';

import type { TypeFamily } from '../knowledge/llm-sdks.js';
import { originMatches, originsOfSymbol } from './packages.js';

/**
 * Answers "is this type one of these SDK types?" for a family table, seeing through unions,
 * intersections, promises, arrays, iterables and async iterables. Results are cached per type
 * object, which the checker keeps for the life of the program.
 */
export class TypeFamilyMatcher {
  private readonly byName = new Map<string, TypeFamily[]>();
  private readonly cache = new WeakMap<ts.Type, boolean>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    families: readonly TypeFamily[],
  ) {
    for (const family of families) {
      for (const name of family.names) {
        const list = this.byName.get(name) ?? [];
        list.push(family);
        this.byName.set(name, list);
      }
    }
  }

  /** Whether the value's type is, or wraps, a type of the families. */
  matches(type: ts.Type): boolean {
    return this.matchesDeep(type, 0);
  }

  private matchesDeep(type: ts.Type, depth: number): boolean {
    if (depth > 4) {
      return false;
    }
    const cached = this.cache.get(type);
    if (cached !== undefined) {
      return cached;
    }
    // Guard against cycles while computing.
    this.cache.set(type, false);
    const result = this.compute(type, depth);
    this.cache.set(type, result);
    return result;
  }

  private compute(type: ts.Type, depth: number): boolean {
    if (this.matchesSymbol(type.aliasSymbol) || this.matchesSymbol(type.getSymbol())) {
      return true;
    }
    if (type.isUnionOrIntersection()) {
      return type.types.some(member => this.matchesDeep(member, depth + 1));
    }
    if (!(type.flags & ts.TypeFlags.Object)) {
      return false;
    }
    // Promise<T>, arrays, tuples, iterables: look at what they hold.
    const awaited = this.checker.getAwaitedType(type);
    if (awaited && awaited !== type && this.matchesDeep(awaited, depth + 1)) {
      return true;
    }
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      return this.checker.getTypeArguments(type as ts.TypeReference).some(argument => this.matchesDeep(argument, depth + 1));
    }
    const symbolName = type.getSymbol()?.getName();
    if (symbolName && CONTAINER_TYPES.has(symbolName)) {
      return this.checker.getTypeArguments(type as ts.TypeReference).some(argument => this.matchesDeep(argument, depth + 1));
    }
    return false;
  }

  private matchesSymbol(symbol: ts.Symbol | undefined): boolean {
    if (!symbol) {
      return false;
    }
    const families = this.byName.get(symbol.getName());
    if (!families) {
      return false;
    }
    const origins = originsOfSymbol(symbol, this.program);
    return families.some(family => origins.some(origin => family.from.some(pattern => originMatches(origin, pattern))));
  }
}

/** Generic library containers whose type arguments are what they hold. */
const CONTAINER_TYPES = new Set([
  'Promise',
  'PromiseLike',
  'AsyncIterable',
  'AsyncIterableIterator',
  'AsyncIterator',
  'AsyncGenerator',
  'Iterable',
  'IterableIterator',
  'Generator',
  'ReadableStream',
  'ReadonlyArray',
  'Array',
  'AsyncIterableStream',
]);

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
