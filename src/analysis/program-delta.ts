import ts from 'typescript';

import { filesImporting } from './reach.js';

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

/**
 * The project files of `program` whose facts from the `previous` program must be recomputed: the
 * files that changed and every file that imports one of them. `'all'` when an earlier fact may
 * have seen something no import records: a removed file, a changed declaration file, or a changed
 * script whose declarations are global.
 */
export function staleFiles(previous: ProgramFiles, program: ts.Program, current: ProgramFiles): ReadonlySet<ts.SourceFile> | 'all' {
  if (previous.byName.size !== current.byName.size) {
    return 'all';
  }
  const changed: ts.SourceFile[] = [];
  for (const [name, sourceFile] of current.byName) {
    const before = previous.byName.get(name);
    if (before === sourceFile) continue;
    if (!before || sourceFile.isDeclarationFile || !ts.isExternalModule(sourceFile) || !ts.isExternalModule(before) || augments(before) || augments(sourceFile)) {
      return 'all';
    }
    changed.push(sourceFile);
  }
  return new Set(changed.length === 0 ? [] : filesImporting(program, changed));
}

/** A module that adds to global or another module's types (`declare global`, `declare module 'x'`) reaches files that never import it. */
function augments(sourceFile: ts.SourceFile): boolean {
  return /\bdeclare\s+(?:global\b|module\s*['"])/.test(sourceFile.text);
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
    const files = programFiles(program);
    const previous = this.generations.get(key);
    const facts = new Map<ts.SourceFile, Fact>();
    if (previous && previous.signature === signature) {
      const stale = staleFiles(previous.files, program, files);
      if (stale !== 'all') {
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
    return facts;
  }
}

/** A key for one project's programs: its tsconfig (or directory) and the analysis settings. */
export function projectKey(program: ts.Program, settings: string): string {
  const options = program.getCompilerOptions();
  const config = typeof options.configFilePath === 'string' ? options.configFilePath : program.getCurrentDirectory();
  return `${config}\0${settings}`;
}
