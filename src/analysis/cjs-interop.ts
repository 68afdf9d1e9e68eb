import ts from './typescript.cjs';

import { thisFieldValues } from './class-fields.js';
import { skipTransparent } from './constants.js';
import { resolveAlias } from './packages.js';

/** Steps followed back from a value to the `new` of a required class. */
const MAX_STEPS = 12;

/**
 * CommonJS code that requires a package whose typings export its class as `default`
 * (`const OpenAI = require('openai'); const openai = new OpenAI()`, the same for keyv or
 * `@anthropic-ai/sdk`): at run time `require` returns the class, but TypeScript types it as the
 * module's namespace, so `new OpenAI()` and everything reached from it is `any`. This gives such
 * values the type they have at run time: the default export's instance type, then the declared
 * types of the properties, calls and awaits followed from it. Asked only where the checker says
 * `any`, in files that call `require`.
 */
export class CjsInterop {
  private readonly cache = new WeakMap<ts.Node, ts.Type | null>();
  private readonly requiring = new WeakMap<ts.SourceFile, boolean>();

  constructor(private readonly checker: ts.TypeChecker) {}

  /** The checker's type of an expression, or, where that is `any`, the type it has through a required default class. */
  typeOf(node: ts.Expression): ts.Type | undefined {
    const type = this.safe(() => this.checker.getTypeAtLocation(node));
    if (!type || !isOpaque(type)) {
      return type;
    }
    return this.interopType(node, 0) ?? type;
  }

  /** Only the type through a required default class (`undefined` when there is none). */
  interopType(node: ts.Expression, depth: number): ts.Type | undefined {
    const file = node.getSourceFile();
    let requires = this.requiring.get(file);
    if (requires === undefined) {
      requires = /\brequire\s*\(/.test(file.text);
      this.requiring.set(file, requires);
    }
    if (!requires || depth > MAX_STEPS) {
      return undefined;
    }
    const cached = this.cache.get(node);
    if (cached !== undefined) {
      return cached ?? undefined;
    }
    // A cycle (`a = a.next`) ends here.
    this.cache.set(node, null);
    const type = this.safe(() => this.compute(skipTransparent(node), depth));
    this.cache.set(node, type ?? null);
    return type;
  }

  private compute(expression: ts.Expression, depth: number): ts.Type | undefined {
    if (ts.isAwaitExpression(expression)) {
      const awaited = this.step(expression.expression, depth);
      return awaited && (this.checker.getAwaitedType(awaited) ?? awaited);
    }
    if (ts.isNewExpression(expression)) {
      return this.requiredDefaultClass(expression.expression)?.getConstructSignatures()[0]?.getReturnType();
    }
    if (ts.isCallExpression(expression)) {
      return this.step(expression.expression, depth)?.getCallSignatures()[0]?.getReturnType();
    }
    if (ts.isPropertyAccessExpression(expression)) {
      if (expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
        // `this.client = new OpenAI(...)` in the constructor.
        for (const value of thisFieldValues(expression)) {
          const type = this.step(value, depth);
          if (type) return type;
        }
        return undefined;
      }
      const receiver = this.step(expression.expression, depth);
      const property = receiver && this.checker.getPropertyOfType(this.checker.getNonNullableType(receiver), expression.name.text);
      return property && this.checker.getTypeOfSymbol(property);
    }
    if (ts.isIdentifier(expression)) {
      const declaration = this.checker.getSymbolAtLocation(expression)?.valueDeclaration;
      return declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer
        ? this.step(declaration.initializer, depth)
        : undefined;
    }
    return undefined;
  }

  /** A sub-expression: its own type when the checker has one, else through a required class. */
  private step(node: ts.Expression, depth: number): ts.Type | undefined {
    // JSDoc naming the required binding types the call as the module, not the class's instance.
    const documented = ts.isCallExpression(node) ? this.documentedRequiredClass(node.expression) : undefined;
    if (documented) {
      return documented;
    }
    const type = this.checker.getTypeAtLocation(node);
    return isOpaque(type) ? this.interopType(node, depth + 1) : type;
  }

  /**
   * A project function documented as returning a required class (`@returns {Keyv}` beside
   * `const Keyv = require('keyv')`, in the function's own file): an instance of it.
   */
  private documentedRequiredClass(callee: ts.Expression): ts.Type | undefined {
    const name = skipTransparent(callee);
    const symbol = ts.isIdentifier(name) ? this.checker.getSymbolAtLocation(name) : undefined;
    let declaration: ts.Node | undefined = symbol && resolveAlias(symbol, this.checker).valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      declaration = skipTransparent(declaration.initializer);
    }
    if (!declaration || !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration))) {
      return undefined;
    }
    const documented = ts.getJSDocReturnType(declaration);
    if (!documented || !ts.isTypeReferenceNode(documented) || !ts.isIdentifier(documented.typeName)) {
      return undefined;
    }
    // The checker gives a JSDoc name a synthetic symbol: find the file's own `const Keyv = require(...)`.
    const typeName = documented.typeName.text;
    const required = declaration
      .getSourceFile()
      .statements.filter(ts.isVariableStatement)
      .flatMap(statement => statement.declarationList.declarations)
      .find(variable => ts.isIdentifier(variable.name) && variable.name.text === typeName);
    return required && this.defaultClassOfRequire(required)?.getConstructSignatures()[0]?.getReturnType();
  }

  /** `OpenAI` of `const OpenAI = require('openai')`: the type of the module's `default` export, when it is a class. */
  private requiredDefaultClass(callee: ts.Expression): ts.Type | undefined {
    const name = skipTransparent(callee);
    // In JavaScript, `const OpenAI = require('openai')` declares an alias: no value declaration.
    const symbol = ts.isIdentifier(name) ? this.checker.getSymbolAtLocation(name) : undefined;
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    return declaration && ts.isVariableDeclaration(declaration) ? this.defaultClassOfRequire(declaration) : undefined;
  }

  private defaultClassOfRequire(declaration: ts.VariableDeclaration): ts.Type | undefined {
    const initializer = declaration.initializer ? skipTransparent(declaration.initializer) : undefined;
    if (!initializer || !ts.isCallExpression(initializer) || !ts.isIdentifier(initializer.expression) || initializer.expression.text !== 'require') {
      return undefined;
    }
    const specifier = initializer.arguments[0];
    const module = specifier && ts.isStringLiteralLike(specifier) ? this.checker.getSymbolAtLocation(specifier) : undefined;
    const exported = module && this.checker.getExportsOfModule(module).find(symbol => symbol.escapedName === 'default');
    const type = exported && this.checker.getTypeOfSymbol(resolveAlias(exported, this.checker));
    return type && type.getConstructSignatures().length > 0 ? type : undefined;
  }

  // The checker can throw on code it cannot make sense of; a lint rule must not crash on it.
  private safe<T>(compute: () => T): T | undefined {
    try {
      return compute();
    } catch {
      return undefined;
    }
  }
}

/**
 * `any`, or a module namespace where the code means the required class: JSDoc naming the required
 * binding (`@returns {Keyv}`, `@type {OpenAI}`), or `new OpenAI()` of the namespace.
 */
function isOpaque(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0 || ((type.getSymbol()?.flags ?? 0) & ts.SymbolFlags.ValueModule) !== 0;
}

const byChecker = new WeakMap<ts.TypeChecker, CjsInterop>();

/** The interop of a program's checker (one per checker: types belong to it). */
export function cjsInterop(checker: ts.TypeChecker): CjsInterop {
  let interop = byChecker.get(checker);
  if (!interop) {
    interop = new CjsInterop(checker);
    byChecker.set(checker, interop);
  }
  return interop;
}
