import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import { typeMatchesSomeSpecifier } from '../type-utils.js';
import ts from '../typescript.cjs';

import { skipTransparent } from '../constants.js';
import { isProjectCode, type Origin, originOfDeclaration, resolveAlias } from '../packages.js';
import { calleeName } from '../callees.js';
import { identityFromBinding, vendoredOrigin } from '../import-bindings.js';

/** What a call calls: the API name, the package it is declared in, and the declaring class. */
export interface CalleeIdentity {
  readonly name: string;
  readonly origin: Origin | undefined;
  /** The class or interface declaring the method, when there is one. */
  readonly owner: string | undefined;
  /** The declaration that was called (a signature, a function with a body, ...). */
  readonly declaration: ts.Declaration | undefined;
}

/** Anything a knowledge entry can name. */
export interface ApiPattern {
  readonly packages: readonly string[];
  readonly names: readonly string[];
  readonly owners?: readonly string[];
}

type CallLike = ts.CallExpression | ts.NewExpression;

const identityCache = new WeakMap<ts.Node, CalleeIdentity | null>();

/** The identifier-like node naming the callee (for symbol look-ups). */
function calleeNameNode(expression: ts.Expression): ts.Node | undefined {
  const callee = skipTransparent(expression);
  if (ts.isIdentifier(callee)) {
    return callee;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    return callee.name;
  }
  if (ts.isElementAccessExpression(callee)) {
    return callee.argumentExpression;
  }
  return undefined;
}

/**
 * Does a package name match a knowledge pattern (exact, or a prefix ending in `*`)? A subpath of a
 * package is the package (`@langchain/community/embeddings/hf_transformers`, named by a project's
 * `declare module` stub, is `@langchain/community`).
 */
export function packageMatches(origin: Origin | undefined, patterns: readonly string[]): boolean {
  if (origin === undefined) {
    return false;
  }
  return patterns.some(pattern => (pattern.endsWith('*') ? origin.startsWith(pattern.slice(0, -1)) : origin === pattern || origin.startsWith(`${pattern}/`)));
}

/** The origin of a declaration, or the package a vendored copy of it belongs to. */
function originWithVendored(declaration: ts.Node, program: ts.Program): Origin | undefined {
  const origin = originOfDeclaration(declaration, program);
  if (origin !== undefined) {
    return origin;
  }
  const sourceFile = declaration.getSourceFile();
  return program.isSourceFileFromExternalLibrary(sourceFile) ? undefined : vendoredOrigin(sourceFile.fileName);
}

function ownerName(declaration: ts.Node): string | undefined {
  const parent = declaration.parent as ts.Node | undefined;
  if (!parent) {
    return undefined;
  }
  if ((ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent)) && parent.name) {
    return parent.name.text;
  }
  if (ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent)) {
    return parent.parent.name.text;
  }
  return undefined;
}

/**
 * The module an unresolved import alias points at. Some packages ship declarations that do not
 * resolve under `moduleResolution: NodeNext` (web-llm's `.d.ts` files use extensionless relative
 * exports): their imports are `any`, so the only trace of the package is the import itself.
 */
function originOfUnresolvedAlias(symbol: ts.Symbol, program: ts.Program): { origin: Origin; name: string } | undefined {
  for (const declaration of symbol.getDeclarations() ?? []) {
    if (ts.isImportSpecifier(declaration)) {
      const module = declaration.parent.parent.parent.moduleSpecifier;
      if (ts.isStringLiteral(module)) {
        return { origin: module.text, name: (declaration.propertyName ?? declaration.name).text };
      }
    }
    if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
      const importDeclaration = ts.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
      if (ts.isStringLiteral(importDeclaration.moduleSpecifier)) {
        return { origin: importDeclaration.moduleSpecifier.text, name: symbol.name };
      }
    }
    if (ts.isExportSpecifier(declaration)) {
      const origin = originOfDeclaration(declaration, program);
      if (origin !== undefined) {
        return { origin, name: (declaration.propertyName ?? declaration.name).text };
      }
    }
  }
  return undefined;
}

/** The identity of a symbol used as a value (a callee, a property, a type reference). */
export function identifySymbol(symbol: ts.Symbol, checker: ts.TypeChecker, program: ts.Program): CalleeIdentity | undefined {
  const resolved = resolveAlias(symbol, checker);
  const declaration = resolved.getDeclarations()?.[0];
  if (declaration) {
    return {
      name: resolved.name,
      origin: originWithVendored(declaration, program),
      owner: ownerName(declaration),
      declaration,
    };
  }
  if (symbol.flags & ts.SymbolFlags.Alias) {
    const fallback = originOfUnresolvedAlias(symbol, program);
    if (fallback) {
      return { name: fallback.name, origin: fallback.origin, owner: undefined, declaration: undefined };
    }
  }
  return undefined;
}

/**
 * Identifies a call through the type checker: the resolved signature's declaration (so aliases,
 * re-exports, namespace imports and subclasses are seen through), falling back to the callee's
 * symbol, and to the import it came from when the package's types do not resolve.
 */
export function identifyCall(call: CallLike, checker: ts.TypeChecker, program: ts.Program): CalleeIdentity | undefined {
  const cached = identityCache.get(call);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  let identity = computeIdentity(call, checker, program);
  if (identity?.origin === undefined) {
    // Untyped code, or a package whose declarations do not resolve: the import binding says.
    const bound = identityFromBinding(call.expression, checker, program);
    if (bound) {
      identity = { ...bound, declaration: identity?.declaration };
    }
  }
  identityCache.set(call, identity ?? null);
  return identity;
}

/** A symbol declared by destructuring, a parameter or a project variable: a local name for a value. */
function isLocalBinding(symbol: ts.Symbol): boolean {
  return (symbol.getDeclarations() ?? []).every(
    declaration =>
      ts.isBindingElement(declaration) ||
      ts.isParameter(declaration) ||
      (ts.isVariableDeclaration(declaration) && !declaration.getSourceFile().isDeclarationFile && declaration.initializer !== undefined && !ts.isFunctionLike(declaration.initializer)),
  );
}

function computeIdentity(call: CallLike, checker: ts.TypeChecker, program: ts.Program): CalleeIdentity | undefined {
  const nameNode = calleeNameNode(call.expression);
  const symbol = nameNode ? checker.getSymbolAtLocation(nameNode) : undefined;
  const resolvedSymbol = symbol ? resolveAlias(symbol, checker) : undefined;
  let declaration: ts.Declaration | undefined;
  try {
    declaration = checker.getResolvedSignature(call)?.declaration;
  } catch {
    declaration = undefined;
  }
  if (declaration && !ts.isJSDocSignature(declaration)) {
    // The symbol's own name survives `import { x as y }` and odd overload declarations
    // (`fs-extra`'s `readFile` resolves to a `__promisify__` declaration).
    // A local binding (`const { pipeline: load } = await import(...)`) is named by what it binds.
    let name = resolvedSymbol?.getDeclarations()?.length && !isLocalBinding(resolvedSymbol) ? resolvedSymbol.name : undefined;
    if (name === undefined || name === '__call' || name === '__new') {
      const declaredName = ts.getNameOfDeclaration(declaration);
      name = declaredName && ts.isIdentifier(declaredName) ? declaredName.text : calleeName(call.expression);
    }
    if (ts.isConstructorDeclaration(declaration) || ts.isConstructSignatureDeclaration(declaration)) {
      name = resolvedSymbol?.name ?? calleeName(call.expression);
    }
    if (name !== undefined) {
      return {
        name,
        origin: originWithVendored(declaration, program),
        owner: ownerName(declaration),
        declaration,
      };
    }
  }
  if (symbol) {
    return identifySymbol(symbol, checker, program);
  }
  return undefined;
}

export function identityMatches(identity: CalleeIdentity | undefined, pattern: ApiPattern): boolean {
  if (!identity || !pattern.names.includes(identity.name) || !packageMatches(identity.origin, pattern.packages)) {
    return false;
  }
  return !pattern.owners || identity.owner === undefined || pattern.owners.includes(identity.owner);
}

/** Does a call match a user's `TypeOrValueSpecifier` (by declaration, or by the callee's type)? */
export function callMatchesSpecifiers(
  call: CallLike,
  specifiers: readonly TypeOrValueSpecifier[],
  checker: ts.TypeChecker,
  program: ts.Program,
): boolean {
  if (specifiers.length === 0) {
    return false;
  }
  const identity = identifyCall(call, checker, program);
  if (identity) {
    for (const specifier of specifiers) {
      if (specifierMatchesIdentity(specifier, identity, program)) {
        return true;
      }
    }
  }
  const type = checker.getTypeAtLocation(call.expression);
  return typeMatchesSomeSpecifier(type, [...specifiers], program);
}

function specifierMatchesIdentity(specifier: TypeOrValueSpecifier, identity: CalleeIdentity, program: ts.Program): boolean {
  if (typeof specifier === 'string') {
    return specifier === identity.name;
  }
  const names = typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
  if (!names.includes(identity.name)) {
    return false;
  }
  switch (specifier.from) {
    case 'lib':
      return identity.origin === 'lib';
    case 'package':
      return identity.origin === specifier.package;
    case 'file': {
      const sourceFile = identity.declaration?.getSourceFile();
      if (!sourceFile || program.isSourceFileFromExternalLibrary(sourceFile) || identity.origin !== undefined) {
        return false;
      }
      if (specifier.path === undefined) {
        return true;
      }
      const wanted = specifier.path.replace(/\\/g, '/').replace(/^\.\//, '');
      return sourceFile.fileName.replace(/\\/g, '/').endsWith(wanted);
    }
  }
}

/** A project function with a body that a call resolves to (for cross-function summaries). */
export function projectFunctionOf(call: CallLike, checker: ts.TypeChecker, program: ts.Program): ts.SignatureDeclaration | undefined {
  const identity = identifyCall(call, checker, program);
  const declaration = identity?.declaration;
  if (!declaration || identity.origin !== undefined) {
    return undefined;
  }
  if (!isProjectCode(declaration.getSourceFile(), program)) {
    return undefined;
  }
  if (
    (ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isFunctionExpression(declaration) ||
      ts.isArrowFunction(declaration)) &&
    declaration.body
  ) {
    return declaration;
  }
  return undefined;
}

export { calleeName };
