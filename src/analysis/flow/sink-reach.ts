import ts from '../typescript.cjs';

import { CIPHER_INPUT_METHODS, CIPHER_INPUT_ORIGINS, CRYPTO_JS_ENCRYPT, CRYPTO_JS_PACKAGE, WEB_CRYPTO_ORIGINS } from '../../knowledge/crypto.js';
import { MUTATING_METHODS, NAMED_HANDLER_STORES } from '../../knowledge/propagation.js';
import {
  CALL_SINKS,
  PATH_SINKS,
  PERSISTED_STATE_HOOKS,
  PERSISTED_STORE_SINKS,
  SDK_TELEMETRY_OPTIONS,
  STORAGE_SINKS,
  TRACED_RUNNABLE_CALLS,
  UNTYPED_BUILDER_SINKS,
} from '../../knowledge/sinks.js';
import { isModuleLoad, skipTransparent } from '../constants.js';
import { isProjectCode, originMatches, programHasOrigin, programHasPackage, programPackagesSignature } from '../packages.js';
import { projectKey } from '../program-delta.js';
import { isFunctionLike } from './summaries.js';

/**
 * Which functions can hand data to a sink at all, judged from syntax alone, so that a function
 * that cannot is not analysed for findings of its own (the checker is never asked about its body).
 *
 * A function can when it calls a sink by name (`log`, `setItem`, `writeFile`, ... from
 * `knowledge/sinks.ts`), writes to something no enclosing function declared (a module variable, a
 * field, a container: another function may log it), makes a call the syntax cannot name, or calls or passes
 * on a function of the program that can. Names decide, not symbols: `send` is a candidate wherever
 * any `send` of the program can reach a sink, and an alias (`const write = fs.writeFileSync`,
 * `import { info as note }`) can whenever what it is bound to can. Over-approximating is safe
 * (the function is analysed as before); missing a sink is not, so anything unclear counts.
 *
 * Functions skipped here are still analysed when a caller needs their summary.
 */

/**
 * Callee names that are a sink, or a step that makes data a sink's (weak encryption, a persisting
 * store), with the packages that declare them: a name counts only in a program that holds one.
 */
const SINK_CALLS: readonly { readonly names: readonly string[]; readonly from: readonly string[] }[] = [
  ...CALL_SINKS,
  ...STORAGE_SINKS,
  ...UNTYPED_BUILDER_SINKS,
  ...PERSISTED_STORE_SINKS,
  ...PERSISTED_STATE_HOOKS,
  { names: PATH_SINKS.map(sink => sink.path.split('.').pop()!), from: ['node'] },
  { names: [...CIPHER_INPUT_METHODS], from: CIPHER_INPUT_ORIGINS },
  { names: [CRYPTO_JS_ENCRYPT], from: [CRYPTO_JS_PACKAGE, ...WEB_CRYPTO_ORIGINS] },
  { names: TRACED_RUNNABLE_CALLS.names, from: TRACED_RUNNABLE_CALLS.from },
];

/** Every sink name, present or not: a sink passed on as a value (`forEach(console.log)`) is a candidate. */
const SINK_CALL_NAMES: ReadonlySet<string> = new Set(SINK_CALLS.flatMap(sink => sink.names));

const PERSISTED_HOOK_NAMES: ReadonlySet<string> = new Set(PERSISTED_STATE_HOOKS.flatMap(hook => hook.names));

/** `fn.call(this, x)`: the function called is the receiver. */
const INDIRECT_CALL_METHODS: ReadonlySet<string> = new Set(['call', 'apply', 'bind']);

const DEFAULT_EXPORT = 'default';

const HANDLER_CALLS: ReadonlySet<string> = new Set(NAMED_HANDLER_STORES.map(store => store.call));

/**
 * Names are keyed by where they are looked up: a plain name in its file (or among a script's
 * globals), a member name and an export name across the program, and a library sink's name as such.
 */
type NameKey = string;
const memberKey = (name: string): NameKey => `.${name}`;
const exportKey = (name: string): NameKey => `export ${name}`;
const sinkKey = (name: string): NameKey => `sink ${name}`;

/** What one function's own body (not its nested functions) does that can matter, by syntax. */
interface FunctionFacts {
  /** The function it is nested in: it runs what this one does, so it reaches a sink when this one does. */
  readonly enclosing: ts.Node | undefined;
  /** A construct that may be a sink or a link by itself. */
  direct: boolean;
  /** Names it calls with arguments. */
  readonly calls: Set<NameKey>;
  /** Names it calls without arguments: only a function of the program can make such a call reach a sink. */
  readonly bareCalls: Set<NameKey>;
  /** Names it passes on as values (`stream.on('text', printDelta)`): they may be called with data. */
  readonly references: Set<NameKey>;
}

/** A name bound to something other than a function literal: it can reach a sink if what it mentions can. */
interface AliasBinding {
  readonly key: NameKey;
  readonly mentions: readonly NameKey[];
  /** `import x from 'pkg'`: what it mentions depends on whether `pkg` is a library of the program. */
  readonly defaultImportOf?: string;
}

interface FileFacts {
  readonly functions: Map<ts.Node, FunctionFacts>;
  /** Function-like declarations by the names they can be called under. */
  readonly functionKeys: readonly (readonly [NameKey, ts.Node])[];
  readonly aliases: readonly AliasBinding[];
}

/** Syntax only: it holds while an editor's next program reuses the `SourceFile`. */
const factsByFile = new WeakMap<ts.SourceFile, FileFacts>();

/**
 * The outcome of one program's fixpoint, carried to the project's next program (an editor's next
 * keystroke). The fixpoint reads nothing but the files' facts and the program's packages, so while
 * every file's facts read the same (`signatureOf`), so does its outcome: the n-th function of each
 * file reaches a sink as before, whether or not its `SourceFile` is a new one.
 */
interface CarriedReach {
  readonly packages: string;
  readonly signatures: ReadonlyMap<string, string>;
  /** By file name: the indexes (in the file's facts) of the functions that reach a sink. */
  readonly reaching: ReadonlyMap<string, readonly number[]>;
  readonly sinkNames: ReadonlySet<NameKey>;
}

/** One outcome per project, a few projects at most. */
const carriedReach = new Map<string, CarriedReach>();
const MAX_CARRIED_PROJECTS = 8;

export class SinkReach {
  private reaching: ReadonlySet<ts.Node> | undefined;
  private sinkNames = new Set<NameKey>();

  constructor(private readonly program: ts.Program) {}

  /** Whether a function of the program can hand data to a sink, itself or through what it calls. */
  mayReachSink(fn: ts.Node): boolean {
    this.reaching ??= this.compute();
    return this.reaching.has(fn) || !this.isProjectFile(fn.getSourceFile());
  }

  /** Whether a method of this name (`x.name(...)`) can be a sink or a project function that reaches one. */
  methodMayReachSink(name: string): boolean {
    this.reaching ??= this.compute();
    return this.sinkNames.has(memberKey(name));
  }

  private isProjectFile(file: ts.SourceFile): boolean {
    return this.program.getSourceFile(file.fileName) === file && isProjectCode(file, this.program);
  }

  /** The functions that can reach a sink: carried from the project's previous program when no file's facts changed, else computed. */
  private compute(): Set<ts.Node> {
    // JSON modules (`resolveJsonModule`) hold no functions.
    const files = this.program.getSourceFiles().filter(file => this.isProjectFile(file) && !file.fileName.endsWith('.json'));
    const key = projectKey(this.program, '');
    // The sinks' libraries the program holds or names, and its packages: what the fixpoint reads beyond the files' facts.
    const packages = `${SINK_CALLS.map(sink => (this.hasLibraryOf(sink) ? 1 : 0)).join('')}\n${programPackagesSignature(this.program)}`;
    const previous = carriedReach.get(key);
    if (previous && previous.packages === packages && previous.signatures.size === files.length && files.every(file => previous.signatures.get(file.fileName) === signatureOf(file))) {
      this.sinkNames = new Set(previous.sinkNames);
      const reaching = new Set<ts.Node>();
      for (const file of files) {
        const functions = functionsOf(file);
        for (const index of previous.reaching.get(file.fileName) ?? []) reaching.add(functions[index]!);
      }
      return reaching;
    }
    const reaching = this.fixpoint(files);
    const byFile = new Map<string, number[]>();
    for (const file of files) {
      const indexes = functionsOf(file).flatMap((fn, index) => (reaching.has(fn) ? [index] : []));
      if (indexes.length > 0) byFile.set(file.fileName, indexes);
    }
    carriedReach.delete(key);
    if (carriedReach.size >= MAX_CARRIED_PROJECTS) carriedReach.delete(carriedReach.keys().next().value!);
    carriedReach.set(key, { packages, signatures: new Map(files.map(file => [file.fileName, signatureOf(file)])), reaching: byFile, sinkNames: new Set(this.sinkNames) });
    return reaching;
  }

  /** The fixpoint over names, from the sink names outwards. */
  private fixpoint(files: readonly ts.SourceFile[]): Set<ts.Node> {
    const callers = new Map<NameKey, ts.Node[]>();
    const bareCallers = new Map<NameKey, ts.Node[]>();
    const passers = new Map<NameKey, ts.Node[]>();
    const aliasesMentioning = new Map<NameKey, NameKey[]>();
    const keysOf = new Map<ts.Node, NameKey[]>();
    const enclosingOf = new Map<ts.Node, ts.Node>();
    const add = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const file of files) {
      const facts = factsOf(file);
      for (const [key, fn] of facts.functionKeys) add(keysOf, fn, key);
      for (const alias of facts.aliases) for (const mention of this.mentionsOf(alias)) add(aliasesMentioning, mention, alias.key);
      for (const [fn, own] of facts.functions) {
        if (own.enclosing) enclosingOf.set(fn, own.enclosing);
        for (const key of own.calls) add(callers, key, fn);
        for (const key of own.bareCalls) add(bareCallers, key, fn);
        for (const key of own.references) add(passers, key, fn);
      }
    }

    const reaching = new Set<ts.Node>();
    /** Names through which a call with arguments can reach a sink. */
    const sinkNames = new Set<NameKey>();
    this.sinkNames = sinkNames;
    /** Names of the program's own functions, and aliases, that can reach a sink: any call of them can. */
    const programNames = new Set<NameKey>();
    /** Names of the program's own functions that can reach a sink: passing one on can. */
    const passedNames = new Set<NameKey>();
    const pending: ts.Node[] = [];
    const pendingAliases: NameKey[] = [];
    /** A name becomes a sink's: a sink of the library, an alias of one, or a function of the program that can reach one. */
    const markName = (key: NameKey, kind: 'sink' | 'alias' | 'function'): void => {
      if (!sinkNames.has(key)) {
        sinkNames.add(key);
        pending.push(...(callers.get(key) ?? []));
        pendingAliases.push(...(aliasesMentioning.get(key) ?? []));
      }
      if (kind !== 'sink' && !programNames.has(key)) {
        programNames.add(key);
        pending.push(...(bareCallers.get(key) ?? []));
      }
      if (kind === 'function' && !passedNames.has(key)) {
        passedNames.add(key);
        pending.push(...(passers.get(key) ?? []));
      }
    };
    for (const file of files) {
      for (const [fn, own] of factsOf(file).functions) if (own.direct) pending.push(fn);
    }
    for (const sink of SINK_CALLS) {
      if (!this.hasLibraryOf(sink)) continue;
      for (const name of sink.names) {
        markName(sinkKey(name), 'sink');
        markName(memberKey(name), 'sink');
        markName(exportKey(name), 'sink');
      }
    }
    while (pending.length > 0 || pendingAliases.length > 0) {
      const alias = pendingAliases.pop();
      if (alias !== undefined) {
        markName(alias, 'alias');
        continue;
      }
      const fn = pending.pop()!;
      if (reaching.has(fn)) continue;
      reaching.add(fn);
      for (const key of keysOf.get(fn) ?? []) markName(key, 'function');
      const enclosing = enclosingOf.get(fn);
      if (enclosing) pending.push(enclosing);
    }
    return reaching;
  }

  private hasLibraryOf(sink: (typeof SINK_CALLS)[number]): boolean {
    return sink.from.some(pattern => programHasOrigin(this.program, pattern));
  }

  /**
   * `import x from 'pkg'` of a library the program holds stands for that library's sinks, if it has
   * any (`import pino from 'pino'`); of anything else (a project module, a path alias), for the
   * default exports of the program.
   */
  private mentionsOf(alias: AliasBinding): readonly NameKey[] {
    const specifier = alias.defaultImportOf;
    if (specifier === undefined || specifier.startsWith('.') || specifier.startsWith('/')) return alias.mentions;
    const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
    if (!programHasPackage(this.program, packageName)) return alias.mentions;
    return SINK_CALLS.filter(sink => sink.from.some(pattern => originMatches(packageName, pattern) || originMatches(specifier, pattern))).flatMap(sink => sink.names.map(sinkKey));
  }
}

/** The functions of a file in the order of its facts. */
function functionsOf(file: ts.SourceFile): readonly ts.Node[] {
  return [...factsOf(file).functions.keys()];
}

const signatureByFile = new WeakMap<ts.SourceFile, string>();

/** A file's facts as a string, with functions named by their index: equal strings, equal facts. */
function signatureOf(file: ts.SourceFile): string {
  let signature = signatureByFile.get(file);
  if (signature === undefined) {
    const facts = factsOf(file);
    const index = new Map([...facts.functions.keys()].map((fn, position) => [fn, position]));
    const parts: string[] = [];
    for (const [fn, own] of facts.functions) {
      parts.push(`f${index.get(fn)} ${own.enclosing ? index.get(own.enclosing) : '-'} ${own.direct ? 1 : 0} [${[...own.calls].join(',')}] [${[...own.bareCalls].join(',')}] [${[...own.references].join(',')}]`);
    }
    for (const [key, fn] of facts.functionKeys) parts.push(`k${key}=${index.get(fn)}`);
    for (const alias of facts.aliases) parts.push(`a${alias.key}=${alias.mentions.join(',')}${alias.defaultImportOf === undefined ? '' : ` from ${alias.defaultImportOf}`}`);
    signature = parts.join('\n');
    signatureByFile.set(file, signature);
  }
  return signature;
}

function factsOf(file: ts.SourceFile): FileFacts {
  let facts = factsByFile.get(file);
  if (!facts) {
    facts = collectFacts(file);
    factsByFile.set(file, facts);
  }
  return facts;
}

function collectFacts(file: ts.SourceFile): FileFacts {
  const functions = new Map<ts.Node, FunctionFacts>();
  const functionKeys: [NameKey, ts.Node][] = [];
  const aliases: AliasBinding[] = [];
  const telemetryImports = telemetryImportsOf(file);
  // A module's plain names are its own; a script's are global.
  const scope = ts.isExternalModule(file) ? file.fileName : '';
  const localKey = (name: string): NameKey => `${scope} ${name}`;
  /** The keys a plain name called or read is looked up under: its binding in this file, and a library sink of that name. */
  const plainKeys = (name: string): NameKey[] => [localKey(name), sinkKey(name)];

  /** The functions around the node being visited, innermost last, each with the names it declares. */
  const open: { fn: ts.Node; facts: FunctionFacts; declared: Set<string> }[] = [];
  /** Facts go to the innermost function; the fixpoint carries them out to the enclosing ones. */
  const innermost = (): FunctionFacts => open[open.length - 1]!.facts;
  /**
   * A write to what no enclosing function declares (a module variable, a field, a global): another
   * function may read it and hand it to a sink. A write to a variable of an enclosing function stays
   * inside it, and what that function does with it is judged from its own body.
   */
  const writesOutside = (root: string | undefined): void => {
    if (root !== undefined && open.some(frame => frame.declared.has(root))) return;
    innermost().direct = true;
  };

  /** The keys a value can stand for as a function (see {@link mentionsOf}). */
  const mentions = (value: ts.Expression): NameKey[] =>
    mentionsOf(value).flatMap(mention => (mention.member ? [memberKey(mention.name)] : mention.name === DEFAULT_EXPORT ? [exportKey(DEFAULT_EXPORT)] : plainKeys(mention.name)));

  const bind = (keys: readonly NameKey[], value: ts.Expression): void => {
    const functionLiterals = functionLiteralsOf(value);
    for (const key of keys) for (const fn of functionLiterals) functionKeys.push([key, fn]);
    if (!functionLiterals.includes(skipTransparent(value))) {
      // A value that names nothing (`export const limit = 10`) can reach no sink: no alias.
      const mentioned = mentions(value);
      if (mentioned.length > 0) for (const key of keys) aliases.push({ key, mentions: mentioned });
    }
  };
  /** The keys a declaration at this node is called under: a plain name, and for an export also its export name and member name (`api.ask()` after `import * as api`). */
  const exportedVariables = new Set<ts.Node>();
  const declarationKeys = (name: string, node: ts.Node): NameKey[] => {
    const keys = [localKey(name)];
    if (exportedVariables.has(node) || hasModifier(node, ts.SyntaxKind.ExportKeyword)) keys.push(exportKey(name), memberKey(name));
    if (hasModifier(node, ts.SyntaxKind.DefaultKeyword)) keys.push(exportKey(DEFAULT_EXPORT));
    return keys;
  };

  const visit = (node: ts.Node): void => {
    // Bindings: what a name can be called as.
    if (ts.isVariableStatement(node) && hasModifier(node, ts.SyntaxKind.ExportKeyword)) {
      for (const declaration of node.declarationList.declarations) exportedVariables.add(declaration);
    }
    if (ts.isFunctionDeclaration(node) && node.body) {
      const keys = node.name ? declarationKeys(node.name.text, node) : hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? [exportKey(DEFAULT_EXPORT)] : [];
      for (const key of keys) functionKeys.push([key, node]);
    } else if ((ts.isMethodDeclaration(node) || ts.isAccessor(node)) && node.body) {
      const name = nameText(node.name);
      if (name !== undefined) functionKeys.push([memberKey(name), node]);
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) bind(declarationKeys(node.name.text, node), node.initializer);
      else bindPattern(node.name, mentions(node.initializer));
    } else if (ts.isParameter(node) && node.initializer) {
      if (ts.isIdentifier(node.name)) bind([localKey(node.name.text)], node.initializer);
      else bindPattern(node.name, mentions(node.initializer));
    } else if ((ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && node.initializer) {
      const name = nameText(node.name);
      if (name !== undefined) bind([memberKey(name)], node.initializer);
    } else if (ts.isShorthandPropertyAssignment(node)) {
      // `{ ask }`, `module.exports = { ask }`: the member stands for the plain name.
      aliases.push({ key: memberKey(node.name.text), mentions: plainKeys(node.name.text) });
    } else if (ts.isExportAssignment(node)) {
      bind([exportKey(DEFAULT_EXPORT)], node.expression);
    } else if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) {
      for (const element of node.exportClause.elements) {
        const inner = element.propertyName ? element.propertyName.text : element.name.text;
        aliases.push({ key: exportKey(element.name.text), mentions: node.moduleSpecifier ? [exportKey(inner)] : plainKeys(inner) });
      }
    } else if (ts.isImportDeclaration(node) && node.importClause && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      if (clause.name) aliases.push({ key: localKey(clause.name.text), mentions: [exportKey(DEFAULT_EXPORT)], defaultImportOf: node.moduleSpecifier.text });
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        for (const element of clause.namedBindings.elements) {
          const inner = element.propertyName ? element.propertyName.text : element.name.text;
          aliases.push({ key: localKey(element.name.text), mentions: [exportKey(inner)] });
        }
      }
    } else if (ts.isImportEqualsDeclaration(node)) {
      aliases.push({ key: localKey(node.name.text), mentions: [exportKey(DEFAULT_EXPORT)] });
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      // `exports.ask = function`, `this.complete = this.client.complete.bind(this)`, `module.exports = ask`.
      const target = node.left.getText(file);
      const name = node.left.name.text;
      bind(target === 'module.exports' ? [exportKey(DEFAULT_EXPORT)] : target.startsWith('exports.') || target.startsWith('module.exports.') ? [exportKey(name), memberKey(name)] : [memberKey(name)], node.right);
    }

    // What the enclosing functions do.
    if (open.length > 0) {
      if (ts.isCallExpression(node)) {
        visitCall(node);
      } else if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
        writesOutside(rootName(node.left));
      } else if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) {
        for (const name of bindingNames(node.name)) open[open.length - 1]!.declared.add(name);
      }
    }

    if (isFunctionLike(node) && node.body) {
      const facts: FunctionFacts = { enclosing: open[open.length - 1]?.fn, direct: false, calls: new Set(), bareCalls: new Set(), references: new Set() };
      functions.set(node, facts);
      const declared = new Set<string>();
      if (node.name && ts.isIdentifier(node.name)) declared.add(node.name.text);
      open.push({ fn: node, facts, declared });
      ts.forEachChild(node, visit);
      open.pop();
      return;
    }
    ts.forEachChild(node, visit);
  };

  /** `const { info: note } = logger`, `const [history, setHistory] = useLocalStorage(...)`: each name stands for what the value mentions. */
  const bindPattern = (pattern: ts.BindingPattern, mentioned: readonly NameKey[]): void => {
    for (const element of pattern.elements) {
      if (!ts.isBindingElement(element)) continue;
      const property = element.propertyName ? nameText(element.propertyName) : ts.isIdentifier(element.name) && ts.isObjectBindingPattern(pattern) ? element.name.text : undefined;
      const withProperty = property !== undefined ? [memberKey(property), ...mentioned] : mentioned;
      if (ts.isIdentifier(element.name)) aliases.push({ key: localKey(element.name.text), mentions: withProperty });
      else bindPattern(element.name, withProperty);
    }
  };

  const visitCall = (call: ts.CallExpression): void => {
    const callee = skipTransparent(call.expression);
    const root = rootOf(callee);
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) {
      // An immediately invoked function: its body is walked as part of this one.
    } else if (callee.kind === ts.SyntaxKind.SuperKeyword || (ts.isIdentifier(root) && telemetryImports.has(root.text))) {
      innermost().direct = true;
    } else {
      const name = calledName(callee);
      if (name === undefined) {
        innermost().direct = true;
      } else {
        // A call given no data (no arguments, or only constants and caught errors: `console.error('Failed:',
        // error)`) hands nothing to a sink of the library, but a function of the program may (`this.save()`).
        // A persisted-state hook is a sink whatever it is given: its setter writes later.
        const keys = ts.isIdentifier(callee) ? plainKeys(name) : [memberKey(name)];
        const handsNoData = call.arguments.every(argument => holdsNoData(argument)) && !PERSISTED_HOOK_NAMES.has(name);
        const into = handsNoData ? innermost().bareCalls : innermost().calls;
        for (const key of keys) into.add(key);
        const handler = call.arguments[0];
        if (HANDLER_CALLS.has(name) && handler && ts.isStringLiteralLike(handler)) {
          // `commit('setChatContext', payload)` runs the store's handler of that name.
          into.add(memberKey(handler.text));
        }
        if (INDIRECT_CALL_METHODS.has(name) && ts.isPropertyAccessExpression(callee)) {
          for (const key of mentions(callee.expression)) innermost().calls.add(key);
        }
        if (MUTATING_METHODS.has(name) && (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) {
          writesOutside(rootName(callee.expression));
        }
      }
    }
    for (const argument of call.arguments) {
      const value = skipTransparent(argument);
      const passed = ts.isObjectLiteralExpression(value)
        ? value.properties.flatMap(property =>
            ts.isPropertyAssignment(property) ? passedKeys(skipTransparent(property.initializer)) : ts.isShorthandPropertyAssignment(property) ? [localKey(property.name.text)] : [],
          )
        : passedKeys(value);
      for (const key of passed) innermost().references.add(key);
      // `forEach(console.log)`: a sink passed on.
      if (ts.isPropertyAccessExpression(value) && SINK_CALL_NAMES.has(value.name.text)) innermost().direct = true;
    }
  };
  /** A function passed as a value: `printDelta`, `this.onText`. */
  const passedKeys = (value: ts.Expression): NameKey[] => {
    if (ts.isIdentifier(value)) return [localKey(value.text)];
    if (ts.isPropertyAccessExpression(value)) return [memberKey(value.name.text)];
    return [];
  };

  visit(file);
  return { functions, functionKeys, aliases };
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** `a` of `a.b.c`, `a[0]`, `a`; `undefined` for `this.x`, `f().x` and patterns. */
function rootName(target: ts.Expression): string | undefined {
  const root = rootOf(target);
  return ts.isIdentifier(root) ? root.text : undefined;
}

function rootOf(expression: ts.Expression): ts.Expression {
  let current = skipTransparent(expression);
  while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current) || ts.isNonNullExpression(current)) {
    current = skipTransparent(current.expression);
  }
  return current;
}

/** The name a call calls (`f`, `b` of `a.b`, `a['b']`), `undefined` when the syntax cannot tell. */
function calledName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  return undefined;
}

/** The function literals a value is or wraps (`useCallback(fn, deps)`, `debounce(fn)`: any call given one). */
function functionLiteralsOf(value: ts.Expression): ts.Node[] {
  const inner = skipTransparent(value);
  if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) return [inner];
  if (ts.isCallExpression(inner)) {
    return inner.arguments.map(skipTransparent).filter(argument => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
  }
  return [];
}

/**
 * The names a value can stand for as a function: what it reads last (`console.log`, `persist`), what
 * the call producing it calls (`debug('app')`, `createLogger()`), either side of `a || b` and
 * `c ? a : b`, the default export of a module it requires. Not the names deeper inside (`m.text` of
 * `format(m.text)`), which are data.
 */
function mentionsOf(value: ts.Expression): { name: string; member: boolean }[] {
  const inner = skipTransparent(value);
  if (ts.isIdentifier(inner)) return [{ name: inner.text, member: false }];
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const name = calledName(inner);
    return name === undefined ? [] : [{ name, member: true }];
  }
  if (ts.isCallExpression(inner)) {
    if (isModuleLoad(inner)) return [{ name: DEFAULT_EXPORT, member: false }];
    const callee = skipTransparent(inner.expression);
    const name = calledName(callee);
    // `this.client.complete.bind(this)`: the method bound.
    if (name !== undefined && INDIRECT_CALL_METHODS.has(name) && ts.isPropertyAccessExpression(callee)) return mentionsOf(callee.expression);
    return name === undefined ? mentionsOf(callee) : [{ name, member: !ts.isIdentifier(callee) }];
  }
  if (ts.isAwaitExpression(inner)) return mentionsOf(inner.expression);
  if (ts.isConditionalExpression(inner)) return [...mentionsOf(inner.whenTrue), ...mentionsOf(inner.whenFalse)];
  if (ts.isBinaryExpression(inner)) return [...mentionsOf(inner.left), ...mentionsOf(inner.right)];
  return [];
}

/** The names a binding declares: `x`, or every name of a pattern (`{ a, b: [c] }`). */
export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap(element => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

function nameText(name: ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some(modifier => modifier.kind === kind) ?? false);
}

/** Local names imported from a package whose model calls can record telemetry themselves (`generateText` of `ai`). */
function telemetryImportsOf(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.importClause) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!SDK_TELEMETRY_OPTIONS.some(option => option.from.some(pattern => originMatches(specifier, pattern)))) continue;
    const clause = statement.importClause;
    if (clause.name) names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/**
 * An argument that can hold no data of the app, by syntax: a literal, a template or an expression
 * made of literals, or the error a `catch` clause caught (and its fields: `error.message`). The
 * analysis gives a caught error no taint (a `catch` binding is `unknown`), so a sink given only
 * these reports nothing.
 */
function holdsNoData(expression: ts.Expression): boolean {
  const node = skipTransparent(expression);
  if (ts.isLiteralExpression(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) {
    return true;
  }
  if (ts.isTemplateExpression(node)) return node.templateSpans.every(span => holdsNoData(span.expression));
  if (ts.isPropertyAccessExpression(node)) return holdsNoData(node.expression);
  if (ts.isConditionalExpression(node)) return holdsNoData(node.whenTrue) && holdsNoData(node.whenFalse);
  if (ts.isBinaryExpression(node)) {
    // `error instanceof Error ? error.message : 'unknown'`, `'Failed: ' + error.message`.
    return node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword || (holdsNoData(node.left) && holdsNoData(node.right));
  }
  if (ts.isPrefixUnaryExpression(node) || ts.isTypeOfExpression(node)) return true;
  return ts.isIdentifier(node) && isCaughtError(node);
}

/** An identifier that names the binding of the nearest enclosing `catch` clause of its function. */
function isCaughtError(identifier: ts.Identifier): boolean {
  for (let node: ts.Node = identifier; node.parent; node = node.parent) {
    const parent = node.parent;
    if (isFunctionLike(parent) || ts.isSourceFile(parent)) return false;
    if (ts.isCatchClause(parent)) {
      const binding = parent.variableDeclaration?.name;
      if (binding && ts.isIdentifier(binding) && binding.text === identifier.text) return true;
    }
    // `{ const error = answer; console.log(error) }` inside the catch block: another binding.
    if (ts.isBlock(parent) && parent.statements.some(statement => declaresName(statement, identifier.text))) return false;
  }
  return false;
}

function declaresName(statement: ts.Statement, name: string): boolean {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some(declaration => bindingNames(declaration.name).includes(name));
  return (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name;
}
