import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The files TypeScript's project service takes a project from (it looks for both). */
const PROJECT_FILES = ['tsconfig.json', 'jsconfig.json'];

/** Folders that never hold the project's own tsconfig. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'build', 'coverage']);

/**
 * Where the project service may look for tsconfig files: the folder of the nearest
 * `tsconfig.json` at or above `directory` (searched upward, as `tsc` does), so that a subfolder of
 * a project scans with its parent's tsconfig. typescript-eslint stops the search for each file's
 * tsconfig at `tsconfigRootDir`, so that must not be below the tsconfig.
 */
export function findTsconfigRoot(directory: string): string | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (PROJECT_FILES.some(name => existsSync(path.join(current, name)))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Whether some folder under `directory` (dependencies, build output and dot-folders aside) has a tsconfig.json. */
export function hasTsconfigBelow(directory: string, depth = 6): boolean {
  if (depth < 0) return false;
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return false;
  }
  if (entries.some(entry => entry.isFile() && PROJECT_FILES.includes(entry.name))) return true;
  return entries.some(
    entry => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_SOURCE.has(entry.name) && hasTsconfigBelow(path.join(directory, entry.name), depth - 1),
  );
}
