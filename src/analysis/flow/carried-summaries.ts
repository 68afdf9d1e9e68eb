import type ts from 'typescript';

import { CarriedFacts, type CarriedGeneration, projectKey } from '../program-delta.js';
import type { CarriedResult, SummaryCarry } from './summaries.js';

/** Function results by declaration, per file, carried from a project's program to its next one. */
const carried = new CarriedFacts<Map<ts.Node, CarriedResult>>();

/**
 * Editor reuse of function results: after a keystroke, the helpers in the files that did not change
 * (and import nothing that did) keep their results instead of being walked again with a new
 * checker. Results hold nodes and strings only, never types or symbols. They are carried only while
 * the learned app types (a fact of the whole program) name the same declarations.
 */
export class CarriedSummaries implements SummaryCarry {
  private generation: CarriedGeneration<Map<ts.Node, CarriedResult>> | undefined;
  private opening = false;

  constructor(
    private readonly program: ts.Program,
    private readonly customizationKey: string,
    /** The learned app types of this program, as a string that tells when they change. */
    private readonly learnedSignature: () => string,
  ) {}

  take(declaration: ts.Node): CarriedResult | undefined {
    return this.open()?.facts.get(declaration.getSourceFile())?.get(declaration);
  }

  keep(declaration: ts.Node, result: CarriedResult): void {
    const sourceFile = declaration.getSourceFile();
    const facts = this.open()?.facts;
    if (!facts || sourceFile.isDeclarationFile) {
      return;
    }
    let results = facts.get(sourceFile);
    if (!results) {
      results = new Map();
      facts.set(sourceFile, results);
    }
    results.set(declaration, result);
  }

  /** The carried results, once the learned types are known (`undefined` while they are being learned). */
  private open(): CarriedGeneration<Map<ts.Node, CarriedResult>> | undefined {
    if (!this.generation && !this.opening) {
      this.opening = true;
      try {
        this.generation = carried.generation(projectKey(this.program, this.customizationKey), this.program, this.learnedSignature());
        dropChangedDependencies(this.generation);
      } finally {
        this.opening = false;
      }
    }
    return this.generation;
  }
}

/**
 * Drops the results that depend on a file outside their import closure that changed (or on which
 * classes implement an interface, when that may have changed). They are dropped from the carried
 * facts themselves, not only skipped: a later program compares its files with this one only.
 */
function dropChangedDependencies(generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): void {
  for (const results of generation.facts.values()) {
    for (const [declaration, result] of results) {
      if (result.dependsOn.length > 0 && (generation.heritageChanged || !result.dependsOn.every(file => generation.unchanged(file)))) {
        results.delete(declaration);
      }
    }
  }
}
