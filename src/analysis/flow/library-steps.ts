import {
  ARGUMENT_PROPAGATORS,
  type FunctionFamily,
  RECEIVER_PROPAGATORS,
  TYPE_DECIDING_CALLS,
} from '../../knowledge/propagation.js';
import type { CalleeDeclaration, CalleeInfo } from '../callees.js';
import { originMatches } from '../packages.js';

/**
 * Flow steps through library code, from `knowledge/propagation.ts`: which calls of the standard
 * library, Node.js and packages pass their arguments or their receiver on to their result. Any
 * other library call ends a flow.
 */

function familyIndex(families: readonly FunctionFamily[]): Map<string, FunctionFamily[]> {
  const index = new Map<string, FunctionFamily[]>();
  for (const family of families) {
    for (const name of family.names) {
      index.set(name, [...(index.get(name) ?? []), family]);
    }
  }
  return index;
}

const ARGUMENT_PROPAGATORS_BY_NAME = familyIndex(ARGUMENT_PROPAGATORS);
const RECEIVER_PROPAGATORS_BY_NAME = familyIndex(RECEIVER_PROPAGATORS);
const TYPE_DECIDING_CALLS_BY_NAME = familyIndex(TYPE_DECIDING_CALLS);

function matchesFamily(info: CalleeInfo, index: Map<string, FunctionFamily[]>): boolean {
  return info.declarations.some(declaration =>
    (index.get(declaration.name) ?? []).some(family => family.from.some(pattern => originMatches(declaration.origin, pattern))),
  );
}

/** A method of TypeScript's default library (`String.prototype.trim`, `Array.prototype.map`, ...). */
export function isLibraryMethod(info: CalleeInfo): boolean {
  return info.declarations.some(declaration => declaration.origin === 'lib');
}

/** `JSON.stringify(x)`, `Buffer.from(x)`, `gzipSync(x)`: the result is built from the arguments. */
export function propagatesArguments(info: CalleeInfo, bound?: () => CalleeDeclaration | undefined): boolean {
  if (matchesFamily(info, ARGUMENT_PROPAGATORS_BY_NAME)) {
    return true;
  }
  // A package that does not resolve where the lint runs (`removeSlashes` of `slashes` in untyped code): its import binding.
  const declaration = info.declarations.length === 0 && info.name !== undefined && ARGUMENT_PROPAGATORS_BY_NAME.has(info.name) ? bound?.() : undefined;
  return declaration !== undefined && declaration.origin !== 'lib' && matchesFamily({ ...info, declarations: [declaration] }, ARGUMENT_PROPAGATORS_BY_NAME);
}

/** `buffer.toString()`: the result is the receiver's data in another form. */
export function propagatesReceiver(info: CalleeInfo): boolean {
  return matchesFamily(info, RECEIVER_PROPAGATORS_BY_NAME);
}

/** `Schema.parse(body)`: the declared result type says what the value is. */
export function resultTypeDecides(info: CalleeInfo): boolean {
  return matchesFamily(info, TYPE_DECIDING_CALLS_BY_NAME);
}

/** A function or method of an npm package (not the standard library, Node.js or the project). */
export function isPackageCallee(info: CalleeInfo): boolean {
  return (
    info.projectFunction === undefined &&
    info.declarations.length > 0 &&
    info.declarations.every(declaration => declaration.origin !== undefined && declaration.origin !== 'lib' && declaration.origin !== 'node' && !declaration.origin.startsWith('node:'))
  );
}
