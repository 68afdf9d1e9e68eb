import ts from '../typescript.cjs';

import { LLM_CLIENTS, type LlmClientSpec } from '../../knowledge/llm-clients.js';
import { skipTransparent } from '../constants.js';
import { originMatches, originsOfSymbol, resolveAlias, type Origin } from '../packages.js';

/** Does an exported name match a knowledge name pattern (`'OpenAI'`, `'create*'`, `'*'`)? */
export function namePatternMatches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

const FACTORY_NAMES = LLM_CLIENTS.filter(spec => spec.kind === 'factory').map(spec => spec.name);

/** Is a callee name worth resolving as an LLM client factory (`createOpenAI`, `create*`)? Checked before any type query. */
export function isClientFactoryName(name: string): boolean {
  return FACTORY_NAMES.some(pattern => namePatternMatches(pattern, name));
}

/** A constructor or factory call recognised as an LLM client. */
export interface MatchedClient {
  readonly spec: LlmClientSpec;
  /** The declared name of the class or function (`OpenAI`, `createOpenAI`). */
  readonly name: string;
  /** The package it was declared in (`openai`, `@ai-sdk/openai`). */
  readonly origin: Origin;
}

function findSpec(kind: LlmClientSpec['kind'], name: string, origins: readonly Origin[], specs: readonly LlmClientSpec[]): MatchedClient | undefined {
  for (const spec of specs) {
    if (spec.kind !== kind || !namePatternMatches(spec.name, name)) {
      continue;
    }
    const origin = origins.find(candidate => originMatches(candidate, spec.package));
    if (origin !== undefined) {
      return { spec, name, origin };
    }
  }
  return undefined;
}

/** The class a `new` expression constructs: through imports and aliases, or a variable typed `typeof X`. */
function constructedClass(expression: ts.Expression, checker: ts.TypeChecker): ts.Symbol | undefined {
  const callee = skipTransparent(expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  const symbol = nameNode && checker.getSymbolAtLocation(nameNode);
  if (symbol) {
    const resolved = resolveAlias(symbol, checker);
    if (resolved.flags & ts.SymbolFlags.Class) {
      return resolved;
    }
  }
  return checker.getTypeAtLocation(callee).getSymbol();
}

function matchClass(symbol: ts.Symbol, checker: ts.TypeChecker, program: ts.Program, specs: readonly LlmClientSpec[], depth: number): MatchedClient | undefined {
  const origins = originsOfSymbol(symbol, program);
  const match = findSpec('constructor', symbol.getName(), origins, specs);
  if (match || origins.length > 0 || depth > 4) {
    return match;
  }
  // A project class that inherits the SDK constructor (`class Client extends OpenAI {}`). A class
  // with its own constructor may take other options, so it is not followed.
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isClassLike(declaration) || declaration.members.some(ts.isConstructorDeclaration)) {
    return undefined;
  }
  const heritage = declaration.heritageClauses?.find(clause => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  const base = heritage && constructedClass(heritage.expression, checker);
  return base ? matchClass(base, checker, program, specs, depth + 1) : undefined;
}

/**
 * Is this `new X(...)` / `x(...)` an LLM client from the knowledge base? The class or function is
 * recognised by the package it is declared in, so aliases (`import { OpenAI as Client }`),
 * re-exports and subclasses that inherit the SDK's constructor are all seen through.
 */
export function matchLlmClient(
  node: ts.NewExpression | ts.CallExpression,
  checker: ts.TypeChecker,
  program: ts.Program,
  specs: readonly LlmClientSpec[] = LLM_CLIENTS,
): MatchedClient | undefined {
  if (ts.isNewExpression(node)) {
    const symbol = constructedClass(node.expression, checker);
    return symbol ? matchClass(symbol, checker, program, specs, 0) : undefined;
  }
  return matchFactory(node.expression, checker, program, specs, 0);
}

/**
 * A factory by the function its callee resolves to: declared in a package under a known name, or a
 * variable of the program that holds one (`const make = createOpenAI`). Followed through the
 * variable's initializer, not by resolving the call's signature, which would type its arguments.
 */
function matchFactory(expression: ts.Expression, checker: ts.TypeChecker, program: ts.Program, specs: readonly LlmClientSpec[], depth: number): MatchedClient | undefined {
  const callee = skipTransparent(expression);
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  const symbol = nameNode && checker.getSymbolAtLocation(nameNode);
  if (!symbol) {
    return undefined;
  }
  const resolved = resolveAlias(symbol, checker);
  const origins = originsOfSymbol(resolved, program);
  if (origins.length > 0) {
    // Declared in a package: a known factory, or nothing to resolve further.
    return findSpec('factory', resolved.getName(), origins, specs);
  }
  const declaration = resolved.valueDeclaration;
  const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  const aliased = initializer && skipTransparent(initializer);
  return aliased && depth < 4 && (ts.isIdentifier(aliased) || ts.isPropertyAccessExpression(aliased)) ? matchFactory(aliased, checker, program, specs, depth + 1) : undefined;
  return undefined;
}
