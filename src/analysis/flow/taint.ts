import type ts from 'typescript';

/**
 * What kind of sensitive data a value carries: text a model generated, or prompt / conversation
 * data. `parameter` is a placeholder used while summarising a function: "whatever the caller passes
 * as argument N".
 */
export type TaintKind = 'output' | 'prompt' | 'parameter';

export interface Taint {
  readonly kind: TaintKind;
  /** Where the data entered the analysed code (a model call, a typed parameter, ...). */
  readonly origin: ts.Node;
  /** How messages name the origin, e.g. `'client.chat.completions.create()'`. */
  readonly label: string;
  /** For `parameter` taints: the parameter position. */
  readonly parameterIndex?: number;
  /**
   * For `parameter` taints: the fields read from the argument on the way (`arg.meta.title` is
   * `['meta', 'title']`), so a summary can tell a helper that logs `arg.chatId` from one that logs
   * `arg.title`. Empty (or absent) for the argument as a whole.
   */
  readonly path?: FieldPath;
  /** What happened to the data on the way, for messages (e.g. it went through weak encryption). */
  readonly note?: string;
  /**
   * For `output` taints: the model call's prompt is written entirely in the source (`'Write a
   * limerick.'`), so the answer echoes nothing a user said.
   */
  readonly fixedPrompt?: true;
  /**
   * For `output` taints: the input the model generated for one of the app's tools. Writing it is
   * often the tool's job (the file a coding agent was asked to write), so storage does not count it;
   * logs do.
   */
  readonly toolInput?: true;
  /**
   * The value holds conversation data somewhere inside, by its type (a session whose `messages`
   * holds a history): the whole value carries it, its fields only where their own types say so.
   */
  readonly container?: true;
}

/** Field names read one after the other from a value. */
export type FieldPath = readonly string[];

/** Paths longer than this stand for the whole value at their prefix (bounded for speed). */
const MAX_PATH = 3;

function samePath(a: FieldPath | undefined, b: FieldPath | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((name, index) => name === right[index]);
}

/**
 * The abstract value of an expression: the taints it carries and, for object literals whose every
 * property is known, the value of each property (so `{ text, tokens }.tokens` stays clean).
 */
export interface TaintValue {
  readonly taints: readonly Taint[];
  readonly fields?: ReadonlyMap<string, TaintValue>;
  /**
   * With `fields`: what the other fields hold, when they are not all known (a parameter given a
   * field of its own: `openai.visionPromise = promise`). Absent: the other fields hold nothing.
   */
  readonly rest?: TaintValue;
}

/** At most this many distinct taints are kept per value (plus one per kind): enough to report, bounded for speed. */
const MAX_TAINTS = 6;

const NO_TAINTS: readonly Taint[] = Object.freeze([]);
export const CLEAN: TaintValue = Object.freeze({ taints: NO_TAINTS });

export function isTainted(value: TaintValue): boolean {
  return value.taints.length > 0;
}

/** Whether a value or any of its known fields (a few levels down) holds data. */
export function holdsAnyData(value: TaintValue, depth = 0): boolean {
  return isTainted(value) || (depth < MAX_PATH && [...(value.fields?.values() ?? []), ...(value.rest ? [value.rest] : [])].some(field => holdsAnyData(field, depth + 1)));
}

export function taintValue(taint: Taint): TaintValue {
  return { taints: [taint] };
}

function mergeTaints(a: readonly Taint[], b: readonly Taint[]): readonly Taint[] {
  if (b.length === 0) {
    return a;
  }
  if (a.length === 0) {
    return b;
  }
  const merged = [...a];
  for (const taint of b) {
    // Past the bound, a taint is kept only for a kind not yet present: a value holding the user's
    // input many times over still holds the model's answer too.
    if (merged.length >= MAX_TAINTS && merged.some(existing => existing.kind === taint.kind)) {
      continue;
    }
    if (
      !merged.some(
        existing =>
          existing.origin === taint.origin &&
          existing.kind === taint.kind &&
          existing.parameterIndex === taint.parameterIndex &&
          samePath(existing.path, taint.path),
      )
    ) {
      merged.push(taint);
    }
  }
  return merged.length === a.length ? a : merged;
}

/** The value that may be either `a` or `b` (after a branch, or in `a || b`). */
export function join(a: TaintValue, b: TaintValue): TaintValue {
  if (a === b) {
    return a;
  }
  const taints = mergeTaints(a.taints, b.taints);
  if (a.fields && b.fields) {
    const rest = a.rest || b.rest ? join(a.rest ?? CLEAN, b.rest ?? CLEAN) : undefined;
    return { taints, fields: mergeFieldMaps(a, b), ...(rest ? { rest } : {}) };
  }
  // A clean side without known fields (`undefined`, a number) keeps the other side's field precision,
  // and so does one that only says "some field holds data" (a container): the fields say which.
  if (a.fields && !b.fields && b.taints.every(taint => taint.container)) {
    return { ...a, taints };
  }
  if (b.fields && !a.fields && a.taints.every(taint => taint.container)) {
    return { ...b, taints };
  }
  return taints.length === 0 ? CLEAN : { taints };
}

/** Each field of either value, as either side holds it (a field one side does not list is in its rest). */
function mergeFieldMaps(a: TaintValue, b: TaintValue): ReadonlyMap<string, TaintValue> {
  const merged = new Map<string, TaintValue>();
  for (const name of new Set([...a.fields!.keys(), ...b.fields!.keys()])) {
    merged.set(name, join(fieldValue(a, name), fieldValue(b, name)));
  }
  return merged;
}

/**
 * `object.name = value`: the field holds the value, every other field what it held before (known
 * fields, or the whole previous value for a value whose parts are not known).
 */
export function withField(object: TaintValue, name: string, value: TaintValue): TaintValue {
  const fields = new Map(object.fields ?? []);
  fields.set(name, value);
  const rest = object.fields ? object.rest : isTainted(object) ? object : undefined;
  let taints = rest ? rest.taints : NO_TAINTS;
  for (const field of fields.values()) taints = mergeTaints(taints, field.taints);
  return { taints, fields, ...(rest ? { rest } : {}) };
}

export function joinAll(values: readonly TaintValue[]): TaintValue {
  let result = CLEAN;
  for (const value of values) {
    result = join(result, { taints: value.taints });
  }
  return result;
}

/** An object literal's value, keeping each known property apart. */
export function objectValue(fields: ReadonlyMap<string, TaintValue>, unknownParts: TaintValue): TaintValue {
  let taints: readonly Taint[] = unknownParts.taints;
  for (const field of fields.values()) {
    taints = mergeTaints(taints, field.taints);
  }
  if (isTainted(unknownParts)) {
    // `{ text, ...options }`: a field written out keeps its own value; the others are whatever the
    // spread objects (or computed names) hold.
    return fields.size > 0 ? { taints, fields, rest: withoutFields(unknownParts) } : { taints };
  }
  return { taints, fields };
}

/**
 * The value of property `name` of a value. Data of a known kind is in every part of a value whose
 * fields are unknown; "whatever the caller passes" remembers which field was read.
 */
export function fieldValue(value: TaintValue, name: string | undefined): TaintValue {
  if (value.fields && name !== undefined) {
    return value.fields.get(name) ?? (value.rest ? fieldValue(value.rest, name) : CLEAN);
  }
  if (value.taints.length === 0) {
    return CLEAN;
  }
  if (!value.taints.some(taint => taint.kind === 'parameter' || taint.container)) {
    return { taints: value.taints };
  }
  const taints = value.taints
    .filter(taint => !taint.container)
    .map(taint => (taint.kind === 'parameter' && name !== undefined && (taint.path?.length ?? 0) < MAX_PATH ? { ...taint, path: [...(taint.path ?? []), name] } : taint));
  return taints.length === 0 ? CLEAN : { taints };
}

/** The value at a field path (`['meta', 'title']`) of a value. */
export function valueAtPath(value: TaintValue, path: FieldPath): TaintValue {
  let current = value;
  for (const name of path) {
    if (!isTainted(current) && !current.fields) return CLEAN;
    current = fieldValue(current, name);
  }
  return current;
}

export function withoutFields(value: TaintValue): TaintValue {
  return value.fields || value.rest ? { taints: value.taints } : value;
}

export function filterTaints(value: TaintValue, keep: (taint: Taint) => boolean): TaintValue {
  const taints = value.taints.filter(keep);
  return taints.length === value.taints.length ? value : taints.length === 0 ? CLEAN : { taints };
}

/**
 * {@link filterTaints} on every known field too, so a returned object keeps its shape: `return { run,
 * steps, messages }` with `steps` from a parameter still has a clean `run` for the caller.
 */
export function filterTaintsDeep(value: TaintValue, keep: (taint: Taint) => boolean, depth = 0): TaintValue {
  if (!value.fields || depth >= MAX_PATH) {
    return filterTaints(value, keep);
  }
  const fields = new Map<string, TaintValue>();
  for (const [name, field] of value.fields) fields.set(name, filterTaintsDeep(field, keep, depth + 1));
  const rest = value.rest && filterTaintsDeep(value.rest, keep, depth + 1);
  return { taints: value.taints.filter(keep), fields, ...(rest && (isTainted(rest) || rest.fields) ? { rest } : {}) };
}

/** The same data, with a note on what happened to it (kept on every taint of the value). */
export function annotate(value: TaintValue, note: string): TaintValue {
  if (!isTainted(value)) {
    return value;
  }
  return { taints: value.taints.map(taint => (taint.note ? taint : { ...taint, note })) };
}

/** The field path segment for what a function returns when called (`callback()`). */
export const CALL_RESULT = '()';

/**
 * The value of a function passed as an argument: no data itself, but what it returns when the
 * callee calls it (`retry(() => client.chat.completions.create(...))`) is reachable as `()`.
 */
export function functionValue(returned: TaintValue): TaintValue {
  return isTainted(returned) ? { taints: NO_TAINTS, fields: new Map([[CALL_RESULT, withoutFields(returned)]]) } : CLEAN;
}

/** What calling a value that stands for a parameter returns: "the result of calling what the caller passes". */
export function callResultOf(callee: TaintValue): TaintValue {
  const taints = callee.taints.filter(taint => taint.kind === 'parameter' && (taint.path?.length ?? 0) < MAX_PATH);
  return taints.length === 0 ? CLEAN : { taints: taints.map(taint => ({ ...taint, path: [...(taint.path ?? []), CALL_RESULT] })) };
}
