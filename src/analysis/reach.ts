import ts from './typescript.cjs';

import { GENERIC_METHOD_NAMES } from '../knowledge/propagation.js';
import { isModuleLoad } from './constants.js';
import { isProjectCode, originMatches } from './packages.js';
import { hasLlmEvidence } from './sources/file-evidence.js';

/** The package a bare module specifier names: `openai/resources/x` → `openai`, `@a/b/c` → `@a/b`. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Specifiers by file: syntax only, so they hold while an editor's next program reuses the `SourceFile`. */
const specifiersByFile = new WeakMap<ts.SourceFile, readonly ts.StringLiteralLike[]>();

/** Every module specifier of a file: imports, re-exports, `import x = require()`, `require()` and `import()`. */
export function moduleSpecifiers(sourceFile: ts.SourceFile): readonly ts.StringLiteralLike[] {
  let specifiers = specifiersByFile.get(sourceFile);
  if (!specifiers) {
    specifiers = findModuleSpecifiers(sourceFile);
    specifiersByFile.set(sourceFile, specifiers);
  }
  return specifiers;
}

function findModuleSpecifiers(sourceFile: ts.SourceFile): ts.StringLiteralLike[] {
  const specifiers: ts.StringLiteralLike[] = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteralLike(statement.moduleReference.expression)) {
      specifiers.push(statement.moduleReference.expression);
    }
  }
  // Only walk the whole file when its text can hold a `require(` or an `import(`.
  if (/\brequire\s*\(|\bimport\s*\(/.test(sourceFile.text)) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
        if (isModuleLoad(node)) {
          specifiers.push(node.arguments[0]);
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(sourceFile, visit);
  }
  return specifiers;
}

/** What TypeScript's program knows of an import without asking the checker (an internal API since TS 5.3). */
interface ResolvingProgram {
  getResolvedModuleFromModuleSpecifier?(specifier: ts.StringLiteralLike, sourceFile: ts.SourceFile): { resolvedModule?: { resolvedFileName: string } } | undefined;
}

/**
 * Where a specifier resolved to, kept with the file set it was resolved in: an editor's next
 * program holds the same files and options after most keystrokes, and then resolves an unchanged
 * file's imports as before.
 */
const resolvedBySpecifier = new WeakMap<ts.StringLiteralLike, { readonly fileSet: number; readonly fileName: string | undefined }>();
const fileSetByProgram = new WeakMap<ts.Program, number>();
/** The last file set seen with each compiler options object (one per project), by file names. */
const lastFileSet = new WeakMap<ts.CompilerOptions, { readonly names: readonly string[]; readonly id: number }>();
let nextId = 0;

/** A number that names the program's file names and compiler options: equal numbers, equal resolution. */
function fileSetOf(program: ts.Program): number {
  let id = fileSetByProgram.get(program);
  if (id === undefined) {
    const options = program.getCompilerOptions();
    const names = program.getSourceFiles().map(file => file.fileName);
    const last = lastFileSet.get(options);
    if (last && last.names.length === names.length && last.names.every((name, index) => name === names[index])) {
      id = last.id;
    } else {
      id = ++nextId;
      lastFileSet.set(options, { names, id });
    }
    fileSetByProgram.set(program, id);
  }
  return id;
}

/** The project file an import specifier resolves to, from the program's own module resolution. */
export function importedFile(program: ts.Program, specifier: ts.StringLiteralLike, sourceFile: ts.SourceFile): ts.SourceFile | undefined {
  const fileSet = fileSetOf(program);
  const known = resolvedBySpecifier.get(specifier);
  if (known?.fileSet === fileSet) {
    return known.fileName === undefined ? undefined : program.getSourceFile(known.fileName);
  }
  const target = resolveImport(program, specifier, sourceFile);
  resolvedBySpecifier.set(specifier, { fileSet, fileName: target?.fileName });
  return target;
}

function resolveImport(program: ts.Program, specifier: ts.StringLiteralLike, sourceFile: ts.SourceFile): ts.SourceFile | undefined {
  const resolving = program as ts.Program & ResolvingProgram;
  let target: ts.SourceFile | undefined;
  if (resolving.getResolvedModuleFromModuleSpecifier) {
    const resolved = resolving.getResolvedModuleFromModuleSpecifier(specifier, sourceFile)?.resolvedModule;
    target = resolved ? program.getSourceFile(resolved.resolvedFileName) : undefined;
  } else {
    // Older compilers: the module symbol (a look-up, not a type check).
    try {
      const declaration = program.getTypeChecker().getSymbolAtLocation(specifier)?.valueDeclaration;
      target = declaration && ts.isSourceFile(declaration) ? declaration : undefined;
    } catch {
      target = undefined;
    }
  }
  return target && !target.isDeclarationFile ? target : undefined;
}

/**
 * The project files that can hold LLM data: files that import an LLM SDK (one of `packages`), that
 * hold evidence of their own (`hasOwnEvidence`: an LLM endpoint, a conversation shape), and files
 * that import such a file, directly or through other project modules. A file outside this set can
 * hold no model output or conversation data, so the flow analysis skips it. Computed once per
 * program from syntax and the program's module resolution (no type checking), linear in the
 * number of imports.
 */
export function filesReachingLlmData(
  program: ts.Program,
  packages: readonly string[],
  hasOwnEvidence: (sourceFile: ts.SourceFile) => boolean,
): ReadonlySet<ts.SourceFile> {
  const structure = importStructureOf(program);
  const key = `${packages.join(',')}`;
  const previous = structure.unchanged ? structure.previous?.reaching.get(key) : undefined;
  // The files' facts hold `hasLlmEvidence`'s answers: another evidence test is not carried.
  if (previous && previous.hasOwnEvidence === hasOwnEvidence && hasOwnEvidence === hasLlmEvidence) {
    const reaching = new Set([...previous.names].map(name => structure.byName.get(name)!));
    structure.reaching.set(key, previous);
    return reaching;
  }
  const reaching = computeFilesReaching(program, packages, hasOwnEvidence);
  structure.reaching.set(key, { hasOwnEvidence, names: new Set([...reaching].map(file => file.fileName)) });
  return reaching;
}

function computeFilesReaching(program: ts.Program, packages: readonly string[], hasOwnEvidence: (sourceFile: ts.SourceFile) => boolean): Set<ts.SourceFile> {
  const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
  const reaching = new Set<ts.SourceFile>();
  const queue: ts.SourceFile[] = [];
  const admit = (sourceFile: ts.SourceFile): void => {
    if (!reaching.has(sourceFile)) {
      reaching.add(sourceFile);
      queue.push(sourceFile);
    }
  };
  for (const sourceFile of program.getSourceFiles()) {
    if (!isProjectCode(sourceFile, program)) {
      continue;
    }
    if (hasOwnEvidence(sourceFile)) {
      admit(sourceFile);
    }
    for (const specifier of moduleSpecifiers(sourceFile)) {
      const packageName = packageOfSpecifier(specifier.text);
      if (packageName !== undefined && packages.some(pattern => originMatches(packageName, pattern))) {
        admit(sourceFile);
        continue;
      }
      // Project modules, also through path aliases: where the program resolved the specifier to.
      const target = importedFile(program, specifier, sourceFile);
      if (target) {
        importers.set(target, [...(importers.get(target) ?? []), sourceFile]);
      }
    }
  }
  const spread = (): void => {
    while (queue.length > 0) {
      const file = queue.pop()!;
      for (const importer of importers.get(file) ?? []) {
        admit(importer);
      }
    }
  };
  spread();
  // Plain JavaScript handed the app's LLM clients as values (a store action given `bot` in its
  // payload) imports none of them: it calls their methods by name (`bot.sendPrompt(prompt)`).
  const clientMethods = new Set([...reaching].flatMap(file => [...classMethodNames(file), ...baseClassMethodNames(program, file)]));
  if (clientMethods.size > 0) {
    for (const sourceFile of program.getSourceFiles()) {
      if (reaching.has(sourceFile) || !isJavaScript(sourceFile) || !isProjectCode(sourceFile, program)) continue;
      if (calledMethodNames(sourceFile).some(name => clientMethods.has(name))) admit(sourceFile);
    }
    spread();
  }
  return reaching;
}

const methodNamesByFile = new WeakMap<ts.SourceFile, readonly string[]>();
const calledNamesByFile = new WeakMap<ts.SourceFile, readonly string[]>();

function isJavaScript(sourceFile: ts.SourceFile): boolean {
  return /\.[cm]?jsx?$/.test(sourceFile.fileName);
}

/** The methods a file's classes declare, except names too common to tell one class from another. */
function classMethodNames(sourceFile: ts.SourceFile): readonly string[] {
  let names = methodNamesByFile.get(sourceFile);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isMethodDeclaration(node) && node.body && ts.isIdentifier(node.name) && ts.isClassLike(node.parent) && !GENERIC_METHOD_NAMES.has(node.name.text)) {
        found.add(node.name.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    names = [...found];
    methodNamesByFile.set(sourceFile, names);
  }
  return names;
}

/** The methods of the project base classes a file's classes extend (`class QianWenBot extends Bot`: `Bot`'s `sendPrompt`). */
function baseClassMethodNames(program: ts.Program, sourceFile: ts.SourceFile): string[] {
  const bases = new Set<string>();
  for (const statement of sourceFile.statements) {
    const declaration = ts.isExportAssignment(statement) ? statement.expression : statement;
    if (!ts.isClassDeclaration(declaration) && !ts.isClassExpression(declaration)) continue;
    for (const clause of declaration.heritageClauses ?? []) {
      for (const type of clause.types) if (ts.isIdentifier(type.expression)) bases.add(type.expression.text);
    }
  }
  if (bases.size === 0) {
    return [];
  }
  const names: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !statement.importClause || !ts.isStringLiteralLike(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    const bound = [clause.name?.text, ...(clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.map(element => element.name.text) : [])];
    if (!bound.some(name => name !== undefined && bases.has(name))) continue;
    const target = importedFile(program, statement.moduleSpecifier, sourceFile);
    if (target) names.push(...classMethodNames(target));
  }
  return names;
}

/** `x.name(` in a file's text: the method names it calls. */
function calledMethodNames(sourceFile: ts.SourceFile): readonly string[] {
  let names = calledNamesByFile.get(sourceFile);
  if (!names) {
    names = [...new Set(Array.from(sourceFile.text.matchAll(/\.([A-Za-z_$][\w$]*)\s*\(/g), match => match[1]!))];
    calledNamesByFile.set(sourceFile, names);
  }
  return names;
}

const importersByProgram = new WeakMap<ts.Program, Map<ts.SourceFile, ts.SourceFile[]>>();

/** Project files that import each project file (through path aliases too), computed once per program. */
function importersOf(program: ts.Program, file: ts.SourceFile): readonly ts.SourceFile[] {
  let importers = importersByProgram.get(program);
  const structure = importStructureOf(program);
  const previous = structure.unchanged ? structure.previous?.importers : undefined;
  if (!importers && previous) {
    // The same imports as the project's previous program: the same graph, over this program's files.
    const files = (names: readonly string[]): ts.SourceFile[] => names.map(name => structure.byName.get(name)!);
    importers = new Map([...previous].map(([target, names]) => [structure.byName.get(target)!, files(names)]));
    structure.importers = previous;
    importersByProgram.set(program, importers);
  }
  if (!importers) {
    importers = new Map();
    for (const sourceFile of program.getSourceFiles()) {
      if (!isProjectCode(sourceFile, program)) continue;
      for (const specifier of moduleSpecifiers(sourceFile)) {
        const target = importedFile(program, specifier, sourceFile);
        if (target) importers.set(target, [...(importers.get(target) ?? []), sourceFile]);
      }
    }
    importersByProgram.set(program, importers);
    structure.importers = new Map([...importers].map(([target, files]) => [target.fileName, files.map(importer => importer.fileName)]));
  }
  return importers.get(file) ?? [];
}

/**
 * What a project's import graph and LLM reach are computed from, per project file: its module
 * specifiers, whether it holds LLM evidence of its own, the methods its classes declare and extend,
 * and (in JavaScript) the methods it calls. Syntax only, so it is kept per `SourceFile`.
 */
interface ImportStructure {
  /** The project files by name. */
  readonly byName: ReadonlyMap<string, ts.SourceFile>;
  readonly facts: ReadonlyMap<string, string>;
  /** The structure of the project's previous program (same file names and options), if there was one. */
  readonly previous: ImportStructure | undefined;
  /** Every file's facts read the same as in `previous`: what was computed from them holds again. */
  readonly unchanged: boolean;
  /** Computed over this structure, by file name, for the next program. */
  importers: ReadonlyMap<string, readonly string[]> | undefined;
  /** The files reaching LLM data, by the packages that count as LLM SDKs. */
  readonly reaching: Map<string, { readonly hasOwnEvidence: (sourceFile: ts.SourceFile) => boolean; readonly names: ReadonlySet<string> }>;
}

const structureByProgram = new WeakMap<ts.Program, ImportStructure>();
/** The last structure of each file set (project): a keystroke's program compares itself with it. */
const lastStructure = new Map<number, ImportStructure>();
const reachFactsByFile = new WeakMap<ts.SourceFile, string>();

function importStructureOf(program: ts.Program): ImportStructure {
  let structure = structureByProgram.get(program);
  if (structure) {
    return structure;
  }
  const fileSet = fileSetOf(program);
  const previous = lastStructure.get(fileSet);
  const byName = new Map<string, ts.SourceFile>();
  const facts = new Map<string, string>();
  let unchanged = previous !== undefined;
  for (const sourceFile of program.getSourceFiles()) {
    if (!isProjectCode(sourceFile, program)) continue;
    byName.set(sourceFile.fileName, sourceFile);
    const fileFacts = previous?.byName.get(sourceFile.fileName) === sourceFile ? previous.facts.get(sourceFile.fileName)! : reachFactsOf(sourceFile);
    facts.set(sourceFile.fileName, fileFacts);
    if (unchanged && previous?.facts.get(sourceFile.fileName) !== fileFacts) unchanged = false;
  }
  structure = { byName, facts, previous: unchanged ? previous : undefined, unchanged: unchanged && previous?.byName.size === byName.size, importers: undefined, reaching: new Map() };
  structureByProgram.set(program, structure);
  lastStructure.delete(fileSet);
  // A few projects at a time.
  if (lastStructure.size >= 8) lastStructure.delete(lastStructure.keys().next().value!);
  lastStructure.set(fileSet, structure);
  return structure;
}

const heritageByFile = new WeakMap<ts.SourceFile, readonly string[]>();

/** What the classes of a file extend or implement, as written (`AbstractBot`, `Provider`): syntax only, per `SourceFile`. */
export function heritageOf(sourceFile: ts.SourceFile): readonly string[] {
  let bases = heritageByFile.get(sourceFile);
  if (!bases) {
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isClassLike(node)) for (const clause of node.heritageClauses ?? []) found.push(...clause.types.map(type => type.expression.getText(sourceFile)));
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    bases = found;
    heritageByFile.set(sourceFile, bases);
  }
  return bases;
}

/**
 * Whether two versions of a file say the same about reaching LLM data (imports, evidence, classes):
 * an edit that changes none of it leaves the file's part in the program's reach as it was.
 */
export function sameReachFacts(before: ts.SourceFile, after: ts.SourceFile): boolean {
  return reachFactsOf(before) === reachFactsOf(after);
}

function reachFactsOf(sourceFile: ts.SourceFile): string {
  let facts = reachFactsByFile.get(sourceFile);
  if (facts === undefined) {
    facts = [
      hasLlmEvidence(sourceFile) ? 'evidence' : '',
      moduleSpecifiers(sourceFile).map(specifier => specifier.text).join(','),
      classMethodNames(sourceFile).join(','),
      heritageOf(sourceFile).join(','),
      isJavaScript(sourceFile) ? calledMethodNames(sourceFile).join(',') : '',
    ].join('\n');
    reachFactsByFile.set(sourceFile, facts);
  }
  return facts;
}

/** The files and every project file that imports one of them, directly or through others. */
export function filesImporting(program: ts.Program, files: Iterable<ts.SourceFile>): ts.SourceFile[] {
  const result = [...new Set(files)];
  const seen = new Set(result);
  for (let index = 0; index < result.length; index++) {
    for (const importer of importersOf(program, result[index]!)) {
      if (!seen.has(importer)) {
        seen.add(importer);
        result.push(importer);
      }
    }
  }
  return result;
}
