import ts from '../typescript.cjs';

import { CALLABLE_HTTP_PACKAGES, LLM_SDK_PACKAGES } from '../../knowledge/llm-clients.js';
import { isModuleLoad, skipTransparent } from '../constants.js';
import { originMatches } from '../packages.js';

/**
 * Per-file facts the client rules compute lazily and once: the linted file's TypeScript source
 * file, and whether it imports a callable HTTP client (calling an axios object directly is only
 * looked for in such files).
 */
export function lazyFileFacts(getSourceFile: () => ts.SourceFile): { sourceFile: () => ts.SourceFile; importsCallableHttp: () => boolean } {
  let sourceFile: ts.SourceFile | undefined;
  let callableHttp: boolean | undefined;
  const facts = {
    sourceFile: () => (sourceFile ??= getSourceFile()),
    importsCallableHttp: () => (callableHttp ??= importsAnyPackage(facts.sourceFile(), CALLABLE_HTTP_PACKAGES)),
  };
  return facts;
}

/** Does the file import (at its top level) one of the packages? */
export function importsAnyPackage(sourceFile: ts.SourceFile, packages: readonly string[]): boolean {
  return topLevelImports(sourceFile).some(specifier => {
    const name = packageOfSpecifier(specifier);
    return name !== undefined && packages.includes(name);
  });
}

/** The npm package a module specifier refers to (`openai/resources` -> `openai`); none for relative and `node:` ones. */
export function packageOfSpecifier(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier === '') {
    return undefined;
  }
  const parts = specifier.split('/');
  const first = parts[0] ?? '';
  return first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
}

/** The LLM SDK package a module specifier refers to, if it is one. */
export function llmSdkOfSpecifier(specifier: string, packages: readonly string[] = LLM_SDK_PACKAGES): string | undefined {
  const name = packageOfSpecifier(specifier);
  return name !== undefined && packages.some(pattern => originMatches(name, pattern)) ? name : undefined;
}

function requireSpecifier(expression: ts.Expression | undefined): string | undefined {
  let node = expression && skipTransparent(expression);
  while (node && (ts.isPropertyAccessExpression(node) || ts.isAwaitExpression(node))) {
    node = skipTransparent(node.expression);
  }
  if (node && ts.isCallExpression(node) && isModuleLoad(node)) {
    const argument = node.arguments[0];
    return argument && ts.isStringLiteralLike(argument) ? argument.text : undefined;
  }
  return undefined;
}

/** Module specifiers a source file imports at its top level (imports, re-exports, `require`). */
export function topLevelImports(sourceFile: ts.SourceFile): string[] {
  const result: string[] = [];
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      if (ts.isStringLiteral(statement.moduleSpecifier)) {
        result.push(statement.moduleSpecifier.text);
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression)) {
        result.push(expression.text);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requireSpecifier(declaration.initializer);
        if (specifier !== undefined) {
          result.push(specifier);
        }
      }
    }
  }
  return result;
}

const programSdkCache = new WeakMap<ts.Program, string | null>();

/**
 * The first LLM SDK package imported by any of the program's own source files (not declaration
 * files, not `node_modules`), or `undefined`. Only top-level import statements are read, once per
 * program, so the cost is one pass over the statements of each project file.
 */
export function llmSdkImportedByProgram(program: ts.Program): string | undefined {
  const cached = programSdkCache.get(program);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  let found: string | undefined;
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile || sourceFile.fileName.includes('/node_modules/')) {
      continue;
    }
    for (const specifier of topLevelImports(sourceFile)) {
      found = llmSdkOfSpecifier(specifier);
      if (found !== undefined) {
        break;
      }
    }
    if (found !== undefined) {
      break;
    }
  }
  programSdkCache.set(program, found ?? null);
  return found;
}
