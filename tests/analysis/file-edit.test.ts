import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { fileEdit, sameValue } from '../../src/analysis/flow/file-edit.js';
import { CLEAN } from '../../src/analysis/flow/taint.js';

const parse = (text: string): ts.SourceFile => ts.createSourceFile('chat.ts', text, ts.ScriptTarget.ES2022, true);

const text = (label: string, extra = '') => `const LABEL = '${label}';${extra}
export function report(text: string) { console.log(LABEL, text); }
export function count(items: string[]) { return items.length; }
export function shout(text: string) { return text.toUpperCase(); }
`;

/** The function declared under `name`, and the first identifier `text` in it. */
function parts(sourceFile: ts.SourceFile, name: string): { fn: ts.FunctionDeclaration; text: ts.Identifier } {
  const fn = sourceFile.statements.find((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === name)!;
  let found: ts.Identifier | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && ts.isIdentifier(node) && node.text === 'text' && !ts.isParameter(node.parent)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(fn.body!);
  return { fn, text: found! };
}

describe('moving results to the edited file', () => {
  const always = (): boolean => true;

  it('finds the nodes of statements the edit left alone, moved by the change in length', () => {
    const before = parse(text('answer'));
    const after = parse(text('a longer answer'));
    const edit = fileEdit(before, after, always)!;
    const old = parts(before, 'shout');
    const moved = edit.moved({ taints: [{ kind: 'output', origin: old.text, label: 'x' }], node: old.fn });
    expect(moved?.node).toBe(parts(after, 'shout').fn);
    expect(moved?.taints[0]?.origin).toBe(parts(after, 'shout').text);
    expect(edit.nextOf(parts(before, 'count').fn)).toBe(parts(after, 'count').fn);
  });

  it('does not move what names a changed declaration, nor values that hold a node of it', () => {
    const before = parse(text('answer'));
    const after = parse(text('reply'));
    const edit = fileEdit(before, after, always)!;
    expect(edit.nextOf(parts(before, 'report').fn)).toBeUndefined();
    expect(edit.moved({ origin: parts(before, 'report').text })).toBeUndefined();
    expect(edit.moved({ file: before })).toBeUndefined();
  });

  it('keeps shared values without nodes as they are, and nodes of other files when they are current', () => {
    const before = parse(text('answer'));
    const after = parse(text('reply'));
    const other = parse('export const other = 1;\n');
    const value = { clean: CLEAN, list: [1, 2], other: other.statements[0] };
    expect(edit(before, after, always).moved(value)).toBe(value);
    expect(edit(before, after, () => false).moved(value)).toBeUndefined();
  });

  it('moves nothing when the edit adds or removes lines', () => {
    expect(fileEdit(parse(text('answer')), parse(text('answer', '\n')), always)).toBeUndefined();
  });
});

describe('an edit inside one function with a written return type', () => {
  const helper = (body: string, signature = '(text: string): string') => `export function trimmed${signature} { ${body} }
export function report(text: string) { console.log(trimmed(text)); }
export function twice(text: string) { return report(text) + report(text); }
export function count(items: string[]) { return items.length; }
`;
  const always = (): boolean => true;

  it('names the function, and lets the statements that depend on it only through it wait for its result', () => {
    const before = parse(helper('return text.trim();'));
    const after = parse(helper('return text.trimEnd();'));
    const edited = fileEdit(before, after, always)!;
    expect(edited.edited?.before).toBe(before.statements[0]);
    expect(edited.edited?.after).toBe(after.statements[0]);
    // `report` names the function, `twice` names `report`: both wait; `count` names neither.
    expect(edited.nextOf(parts(before, 'report').fn)).toBe(parts(after, 'report').fn);
    expect(edited.dependsOnEdited(parts(before, 'report').fn)).toBe(true);
    expect(edited.dependsOnEdited(parts(before, 'twice').fn)).toBe(true);
    expect(edited.dependsOnEdited(parts(before, 'count').fn)).toBe(false);
    // For what waits for the function, its own nodes outside the edit move too (its previous result
    // is compared with the new one), and those of the statements waiting with it; not for what keeps
    // its results whatever the function does.
    expect(edited.nextOf(before.statements[0]!)).toBeUndefined();
    expect(edited.movedWaiting({ origin: parts(before, 'trimmed').text })).toEqual({ origin: parts(after, 'trimmed').text });
    expect(edited.movedWaiting({ origin: parts(before, 'report').text })).toEqual({ origin: parts(after, 'report').text });
    expect(edited.moved({ origin: parts(before, 'trimmed').text })).toBeUndefined();
    expect(edited.moved({ origin: parts(before, 'report').text })).toBeUndefined();
  });

  it('names a function without a written return type (its signature is then compared), not one whose signature changed', () => {
    const untyped = fileEdit(parse(helper('return text.trim();', '(text: string)')), parse(helper('return text.trimEnd();', '(text: string)')), always)!;
    expect(untyped.edited?.returnTypeWritten).toBe(false);
    expect(fileEdit(parse(helper('return text.trim();')), parse(helper('return text.trimEnd();')), always)!.edited?.returnTypeWritten).toBe(true);
    expect(fileEdit(parse(helper('return text;', '(text: string): string')), parse(helper('return text;', '(text: String): string')), always)!.edited).toBeUndefined();
  });

  it('names the method of a class the edit lies in, and no function whose body declares types of its own', () => {
    const service = (body: string) => `export class Service {
  name = 'service';
  shorten(text: string) { ${body} }
  other() { return 1; }
}
export function use(text: string) { return new Service().shorten(text); }
`;
    const before = parse(service('return text.trim();'));
    const after = parse(service('return text.trimEnd();'));
    const edited = fileEdit(before, after, always)!;
    const method = (file: ts.SourceFile) => (file.statements[0] as ts.ClassDeclaration).members[1];
    expect(edited.edited?.before).toBe(method(before));
    expect(edited.edited?.after).toBe(method(after));
    expect(edited.dependsOnEdited(parts(before, 'use').fn)).toBe(true);
    const local = (body: string) => service(`type Local = { a: string }; ${body}`);
    expect(fileEdit(parse(local('return text.trim();')), parse(local('return text.trimEnd();')), always)!.edited).toBeUndefined();
  });
});

describe('comparing results', () => {
  it('compares nodes by identity, and lists, maps, sets and objects by their parts', () => {
    const file = parse('const a = 1;\nconst b = 2;\n');
    const [a, b] = file.statements;
    expect(sameValue({ at: a, list: [1, { x: 'y' }], map: new Map([[0, new Set([a])]]) }, { at: a, list: [1, { x: 'y' }], map: new Map([[0, new Set([a])]]) })).toBe(true);
    expect(sameValue({ at: a }, { at: b })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ x: 1 }, { x: 1, y: undefined })).toBe(false);
    expect(sameValue(new Map([[0, 1]]), new Set([0]))).toBe(false);
  });
});

function edit(before: ts.SourceFile, after: ts.SourceFile, isCurrent: (sourceFile: ts.SourceFile) => boolean) {
  return fileEdit(before, after, isCurrent)!;
}
