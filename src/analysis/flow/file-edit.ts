import ts from '../typescript.cjs';

import { skipTransparent } from '../constants.js';
import type { CarriedGeneration } from '../program-delta.js';
import { importedFile, moduleSpecifiers, sameReachFacts } from '../reach.js';
import { bindingNames } from './sink-reach.js';

/**
 * Editor reuse inside the edited file. A keystroke changes one region of one file. A top-level
 * statement outside that region which names nothing declared in it (directly, or through other
 * statements it names) keeps the results of its functions: their nodes are found again in the new
 * file, moved by the change in the region's length. An edit that adds or removes lines moves no
 * result: messages name lines of the file (`line 12`), which would then be wrong.
 *
 * When the region lies inside the body of one function (or method) whose signature stays the same,
 * what depends on the edit only through that function (statements that name it, files that import
 * the file) can keep its results too, if the function's new result says what the old one said: the
 * carrier walks the function first and compares (`carried-summaries.ts`).
 */
export interface FileEdit {
  /** The new file's node for a node of the previous file, when the statement holding it keeps its results. */
  nextOf(node: ts.Node): ts.Node | undefined;
  /**
   * The function the edit lies in, when only the inside of its body changed: callers in the file
   * that depend on the edit only through it keep their results when its own result comes out as
   * before (`dependsOnEdited`), and its signature too when its return type is not written out.
   */
  readonly edited: EditedFunctionOfFile | undefined;
  /** Whether a node of the previous file lies in a statement that keeps its results only if the edited function's does. */
  dependsOnEdited(node: ts.Node): boolean;
  /**
   * A value of the previous program (a function's result) with its nodes of the previous file
   * replaced by the new file's; `undefined` when one of them lies in a statement that changed or
   * depends on one that did. Objects without such nodes are returned as they are (shared constants
   * keep their identity).
   */
  moved<T>(value: T): T | undefined;
  /**
   * {@link FileEdit.moved} for a value that holds only if the edited function's result does: its
   * nodes may also lie in the statements that wait for it, and in the edited function outside the
   * changed region. `isCurrent` overrides the edit's own test of other files' nodes.
   */
  movedWaiting<T>(value: T, isCurrent?: (sourceFile: ts.SourceFile) => boolean): T | undefined;
}

/**
 * How a file that changed since the project's previous program was edited, when its previous
 * version's facts can be moved to it: an edit that leaves its imports and its own LLM evidence as
 * they were (those may change how the whole file is analysed), in a file that imports nothing that
 * changed (or imports one that did: an import cycle).
 */
export function editOfChangedFile(program: ts.Program, generation: CarriedGeneration<unknown>, sourceFile: ts.SourceFile): FileEdit | undefined {
  const previous = generation.previous(sourceFile);
  if (!previous || !sameReachFacts(previous.sourceFile, sourceFile)) {
    return undefined;
  }
  const importsChanged = moduleSpecifiers(sourceFile).some(specifier => {
    const target = importedFile(program, specifier, sourceFile);
    return target !== undefined && target !== sourceFile && !generation.unchanged(target);
  });
  return importsChanged ? undefined : fileEdit(previous.sourceFile, sourceFile, file => generation.unchanged(file));
}

export interface EditedFunctionOfFile {
  readonly before: ts.SignatureDeclaration;
  readonly after: ts.SignatureDeclaration;
  /** Its return type is written out: its signature reads the same whatever its body does. */
  readonly returnTypeWritten: boolean;
}

/** The signatures of edited functions as their program's checker read them (by node: each program has its own). */
const signatures = new WeakMap<ts.Node, string | null>();

/**
 * Whether what callers see of the edited function is as before: its return type is written out, or
 * the checker reads the same signature as it read for the function's previous version. That is
 * known when the previous version was edited too (typing goes on in one function): the signature of
 * every edited function is kept for the next keystroke.
 */
export function signatureHolds(edited: EditedFunctionOfFile, checker: ts.TypeChecker): boolean {
  const now = signatureText(edited.after, checker);
  if (edited.returnTypeWritten) {
    return true;
  }
  const before = signatures.get(edited.before);
  return typeof before === 'string' && before === now;
}

function signatureText(fn: ts.SignatureDeclaration, checker: ts.TypeChecker): string | null {
  let text = signatures.get(fn);
  if (text === undefined) {
    try {
      const signature = checker.getSignatureFromDeclaration(fn);
      text = signature ? checker.signatureToString(signature, undefined, ts.TypeFormatFlags.NoTruncation) : null;
    } catch {
      text = null;
    }
    signatures.set(fn, text);
  }
  return text;
}

/** Thrown out of a move when a node cannot be found again: the value does not move. */
class NotMoved extends Error {}

const IN_PROGRESS = Symbol('in progress');

/**
 * `isCurrent` tells whether another file's nodes, which a moved value keeps as they are, belong to
 * the new program (the same `SourceFile`).
 */
export function fileEdit(before: ts.SourceFile, after: ts.SourceFile, isCurrent: (sourceFile: ts.SourceFile) => boolean): FileEdit | undefined {
  const region = changedRegion(before.text, after.text);
  if (!region) {
    return undefined;
  }
  const { start, oldEnd, newEnd } = region;
  const delta = newEnd - oldEnd;
  const oldByPos = new Map(before.statements.map(statement => [statement.pos, statement]));
  // Each new statement outside the region, with the previous statement at the same (moved) place.
  const kept = new Map<ts.Statement, ts.Statement>();
  const changedNames = new Set<string>();
  for (const statement of after.statements) {
    const previous = statement.end <= start ? oldByPos.get(statement.pos) : statement.pos >= newEnd ? oldByPos.get(statement.pos - delta) : undefined;
    if (previous && previous.kind === statement.kind && previous.end === statement.end - (statement.pos >= newEnd ? delta : 0)) {
      kept.set(statement, previous);
    } else {
      for (const name of declaredNames(statement)) changedNames.add(name);
    }
  }
  const previousOf = new Map(kept);
  const keptPrevious = new Set(kept.values());
  for (const statement of before.statements) {
    if (!keptPrevious.has(statement)) for (const name of declaredNames(statement)) changedNames.add(name);
  }
  const edited = editedFunction(before, after, kept, region);
  // The edited function's name changes nothing by itself: what names it waits for its new result.
  const editedNames = new Set(edited ? declaredNames(edited.statementAfter) : []);
  for (const name of editedNames) changedNames.delete(name);
  // Statements that name what changed, and those that name them, depend on the edit too; those
  // that depend on it only through the edited function wait for its result.
  const mentions = new Map([...kept.keys()].map(statement => [statement, mentionedNames(statement)]));
  dropDependents(kept, mentions, changedNames);
  const waiting = new Set(mentions.keys());
  for (const name of editedNames) changedNames.add(name);
  dropDependents(kept, mentions, changedNames);
  for (const statement of mentions.keys()) waiting.delete(statement);
  // What remains in `kept`: statements the edit left alone, with their previous versions.
  const newByPrevious = new Map([...kept, ...[...waiting].map(statement => [statement, previousOf.get(statement)!] as const)].map(([statement, previous]) => [previous as ts.Node, statement]));
  const waitingPrevious = new Set([...waiting].map(statement => previousOf.get(statement) as ts.Node));

  const shift = (statement: ts.Node): number => (statement.pos >= newEnd ? delta : 0);
  const nextOf = (node: ts.Node): ts.Node | undefined => {
    const statement = topLevelStatement(node);
    const next = statement && newByPrevious.get(statement);
    return next && nodeAt(next, node.pos + shift(next), node.end + shift(next), node.kind);
  };
  const nextOfKept = (node: ts.Node): ts.Node | undefined => {
    const statement = topLevelStatement(node);
    return statement && waitingPrevious.has(statement) ? undefined : nextOf(node);
  };
  // In the edited function, a node before the region stays, one after it moves, one around it
  // grows; one that overlaps it is gone.
  const nextInEdited = (node: ts.Node): ts.Node | undefined => {
    if (!edited || topLevelStatement(node) !== edited.statementBefore) return undefined;
    if (node.end <= start) return nodeAt(edited.statementAfter, node.pos, node.end, node.kind);
    if (node.pos >= oldEnd) return nodeAt(edited.statementAfter, node.pos + delta, node.end + delta, node.kind);
    return node.pos <= start && node.end >= oldEnd ? nodeAt(edited.statementAfter, node.pos, node.end + delta, node.kind) : undefined;
  };
  // Nodes of the previous file move (the file itself does not: a result that depends on it as a
  // whole, a learned type's evidence there, stays behind); nodes of other files must be current.
  const moveNode = (node: ts.Node, waits: boolean, current: (sourceFile: ts.SourceFile) => boolean): ts.Node => {
    const sourceFile = node.getSourceFile();
    const moved = sourceFile !== before ? (current(sourceFile) ? node : undefined) : waits ? (nextOf(node) ?? nextInEdited(node)) : nextOfKept(node);
    if (!moved) throw new NotMoved();
    return moved;
  };
  const move = <T>(value: T, waits: boolean, current: (sourceFile: ts.SourceFile) => boolean): T | undefined => {
    try {
      return moveValue(value, node => moveNode(node, waits, current), new Map()) as T;
    } catch (error) {
      if (error instanceof NotMoved) return undefined;
      throw error;
    }
  };
  return {
    nextOf,
    edited: edited && { before: edited.before, after: edited.after, returnTypeWritten: edited.returnTypeWritten },
    dependsOnEdited: node => {
      const statement = topLevelStatement(node);
      return statement !== undefined && waitingPrevious.has(statement);
    },
    moved: value => move(value, false, isCurrent),
    movedWaiting: (value, current = isCurrent) => move(value, true, current),
  };
}

/** Drops from `kept` the statements that name a changed name, adding what they declare, until none is left. */
function dropDependents(kept: Map<ts.Statement, ts.Statement>, mentions: Map<ts.Statement, Set<string>>, changedNames: Set<string>): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const [statement, names] of mentions) {
      if (![...names].some(name => changedNames.has(name))) continue;
      kept.delete(statement);
      mentions.delete(statement);
      for (const name of declaredNames(statement)) changedNames.add(name);
      grew = true;
    }
  }
}

interface EditedFunction {
  readonly statementBefore: ts.Statement;
  readonly statementAfter: ts.Statement;
  readonly before: ts.SignatureDeclaration;
  readonly after: ts.SignatureDeclaration;
  readonly returnTypeWritten: boolean;
}

/**
 * The function whose body alone the edit changed (in the one statement that changed: the
 * statement's own function, or a method of its class). Its callers see the same types whatever the
 * body does when its return type is written out; otherwise only while its signature, as the checker
 * infers it, reads the same (a body that declares types of its own may change a type of that name:
 * no function then).
 */
function editedFunction(
  before: ts.SourceFile,
  after: ts.SourceFile,
  kept: ReadonlyMap<ts.Statement, ts.Statement>,
  region: { start: number; oldEnd: number; newEnd: number },
): EditedFunction | undefined {
  const changedAfter = after.statements.filter(statement => !kept.has(statement));
  const keptBefore = new Set(kept.values());
  const changedBefore = before.statements.filter(statement => !keptBefore.has(statement));
  const [statementAfter] = changedAfter;
  const [statementBefore] = changedBefore;
  if (changedAfter.length !== 1 || changedBefore.length !== 1 || statementBefore!.pos !== statementAfter!.pos || statementBefore!.kind !== statementAfter!.kind) {
    return undefined;
  }
  const fnBefore = functionAround(statementBefore!, region.start, region.oldEnd);
  const fnAfter = functionAround(statementAfter!, region.start, region.newEnd);
  if (!fnBefore || !fnAfter || fnBefore.pos !== fnAfter.pos || fnBefore.kind !== fnAfter.kind) {
    return undefined;
  }
  const returnTypeWritten = fnAfter.type !== undefined;
  if (!returnTypeWritten && (declaresTypes(fnBefore.body) || declaresTypes(fnAfter.body))) {
    return undefined;
  }
  return { statementBefore: statementBefore!, statementAfter: statementAfter!, before: fnBefore, after: fnAfter, returnTypeWritten };
}

/**
 * The function of a statement whose body holds the region from `start` to `end`: the statement's
 * own function (`function f() {}`, `const f = () => ...`) or a method of its class.
 */
function functionAround(statement: ts.Statement, start: number, end: number): (ts.SignatureDeclaration & { body: ts.Node }) | undefined {
  let candidates: readonly ts.Node[] = [statement];
  if (ts.isVariableStatement(statement)) {
    const [declaration, ...others] = statement.declarationList.declarations;
    candidates = others.length === 0 && declaration && ts.isIdentifier(declaration.name) && declaration.initializer ? [skipTransparent(declaration.initializer)] : [];
  } else if (ts.isClassDeclaration(statement)) {
    candidates = statement.members;
  }
  for (const candidate of candidates) {
    const isFunction =
      ts.isFunctionDeclaration(candidate) ||
      ts.isArrowFunction(candidate) ||
      ts.isFunctionExpression(candidate) ||
      ts.isMethodDeclaration(candidate) ||
      ts.isGetAccessorDeclaration(candidate) ||
      ts.isConstructorDeclaration(candidate);
    const body = isFunction ? candidate.body : undefined;
    if (!body) continue;
    const inside = ts.isBlock(body) ? start > body.getStart() && end < body.end : start >= body.getStart() && end <= body.end;
    if (inside) return candidate as ts.SignatureDeclaration & { body: ts.Node };
  }
  return undefined;
}

/** Whether a function body declares a type, an interface, a class or an enum of its own. */
function declaresTypes(body: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassLike(node) || ts.isEnumDeclaration(node)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * The one region in which two texts differ (after their common start and end), when the edit left
 * the number of lines as it was.
 */
function changedRegion(before: string, after: string): { start: number; oldEnd: number; newEnd: number } | undefined {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (common < shorter - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) common++;
  const oldEnd = before.length - common;
  const newEnd = after.length - common;
  return newlines(before, start, oldEnd) === newlines(after, start, newEnd) ? { start, oldEnd, newEnd } : undefined;
}

function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index !== -1 && index < to; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

function topLevelStatement(node: ts.Node): ts.Node | undefined {
  let current = node;
  while (current.parent && !ts.isSourceFile(current.parent)) current = current.parent;
  return current.parent ? current : undefined;
}

/** The node of `root`'s subtree that spans exactly `pos` to `end` and has that kind. */
function nodeAt(root: ts.Node, pos: number, end: number, kind: ts.SyntaxKind): ts.Node | undefined {
  let node: ts.Node | undefined = root;
  while (node) {
    if (node.pos === pos && node.end === end && node.kind === kind) return node;
    let next: ts.Node | undefined;
    ts.forEachChild(node, child => {
      if (child.pos <= pos && end <= child.end && child !== node) {
        next = child;
        return true;
      }
      return undefined;
    });
    node = next;
  }
  return undefined;
}

/**
 * The names a statement may give a meaning to: what it declares, and for a statement that declares
 * nothing (`api.ask = function () {}`, `emitter.on(...)`) every name it mentions, which it may change.
 */
function declaredNames(statement: ts.Statement): string[] {
  const names: string[] = [];
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    if (statement.name) names.push(statement.name.text);
    if (statement.modifiers?.some(modifier => modifier.kind === ts.SyntaxKind.DefaultKeyword)) names.push('default');
    return names;
  }
  if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) names.push(...bindingNames(declaration.name));
    return names;
  }
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.push(element.name.text);
    return names;
  }
  if (ts.isImportEqualsDeclaration(statement)) {
    return [statement.name.text];
  }
  return [...mentionedNames(statement), 'default'];
}

/** Every identifier in a statement (property names too: an over-approximation is safe). */
function mentionedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) names.add(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/**
 * Whether two values say the same: nodes by identity (a moved value holds the new file's nodes),
 * lists, maps and sets in order, objects field by field.
 */
export function sameValue(a: unknown, b: unknown, seen = new Map<object, unknown>()): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || isNode(a) || isNode(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
    return false;
  }
  if (seen.has(a)) {
    return seen.get(a) === b;
  }
  seen.set(a, b);
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameValue(item, other[index], seen));
  }
  if (a instanceof Map || a instanceof Set) {
    const left = [...a];
    const right = [...(b as Map<unknown, unknown> | Set<unknown>)];
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index], seen));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every(key => key in b && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], seen));
}

function isNode(value: object): value is ts.Node {
  return typeof (value as { kind?: unknown }).kind === 'number' && typeof (value as { getSourceFile?: unknown }).getSourceFile === 'function';
}

/** A copy of a value with its nodes moved; parts without nodes to move are shared, not copied. */
function moveValue(value: unknown, moveNode: (node: ts.Node) => ts.Node, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (seen.has(value)) {
    const known = seen.get(value);
    // A value that holds itself: not a result's shape; it is not moved rather than walked forever.
    if (known === IN_PROGRESS) throw new NotMoved();
    return known;
  }
  if (isNode(value)) {
    return moveNode(value);
  }
  seen.set(value, IN_PROGRESS);
  let result: unknown = value;
  if (Array.isArray(value)) {
    const items = value.map(item => moveValue(item, moveNode, seen));
    if (items.some((item, index) => item !== value[index])) result = Object.isFrozen(value) ? Object.freeze(items) : items;
  } else if (value instanceof Map) {
    const original = [...value];
    const entries = original.map(([key, item]) => [moveValue(key, moveNode, seen), moveValue(item, moveNode, seen)] as const);
    if (entries.some(([key, item], index) => key !== original[index]![0] || item !== original[index]![1])) result = new Map(entries);
  } else if (value instanceof Set) {
    const original = [...value];
    const items = original.map(item => moveValue(item, moveNode, seen));
    if (items.some((item, index) => item !== original[index])) result = new Set(items);
  } else {
    const entries = Object.entries(value).map(([key, item]) => [key, moveValue(item, moveNode, seen)] as const);
    if (entries.some(([key, item]) => item !== (value as Record<string, unknown>)[key])) {
      const copy = Object.fromEntries(entries);
      result = Object.isFrozen(value) ? Object.freeze(copy) : copy;
    }
  }
  seen.set(value, result);
  return result;
}
