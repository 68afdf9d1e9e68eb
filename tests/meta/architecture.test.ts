import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The rooms of ARCHITECTURE.md, kept by a test: layers import downwards only, no module imports
// itself through a cycle at run time, and no file or class outgrows its room.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Lower layers never import higher ones: cli → index → configs → rules → util → analysis → knowledge. */
const LAYERS = ['knowledge', 'analysis', 'util', 'rules', 'configs', 'index', 'cli'] as const;

function layerOf(file: string): number {
  const relative = path.relative(SRC, file).split(path.sep);
  const top = relative.length === 1 ? 'index' : relative[0]!;
  const index = LAYERS.indexOf(top as (typeof LAYERS)[number]);
  if (index === -1) throw new Error(`no layer for ${relative.join('/')}`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Module {
  readonly file: string;
  readonly source: ts.SourceFile;
  /** Project modules imported at run time (type-only imports are erased and left out). */
  readonly runtimeImports: string[];
  readonly allImports: string[];
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.resolve(path.dirname(from), specifier.replace(/\.js$/, '.ts'));
}

function readModule(file: string): Module {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const runtimeImports: string[] = [];
  const allImports: string[] = [];
  for (const statement of source.statements) {
    let specifier: ts.Expression | undefined;
    let typeOnly = false;
    if (ts.isImportDeclaration(statement)) {
      specifier = statement.moduleSpecifier;
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every(element => element.isTypeOnly)));
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      specifier = statement.moduleSpecifier;
      typeOnly = statement.isTypeOnly;
    }
    if (!specifier || !ts.isStringLiteral(specifier)) continue;
    const target = resolveImport(file, specifier.text);
    if (!target) continue;
    allImports.push(target);
    if (!typeOnly) runtimeImports.push(target);
  }
  return { file, source, runtimeImports, allImports };
}

const modules = sourceFiles(SRC).map(readModule);
const rel = (file: string): string => path.relative(SRC, file);

describe('architecture', () => {
  it('imports point down the layers (cli → index → configs → rules → util → analysis → knowledge)', () => {
    const upward = modules.flatMap(module =>
      module.allImports.filter(target => layerOf(target) > layerOf(module.file)).map(target => `${rel(module.file)} imports ${rel(target)}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no import cycle at run time', () => {
    const byFile = new Map(modules.map(module => [module.file, module]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of byFile.get(file)?.runtimeImports ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const module of modules) visit(module.file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps analysis files under 700 lines and rule files under 250', () => {
    const oversized = modules.flatMap(module => {
      const lines = module.source.getLineAndCharacterOfPosition(module.source.end).line + 1;
      const layer = LAYERS[layerOf(module.file)];
      const limit = layer === 'analysis' ? 700 : layer === 'rules' ? 250 : Infinity;
      return lines > limit ? [`${rel(module.file)}: ${lines} lines`] : [];
    });
    expect(oversized).toEqual([]);
  });

  it('keeps classes under 450 lines', () => {
    const oversized: string[] = [];
    for (const module of modules) {
      const visit = (node: ts.Node): void => {
        if (ts.isClassLike(node)) {
          const start = module.source.getLineAndCharacterOfPosition(node.getStart(module.source)).line;
          const end = module.source.getLineAndCharacterOfPosition(node.end).line;
          if (end - start + 1 > 450) oversized.push(`${rel(module.file)}: class ${node.name?.text ?? '(anonymous)'} has ${end - start + 1} lines`);
        }
        ts.forEachChild(node, visit);
      };
      visit(module.source);
    }
    expect(oversized).toEqual([]);
  });
});
