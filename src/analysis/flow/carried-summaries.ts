import type ts from 'typescript';

import { CarriedFacts, projectKey } from '../program-delta.js';
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
  private facts: Map<ts.SourceFile, Map<ts.Node, CarriedResult>> | undefined;
  private opening = false;

  constructor(
    private readonly program: ts.Program,
    private readonly customizationKey: string,
    /** The learned app types of this program, as a string that tells when they change. */
    private readonly learnedSignature: () => string,
  ) {}

  take(declaration: ts.Node): CarriedResult | undefined {
    return this.open()?.get(declaration.getSourceFile())?.get(declaration);
  }

  keep(declaration: ts.Node, result: CarriedResult): void {
    const sourceFile = declaration.getSourceFile();
    const facts = this.open();
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
  private open(): Map<ts.SourceFile, Map<ts.Node, CarriedResult>> | undefined {
    if (!this.facts && !this.opening) {
      this.opening = true;
      try {
        this.facts = carried.forProgram(projectKey(this.program, this.customizationKey), this.program, this.learnedSignature());
      } finally {
        this.opening = false;
      }
    }
    return this.facts;
  }
}
