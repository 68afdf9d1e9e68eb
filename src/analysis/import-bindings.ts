import { builtinModules } from 'node:module';
import path from 'node:path';

import ts from './typescript.cjs';

import { MODEL_PACKAGES } from '../knowledge/model-loaders.js';
import { isModuleLoad } from './constants.js';
import { nearestPackageName, type Origin, originOfDeclaration } from './packages.js';
import { skipValueWrappers } from './integrity/values.js';

/**
 * Callees recognised by the import they are bound to, not by their type: in untyped JavaScript (or
 * when a package's declarations do not resolve, because it is not installed where the lint runs)
 * `require('@xenova/transformers')`, `import { fetchEventSource } from '<fork>'`, `await import(...)`
 * and `import(...).then(({ pipeline }) => ...)` give `any`, but the binding still says which package
 * and which export a callee is. Used by the model loaders and, where declarations say nothing, by
 * the flow rules' callee resolution.
 */

/** A step of a member path: a property name, or the result of calling what came before. */
const CALL_RESULT = Symbol('call result');
type Step = string | typeof CALL_RESULT;

/** A value reached from a module: its package and the path of members from the module namespace. */
export interface ModuleMember {
  readonly origin: Origin;
  readonly path: readonly Step[];
}

const BUILTINS = new Set(builtinModules);

/**
 * The package a file belongs to when it is a vendored copy of a package the integrity knowledge
 * knows (`vendor/transformers/src/pipelines.js` under a `package.json` named `@xenova/transformers`).
 * Copies of other packages, and the project's own files, have no such origin.
 */
export function vendoredOrigin(fileName: string): Origin | undefined {
  if (fileName.replace(/\\/g, '/').includes('/node_modules/')) {
    return undefined;
  }
  const name = nearestPackageName(fileName);
  return name !== undefined && MODEL_PACKAGES.some(pattern => matchesPattern(name, pattern)) ? name : undefined;
}

function matchesPattern(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern || name.startsWith(`${pattern}/`);
}

/** The origin a module specifier names, as {@link originOfDeclaration} would name its declarations. */
function originOfSpecifier(literal: ts.StringLiteralLike, checker: ts.TypeChecker, program: ts.Program): Origin | undefined {
  const specifier = literal.text;
  if (specifier.startsWith('node:')) {
    return specifier;
  }
  if (BUILTINS.has(specifier)) {
    return `node:${specifier}`;
  }
  if (/^(?:~|#|@\/)/.test(specifier)) {
    // A path alias of the project (`~/models`, `@/lib/db`, `#imports`), not a package.
    return undefined;
  }
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    // A project file or a vendored copy: where it resolves, or where it would be.
    const target = checker.getSymbolAtLocation(literal)?.valueDeclaration;
    if (target && ts.isSourceFile(target)) {
      return originOfDeclaration(target, program) ?? vendoredOrigin(target.fileName);
    }
    return vendoredOrigin(path.posix.resolve(path.posix.dirname(literal.getSourceFile().fileName.replace(/\\/g, '/')), specifier));
  }
  const parts = specifier.split('/');
  const first = parts[0] ?? '';
  return first.startsWith('@') ? `${first}/${parts[1] ?? ''}` : first;
}

/** `require('m')`, `import('m')`: the specifier literal. */
function loadedModule(call: ts.CallExpression): ts.StringLiteralLike | undefined {
  const argument = call.arguments[0];
  return isModuleLoad(call) && argument && ts.isStringLiteralLike(argument) ? argument : undefined;
}

function staticName(name: ts.PropertyName | ts.Expression): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isPrivateIdentifier(name)) {
    return name.text;
  }
  return undefined;
}

function extend(member: ModuleMember | undefined, ...steps: Step[]): ModuleMember | undefined {
  return member ? { origin: member.origin, path: [...member.path, ...steps] } : undefined;
}

/** The receiver of `receiver.then(parameter => ...)`, for the callback's first parameter. */
function thenReceiverOf(parameter: ts.ParameterDeclaration): ts.Expression | undefined {
  const fn = parameter.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || fn.parameters[0] !== parameter) {
    return undefined;
  }
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== fn) {
    return undefined;
  }
  const callee = skipValueWrappers(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'then' ? callee.expression : undefined;
}

function memberOfDeclaration(declaration: ts.Declaration, checker: ts.TypeChecker, program: ts.Program, depth: number): ModuleMember | undefined {
  if (ts.isImportSpecifier(declaration)) {
    const module = declaration.parent.parent.parent.moduleSpecifier;
    const origin = ts.isStringLiteral(module) ? originOfSpecifier(module, checker, program) : undefined;
    return origin ? { origin, path: [(declaration.propertyName ?? declaration.name).text] } : undefined;
  }
  if (ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) {
    const importDeclaration = ts.isImportClause(declaration) ? declaration.parent : declaration.parent.parent;
    const origin = ts.isStringLiteral(importDeclaration.moduleSpecifier) ? originOfSpecifier(importDeclaration.moduleSpecifier, checker, program) : undefined;
    return origin ? { origin, path: [] } : undefined;
  }
  if (ts.isImportEqualsDeclaration(declaration) && ts.isExternalModuleReference(declaration.moduleReference)) {
    const expression = declaration.moduleReference.expression;
    const origin = ts.isStringLiteralLike(expression) ? originOfSpecifier(expression, checker, program) : undefined;
    return origin ? { origin, path: [] } : undefined;
  }
  if (ts.isVariableDeclaration(declaration)) {
    return ts.isIdentifier(declaration.name) && declaration.initializer ? moduleMemberOf(declaration.initializer, checker, program, depth + 1) : undefined;
  }
  if (ts.isBindingElement(declaration)) {
    const pattern = declaration.parent;
    const property = declaration.propertyName ? staticName(declaration.propertyName) : ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
    if (!ts.isObjectBindingPattern(pattern) || property === undefined || declaration.dotDotDotToken) {
      return undefined;
    }
    const holder = pattern.parent;
    if (ts.isVariableDeclaration(holder)) {
      return holder.initializer ? extend(moduleMemberOf(holder.initializer, checker, program, depth + 1), property) : undefined;
    }
    if (ts.isParameter(holder)) {
      const receiver = thenReceiverOf(holder);
      return receiver ? extend(moduleMemberOf(receiver, checker, program, depth + 1), property) : undefined;
    }
    return undefined;
  }
  if (ts.isParameter(declaration) && ts.isIdentifier(declaration.name)) {
    const receiver = thenReceiverOf(declaration);
    return receiver ? moduleMemberOf(receiver, checker, program, depth + 1) : undefined;
  }
  return undefined;
}

/** Steps followed from an expression to its import (a builder chain such as LangGraph's `new StateGraph(s).addNode(...)...compile()` takes two per call). */
const MAX_BINDING_DEPTH = 24;

/**
 * The module member an expression is bound to, followed through syntax: imports, `require()`,
 * `import()` (awaited or in `.then`), destructuring, property access, `new` and calls.
 */
export function moduleMemberOf(node: ts.Expression, checker: ts.TypeChecker, program: ts.Program, depth = 0): ModuleMember | undefined {
  if (depth > MAX_BINDING_DEPTH) {
    return undefined;
  }
  const expression = skipValueWrappers(node);
  if (ts.isCallExpression(expression)) {
    const literal = loadedModule(expression);
    if (literal) {
      const origin = originOfSpecifier(literal, checker, program);
      return origin ? { origin, path: [] } : undefined;
    }
    return extend(moduleMemberOf(expression.expression, checker, program, depth + 1), CALL_RESULT);
  }
  if (ts.isNewExpression(expression)) {
    // An instance of an exported class: its methods are owned by the class.
    return moduleMemberOf(expression.expression, checker, program, depth + 1);
  }
  if (ts.isPropertyAccessExpression(expression)) {
    return extend(moduleMemberOf(expression.expression, checker, program, depth + 1), expression.name.text);
  }
  if (ts.isElementAccessExpression(expression)) {
    const name = staticName(expression.argumentExpression);
    return name === undefined ? undefined : extend(moduleMemberOf(expression.expression, checker, program, depth + 1), name);
  }
  if (ts.isIdentifier(expression)) {
    const symbol =
      ts.isShorthandPropertyAssignment(expression.parent) && expression.parent.name === expression
        ? checker.getShorthandAssignmentValueSymbol(expression.parent)
        : checker.getSymbolAtLocation(expression);
    const declaration = symbol?.valueDeclaration ?? symbol?.getDeclarations()?.[0];
    return declaration ? memberOfDeclaration(declaration, checker, program, depth) : undefined;
  }
  return undefined;
}

/** A callee's name, owner and package from its module binding, when it has one. */
export function identityFromBinding(
  callee: ts.Expression,
  checker: ts.TypeChecker,
  program: ts.Program,
): { readonly name: string; readonly owner: string | undefined; readonly origin: Origin } | undefined {
  const member = moduleMemberOf(callee, checker, program);
  // `require('m').default.pipeline` is `pipeline` of `m` (CommonJS interop).
  const steps = member?.path.filter(step => step !== 'default');
  const name = steps?.[steps.length - 1];
  if (!member || typeof name !== 'string') {
    return undefined;
  }
  const owner = steps?.[steps.length - 2];
  return { name, owner: typeof owner === 'string' ? owner : undefined, origin: member.origin };
}
