import ts from './typescript.cjs';

import { packageSourcesSignature } from './packages.js';
import { filesImporting, heritageOf } from './reach.js';

/**
 * Editor reuse. After each edit a language service builds a new program, but it keeps the
 * `SourceFile` objects of the files that did not change. A fact computed from a project file, the
 * files it imports (directly or not) and declaration files holds in the new program as long as
 * none of those changed. Facts must therefore hold only nodes and strings, never symbols or types,
 * which belong to one checker.
 */
export interface ProgramFiles {
  /** Every file of the program (declaration files included), by name. */
  readonly byName: ReadonlyMap<string, ts.SourceFile>;
}

export function programFiles(program: ts.Program): ProgramFiles {
  return { byName: new Map(program.getSourceFiles().map(sourceFile => [sourceFile.fileName, sourceFile])) };
}

/** What changed between two programs of a project. */
interface ProgramDelta {
  /** The files that changed and every file that imports one of them. */
  readonly stale: ReadonlySet<ts.SourceFile>;
  /** A changed file declares, or declared, a class with a heritage clause. */
  readonly heritageChanged: boolean;
  /** The files that changed, with their previous versions. */
  readonly changed: ReadonlyMap<ts.SourceFile, ts.SourceFile>;
}

/**
 * The project files of `program` whose facts from the `previous` program must be recomputed: the
 * files that changed and every file that imports one of them. `'all'` when an earlier fact may
 * have seen something no import records: a removed file, a changed declaration file, or a changed
 * script whose declarations are global.
 */
export function staleFiles(previous: ProgramFiles, program: ts.Program, current: ProgramFiles): ReadonlySet<ts.SourceFile> | 'all' {
  const delta = programDelta(previous, program, current);
  return delta === 'all' ? delta : delta.stale;
}

function programDelta(previous: ProgramFiles, program: ts.Program, current: ProgramFiles): ProgramDelta | 'all' {
  if (previous.byName.size !== current.byName.size) {
    return 'all';
  }
  const changed = new Map<ts.SourceFile, ts.SourceFile>();
  let heritageChanged = false;
  for (const [name, sourceFile] of current.byName) {
    const before = previous.byName.get(name);
    if (before === sourceFile) continue;
    if (!before || sourceFile.isDeclarationFile || !ts.isExternalModule(sourceFile) || !ts.isExternalModule(before) || augments(before) || augments(sourceFile)) {
      return 'all';
    }
    changed.set(sourceFile, before);
    heritageChanged ||= heritageOf(before).length > 0 || heritageOf(sourceFile).length > 0;
  }
  return { stale: new Set(changed.size === 0 ? [] : filesImporting(program, changed.keys())), heritageChanged, changed };
}

/** A module that adds to global or another module's types (`declare global`, `declare module 'x'`) reaches files that never import it. */
function augments(sourceFile: ts.SourceFile): boolean {
  return /\bdeclare\s+(?:global\b|module\s*['"])/.test(sourceFile.text);
}

/** The facts carried into one program, and how to tell which other files' facts still hold. */
export interface CarriedGeneration<Fact> {
  /** The facts that still hold, to be completed by the caller for the other files. */
  readonly facts: Map<ts.SourceFile, Fact>;
  /** Whether a file is the same as in the previous program and imports nothing that changed. */
  unchanged(sourceFile: ts.SourceFile): boolean;
  /**
   * Whether a file that changed declares, or declared, a class with an `extends` or `implements`
   * clause: which classes implement an interface may then differ from the previous program.
   */
  readonly heritageChanged: boolean;
  /** For a file that changed itself (not only something it imports): its previous version and fact. */
  previous(sourceFile: ts.SourceFile): { readonly sourceFile: ts.SourceFile; readonly fact: Fact | undefined } | undefined;
  /** The file that changed, when it is the only one (an editor's keystroke). */
  readonly onlyChanged: ts.SourceFile | undefined;
  /** For a file that did not change but imports one that did: its fact in the previous program (not carried by itself). */
  importerFact(sourceFile: ts.SourceFile): Fact | undefined;
}

/**
 * Per-file facts carried from one program of a project to the next. One generation per key (a
 * project and its settings), so memory stays bounded by the number of open projects.
 */
export class CarriedFacts<Fact> {
  private readonly generations = new Map<string, { files: ProgramFiles; signature: string; facts: Map<ts.SourceFile, Fact> }>();

  constructor(private readonly maxGenerations = 8) {}

  /**
   * The facts of `program` that still hold, to be completed by the caller for the others (the map
   * is the next program's starting point). `signature` names what facts depend on beyond their
   * files' import closure: when it differs from the previous program's, nothing is carried.
   */
  forProgram(key: string, program: ts.Program, signature = ''): Map<ts.SourceFile, Fact> {
    return this.generation(key, program, signature).facts;
  }

  /** {@link CarriedFacts.forProgram}, with what a fact that depends on other files needs to check them. */
  generation(key: string, program: ts.Program, signature = ''): CarriedGeneration<Fact> {
    const files = programFiles(program);
    const previous = this.generations.get(key);
    const facts = new Map<ts.SourceFile, Fact>();
    let delta: ProgramDelta | 'all' = 'all';
    const previousFacts = previous?.facts;
    if (previous && previous.signature === signature) {
      delta = programDelta(previous.files, program, files);
      if (delta !== 'all') {
        const { stale } = delta;
        for (const [sourceFile, fact] of previous.facts) {
          if (!stale.has(sourceFile) && files.byName.get(sourceFile.fileName) === sourceFile) facts.set(sourceFile, fact);
        }
      }
    }
    this.generations.delete(key);
    if (this.generations.size >= this.maxGenerations) {
      // The oldest project: Map iteration follows insertion order.
      this.generations.delete(this.generations.keys().next().value!);
    }
    this.generations.set(key, { files, signature, facts });
    const settled = delta;
    return {
      facts,
      unchanged: sourceFile => settled !== 'all' && !settled.stale.has(sourceFile) && files.byName.get(sourceFile.fileName) === sourceFile,
      heritageChanged: settled === 'all' || settled.heritageChanged,
      previous: sourceFile => {
        const before = settled === 'all' ? undefined : settled.changed.get(sourceFile);
        return before && { sourceFile: before, fact: previousFacts?.get(before) };
      },
      onlyChanged: settled !== 'all' && settled.changed.size === 1 ? settled.changed.keys().next().value : undefined,
      importerFact: sourceFile =>
        settled !== 'all' && settled.stale.has(sourceFile) && !settled.changed.has(sourceFile) && files.byName.get(sourceFile.fileName) === sourceFile
          ? previousFacts?.get(sourceFile)
          : undefined,
    };
  }
}

/**
 * A key for one project's programs: its tsconfig (or directory), the analysis settings, and which
 * SDK sources are the package (an edit that adds or removes the examples' only import of their SDK
 * by name changes what is project code everywhere, so nothing is carried across it).
 */
export function projectKey(program: ts.Program, settings: string): string {
  const options = program.getCompilerOptions();
  const config = typeof options.configFilePath === 'string' ? options.configFilePath : program.getCurrentDirectory();
  return `${config}\0${settings}\0${packageSourcesSignature(program)}`;
}
