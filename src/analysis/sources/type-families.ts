import ts from '../typescript.cjs';

import type { TypeFamily } from '../../knowledge/llm-sdks.js';
import { DepthBoundCache } from '../depth-bound-cache.js';
import { originMatches, originsOfSymbol } from '../packages.js';

/**
 * Answers "is this type one of these SDK types?" for a family table, seeing through unions,
 * intersections, promises, arrays, iterables and async iterables. Results are cached per type
 * object (which the checker keeps for the life of the program) and depth.
 */
export class TypeFamilyMatcher {
  private readonly byName = new Map<string, TypeFamily[]>();
  private readonly containersByName = new Map<string, TypeFamily[]>();
  private readonly cache = new DepthBoundCache<boolean>(false);

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
      for (const name of family.containers ?? []) {
        this.containersByName.set(name, [...(this.containersByName.get(name) ?? []), family]);
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
    // A type met again while it is being looked at matches nothing more.
    return this.cache.get(type, depth, () => this.compute(type, depth));
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
    if (symbolName && (CONTAINER_TYPES.has(symbolName) || this.isFamilyContainer(type.getSymbol()!))) {
      return this.checker.getTypeArguments(type as ts.TypeReference).some(argument => this.matchesDeep(argument, depth + 1));
    }
    return false;
  }

  private matchesSymbol(symbol: ts.Symbol | undefined): boolean {
    return this.inFamily(symbol, this.byName);
  }

  private isFamilyContainer(symbol: ts.Symbol): boolean {
    return this.inFamily(symbol, this.containersByName);
  }

  private inFamily(symbol: ts.Symbol | undefined, byName: ReadonlyMap<string, TypeFamily[]>): boolean {
    if (!symbol) {
      return false;
    }
    const families = byName.get(symbol.getName());
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

/**
 * Whether a node's type is one of `names` declared in a package matching `from` (a sink's receiver
 * type, a LangChain runnable, a browser `Storage`).
 */
export function typeIsOneOf(program: ts.Program, checker: ts.TypeChecker, node: ts.Node, names: readonly string[], from: readonly string[]): boolean {
  let type: ts.Type;
  try {
    type = checker.getTypeAtLocation(node);
  } catch {
    return false;
  }
  const candidates = type.isUnion() ? type.types : [type];
  const isOne = (candidate: ts.Type): boolean => {
    const symbol = candidate.getSymbol() ?? candidate.aliasSymbol;
    if (symbol && names.includes(symbol.getName())) {
      return originsOfSymbol(symbol, program).some(origin => from.some(pattern => originMatches(origin, pattern)));
    }
    // `Omit<PgTableWithColumns<...>, 'enableRLS'>`: the type it was made from.
    const made = candidate.aliasSymbol && UTILITY_ALIASES.has(candidate.aliasSymbol.getName()) ? candidate.aliasTypeArguments?.[0] : undefined;
    return made !== undefined && made !== candidate && isOne(made);
  };
  return candidates.some(isOne);
}

/** Utility types that keep what their first argument is. */
const UTILITY_ALIASES: ReadonlySet<string> = new Set(['Omit', 'Pick', 'Readonly', 'Partial']);
