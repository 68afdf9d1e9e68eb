import type ts from 'typescript';

import { CarriedFacts, type CarriedGeneration, projectKey } from '../program-delta.js';
import { type FileEdit, editOfChangedFile, sameValue, signatureHolds } from './file-edit.js';
import type { CarriedResult, FunctionResult, SummaryCarry } from './summaries.js';

/** An edited file: how it was edited, its previous results, and the edited function's previous result moved. */
interface EditOfFile {
  readonly edit: FileEdit;
  readonly fact: ReadonlyMap<ts.Node, CarriedResult>;
  /**
   * Asked only when a result waits for the edited function: it needs the function's signature, and
   * inferring the return type of a route handler checks its whole body (tens of ms per keystroke).
   */
  editedMoved(): CarriedResult | undefined;
}

/** Function results by declaration, per file, carried from a project's program to its next one. */
const carried = new CarriedFacts<Map<ts.Node, CarriedResult>>();

/**
 * Editor reuse of function results: after a keystroke, the helpers in the files that did not change
 * (and import nothing that did) keep their results instead of being walked again with a new
 * checker; after an edit inside one function, those that depend on the edit only through that
 * function keep theirs when its new result says the same (`file-edit.ts`). Results hold nodes and
 * strings only, never types or symbols. They are carried only while the learned app types (a fact
 * of the whole program) name the same declarations.
 */
export class CarriedSummaries implements SummaryCarry {
  private generation: CarriedGeneration<Map<ts.Node, CarriedResult>> | undefined;
  private opening = false;
  /** Files whose previous results were looked at for moving (`file-edit.ts`). */
  private readonly looked = new Set<ts.SourceFile>();
  /** How each file that changed itself was edited (once per file). */
  private readonly edits = new Map<ts.SourceFile, EditOfFile | undefined>();
  /**
   * Moved results (of the edited file, and of the files importing it) that hold only if the function
   * the edit lies in comes out as before (`FileEdit.edited`): that function, and its previous result moved.
   */
  private readonly waiting = new Map<ts.Node, { readonly carried: CarriedResult; readonly edited: ts.SignatureDeclaration; readonly previous: CarriedResult }>();
  /** Per edited function: whether its new result is the previous one (`false` while it is being found). */
  private readonly editedHolds = new Map<ts.Node, boolean>();

  constructor(
    private readonly program: ts.Program,
    private readonly customizationKey: string,
    /** The learned app types of this program, as a string that tells when they change. */
    private readonly learnedSignature: () => string,
    /** The result of a function of this program, analysing it if need be (`undefined` while it is being analysed). */
    private readonly resultOf: (fn: ts.SignatureDeclaration) => FunctionResult | undefined,
  ) {}

  /** `analyse`: whether the edited function may be analysed to tell whether a result waiting for it holds. */
  take(declaration: ts.Node, analyse = true): CarriedResult | undefined {
    const sourceFile = declaration.getSourceFile();
    const generation = this.open();
    if (generation && !this.looked.has(sourceFile)) {
      this.looked.add(sourceFile);
      if (generation.previous(sourceFile)) this.moveUnchanged(sourceFile, generation);
      else this.moveImporter(sourceFile, generation);
    }
    const carried = generation?.facts.get(sourceFile)?.get(declaration);
    const waiting = carried ? undefined : this.waiting.get(declaration);
    if (!generation || !waiting || (!analyse && !this.editedHolds.has(waiting.edited))) {
      return carried;
    }
    this.waiting.delete(declaration);
    if (!this.editedResultHolds(waiting.edited, waiting.previous, generation)) {
      return undefined;
    }
    this.keep(declaration, waiting.carried);
    return waiting.carried;
  }

  /**
   * Whether the edited function's new result says to its callers what the previous one said: the
   * same summary, side effects and dependencies (its own findings may differ; they are its own).
   */
  private editedResultHolds(fn: ts.SignatureDeclaration, previous: CarriedResult, generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): boolean {
    let holds = this.editedHolds.get(fn);
    if (holds === undefined) {
      // A caller asked for while the function is analysed (recursion) is analysed too.
      this.editedHolds.set(fn, false);
      const result = this.resultOf(fn);
      // Kept when final and carryable: a result that used a fact of the whole program is no evidence.
      const now = generation.facts.get(fn.getSourceFile())?.get(fn);
      holds =
        result !== undefined &&
        now?.result === result &&
        sameValue(now.result.summary, previous.result.summary) &&
        sameValue(now.effects, previous.effects) &&
        sameValue(now.dependsOn, previous.dependsOn);
      this.editedHolds.set(fn, holds);
    }
    return holds;
  }

  /**
   * The edited file itself: the results of the functions the edit left alone, moved to the new
   * file (all of them, so that the next edit finds them too, asked for or not). Those that depend on
   * the edited function wait for its result.
   */
  private moveUnchanged(sourceFile: ts.SourceFile, generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): void {
    const edited = this.editOf(sourceFile, generation);
    if (!edited) {
      return;
    }
    const { edit, fact } = edited;
    for (const [before, result] of fact) {
      if (!dependenciesHold(result, generation)) continue;
      const declaration = edit.nextOf(before);
      if (!declaration || generation.facts.get(sourceFile)?.has(declaration)) continue;
      if (!edit.dependsOnEdited(before)) {
        const moved = edit.moved(result);
        if (moved) this.keep(declaration, moved);
        continue;
      }
      const editedMoved = edit.edited && edited.editedMoved();
      const moved = editedMoved && edit.movedWaiting(result);
      if (editedMoved && moved) this.waiting.set(declaration, { carried: moved, edited: edit.edited.after, previous: editedMoved });
    }
  }

  /**
   * A file that did not change but imports the one file that did: when that edit lies inside one
   * function whose signature stays the same, the file's results wait for that function's result
   * (what else of the edited file they used is as it was), with their nodes of the edited file moved.
   */
  private moveImporter(sourceFile: ts.SourceFile, generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): void {
    const changed = generation.onlyChanged;
    const fact = changed && generation.importerFact(sourceFile);
    const edited = fact ? this.editOf(changed, generation) : undefined;
    const editedMoved = edited?.edit.edited && edited.editedMoved();
    if (!fact || !edited?.edit.edited || !editedMoved) {
      return;
    }
    const inProgram = (file: ts.SourceFile): boolean => this.program.getSourceFile(file.fileName) === file;
    for (const [declaration, result] of fact) {
      const moved = dependenciesHold(result, generation) ? edited.edit.movedWaiting(result, inProgram) : undefined;
      if (moved) this.waiting.set(declaration, { carried: moved, edited: edited.edit.edited.after, previous: editedMoved });
    }
  }

  /** How a file that changed itself was edited (`editOfChangedFile`), with its previous results. */
  private editOf(sourceFile: ts.SourceFile, generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): EditOfFile | undefined {
    if (this.edits.has(sourceFile)) {
      return this.edits.get(sourceFile);
    }
    let found: EditOfFile | undefined;
    const previous = generation.previous(sourceFile);
    const edit = previous?.fact && editOfChangedFile(this.program, generation, sourceFile);
    if (previous?.fact && edit) {
      const fact = previous.fact;
      let editedMoved: CarriedResult | undefined | null = null;
      found = {
        edit,
        fact,
        editedMoved: () => {
          if (editedMoved === null) {
            // What callers see of the edited function (its signature) must be as before for them to wait for its result.
            const canWait = edit.edited !== undefined && signatureHolds(edit.edited, this.program.getTypeChecker());
            const editedPrevious = canWait && edit.edited ? fact.get(edit.edited.before) : undefined;
            editedMoved = editedPrevious && dependenciesHold(editedPrevious, generation) ? edit.movedWaiting(editedPrevious) : undefined;
          }
          return editedMoved;
        },
      };
    }
    this.edits.set(sourceFile, found);
    return found;
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
      if (!dependenciesHold(result, generation)) results.delete(declaration);
    }
  }
}

/** Whether the files a result depends on outside its import closure (and the classes implementing an interface) are as they were. */
function dependenciesHold(result: CarriedResult, generation: CarriedGeneration<Map<ts.Node, CarriedResult>>): boolean {
  return result.dependsOn.length === 0 || (!generation.heritageChanged && result.dependsOn.every(file => generation.unchanged(file)));
}
