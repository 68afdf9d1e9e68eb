import ts from './typescript.cjs';

/**
 * A file's nodes of one kind by name, built from syntax once per `SourceFile` (so it holds while an
 * editor's next program reuses the file): `collect` sees every node and adds what it indexes.
 */
export function indexByName<T>(
  cache: WeakMap<ts.SourceFile, ReadonlyMap<string, readonly T[]>>,
  file: ts.SourceFile,
  collect: (node: ts.Node, add: (name: string, item: T) => void) => void,
): ReadonlyMap<string, readonly T[]> {
  let index = cache.get(file);
  if (!index) {
    const found = new Map<string, T[]>();
    const add = (name: string, item: T): void => {
      const named = found.get(name);
      if (named) named.push(item);
      else found.set(name, [item]);
    };
    const visit = (node: ts.Node): void => {
      collect(node, add);
      ts.forEachChild(node, visit);
    };
    visit(file);
    index = found;
    cache.set(file, index);
  }
  return index;
}
