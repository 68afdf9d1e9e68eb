/**
 * Source texts for the robustness tests: unusual but valid syntax, cyclic imports, a 20,000-line
 * file and code with type errors. Generated as strings so the suite needs no checked-in fixtures
 * that other tools (tsc, the repository's own lint) would pick up.
 */

const OPENAI_PRELUDE = `import OpenAI from 'openai';
import pino from 'pino';

const client = new OpenAI();
const logger = pino();
`;

/** A plain leak every rule run must see: proves the linter really ran the rules. */
export const SANITY = `${OPENAI_PRELUDE}
const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
console.log(completion.choices[0]?.message.content);
`;

/** A 20,000-line module: ordinary code with a model call (and a leak) in every tenth function. */
export function bigFile(lines = 20_000): string {
  const out: string[] = OPENAI_PRELUDE.split('\n');
  let index = 0;
  while (out.length < lines - 12) {
    if (index % 10 === 0) {
      out.push(
        `export async function ask${index}(question: string): Promise<string> {`,
        `  const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });`,
        `  const text = completion.choices[0]?.message.content ?? '';`,
        `  logger.info({ tokens: completion.usage?.total_tokens, index: ${index} });`,
        `  if (text.length > ${index}) logger.debug({ text });`,
        `  return text;`,
        `}`,
        '',
      );
    } else {
      out.push(
        `export function compute${index}(values: readonly number[], factor = ${index % 7}): { sum: number; label: string } {`,
        `  let sum = 0;`,
        `  for (const value of values) {`,
        `    if (value < 0) continue;`,
        `    sum += value * factor;`,
        `  }`,
        `  const label = sum > ${index} ? 'high' : 'low';`,
        `  logger.debug({ sum, label, index: ${index} });`,
        `  return { sum, label };`,
        `}`,
        '',
      );
    }
    index += 1;
  }
  while (out.length < lines) out.push(`// padding line ${out.length}`);
  return `${out.join('\n')}\n`;
}

/** Three modules importing each other in a cycle, with mutually recursive functions across files. */
export const CYCLE_A = `import OpenAI from 'openai';
import { relay } from './cycle-b.js';
import type { Envelope } from './cycle-c.js';

const client = new OpenAI();

export async function ask(question: string, hops: number): Promise<string> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';
  return hops > 0 ? relay(text, hops - 1) : text;
}

export function bounce(envelope: Envelope): string {
  console.log('bounce', envelope.body);
  return envelope.hops > 0 ? relay(envelope.body, envelope.hops - 1) : envelope.body;
}
`;

export const CYCLE_B = `import { bounce } from './cycle-a.js';
import { wrap } from './cycle-c.js';

export function relay(text: string, hops: number): string {
  return bounce(wrap(text, hops));
}
`;

export const CYCLE_C = `import { ask } from './cycle-a.js';
import { relay } from './cycle-b.js';

export interface Envelope {
  body: string;
  hops: number;
}

export function wrap(body: string, hops: number): Envelope {
  return { body, hops };
}

export async function start(): Promise<void> {
  const answer = await ask('ping', 3);
  console.info(relay(answer, 2));
}
`;

/** TC39 decorators (TypeScript 5+ without experimentalDecorators), accessors and decorator factories. */
export const DECORATORS = `${OPENAI_PRELUDE}
type Method = (this: unknown, ...args: never[]) => unknown;

function logged<T extends Method>(target: T, context: ClassMethodDecoratorContext): T {
  const name = String(context.name);
  return function (this: unknown, ...args: Parameters<T>) {
    logger.debug({ method: name, args: args.length });
    return target.apply(this, args);
  } as T;
}

function tagged(tag: string) {
  return function <C extends abstract new (...args: never[]) => unknown>(target: C, context: ClassDecoratorContext<C>): C {
    context.metadata[tag] = true;
    return target;
  };
}

function bounded(_target: undefined, context: ClassFieldDecoratorContext) {
  return (value: number) => (context.static ? value : Math.min(100, value));
}

function tracked<T>(target: ClassAccessorDecoratorTarget<unknown, T>, _context: ClassAccessorDecoratorContext): ClassAccessorDecoratorResult<unknown, T> {
  return {
    get() {
      return target.get.call(this);
    },
    set(value) {
      target.set.call(this, value);
    },
  };
}

@tagged('service')
export class ChatService {
  @bounded limit = 50;
  @tracked accessor lastAnswer = '';

  @logged
  async ask(question: string): Promise<string> {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.lastAnswer = completion.choices[0]?.message.content ?? '';
    logger.info(this.lastAnswer);
    return this.lastAnswer;
  }

  @logged
  static create(): ChatService {
    return new ChatService();
  }
}

export const Anonymous = @tagged('anonymous') class {
  @logged run(): number {
    return 1;
  }
};
`;

/** \`using\` and \`await using\` declarations (explicit resource management). */
export const USING = `${OPENAI_PRELUDE}
class Span implements Disposable {
  constructor(readonly name: string) {}
  [Symbol.dispose](): void {
    logger.debug({ span: this.name }, 'closed');
  }
}

class Connection implements AsyncDisposable {
  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.resolve();
  }
}

export async function answer(question: string): Promise<string> {
  using span = new Span('answer');
  await using connection = new Connection();
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';
  logger.info({ span: span.name, connected: connection instanceof Connection, text });
  {
    using inner = new Span('inner');
    void inner;
  }
  return text;
}

export function stack(): void {
  using disposables = new DisposableStack();
  disposables.defer(() => logger.info('deferred'));
}
`;

/** Generators, async generators, yield*, for await over model output. */
export const GENERATORS = `${OPENAI_PRELUDE}
export function* counter(limit: number): Generator<number, string, undefined> {
  for (let i = 0; i < limit; i += 1) {
    const reset = yield i;
    if (reset) i = -1;
  }
  return 'done';
}

export function* delegate(): Generator<number, void, undefined> {
  yield* counter(3);
  yield* [10, 20];
}

export async function* chunks(question: string): AsyncGenerator<string, void, undefined> {
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }], stream: true });
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) yield delta;
  }
}

export async function* upperCased(question: string): AsyncGenerator<string> {
  for await (const piece of chunks(question)) yield piece.toUpperCase();
}

export async function consume(question: string): Promise<void> {
  let all = '';
  for await (const piece of upperCased(question)) {
    all += piece;
  }
  logger.info({ all });
  const iterator = counter(2);
  let step = iterator.next();
  while (!step.done) step = iterator.next();
  logger.info({ result: step.value });
}

export const lazy = {
  *[Symbol.iterator]() {
    yield 1;
  },
  async *stream() {
    yield await Promise.resolve('x');
  },
};
`;

/** JSX in a .tsx file, with a minimal JSX namespace (no React types are installed). */
export const COMPONENT_TSX = `import OpenAI from 'openai';

declare global {
  namespace JSX {
    type Element = { type: unknown; props: unknown };
    interface IntrinsicElements {
      [name: string]: Record<string, unknown>;
    }
  }
}

const client = new OpenAI();

function Answer(props: { text: string; tokens?: number }): JSX.Element {
  return (
    <section className="answer" data-tokens={props.tokens ?? 0}>
      <p>{props.text}</p>
      {props.text.length > 100 ? <small>long answer</small> : null}
      <>
        <span>{...[props.text]}</span>
      </>
    </section>
  );
}

export async function Page(props: { question: string }): Promise<JSX.Element> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: props.question }] });
  const text = completion.choices[0]?.message.content ?? '';
  console.log('rendering', text);
  const items = text.split('\\n').map((line, index) => <li key={index}>{line}</li>);
  return (
    <main onClick={() => console.debug('clicked', text)}>
      <Answer text={text} tokens={completion.usage?.total_tokens} />
      <ul>{items}</ul>
    </main>
  );
}
`;

/** Unusual but valid syntax. */
export const ODD_SYNTAX = `${OPENAI_PRELUDE}
export enum Level { Low = 1, High = Low << 2, Mixed = 'mixed'.length }
export const enum Flag { A = 1, B = 2 }
export namespace Registry {
  export const items = new Map<string, number>();
  export namespace Nested {
    export function get(key: string): number | undefined {
      return items.get(key);
    }
  }
}
export namespace Registry {
  export const extra = 1;
}

export abstract class Base {
  static #count = 0;
  #secret = 'x';
  static {
    Base.#count += 1;
  }
  abstract describe(): string;
  get secret(): string {
    return this.#secret;
  }
  set secret(value: string) {
    this.#secret = value;
  }
  static get count(): number {
    return Base.#count;
  }
  has(other: object): boolean {
    return #secret in other;
  }
}

export function overloaded(value: string): string;
export function overloaded(value: number): number;
export function overloaded(value: string | number): string | number {
  return value;
}

export async function odd(question: string, maybe?: { run?: () => string; nested?: { deep?: (x: number) => number } }): Promise<void> {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';

  outer: for (let i = 0; i < 3; i += 1) {
    inner: for (let j = 0; j < 3; j += 1) {
      if (j === 1) continue outer;
      if (i === 2) break inner;
      if (text.length === i + j) break outer;
    }
  }
  block: {
    if (text) break block;
  }

  let counter = 0;
  const comma = (counter++, counter++, text);
  logger.info(comma);
  logger.info({ value: maybe?.run?.(), deep: maybe?.nested?.deep?.(1), call: maybe?.['run']?.() });

  const config = { model: 'gpt-4o', retries: 2 } satisfies Record<string, string | number>;
  const tuple = [text, 1] as const;
  const asserted = <string>(text as unknown);
  const nonNull = completion.choices[0]!.message;
  logger.info({ retries: config.retries, first: tuple[1], same: asserted === text, role: nonNull.role });

  const tag = (strings: TemplateStringsArray, ...values: unknown[]) => strings.raw.join('|') + values.length;
  logger.info(tag\`a\${1}b\${text.length}c\`);
  const big = 123_456_789n * 2n;
  const regex = /(?<word>\\w+)\\s+\\k<word>/giu;
  logger.info({ big: big.toString().length, match: regex.test('a a') });

  do {
    counter -= 1;
  } while (counter > 0);
  for (const key in completion) {
    if (key === 'id') continue;
  }
  switch (text.length % 3) {
    case 0:
    case 1:
      counter = 1;
    // falls through
    default:
      counter += 1;
  }
  try {
    if (counter > 5) throw new Error('too many');
  } finally {
    counter = 0;
  }
  const { a = 1, b: { c = text } = {}, ...rest } = { a: 2, b: { c: 'x' }, d: 3 } as { a?: number; b?: { c?: string }; d: number };
  logger.info({ a, rest, length: c.length });
  const computed = { [\`key-\${counter}\`]: 1, [Symbol.iterator]: null, get lazy() { return 1; } };
  void computed;
  void (() => new.target);
  logger.info(import.meta.url);
  const typed = typeof text === 'string' && text instanceof Object === false && 'length' in { length: 1 };
  void typed;
  const Klass = class extends Base {
    describe(): string {
      return super.secret;
    }
  };
  void new Klass();
  void delete (computed as Record<string, unknown>)['x'];
  void ((x: number) => x)(1);
}
`;

/** Code the parser accepts but that does not type-check: unresolved modules, names, arities. */
export const INCOMPLETE = `// @ts-nocheck is deliberately absent: the checker reports errors, the rules must still run.
import { missing } from './does-not-exist.js';
import Unknown from 'no-such-package';
import OpenAI from 'openai';

const client = new OpenAI();

export async function broken(question) {
  const completion = await client.chat.completions.create();
  const text = completion.choices[0].message.content;
  undefinedLogger.info(text);
  console.log(missing(text), Unknown.answer, notDeclared);
  const wrong: number = text;
  logger.info(wrong.toFixed());
  return completion.choices[99].message.nothere.deeper;
}

export function types(value: DoesNotExist<string>): AlsoMissing {
  return value.anything.goes();
}

export class Half implements NotAnInterface {
  field: UnknownType = unknownValue;
  method() {
    return this.other.thing;
  }
}

let implicit;
implicit = client.chat.completions.create({ model: 'gpt-4o', messages: [] });
console.log(implicit);
`;

/** JavaScript with JSDoc types (allowJs). */
export const PLAIN_JS = `import OpenAI from 'openai';

const client = new OpenAI();

/**
 * @param {string} question
 * @returns {Promise<string>}
 */
export async function ask(question) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const text = completion.choices[0]?.message.content ?? '';
  console.log(text);
  return text;
}

export const legacy = function () {
  var self = this;
  return arguments.length + (self ? 1 : 0);
};
`;

export const DECLARATIONS_DTS = `declare module 'in-house-llm' {
  export interface Reply {
    text: string;
  }
  export function ask(question: string): Promise<Reply>;
  export default ask;
}

declare global {
  interface Window {
    llmDebug?: boolean;
  }
  var APP_VERSION: string;
}

export declare function overload(a: string): string;
export declare function overload(a: number): number;
export type Deep<T> = T extends object ? { [K in keyof T]: Deep<T[K]> } : T;
export type Template = \`prefix-\${string}-suffix\`;
`;

export const HASHBANG = `#!/usr/bin/env node
console.log('hello from a script');
`;

export const COMMENTS_ONLY = `// Only comments.
/* Nothing to see here. */
/**
 * Not even a declaration.
 */
`;
