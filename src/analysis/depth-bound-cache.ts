import type ts from 'typescript';

/**
 * Answers about types that look inside them down to a depth bound, kept per type and per depth.
 * An answer kept per type alone would depend on which query met the type first: one met three
 * levels inside another type is cut short there, and a later question about the type itself would
 * get that short answer. An answer that met a type still being looked at (a type that refers to
 * itself) depends on where the look started, so it is not kept at all.
 */
export class DepthBoundCache<T> {
  private readonly answers = new WeakMap<ts.Type, Map<number, T>>();
  private readonly inProgress = new Set<ts.Type>();
  private cycles = 0;

  /** `onCycle` answers for a type met again while it is being looked at. */
  constructor(private readonly onCycle: T) {}

  get(type: ts.Type, depth: number, compute: () => T): T {
    const byDepth = this.answers.get(type);
    if (byDepth?.has(depth)) {
      return byDepth.get(depth)!;
    }
    if (this.inProgress.has(type)) {
      this.cycles++;
      return this.onCycle;
    }
    this.inProgress.add(type);
    const cyclesBefore = this.cycles;
    let answer: T;
    try {
      answer = compute();
    } finally {
      this.inProgress.delete(type);
    }
    if (this.cycles === cyclesBefore) {
      const kept = byDepth ?? new Map<number, T>();
      kept.set(depth, answer);
      this.answers.set(type, kept);
    }
    return answer;
  }
}
