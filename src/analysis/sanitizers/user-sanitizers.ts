import type ts from 'typescript';

import type { CalleeInfo } from '../callees.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { CLEAN, type TaintValue, isTainted } from '../flow/taint.js';
import { calleeMatchesUser, matchesUserTypes } from '../sources/user-specifiers.js';

/**
 * Sanitizers users configure (`sanitizers` option, `settings['llm-security'].sanitizers`): a call
 * of a redaction or encryption helper ends the flow, and so does a value typed with a branded
 * result type (`Redacted<T>`). Real encryption in project code needs no configuration: it goes
 * through library calls that pass nothing on.
 */

/** Does this call end the flow because the user named its callee a sanitizer? */
export function isUserSanitizerCall(analysis: FlowAnalysis, info: CalleeInfo): boolean {
  return calleeMatchesUser(info, analysis.customization.sanitizers);
}

/** Values typed with a user's branded sanitizer type (`Redacted<T>`) carry no text. */
export function applySanitizerTypes(analysis: FlowAnalysis, node: ts.Node, value: TaintValue): TaintValue {
  if (!isTainted(value) || analysis.customization.sanitizers.length === 0) {
    return value;
  }
  try {
    const type = analysis.checker.getTypeAtLocation(node);
    return matchesUserTypes(analysis.program, type, analysis.customization.sanitizers) ? CLEAN : value;
  } catch {
    return value;
  }
}
