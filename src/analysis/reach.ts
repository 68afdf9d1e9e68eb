import ts from 'typescript';

import { originMatches } from './packages.js';

/** The package a bare module specifier names: `openai/resources/x` → `openai`, `@a/b/c` → `@a/b`. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) {
    return undefined;
  }
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every module specifier of a file: imports, re-exports, `import x = require()`, `require()` and `import()`. */
function moduleSpecifiers(sourceFile: ts.SourceFile): ts.StringLiteralLike[] {
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
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) {
          specifiers.push(node.arguments[0]);
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(sourceFile, visit);
  }
  return specifiers;
}

/**
 * The project files that can see an LLM SDK: files that import one of `packages`, and files that
 * import (directly or through other project modules) such a file. A file outside this set can hold
 * no value whose type or origin comes from an SDK, so the flow analysis can skip it. Computed once
 * per program with one pass over the import graph (linear in the number of imports).
 */
export function filesReachingPackages(program: ts.Program, packages: readonly string[]): ReadonlySet<ts.SourceFile> {
  const checker = program.getTypeChecker();
  const importers = new Map<ts.SourceFile, ts.SourceFile[]>();
  const reaching = new Set<ts.SourceFile>();
  const queue: ts.SourceFile[] = [];
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || program.isSourceFileFromExternalLibrary(sourceFile)) {
      continue;
    }
    for (const specifier of moduleSpecifiers(sourceFile)) {
      const packageName = packageOfSpecifier(specifier.text);
      if (packageName !== undefined && packages.some(pattern => originMatches(packageName, pattern))) {
        if (!reaching.has(sourceFile)) {
          reaching.add(sourceFile);
          queue.push(sourceFile);
        }
        continue;
      }
      // Project modules, also through path aliases: where the checker resolves the specifier to.
      let target: ts.Node | undefined;
      try {
        target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      } catch {
        target = undefined;
      }
      if (target && ts.isSourceFile(target) && !target.isDeclarationFile) {
        importers.set(target, [...(importers.get(target) ?? []), sourceFile]);
      }
    }
  }
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const importer of importers.get(file) ?? []) {
      if (!reaching.has(importer)) {
        reaching.add(importer);
        queue.push(importer);
      }
    }
  }
  return reaching;
}
