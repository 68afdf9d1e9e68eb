import type { TypeOrValueSpecifier } from '@typescript-eslint/type-utils';
import type ts from 'typescript';

import { typeMatchesSomeSpecifier } from '../type-utils.js';
import type { CalleeInfo } from '../callees.js';
import { originMatches } from '../packages.js';

/**
 * What users teach the analysis (`sources`, `sinks`, `sanitizers` options and
 * `settings['llm-security']`), matched as typescript-eslint `TypeOrValueSpecifier`s: by type, and
 * by callee name plus where the callee is declared.
 */

/** Does a type (or a member of a union type) match a user specifier? */
export function matchesUserTypes(program: ts.Program, type: ts.Type, specifiers: readonly TypeOrValueSpecifier[]): boolean {
  if (specifiers.length === 0) {
    return false;
  }
  const candidates = type.isUnion() ? type.types : [type];
  return candidates.some(candidate => typeMatchesSomeSpecifier(candidate, [...specifiers], program));
}

/** Does the callee match a user specifier (by name, and package / file / lib where given)? */
export function calleeMatchesUser(info: CalleeInfo, specifiers: readonly TypeOrValueSpecifier[]): boolean {
  if (specifiers.length === 0 || info.name === undefined) {
    return false;
  }
  return specifiers.some(specifier => {
    if (typeof specifier === 'string') {
      return specifier === info.name;
    }
    const names = typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
    if (!names.includes(info.name!)) {
      return false;
    }
    switch (specifier.from) {
      case 'package':
        return info.declarations.some(declaration => originMatches(declaration.origin, specifier.package));
      case 'lib':
        return info.declarations.some(declaration => declaration.origin === 'lib');
      case 'file':
        return info.declarations.some(declaration => declaration.origin === undefined);
    }
  });
}
