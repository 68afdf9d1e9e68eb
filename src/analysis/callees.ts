import ts from './typescript.cjs';

import { FUNCTION_WRAPPERS } from '../knowledge/propagation.js';
import { thisFieldValues } from './class-fields.js';
import { cjsInterop } from './cjs-interop.js';
import { storeHandlersFor } from './store-handlers.js';
import { valueAlternatives } from './clients/option-values.js';
import { isModuleLoad, skipTransparent, staticPropertyName } from './constants.js';
import { identityFromBinding } from './import-bindings.js';
import { isPackageSource, type Origin, originOfDeclaration, resolveAlias } from './packages.js';
import { MethodsByName } from './untyped-dispatch.js';

/** One declaration a call may reach. */
export interface CalleeDeclaration {
  /** The declared name; `()` when the call invokes a value of an interface type (`debug('x')(text)`). */
  readonly name: string;
  readonly origin: Origin | undefined;
  /** The interface, class or namespace the declaration sits in. */
  readonly container: string | undefined;
}

/** Everything the analysis needs to know about what a call calls. */
export interface CalleeInfo {
  readonly declarations: readonly CalleeDeclaration[];
  /** A function of the program itself with a body to analyse (any file, not a `.d.ts`). */
  readonly projectFunction: ts.SignatureDeclaration | undefined;
  /** The property name of a method call, or the identifier called. */
  readonly name: string | undefined;
  /** Source text for messages, e.g. `logger.info`. */
  readonly text: string;
  /** The symbol the callee resolves to (through imports), when it has one. */
  readonly symbol?: ts.Symbol;
  /**
   * The other project functions the call may run, when the receiver is a union of the app's own
   * classes (`getClient(name).sendMessage(...)` with one class per provider): a union property has
   * the declarations of every member.
   */
  readonly alternatives?: readonly ts.SignatureDeclaration[];
  /**
   * The receiver has no type and `projectFunction` and `alternatives` are the program's class
   * methods of the called name (`untyped-dispatch.ts`): they may live in any file.
   */
  readonly byName?: true;
  /**
   * Not resolved on purpose (a route file's call that cannot matter, `app-routes.ts`): read as untyped
   * code, without following the receiver to an import either.
   */
  readonly unresolved?: true;
}

/** Members of a union receiver looked at per call: enough for an app's providers, bounded for speed. */
const MAX_ALTERNATIVES = 8;

const MAX_CALLEE_TEXT = 60;

/** The symbol at a node, or `undefined` where the checker cannot make sense of the code. */
export function symbolAt(checker: ts.TypeChecker, node: ts.Node): ts.Symbol | undefined {
  try {
    return checker.getSymbolAtLocation(node);
  } catch {
    return undefined;
  }
}

/** The simple name of a callee: `a` for `a()`, `b` for `a.b()` / `a?.b()` / `a['b']()`. */
export function calleeName(expression: ts.Expression): string | undefined {
  const callee = skipTransparent(expression);
  if (ts.isIdentifier(callee)) {
    return callee.text;
  }
  if (ts.isPropertyAccessExpression(callee)) {
    return callee.name.text;
  }
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    return callee.argumentExpression.text;
  }
  return undefined;
}

/** Callee text for messages: short, whitespace folded. */
export function calleeText(expression: ts.Expression): string {
  // Line breaks of a chain go, the spaces of a string in it stay (`db.prepare('insert into ...')`).
  let text = foldedText(skipTransparent(expression));
  if (text.length > MAX_CALLEE_TEXT) {
    // A long chain (`openai.chat.completions.stream({...}).on('message', ...).on`) reads best with its calls' arguments elided.
    text = chainText(skipTransparent(expression));
  }
  return text.length > MAX_CALLEE_TEXT ? `…${text.slice(-MAX_CALLEE_TEXT)}` : text;
}

function foldedText(node: ts.Node): string {
  return node.getText().replace(/('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`)|\s+/g, (_, quoted: string | undefined) => quoted ?? '');
}

function chainText(node: ts.Expression): string {
  if (ts.isPropertyAccessExpression(node)) {
    return `${chainText(node.expression)}.${node.name.text}`;
  }
  if (ts.isCallExpression(node)) {
    return `${chainText(node.expression)}(${node.arguments.length > 0 ? '…' : ''})`;
  }
  if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAwaitExpression(node)) {
    return chainText(node.expression);
  }
  return foldedText(node);
}

function containerName(declaration: ts.Node): string | undefined {
  const parent = declaration.parent;
  if (!parent) {
    return undefined;
  }
  if ((ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name) {
    return parent.name.text;
  }
  if (ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent)) {
    return parent.parent.name.text;
  }
  if (ts.isModuleBlock(parent) && ts.isModuleDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name)) {
    return parent.parent.name.text;
  }
  return undefined;
}

export function functionHasBody(declaration: ts.Node): declaration is ts.SignatureDeclaration & { body: ts.Node } {
  return (
    (ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isFunctionExpression(declaration) ||
      ts.isArrowFunction(declaration) ||
      ts.isGetAccessorDeclaration(declaration) ||
      ts.isConstructorDeclaration(declaration)) &&
    declaration.body !== undefined &&
    !declaration.getSourceFile().isDeclarationFile
  );
}

/**
 * A class method whose body only throws: the base class's stand-in for a method its subclasses
 * implement (plain JavaScript has no `abstract`).
 */
export function isPlaceholderMethod(declaration: ts.Declaration): boolean {
  if (!ts.isMethodDeclaration(declaration) || !ts.isClassLike(declaration.parent) || !declaration.body) {
    return false;
  }
  const statements = declaration.body.statements;
  return statements.length > 0 && statements.every(statement => ts.isThrowStatement(statement));
}

/**
 * The body-carrying function a symbol names: a function or method implementation (not an overload
 * signature), or a variable / class field initialised with an arrow or function expression.
 */
export function functionWithBodyOf(symbol: ts.Symbol): ts.SignatureDeclaration | undefined {
  for (const declaration of symbol.getDeclarations() ?? []) {
    if (functionHasBody(declaration)) {
      return declaration;
    }
    if ((ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration) || ts.isPropertyAssignment(declaration)) && declaration.initializer) {
      const fn = functionOfValue(declaration.initializer);
      if (fn) {
        return fn;
      }
    }
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) === 0) {
      const assigned = functionAssignedTo(declaration.name);
      if (assigned) {
        return assigned;
      }
    }
  }
  return undefined;
}

/**
 * `let onProgress; if (stream) onProgress = token => ...`: the function a `let` variable is given
 * later in the block that declares it (syntax only; the first one found).
 */
function functionAssignedTo(name: ts.Identifier): ts.SignatureDeclaration | undefined {
  const cached = assignedFunctions.get(name);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const scope = ts.findAncestor(name.parent, node => ts.isBlock(node) || ts.isSourceFile(node));
  let found: ts.SignatureDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name.text) {
      found = functionOfValue(node.right);
    }
    ts.forEachChild(node, visit);
  };
  if (scope) visit(scope);
  assignedFunctions.set(name, found ?? null);
  return found;
}

/** Per declared name (syntax, so it holds across an editor's programs while the `SourceFile` is reused). */
const assignedFunctions = new WeakMap<ts.Identifier, ts.SignatureDeclaration | null>();

/**
 * Whether a function's type is its own signature (a function or method declaration, a `const`
 * without a written type holding a function literal): such a type names no callable interface, and
 * asking for it would have the checker infer the function's return type (a hook returning
 * `useMutation(...)`) for every call of it.
 */
function typedByOwnSignature(symbol: ts.Symbol): boolean {
  const declarations = symbol.getDeclarations() ?? [];
  return (
    declarations.length > 0 &&
    declarations.every(declaration => {
      if (ts.getJSDocType(declaration)) return false;
      if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return true;
      const holdsLiteral = ts.isVariableDeclaration(declaration) && !declaration.type && declaration.initializer !== undefined;
      return holdsLiteral && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer)) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
    })
  );
}

/**
 * Whether an expression can be a module namespace by its syntax: a name (`import * as ai`), a
 * `require(...)` or an `import(...)`. Any other call's result is not looked up: for a hook
 * (`const { messages } = useChat(...)`) the checker would resolve the call just to say no.
 */
function mayBeModule(expression: ts.Expression): boolean {
  let node = skipTransparent(expression);
  if (ts.isAwaitExpression(node)) node = skipTransparent(node.expression);
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return true;
  return ts.isCallExpression(node) && isModuleLoad(node);
}

/** The value a field is given where it is declared: `x = value` in a class, `this.x = value` in JavaScript. */
function fieldValueOf(declaration: ts.Declaration): ts.Expression | undefined {
  if (ts.isPropertyDeclaration(declaration)) {
    return declaration.initializer;
  }
  // JavaScript declares the field by the assignment itself (or by its left side).
  const assignment = ts.isBinaryExpression(declaration) ? declaration : declaration.parent;
  if (assignment && ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(assignment.left)) {
    return assignment.right;
  }
  return undefined;
}

/**
 * The function a value is: an arrow or function expression, also wrapped by a function wrapper
 * (`debounce(fn, 300)`, `useCallback(fn, deps)`), which calls it with the same arguments.
 */
function functionOfValue(value: ts.Expression, depth = 0): ts.SignatureDeclaration | undefined {
  const initializer = skipTransparent(value);
  if ((ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && functionHasBody(initializer)) {
    return initializer;
  }
  if (ts.isCallExpression(initializer) && depth < 2) {
    const wrapper = calleeName(initializer.expression);
    const wrapped = initializer.arguments[0];
    if (wrapper !== undefined && FUNCTION_WRAPPERS.has(wrapper) && wrapped) {
      return functionOfValue(wrapped, depth + 1);
    }
  }
  return undefined;
}

/** The function a helper returns under `property` in an object literal (`return { logger, report }`): its own body's returns only. */
function returnedFunction(helper: ts.SignatureDeclaration & { body: ts.Node }, property: string, checker: ts.TypeChecker): ts.SignatureDeclaration | undefined {
  let found: ts.SignatureDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (found || (node !== helper.body && ts.isFunctionLike(node))) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const object = skipTransparent(node.expression);
      for (const member of ts.isObjectLiteralExpression(object) ? object.properties : []) {
        if (member.name === undefined || !ts.isIdentifier(member.name) || member.name.text !== property) continue;
        if (ts.isShorthandPropertyAssignment(member)) {
          const target = checker.getShorthandAssignmentValueSymbol(member);
          found = target ? functionWithBodyOf(target) : undefined;
        } else if (ts.isPropertyAssignment(member)) {
          const value = skipTransparent(member.initializer);
          const target = ts.isIdentifier(value) ? checker.getSymbolAtLocation(value) : undefined;
          found = target ? functionWithBodyOf(target) : functionOfValue(value);
        } else if (ts.isMethodDeclaration(member) && functionHasBody(member)) {
          found = member;
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(helper.body, visit);
  return found;
}

/** Resolves what a call (or `new`) reaches, through import aliases and re-exports. Cached per node. */
export class CalleeResolver {
  private readonly cache = new WeakMap<ts.Node, CalleeInfo>();
  private readonly bindings = new WeakMap<ts.Node, CalleeDeclaration | undefined>();
  private readonly methodsByName: MethodsByName;

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {
    this.methodsByName = new MethodsByName(program, method => functionHasBody(method) && !isPlaceholderMethod(method));
  }

  resolve(call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): CalleeInfo {
    const cached = this.cache.get(call);
    if (cached) {
      return cached;
    }
    const info = this.compute(call);
    this.cache.set(call, info);
    return info;
  }

  private compute(call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression): CalleeInfo {
    const callee = skipTransparent(ts.isTaggedTemplateExpression(call) ? call.tag : call.expression);
    let nameNode: ts.Node = callee;
    let name: string | undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      nameNode = callee.name;
      name = callee.name.text;
    } else if (ts.isElementAccessExpression(callee)) {
      nameNode = callee.argumentExpression;
      name = staticPropertyName(callee.argumentExpression, this.checker);
    } else if (ts.isIdentifier(callee)) {
      name = callee.text;
    }

    const declarations: CalleeDeclaration[] = [];
    const symbol = this.calleeSymbol(callee, nameNode, name) ?? this.throughRequiredClass(callee, name);
    const resolved = symbol ? this.throughModuleDestructuring(resolveAlias(symbol, this.checker)) : undefined;
    for (const declaration of resolved?.getDeclarations() ?? []) {
      declarations.push({
        // A default export (`export default function persistReducer`) is known by its own name.
        name: resolved!.getName() === 'default' && (ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration)) && declaration.name ? declaration.name.text : resolved!.getName(),
        origin: originOfDeclaration(declaration, this.program),
        container: containerName(declaration),
      });
    }
    // `this.cache.set(...)` where the field's type says nothing (`this.cache = options.keyv || new
    // Keyv()` in JavaScript): the methods of the classes the code constructs into the field.
    if (declarations.length === 0 && name !== undefined && ts.isPropertyAccessExpression(callee)) {
      declarations.push(...this.constructedIntoField(callee.expression, name));
    }
    // Calling a value whose type is a callable SDK interface: `const log = debug('app'); log(text)`,
    // or a method typed through a mapped type (consola's `Record<LogType, LogFn>`). Only looked at
    // when the declarations say nothing: a type look-up per call is not free.
    const declarationsSayNothing = declarations.every(declaration => declaration.origin === undefined || (declaration.origin === 'lib' && declaration.container === undefined));
    if (declarationsSayNothing && !(resolved && typedByOwnSignature(resolved))) {
      const calleeType = this.safe(() => this.checker.getTypeAtLocation(callee));
      const typeSymbol = calleeType && calleeType.getCallSignatures().length > 0 ? (calleeType.aliasSymbol ?? calleeType.getSymbol()) : undefined;
      for (const declaration of typeSymbol?.getDeclarations() ?? []) {
        if (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
          declarations.push({
            name: '()',
            origin: originOfDeclaration(declaration, this.program),
            container: declaration.name?.text,
          });
        }
      }
    }

    let projectFunction: ts.SignatureDeclaration | undefined;
    if (!ts.isNewExpression(call)) {
      // The callee's own declaration (through imports and re-exports) when it is a function of the
      // program; overload resolution is only needed when the callee is not a plain name.
      projectFunction = resolved
        ? (functionWithBodyOf(resolved) ?? this.throughShorthand(resolved) ?? this.throughBoundField(resolved) ?? this.throughDestructuring(resolved))
        : undefined;
      // A base class's placeholder (`sendCompletion() { throw new Error('must be implemented') }`)
      // stands for its subclasses' overrides, as an abstract method does.
      if (projectFunction && isPlaceholderMethod(projectFunction)) projectFunction = undefined;
      if (!resolved && !ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) {
        const declaration = this.safe(() => this.checker.getResolvedSignature(call))?.getDeclaration();
        projectFunction = declaration && functionHasBody(declaration) ? declaration : undefined;
      }
      // An SDK's own sources, imported by name from its repository's examples, are the package.
      if (projectFunction && isPackageSource(projectFunction.getSourceFile(), this.program)) projectFunction = undefined;
    }
    const alternatives = projectFunction && resolved ? this.alternativesOf(resolved, projectFunction) : [];
    // `store.commit('setChatContext', payload)`: the store's handler of that name.
    const handlers = !projectFunction && ts.isCallExpression(call) ? storeHandlersFor(this.program, call, name) : [];
    if (handlers.length > 0) {
      return { declarations, projectFunction: handlers[0], name, text: calleeText(callee), alternatives: handlers.slice(1), byName: true };
    }
    const dispatched = !projectFunction && declarations.length === 0 && !ts.isNewExpression(call) ? this.dispatchByName(callee, name) : [];
    if (dispatched.length > 0) {
      return { declarations, projectFunction: dispatched[0], name, text: calleeText(callee), alternatives: dispatched.slice(1), byName: true };
    }
    return {
      declarations,
      projectFunction,
      name,
      text: calleeText(callee),
      ...(resolved ? { symbol: resolved } : {}),
      ...(alternatives.length > 0 ? { alternatives } : {}),
    };
  }

  /**
   * `client.titleConvo(...)` on a receiver without a type: the program's class methods of that name
   * (`untyped-dispatch.ts`), unless the receiver comes from a package's import (its own methods).
   */
  private dispatchByName(callee: ts.Expression, name: string | undefined): readonly ts.SignatureDeclaration[] {
    if (name === undefined || !ts.isPropertyAccessExpression(callee) || callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return [];
    }
    const candidates = this.methodsByName.named(name);
    if (candidates.length === 0 || this.safe(() => identityFromBinding(callee, this.checker, this.program)) !== undefined) {
      return [];
    }
    return candidates;
  }

  /** The bodies of the same method in the other classes of a union receiver (not overloads: those share a parent). */
  private alternativesOf(symbol: ts.Symbol, chosen: ts.SignatureDeclaration): ts.SignatureDeclaration[] {
    const declarations = symbol.getDeclarations() ?? [];
    if (declarations.length < 2 || !(symbol.flags & ts.SymbolFlags.Transient)) {
      return [];
    }
    const alternatives: ts.SignatureDeclaration[] = [];
    for (const declaration of declarations) {
      if (declaration.parent === chosen.parent || !functionHasBody(declaration) || alternatives.some(known => known.parent === declaration.parent)) continue;
      alternatives.push(declaration);
      if (alternatives.length >= MAX_ALTERNATIVES) break;
    }
    return alternatives;
  }

  /**
   * `const { generateText } = ai` (a namespace import), `const { pipeline } = require('pkg')`: the
   * module's own export, not the local binding. Only for modules, whose exports are declarations.
   */
  private throughModuleDestructuring(symbol: ts.Symbol): ts.Symbol {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent)) {
      return symbol;
    }
    const variable = declaration.parent.parent;
    const name = declaration.propertyName ?? declaration.name;
    if (!ts.isVariableDeclaration(variable) || !variable.initializer || !(ts.isIdentifier(name) || ts.isStringLiteral(name))) {
      return symbol;
    }
    const initializer = variable.initializer;
    if (!mayBeModule(initializer)) {
      return symbol;
    }
    const moduleType = this.safe(() => this.checker.getTypeAtLocation(initializer));
    const moduleSymbol = moduleType?.getSymbol();
    if (!moduleType || !moduleSymbol || !(moduleSymbol.flags & ts.SymbolFlags.ValueModule)) {
      return symbol;
    }
    const exported = moduleType.getProperty(name.text);
    return exported ? resolveAlias(exported, this.checker) : symbol;
  }

  /**
   * `openai.chat.completions.create(...)` in CommonJS where `openai` is `new OpenAI()` of
   * `require('openai')`: the checker says `any`; the member of the required class's instance type.
   */
  private throughRequiredClass(callee: ts.Expression, name: string | undefined): ts.Symbol | undefined {
    if (name === undefined || !ts.isPropertyAccessExpression(callee)) {
      return undefined;
    }
    const receiver = cjsInterop(this.checker).interopType(callee.expression, 0);
    return receiver ? this.safe(() => this.checker.getPropertyOfType(this.checker.getNonNullableType(receiver), name)) : undefined;
  }

  /**
   * `const { report } = createBridgeLogger(mcpLog)`: a function the program made and handed back in
   * an object (a helper's closure, a hook's action): the one the helper's returned literal holds
   * under that name, else the one its inferred type was declared by.
   */
  private throughDestructuring(symbol: ts.Symbol): ts.SignatureDeclaration | undefined {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isBindingElement(declaration) || !ts.isObjectBindingPattern(declaration.parent)) {
      return undefined;
    }
    // Only from a call of a function of the program: a library hook's (`useChat()`) functions have no body here.
    const holder = declaration.parent.parent;
    const key = declaration.propertyName ?? declaration.name;
    const property = ts.isIdentifier(key) ? key.text : undefined;
    const initializer = ts.isVariableDeclaration(holder) && holder.initializer ? skipTransparent(holder.initializer) : undefined;
    const call = initializer && ts.isAwaitExpression(initializer) ? skipTransparent(initializer.expression) : initializer;
    const helper = property !== undefined && call && ts.isCallExpression(call) ? this.resolve(call).projectFunction : undefined;
    if (!helper || !functionHasBody(helper)) {
      return undefined;
    }
    // The object literal the helper returns (also where its JSDoc says only `@returns {Object}`), else its inferred type.
    const returned = this.safe(() => returnedFunction(helper, property!, this.checker));
    if (returned) {
      return returned;
    }
    const signatures = this.safe(() => this.checker.getTypeOfSymbol(symbol).getCallSignatures()) ?? [];
    const target = signatures.length === 1 ? signatures[0]!.getDeclaration() : undefined;
    return target && functionHasBody(target) ? target : undefined;
  }

  private throughShorthand(symbol: ts.Symbol): ts.SignatureDeclaration | undefined {
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isShorthandPropertyAssignment(declaration)) {
      return undefined;
    }
    const target = this.safe(() => this.checker.getShorthandAssignmentValueSymbol(declaration));
    return target ? functionWithBodyOf(resolveAlias(target, this.checker)) : undefined;
  }

  private constructedIntoField(receiver: ts.Expression, method: string): CalleeDeclaration[] {
    const field = skipTransparent(receiver);
    if (!ts.isPropertyAccessExpression(field) || field.expression.kind !== ts.SyntaxKind.ThisKeyword) {
      return [];
    }
    const found: CalleeDeclaration[] = [];
    for (const value of thisFieldValues(field).flatMap(valueAlternatives)) {
      if (!ts.isNewExpression(value)) continue;
      const property = this.safe(() => this.checker.getTypeAtLocation(value).getProperty(method));
      for (const declaration of property?.getDeclarations() ?? []) {
        found.push({ name: method, origin: originOfDeclaration(declaration, this.program), container: containerName(declaration) });
      }
    }
    return found;
  }

  /**
   * `this.getCompletion = this.client.getCompletion.bind(this)` (or a field initialised so): a call
   * of the field runs the method it was given. Only fields, and only a reference or its `.bind()`.
   */
  private throughBoundField(symbol: ts.Symbol): ts.SignatureDeclaration | undefined {
    if (!(symbol.flags & ts.SymbolFlags.Property)) {
      return undefined;
    }
    for (const declaration of symbol.getDeclarations() ?? []) {
      const value = fieldValueOf(declaration);
      let target = value && skipTransparent(value);
      if (target && ts.isCallExpression(target) && ts.isPropertyAccessExpression(target.expression) && target.expression.name.text === 'bind') {
        target = skipTransparent(target.expression.expression);
      }
      if (!target || (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target))) continue;
      const referenced = this.symbolAt(ts.isPropertyAccessExpression(target) ? target.name : target);
      const fn = referenced && referenced !== symbol ? functionWithBodyOf(resolveAlias(referenced, this.checker)) : undefined;
      if (fn) return fn;
    }
    return undefined;
  }

  /**
   * What a call without declarations is bound to by its import or `require` (a package that does not
   * resolve where the lint runs, untyped JavaScript): `log4js.getLogger().info` is `info` of
   * `log4js`. Kept apart from `declarations`, which stay empty so untyped code keeps its own
   * treatment; the sink matcher asks for it by name. Cached per node.
   */
  boundTo(call: ts.CallExpression): CalleeDeclaration | undefined {
    if (this.resolve(call).declarations.length > 0) {
      return undefined;
    }
    if (!this.bindings.has(call)) {
      const bound = this.safe(() => identityFromBinding(call.expression, this.checker, this.program));
      this.bindings.set(call, bound ? { name: bound.name, origin: bound.origin, container: bound.owner } : undefined);
    }
    return this.bindings.get(call);
  }

  /**
   * The symbol a callee names. In `obj[key](x)` the checker's symbol at `key` is the variable `key`,
   * not the member called: that member is looked up by its static name, or is unknown.
   */
  private calleeSymbol(callee: ts.Expression, nameNode: ts.Node, name: string | undefined): ts.Symbol | undefined {
    if (!ts.isElementAccessExpression(callee) || ts.isStringLiteralLike(callee.argumentExpression) || ts.isNumericLiteral(callee.argumentExpression)) {
      return this.symbolAt(nameNode);
    }
    return name === undefined ? undefined : this.safe(() => this.checker.getTypeAtLocation(callee.expression).getProperty(name));
  }

  private symbolAt(node: ts.Node): ts.Symbol | undefined {
    return this.safe(() => this.checker.getSymbolAtLocation(node));
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
