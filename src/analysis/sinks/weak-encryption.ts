import type ts from 'typescript';

import type { CalleeInfo } from '../callees.js';
import { type TaintValue, annotate, isTainted, withoutFields } from '../flow/taint.js';
import type { Walker } from '../flow/walker.js';

/**
 * Weak encryption is a sink of its own (the weak-encryption rule reports the weak constructs the
 * data reaches) and no sanitizer: what comes out still carries the plaintext, with a note saying
 * why the encryption does not count, for the storage rule's message. A weakness that only makes a
 * password cheaper to guess (a weak key derivation) is reported, but the encryption still counts:
 * the step then returns `undefined`, like for any call that is not weak encryption.
 */
export function weakEncryptionStep(walker: Walker, call: ts.CallExpression, info: CalleeInfo, argumentValues: readonly TaintValue[]): TaintValue | undefined {
  const index = walker.analysis.ciphers.plaintextArgument(info);
  const plaintext = argumentValues[index];
  const node = call.arguments[index];
  if (!plaintext || !node || !isTainted(plaintext)) {
    return undefined;
  }
  const weakness = walker.analysis.ciphers.weaknessOfEncryptCall(call, info);
  if (!weakness) {
    return undefined;
  }
  walker.record(plaintext, node, { kind: 'crypto', category: 'weak-encryption', callee: `${info.text}()`, via: [], weakness });
  return weakness.breaksEncryption ? annotate(withoutFields(plaintext), weakEncryptionNote(info.text, weakness.reason)) : undefined;
}

/** The note a value keeps after weak encryption, e.g. in a project helper's summary. */
export function weakEncryptionNote(calleeText: string, reason: string): string {
  return `its encryption by '${calleeText}()' does not count: ${reason}`;
}
