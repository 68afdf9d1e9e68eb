import type ts from 'typescript';

import { CLEAN, type TaintValue, join } from './taint.js';

/** A variable (by symbol) or a `this` field (by `this.<name>`). */
export type EnvKey = ts.Symbol | string;

/**
 * The abstract state of a function's variables at one point of the walk. A branch forks a child
 * that records only what it writes, so branching costs what the branch writes, not what the
 * function has in scope (nothing quadratic in function size).
 */
export class Environment {
  private readonly own = new Map<EnvKey, TaintValue>();

  constructor(private readonly parent?: Environment) {}

  get(key: EnvKey): TaintValue | undefined {
    const value = this.own.get(key);
    return value !== undefined ? value : this.parent?.get(key);
  }

  set(key: EnvKey, value: TaintValue): void {
    this.own.set(key, value);
  }

  fork(): Environment {
    return new Environment(this);
  }

  /**
   * Joins branches forked from this environment back into it. `includeSelf` keeps the current
   * state as one of the possibilities (a loop body that may not run, an `if` without `else`).
   */
  merge(branches: readonly Environment[], includeSelf: boolean): void {
    const keys = new Set<EnvKey>();
    for (const branch of branches) {
      for (const key of branch.own.keys()) {
        keys.add(key);
      }
    }
    for (const key of keys) {
      const before = this.get(key);
      let value: TaintValue | undefined = includeSelf ? before : undefined;
      for (const branch of branches) {
        const branchValue = branch.own.get(key) ?? before ?? CLEAN;
        value = value === undefined ? branchValue : join(value, branchValue);
      }
      this.set(key, value ?? CLEAN);
    }
  }
}
