import ts from './typescript.cjs';

import { LLM_SDK_PACKAGES } from '../knowledge/llm-sdks.js';
import { MODEL_PACKAGES } from '../knowledge/model-loaders.js';

/**
 * Where a declaration comes from, as the names knowledge entries use:
 * - `'lib'` for TypeScript's default library (`console`, `JSON`, `String.prototype`, ...);
 * - `'node:<module>'` for Node.js built-ins declared in `@types/node` (`node:fs`, `node:crypto`, ...);
 * - the npm package name (`openai`, `@anthropic-ai/sdk`; `@types/x` counts as `x`);
 * - the module name of a project's own `declare module 'x'` stub, so stubs are seen as the package.
 */
export type Origin = string;

const NODE_MODULES = '/node_modules/';
const originCache = new WeakMap<ts.SourceFile, Origin | null>();

function packageFromPath(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  const index = normalized.lastIndexOf(NODE_MODULES);
  if (index === -1) {
    return undefined;
  }
  const parts = normalized.slice(index + NODE_MODULES.length).split('/');
  const first = parts[0];
  if (first === undefined) {
    return undefined;
  }
  const name = first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
  if (name.startsWith('@types/')) {
    const bare = name.slice('@types/'.length);
    // DefinitelyTyped spells scoped packages `@types/scope__name`.
    return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  }
  return name;
}

/** The string name of the `declare module '...'` block around a node, if any. */
export function ambientModuleOf(node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (ts.isModuleDeclaration(current) && ts.isStringLiteral(current.name)) {
      return current.name.text;
    }
  }
  return undefined;
}

function fileOrigin(sourceFile: ts.SourceFile, program: ts.Program): Origin | undefined {
  const cached = originCache.get(sourceFile);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  let origin: Origin | undefined;
  if (program.isSourceFileDefaultLibrary(sourceFile) || /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(sourceFile.fileName)) {
    origin = 'lib';
  } else {
    origin = packageFromPath(sourceFile.fileName) ?? sdkCheckoutOf(sourceFile.fileName);
  }
  originCache.set(sourceFile, origin ?? null);
  return origin;
}

/**
 * The SDK a file belongs to when the program is the SDK's own repository (its examples import
 * `openai` through tsconfig paths to `./src`): those sources are the package, not project code.
 * Only known LLM SDK names count; an app's own `package.json` name never makes its files a library.
 * Vendored model-loader packages stay project code here (require-model-integrity names them, see
 * `vendoredOrigin`), so an app's copy of transformers.js is followed as before.
 */
function sdkCheckoutOf(fileName: string): Origin | undefined {
  const name = nearestPackageName(fileName);
  const named = (pattern: string): boolean => (pattern.endsWith('*') ? name?.startsWith(pattern.slice(0, -1)) === true : name === pattern);
  return LLM_SDK_PACKAGES.some(named) && !MODEL_PACKAGES.some(named) ? name : undefined;
}

/**
 * Whether a file with function bodies belongs to a package rather than to the project: it lies
 * under `node_modules`, or it is a source of an LLM SDK whose repository is the program and which
 * the program's other code imports by the package's name (the openai SDK's `src/` and `tests/`,
 * which its examples import as `openai` through tsconfig paths). The flow analysis neither walks
 * nor summarises such functions; the knowledge tables say what they do, as for an installed SDK.
 * An SDK's repository that no other code imports by name (`@waylaidwanderer/chatgpt-api`, whose
 * server and CLI are the package's own files) is the project being linted.
 */
export function isPackageSource(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  if (sourceFile.isDeclarationFile) return false;
  const origin = fileOrigin(sourceFile, program);
  if (origin === undefined) return false;
  return packageFromPath(sourceFile.fileName) !== undefined || importedByName(program, origin);
}

/** Whether the program's own code names a package in an import (`openai`, `openai/resources/x`); cached per program. */
function importedByName(program: ts.Program, packageName: string): boolean {
  const known = originsOf(program);
  let answer = known.importedByName.get(packageName);
  if (answer === undefined) {
    answer = [...known.moduleNames].some(name => name === packageName || name.startsWith(`${packageName}/`));
    known.importedByName.set(packageName, answer);
  }
  return answer;
}

/**
 * The SDK repositories whose sources are the package in this program (see {@link isPackageSource}),
 * as a string: results carried from one program of a project to the next hold only while it reads the same.
 */
export function packageSourcesSignature(program: ts.Program): string {
  return [...originsOf(program).checkouts].filter(name => importedByName(program, name)).sort().join(',');
}

/**
 * Whether a file is the project's own code, which the program-wide passes read (what can reach an
 * SDK or a sink, callers in other files, app types learned from prompts).
 */
export function isProjectCode(sourceFile: ts.SourceFile, program: ts.Program): boolean {
  return !sourceFile.isDeclarationFile && !program.isSourceFileFromExternalLibrary(sourceFile) && !isPackageSource(sourceFile, program);
}

/**
 * Whether a program can hold declarations of an origin pattern (`lib`, `node:fs`, `@prisma/client`,
 * `@sentry/*`): one of its files belongs to the package, or a project file names it as a module (an
 * untyped `require('pino')`, a `declare module 'pkg'` stub). Cached per program; what a file names is
 * cached per file, so an editor's next program only reads the file that changed.
 */
export function programHasOrigin(program: ts.Program, pattern: string): boolean {
  const known = originsOf(program);
  let answer = known.answers.get(pattern);
  if (answer === undefined) {
    const bare = pattern.startsWith('node:') ? 'node' : pattern;
    const prefix = bare.endsWith('/*') ? bare.slice(0, -1) : undefined;
    answer = prefix ? [...known.packages].some(name => name.startsWith(prefix)) : known.packages.has(bare);
    const named = prefix ?? pattern.replace(/^node:/, '');
    answer ||= [...known.moduleNames].some(name => name.startsWith(named));
    known.answers.set(pattern, answer);
  }
  return answer;
}

/** The packages whose files the program holds, as a string that changes when they do. */
export function programPackagesSignature(program: ts.Program): string {
  return [...originsOf(program).packages].sort().join('\n');
}

/** Whether a package's own files (or its `@types`) are part of the program. */
export function programHasPackage(program: ts.Program, name: string): boolean {
  return originsOf(program).packages.has(name);
}

interface ProgramOrigins {
  readonly packages: Set<string>;
  /** The modules the project's own files name: imported, required, declared. */
  readonly moduleNames: Set<string>;
  readonly answers: Map<string, boolean>;
  /** The LLM SDKs whose own sources the program holds outside `node_modules` (`sdkCheckoutOf`). */
  readonly checkouts: Set<string>;
  readonly importedByName: Map<string, boolean>;
}

const originsByProgram = new WeakMap<ts.Program, ProgramOrigins>();

function originsOf(program: ts.Program): ProgramOrigins {
  let known = originsByProgram.get(program);
  if (!known) {
    const packages = new Set<string>(['lib']);
    const moduleNames = new Set<string>();
    const checkouts = new Set<string>();
    for (const file of program.getSourceFiles()) {
      const origin = fileOrigin(file, program);
      if (origin !== undefined) {
        packages.add(origin);
        if (!file.isDeclarationFile && packageFromPath(file.fileName) === undefined) checkouts.add(origin);
      } else {
        for (const name of moduleNamesIn(file)) moduleNames.add(name);
      }
    }
    known = { packages, moduleNames, answers: new Map(), checkouts, importedByName: new Map() };
    originsByProgram.set(program, known);
  }
  return known;
}

/** `from 'x'`, `import 'x'`, `import('x')`, `require('x')`, `declare module 'x'`: read from the text, once per file. */
const MODULE_NAME = /(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\(|\bmodule)\s*['"`]([^'"`\s]+)['"`]/g;
const moduleNamesByFile = new WeakMap<ts.SourceFile, readonly string[]>();

function moduleNamesIn(file: ts.SourceFile): readonly string[] {
  let names = moduleNamesByFile.get(file);
  if (!names) {
    names = [...new Set(Array.from(file.text.matchAll(MODULE_NAME), match => match[1]!))];
    moduleNamesByFile.set(file, names);
  }
  return names;
}

/** The origin of one declaration node (see {@link Origin}). */
export function originOfDeclaration(declaration: ts.Node, program: ts.Program): Origin | undefined {
  const sourceFile = declaration.getSourceFile();
  const origin = fileOrigin(sourceFile, program);
  if (origin === 'node') {
    const module = ambientModuleOf(declaration);
    return module ? `node:${module.replace(/^node:/, '')}` : 'node';
  }
  if (origin === undefined && sourceFile.isDeclarationFile) {
    // A project's own `declare module 'pkg'` stub stands for the package.
    return ambientModuleOf(declaration);
  }
  return origin;
}

const packageNameByDirectory = new Map<string, string | null>();

/**
 * The `name` of the nearest `package.json` at or above a file's directory, read from the local
 * file system (never the network) and cached per directory for the life of the process. Stops at
 * a `node_modules` folder (packages there are named by their path, see {@link originOfDeclaration}).
 *
 * Not part of {@link originOfDeclaration}: the nearest `package.json` of an ordinary project file
 * is the project's own, and the flow rules treat every declaration without an origin as project
 * code. Callers decide which names count (require-model-integrity: vendored copies of the loader
 * packages it knows, such as `vendor/transformers/package.json` named `@xenova/transformers`).
 */
export function nearestPackageName(fileName: string): string | undefined {
  const normalized = fileName.replace(/\\/g, '/');
  const start = normalized.slice(0, Math.max(normalized.lastIndexOf('/'), 0));
  const visited: string[] = [];
  let found: string | null = null;
  for (let directory = start; ; ) {
    const cached = packageNameByDirectory.get(directory);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(directory);
    if (directory.endsWith('/node_modules') || directory === '') {
      break;
    }
    const manifest = `${directory}/package.json`;
    if (ts.sys.fileExists(manifest)) {
      found = readPackageName(manifest);
      break;
    }
    const parent = directory.slice(0, Math.max(directory.lastIndexOf('/'), 0));
    if (parent === directory) {
      break;
    }
    directory = parent;
  }
  for (const directory of visited) {
    packageNameByDirectory.set(directory, found);
  }
  return found ?? undefined;
}

function readPackageName(manifest: string): string | null {
  try {
    const parsed: unknown = JSON.parse(ts.sys.readFile(manifest) ?? '');
    const name = typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name !== '' ? name : null;
  } catch {
    return null;
  }
}

/** Does `origin` match a knowledge pattern? `@scope/*` matches every package of the scope. */
export function originMatches(origin: Origin | undefined, pattern: string): boolean {
  if (origin === undefined) {
    return false;
  }
  if (pattern.endsWith('/*')) {
    return origin.startsWith(pattern.slice(0, -1));
  }
  return origin === pattern;
}

/** Follows import aliases to the symbol that is really declared. */
export function resolveAlias(symbol: ts.Symbol, checker: ts.TypeChecker): ts.Symbol {
  if (symbol.flags & ts.SymbolFlags.Alias) {
    try {
      return checker.getAliasedSymbol(symbol);
    } catch {
      return symbol;
    }
  }
  return symbol;
}

/** The origins of a symbol's declarations (a symbol can be declared in several places). */
export function originsOfSymbol(symbol: ts.Symbol, program: ts.Program): Origin[] {
  const declarations = symbol.getDeclarations() ?? [];
  const origins: Origin[] = [];
  for (const declaration of declarations) {
    const origin = originOfDeclaration(declaration, program);
    if (origin !== undefined && !origins.includes(origin)) {
      origins.push(origin);
    }
  }
  return origins;
}
