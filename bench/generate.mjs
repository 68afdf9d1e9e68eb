#!/usr/bin/env node
// Writes a synthetic but realistic TypeScript project for the speed benchmark.
//
//   node bench/generate.mjs --size 500 [--seed 42] [--mix chat|backend] [--out .bench-tmp/500]
//
// Two mixes:
// - `chat` (default): a Next.js + React chat app on the AI SDK and the OpenAI SDK, as real LLM apps
//   are written: UI components (.tsx) that take the SDKs' message types (`UIMessage` from `ai`,
//   `ChatCompletionMessageParam` from `openai`) and the app's own `ChatMessage { role; content }`,
//   hooks with `useState` of messages, zustand stores, route handlers that call `streamText` or
//   `fetch` `/v1/chat/completions`, server helpers (prompts, persistence, analytics, export) and the
//   business code around them. About 60 % of the files import an SDK or the app's message types.
// - `backend`: the first corpus, a mid-sized Node backend: domain models, utilities, business
//   services that import each other (including a few type-only cycles), HTTP handlers, and about
//   15 % of files that call LLM SDKs (openai, @anthropic-ai/sdk, ai, ollama) next to loggers (pino,
//   winston, console) and storage (pg, ioredis, fs). Kept to compare with older results.
// Both plant a few leaks (model output or conversation text logged or stored) among many files that
// only log or store metadata, as in real code. Output is deterministic for a given mix, size and
// seed, and type-checks with `tsc -p <dir>`. The project lives under the repository root so that
// imports resolve to the real packages in its node_modules and the types are the real ones.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SEED = 42;
export const MIXES = ['chat', 'backend'];
export const DEFAULT_MIX = 'chat';

/** The project's directory for a size: inside the repository so Node resolution finds node_modules. */
export function projectDir(size, mix = DEFAULT_MIX) {
  return path.join(REPO_ROOT, '.bench-tmp', mix === DEFAULT_MIX ? String(size) : `${mix}-${size}`);
}

// ------------------------------------------------------------------ deterministic randomness

/** mulberry32: tiny, fast and good enough to make the same project twice. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: items => items[Math.floor(next() * items.length)],
    chance: probability => next() < probability,
    sample(items, count) {
      const copy = [...items];
      const out = [];
      while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
}

// ------------------------------------------------------------------ names

const NOUNS = [
  'invoice', 'customer', 'order', 'shipment', 'product', 'coupon', 'payment', 'refund', 'account', 'session',
  'ticket', 'article', 'comment', 'project', 'task', 'team', 'member', 'report', 'booking', 'vehicle',
  'warehouse', 'supplier', 'contract', 'lead', 'campaign', 'subscription', 'plan', 'device', 'sensor', 'alert',
];
const FEATURES = [
  'summarizer', 'classifier', 'assistant', 'translator', 'extractor', 'reviewer', 'drafter', 'tagger', 'moderator', 'planner',
];

const pascal = word => word.charAt(0).toUpperCase() + word.slice(1);
const constCase = word => word.replace(/([a-z])([A-Z0-9])/g, '$1_$2').toUpperCase();

// ------------------------------------------------------------------ file kinds

/** Share of files per kind; LLM files are ~15 %. */
const MIX = [
  ['domain', 0.15],
  ['util', 0.13],
  ['service', 0.4],
  ['handler', 0.17],
  ['llm', 0.15],
];

function planFiles(size, random) {
  // Fixed infrastructure files every project has.
  const fixed = ['src/lib/logger.ts', 'src/lib/config.ts', 'src/index.ts'];
  const remaining = size - fixed.length;
  const counts = Object.fromEntries(MIX.map(([kind, share]) => [kind, Math.max(1, Math.round(remaining * share))]));
  // Make the total exact by adjusting services.
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  counts.service += remaining - total;
  const files = { fixed, domain: [], util: [], service: [], handler: [], llm: [] };
  for (let i = 0; i < counts.domain; i += 1) {
    const name = `${NOUNS[i % NOUNS.length]}${Math.floor(i / NOUNS.length) || ''}`;
    files.domain.push({ kind: 'domain', index: i, name, path: `src/domain/${name}.ts` });
  }
  for (let i = 0; i < counts.util; i += 1) files.util.push({ kind: 'util', index: i, name: `util${i}`, path: `src/util/util-${i}.ts` });
  for (let i = 0; i < counts.service; i += 1) {
    const entity = files.domain[i % files.domain.length];
    files.service.push({ kind: 'service', index: i, entity, name: `${entity.name}Service${i}`, path: `src/services/${entity.name}-service-${i}.ts` });
  }
  for (let i = 0; i < counts.llm; i += 1) {
    const feature = `${FEATURES[i % FEATURES.length]}${i}`;
    files.llm.push({ kind: 'llm', index: i, name: feature, variant: i % LLM_VARIANTS.length, path: `src/llm/${feature}.ts` });
  }
  for (let i = 0; i < counts.handler; i += 1) files.handler.push({ kind: 'handler', index: i, name: `handler${i}`, path: `src/http/routes-${i}.ts` });
  void random;
  return files;
}

/** A relative ESM import specifier (NodeNext wants the `.js` extension). */
function importPath(from, to) {
  let rel = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '.js');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

// ------------------------------------------------------------------ infrastructure

function loggerFile() {
  return `// Shared structured logger.
import pino from 'pino';

export const logger = pino({
  name: 'app',
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'password'],
});

export type AppLogger = typeof logger;

export function childLogger(component: string): AppLogger {
  return logger.child({ component });
}
`;
}

function configFile() {
  return `// Runtime configuration read once from the environment.
export interface AppConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  openaiModel: string;
  anthropicModel: string;
  ollamaHost: string;
  featureFlags: Record<string, boolean>;
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const parsed = raw === undefined ? Number.NaN : Number.parseInt(raw, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export const config: AppConfig = {
  port: readNumber('PORT', 3000),
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://localhost:5432/app',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  openaiModel: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
  anthropicModel: process.env.ANTHROPIC_MODEL ?? 'claude-sonnet-4-5',
  ollamaHost: process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434',
  featureFlags: Object.fromEntries(
    (process.env.FEATURES ?? '')
      .split(',')
      .filter(Boolean)
      .map(flag => [flag.trim(), true]),
  ),
};
`;
}

function indexFile(files) {
  const lines = ['// Entry point: registers every route module.'];
  const handlers = files.handler;
  handlers.forEach(handler => {
    lines.push(`import { routes as routes${handler.index} } from '${importPath('src/index.ts', handler.path)}';`);
  });
  lines.push(`import { logger } from './lib/logger.js';`);
  lines.push(`import { config } from './lib/config.js';`);
  lines.push('');
  lines.push('export type Route = (request: Request) => Promise<Response>;');
  lines.push('');
  lines.push('export const routes: Record<string, Route> = {');
  handlers.forEach(handler => lines.push(`  ...routes${handler.index},`));
  lines.push('};');
  lines.push('');
  lines.push(`logger.info({ routes: Object.keys(routes).length, port: config.port }, 'routes registered');`);
  return `${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ domain models

const FIELD_TYPES = [
  ['string', "''"],
  ['number', '0'],
  ['boolean', 'false'],
  ['string[]', '[]'],
  ['Date', 'new Date(0)'],
];
const FIELD_NAMES = ['reference', 'priority', 'region', 'currency', 'notes', 'score', 'archived', 'labels', 'dueAt', 'version', 'source', 'rating', 'quantity', 'externalId'];

function domainFile(file, random) {
  const T = pascal(file.name);
  const extra = random.sample(FIELD_NAMES, random.int(2, 6)).map(name => [name, ...random.pick(FIELD_TYPES)]);
  const statuses = random.pick([
    ['draft', 'active', 'archived'],
    ['pending', 'approved', 'rejected', 'cancelled'],
    ['open', 'in_progress', 'closed'],
  ]);
  return `// Domain model: ${file.name}.
export type ${T}Status = ${statuses.map(s => `'${s}'`).join(' | ')};

export const ${constCase(T)}_STATUSES: readonly ${T}Status[] = [${statuses.map(s => `'${s}'`).join(', ')}];

export interface ${T} {
  id: string;
  ownerId: string;
  title: string;
  amountCents: number;
  status: ${T}Status;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
${extra.map(([name, type]) => `  ${name}: ${type};`).join('\n')}
}

export interface ${T}Filter {
  status?: ${T}Status;
  ownerId?: string;
  text?: string;
  minAmountCents?: number;
}

export type ${T}Patch = Partial<Omit<${T}, 'id' | 'createdAt'>>;

export function is${T}Status(value: string): value is ${T}Status {
  return (${constCase(T)}_STATUSES as readonly string[]).includes(value);
}

export function create${T}(input: Pick<${T}, 'id' | 'ownerId' | 'title'> & Partial<${T}>): ${T} {
  const now = new Date();
  return {
    amountCents: 0,
    status: '${statuses[0]}',
    tags: [],
    createdAt: now,
    updatedAt: now,
${extra.map(([name, , init]) => `    ${name}: ${init},`).join('\n')}
    ...input,
  };
}

export function matches${T}(item: ${T}, filter: ${T}Filter): boolean {
  if (filter.status && item.status !== filter.status) return false;
  if (filter.ownerId && item.ownerId !== filter.ownerId) return false;
  if (filter.minAmountCents !== undefined && item.amountCents < filter.minAmountCents) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    return item.title.toLowerCase().includes(needle) || item.tags.some(tag => tag.toLowerCase().includes(needle));
  }
  return true;
}

export function apply${T}Patch(item: ${T}, patch: ${T}Patch): ${T} {
  return { ...item, ...patch, updatedAt: new Date() };
}

export function compare${T}(a: ${T}, b: ${T}): number {
  return b.updatedAt.getTime() - a.updatedAt.getTime() || a.title.localeCompare(b.title);
}
`;
}

// ------------------------------------------------------------------ utilities

const UTIL_SNIPPETS = [
  n => `export function chunk${n}<T>(items: readonly T[], size: number): T[][] {
  if (size <= 0) throw new RangeError('size must be positive');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}`,
  n => `export function groupBy${n}<T, K extends string | number>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const bucket = groups.get(k);
    if (bucket) bucket.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}`,
  n => `export function slugify${n}(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}`,
  n => `export async function retry${n}<T>(operation: () => Promise<T>, attempts = 3, baseDelayMs = 100): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      await new Promise(resolve => setTimeout(resolve, baseDelayMs * 2 ** attempt));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}`,
  n => `export function formatMoney${n}(cents: number, currency = 'EUR', locale = 'en-GB'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}`,
  n => `export function parseDuration${n}(text: string): number {
  const match = /^(\\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(\`invalid duration: \${text}\`);
  const value = Number(match[1]);
  const unit = match[2];
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000;
  return value * factor;
}`,
  n => `export function clamp${n}(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}`,
  n => `export class LruCache${n}<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
  get size(): number {
    return this.entries.size;
  }
}`,
  n => `export function debounce${n}<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): (...args: A) => void {
  let timer: NodeJS.Timeout | undefined;
  return (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}`,
  n => `export function deepMerge${n}<T extends Record<string, unknown>>(target: T, source: Partial<T>): T {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const current = out[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      out[key] = deepMerge${n}(current as Record<string, unknown>, value as Record<string, unknown>);
    } else if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as T;
}`,
  n => `export function toCsv${n}(rows: readonly Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0] ?? {});
  const escape = (value: string | number | boolean | null): string => {
    const text = value === null ? '' : String(value);
    return /[",\\n]/.test(text) ? \`"\${text.replace(/"/g, '""')}"\` : text;
  };
  return [headers.join(','), ...rows.map(row => headers.map(h => escape(row[h] ?? null)).join(','))].join('\\n');
}`,
  n => `export function percentile${n}(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}`,
];

function utilFile(file, random) {
  const snippets = random.sample(UTIL_SNIPPETS.map((_, i) => i), random.int(4, 8)).sort((a, b) => a - b);
  return `// Utilities (${file.name}).\n\n${snippets.map(i => UTIL_SNIPPETS[i](file.index)).join('\n\n')}\n`;
}

// ------------------------------------------------------------------ services

const UTIL_USES = {
  chunk: (n, T) => `  exportBatches(size = 50): ${T}[][] {\n    return chunk${n}([...this.items.values()], size);\n  }`,
  groupBy: (n, T) => `  countByStatus(): Record<string, number> {\n    const groups = groupBy${n}([...this.items.values()], item => item.status);\n    return Object.fromEntries([...groups].map(([status, items]) => [status, items.length]));\n  }`,
  slugify: (n) => `  slugFor(id: string): string {\n    const item = this.items.get(id);\n    return item ? slugify${n}(\`\${item.title}-\${item.id}\`) : '';\n  }`,
  formatMoney: (n) => `  describeAmount(id: string): string {\n    const item = this.items.get(id);\n    return item ? formatMoney${n}(item.amountCents) : 'n/a';\n  }`,
  clamp: (n) => `  page(offset: number, limit: number) {\n    const all = this.list({});\n    const start = clamp${n}(offset, 0, all.length);\n    return all.slice(start, start + clamp${n}(limit, 1, 100));\n  }`,
  percentile: (n) => `  amountP95(): number {\n    return percentile${n}([...this.items.values()].map(item => item.amountCents), 95);\n  }`,
};
const UTIL_EXPORT_BY_SNIPPET = ['chunk', 'groupBy', 'slugify', 'retry', 'formatMoney', 'parseDuration', 'clamp', 'LruCache', 'debounce', 'deepMerge', 'toCsv', 'percentile'];

function serviceFile(file, files, utilContents, random) {
  const entity = file.entity;
  const T = pascal(entity.name);
  const cls = pascal(file.name);
  const imports = new Map();
  const addImport = (target, names, typeOnly = false) => {
    const spec = importPath(file.path, target);
    const entry = imports.get(spec) ?? { names: new Set(), typeOnly };
    names.forEach(name => entry.names.add(name));
    entry.typeOnly = entry.typeOnly && typeOnly;
    imports.set(spec, entry);
  };
  addImport(entity.path, [T, `${T}Filter`, `${T}Patch`], true);
  addImport(entity.path, [`create${T}`, `matches${T}`, `apply${T}Patch`, `compare${T}`, `is${T}Status`]);
  addImport('src/lib/logger.ts', ['childLogger']);

  // Utility methods, from utilities that really export them.
  const methods = [];
  for (const util of random.sample(files.util, random.int(1, 3))) {
    const available = utilContents.get(util.path);
    for (const kind of random.sample(Object.keys(UTIL_USES), 2)) {
      const snippetIndex = UTIL_EXPORT_BY_SNIPPET.indexOf(kind);
      if (!available.has(snippetIndex) || methods.some(m => m.kind === kind)) continue;
      addImport(util.path, [`${kind}${util.index}`]);
      methods.push({ kind, code: UTIL_USES[kind](util.index, T) });
    }
  }

  // Collaborators: earlier services (a DAG), and sometimes a later one as a type-only import (a cycle).
  const collaborators = [];
  const earlier = files.service.slice(0, file.index);
  for (const other of random.sample(earlier, random.int(0, Math.min(2, earlier.length)))) {
    addImport(other.path, [pascal(other.name)]);
    collaborators.push({ field: `${other.name}`, cls: pascal(other.name), typeOnly: false });
  }
  const later = files.service.slice(file.index + 1);
  if (later.length > 0 && random.chance(0.12)) {
    const other = random.pick(later);
    addImport(other.path, [pascal(other.name)], true);
    collaborators.push({ field: `${other.name}`, cls: pascal(other.name), typeOnly: true });
  }

  const importLines = [...imports].map(([spec, { names, typeOnly }]) => `import ${typeOnly ? 'type ' : ''}{ ${[...names].join(', ')} } from '${spec}';`);
  // Collaborators are optional (a DI container fills them in), so handlers can build a service alone.
  const ctorParams = collaborators.map(c => `    private readonly ${c.field}?: ${c.cls},`);
  const collaboratorUses = collaborators.map(
    c => `  describeWith${pascal(c.field)}(): string {\n    return \`\${this.items.size} items, peer: \${this.${c.field}?.constructor.name ?? 'none'}\`;\n  }`,
  );

  const extraQueries = Array.from({ length: random.int(1, 4) }, (_, q) => {
    const threshold = random.int(100, 100_000);
    return `  query${q}(ownerId: string): ${T}[] {
    const result: ${T}[] = [];
    for (const item of this.items.values()) {
      if (item.ownerId !== ownerId) continue;
      if (item.amountCents >= ${threshold} || item.tags.includes('vip')) {
        result.push(item);
      }
    }
    this.log.debug({ ownerId, matches: result.length, query: ${q} }, 'query executed');
    return result.sort(compare${T});
  }`;
  });

  return `// Business service for ${entity.name} records (${file.name}).
${importLines.join('\n')}

export class ${T}NotFoundError extends Error {
  constructor(readonly id: string) {
    super(\`${entity.name} \${id} not found\`);
    this.name = '${T}NotFoundError';
  }
}

export class ${cls} {
  private readonly items = new Map<string, ${T}>();
  private readonly log = childLogger('${file.name}');
  private sequence = 0;
${ctorParams.length > 0 ? `\n  constructor(\n${ctorParams.join('\n')}\n  ) {}\n` : ''}
  create(ownerId: string, title: string, amountCents = 0): ${T} {
    this.sequence += 1;
    const id = \`${entity.name}-\${Date.now().toString(36)}-\${this.sequence}\`;
    const item = create${T}({ id, ownerId, title, amountCents });
    this.items.set(id, item);
    this.log.info({ id, ownerId, amountCents }, '${entity.name} created');
    return item;
  }

  get(id: string): ${T} {
    const item = this.items.get(id);
    if (!item) throw new ${T}NotFoundError(id);
    return item;
  }

  update(id: string, patch: ${T}Patch): ${T} {
    const updated = apply${T}Patch(this.get(id), patch);
    this.items.set(id, updated);
    this.log.info({ id, fields: Object.keys(patch) }, '${entity.name} updated');
    return updated;
  }

  setStatus(id: string, status: string): ${T} {
    if (!is${T}Status(status)) {
      this.log.warn({ id, status }, 'rejected unknown status');
      throw new TypeError(\`unknown status \${status}\`);
    }
    return this.update(id, { status });
  }

  list(filter: ${T}Filter): ${T}[] {
    return [...this.items.values()].filter(item => matches${T}(item, filter)).sort(compare${T});
  }

  totals(): { count: number; amountCents: number; byOwner: Map<string, number> } {
    const byOwner = new Map<string, number>();
    let amountCents = 0;
    for (const item of this.items.values()) {
      amountCents += item.amountCents;
      byOwner.set(item.ownerId, (byOwner.get(item.ownerId) ?? 0) + item.amountCents);
    }
    return { count: this.items.size, amountCents, byOwner };
  }

  remove(id: string): boolean {
    const removed = this.items.delete(id);
    if (removed) this.log.info({ id }, '${entity.name} removed');
    return removed;
  }

  async applyEvents(events: readonly { id: string; type: 'tag' | 'untag' | 'retitle'; value: string }[]): Promise<number> {
    let applied = 0;
    for (const event of events) {
      try {
        const item = this.get(event.id);
        switch (event.type) {
          case 'tag':
            this.update(event.id, { tags: [...new Set([...item.tags, event.value])] });
            break;
          case 'untag':
            this.update(event.id, { tags: item.tags.filter(tag => tag !== event.value) });
            break;
          case 'retitle':
            this.update(event.id, { title: event.value.trim() || item.title });
            break;
        }
        applied += 1;
      } catch (error) {
        this.log.error({ err: error, eventId: event.id, type: event.type }, 'event failed');
      }
    }
    await Promise.resolve();
    return applied;
  }

${[...methods.map(m => m.code), ...collaboratorUses, ...extraQueries].join('\n\n')}
}
`;
}

// ------------------------------------------------------------------ HTTP handlers

function handlerFile(file, files, random) {
  const services = random.sample(files.service, random.int(1, 3));
  const llm = files.llm.length > 0 && random.chance(0.35) ? random.pick(files.llm) : undefined;
  const imports = services.map(s => `import { ${pascal(s.name)} } from '${importPath(file.path, s.path)}';`);
  if (llm) imports.push(`import { ${LLM_VARIANTS[llm.variant].entry(llm.name)} } from '${importPath(file.path, llm.path)}';`);
  imports.push(`import { childLogger } from '${importPath(file.path, 'src/lib/logger.ts')}';`);

  const instances = services.map(s => `const ${s.name} = new ${pascal(s.name)}();`);

  const routes = services.flatMap(s => {
    const base = `/api/${s.entity.name}s/v${s.index}`;
    return [
      `  'GET ${base}': async request => {
    const url = new URL(request.url);
    const items = ${s.name}.list({ ownerId: url.searchParams.get('owner') ?? undefined, text: url.searchParams.get('q') ?? undefined });
    log.info({ route: '${base}', count: items.length }, 'listed');
    return Response.json({ items, total: items.length });
  },`,
      `  'POST ${base}': async request => {
    const body = (await request.json()) as { ownerId?: string; title?: string; amountCents?: number };
    if (!body.ownerId || !body.title) {
      return Response.json({ error: 'ownerId and title are required' }, { status: 400 });
    }
    const created = ${s.name}.create(body.ownerId, body.title, body.amountCents ?? 0);
    return Response.json(created, { status: 201 });
  },`,
      `  'DELETE ${base}': async request => {
    const id = new URL(request.url).searchParams.get('id') ?? '';
    const removed = ${s.name}.remove(id);
    log.info({ route: '${base}', id, removed }, 'delete');
    return new Response(null, { status: removed ? 204 : 404 });
  },`,
    ];
  });
  if (llm) {
    routes.push(`  'POST /api/ai/${llm.name}': async request => {
    const { text } = (await request.json()) as { text: string };
    const started = Date.now();
    const result = await ${LLM_VARIANTS[llm.variant].entry(llm.name)}(text);
    log.info({ route: '${llm.name}', ms: Date.now() - started }, 'ai route served');
    return Response.json({ result });
  },`);
  }

  return `// HTTP routes (${file.name}).
${imports.join('\n')}

type Route = (request: Request) => Promise<Response>;

const log = childLogger('${file.name}');
${instances.join('\n')}

export const routes: Record<string, Route> = {
${routes.join('\n')}
};
`;
}

// ------------------------------------------------------------------ LLM features

/**
 * Variants of LLM feature files. Each exports `entry(name)` (the function handlers call). Some leak
 * model output into a logger, some persist it, most only log metadata: like real code.
 */
const LLM_VARIANTS = [
  {
    // OpenAI chat + pino: metadata logged, the answer leaks on a debug path.
    entry: name => `run${pascal(name)}`,
    code: (name, random) => `import OpenAI from 'openai';
import { createHash } from 'node:crypto';

import { childLogger } from '../lib/logger.js';
import { config } from '../lib/config.js';

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, maxRetries: 2 });
const log = childLogger('${name}');

const SYSTEM = 'You are the ${name} for an internal business tool. Be concise.';

export async function run${pascal(name)}(input: string): Promise<string> {
  const started = Date.now();
  const completion = await client.chat.completions.create({
    model: config.openaiModel,
    temperature: ${(random.int(0, 10) / 10).toFixed(1)},
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: input },
    ],
  });
  const answer = completion.choices[0]?.message.content ?? '';
  log.info({ id: completion.id, model: completion.model, tokens: completion.usage?.total_tokens, ms: Date.now() - started }, 'completion');
  log.info({ digest: createHash('sha256').update(answer).digest('hex').slice(0, 12), chars: answer.length });
  if (process.env.DEBUG_${constCase(pascal(name))}) {
    log.debug({ answer }, 'raw answer');
  }
  return answer.trim();
}

export async function batch${pascal(name)}(inputs: readonly string[]): Promise<string[]> {
  const results: string[] = [];
  for (const input of inputs) {
    results.push(await run${pascal(name)}(input));
  }
  log.info({ count: results.length }, 'batch done');
  return results;
}
`,
  },
  {
    // Anthropic streaming + winston, persisted to Postgres.
    entry: name => `stream${pascal(name)}`,
    code: name => `import Anthropic from '@anthropic-ai/sdk';
import pg from 'pg';
import winston from 'winston';

import { config } from '../lib/config.js';

const anthropic = new Anthropic();
const pool = new pg.Pool({ connectionString: config.databaseUrl });
const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });

export async function stream${pascal(name)}(input: string): Promise<string> {
  const stream = anthropic.messages.stream({
    model: config.anthropicModel,
    max_tokens: 1024,
    messages: [{ role: 'user', content: input }],
  });
  let chars = 0;
  stream.on('text', delta => {
    chars += delta.length;
  });
  stream.on('error', error => logger.error('${name} stream failed', { message: error.message }));
  const message = await stream.finalMessage();
  const text = message.content.map(block => (block.type === 'text' ? block.text : '')).join('');
  logger.info('${name} finished', { id: message.id, stop: message.stop_reason, out: message.usage.output_tokens, chars });
  await pool.query('insert into ${name}_results (message_id, output_tokens, body) values ($1, $2, $3)', [message.id, message.usage.output_tokens, text]);
  return text;
}

export async function recent${pascal(name)}(limit = 20): Promise<{ id: string; tokens: number }[]> {
  const result = await pool.query<{ message_id: string; output_tokens: number }>('select message_id, output_tokens from ${name}_results order by id desc limit $1', [limit]);
  logger.info('${name} recent', { rows: result.rowCount });
  return result.rows.map(row => ({ id: row.message_id, tokens: row.output_tokens }));
}
`,
  },
  {
    // Vercel AI SDK with onFinish; the text is cached in Redis and leaks to the console.
    entry: name => `generate${pascal(name)}`,
    code: name => `import { openai } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { Redis } from 'ioredis';

import { config } from '../lib/config.js';

const redis = new Redis(config.redisUrl);

export async function generate${pascal(name)}(input: string): Promise<string> {
  const cacheKey = \`${name}:\${input.length}:\${input.slice(0, 32)}\`;
  const cached = await redis.get(cacheKey);
  if (cached) {
    console.info('${name} cache hit', cacheKey.length);
    return cached;
  }
  const { text, usage, finishReason } = await generateText({
    model: openai(config.openaiModel),
    system: 'You are the ${name}.',
    prompt: input,
  });
  console.info('${name} generated', usage.totalTokens, finishReason);
  await redis.set(cacheKey, text, 'EX', 3600);
  return text;
}

export function stream${pascal(name)}(input: string): Response {
  const result = streamText({
    model: openai(config.openaiModel),
    prompt: input,
    onFinish({ text, usage }) {
      console.log('${name} stream finished', usage.totalTokens, text.slice(0, 80));
    },
    onError({ error }) {
      console.error('${name} stream error', error);
    },
  });
  return result.toTextStreamResponse();
}
`,
  },
  {
    // Ollama on localhost; results written to a JSONL file; metadata only logged.
    entry: name => `local${pascal(name)}`,
    code: name => `import { appendFile } from 'node:fs/promises';

import { Ollama } from 'ollama';

import { config } from '../lib/config.js';
import { childLogger } from '../lib/logger.js';

const ollama = new Ollama({ host: config.ollamaHost });
const log = childLogger('${name}');

export async function local${pascal(name)}(input: string): Promise<string> {
  const response = await ollama.chat({
    model: 'llama3.1',
    messages: [
      { role: 'system', content: 'You are the ${name}.' },
      { role: 'user', content: input },
    ],
  });
  log.info({ evalCount: response.eval_count, durationMs: Math.round(response.total_duration / 1e6), done: response.done_reason }, '${name} answered');
  await appendFile('./data/${name}.jsonl', \`\${JSON.stringify({ at: Date.now(), answer: response.message.content })}\\n\`);
  return response.message.content;
}

export async function localStream${pascal(name)}(input: string): Promise<number> {
  const stream = await ollama.generate({ model: 'llama3.1', prompt: input, stream: true });
  let parts = 0;
  for await (const part of stream) {
    parts += 1;
    if (part.done) log.info({ parts, tokens: part.eval_count }, '${name} stream done');
  }
  return parts;
}
`,
  },
  {
    // OpenAI Responses API with a project helper that logs; the helper is called with the output.
    entry: name => `ask${pascal(name)}`,
    code: name => `import OpenAI from 'openai';

import { config } from '../lib/config.js';
import { logger } from '../lib/logger.js';

const client = new OpenAI();

function audit(event: string, detail: string): void {
  logger.info({ event, detail }, 'audit');
}

export async function ask${pascal(name)}(input: string): Promise<string> {
  const response = await client.responses.create({ model: config.openaiModel, input });
  audit('${name}.answered', \`\${response.id} \${response.usage?.total_tokens ?? 0}\`);
  if (response.status !== 'completed') {
    audit('${name}.incomplete', response.output_text);
  }
  return response.output_text;
}

export async function askMany${pascal(name)}(inputs: string[]): Promise<number> {
  const responses = await Promise.all(inputs.map(input => client.responses.create({ model: config.openaiModel, input })));
  const tokens = responses.reduce((sum, response) => sum + (response.usage?.total_tokens ?? 0), 0);
  logger.info({ count: responses.length, tokens }, '${name} batch');
  return tokens;
}
`,
  },
];

function llmFile(file, random) {
  return `// LLM feature: ${file.name}.\n${LLM_VARIANTS[file.variant].code(file.name, random)}`;
}

// ------------------------------------------------------------------ the chat-app mix (default)
//
// A Next.js (App Router) + React chat app on the AI SDK and the OpenAI SDK, as real LLM apps are
// written: the app's own message type next to the SDKs' (`UIMessage` from `ai`,
// `ChatCompletionMessageParam` from `openai`) in UI components, hooks with `useState` of messages,
// zustand stores, route handlers that call `streamText` or `fetch` `/v1/chat/completions`,
// server-side helpers (prompt building, persistence, analytics, export), plus the business code
// every app also has (users, billing, ...: the backend mix's domain, util and service files).
// About 60 % of the files import an SDK or the app's message types; a few plant a leak
// (logging or storing conversation text), most are safe look-alikes that log or store metadata.

/** Share of files per kind in the chat mix. */
const CHAT_MIX = [
  ['component', 0.3],
  ['hook', 0.08],
  ['route', 0.1],
  ['page', 0.04],
  ['store', 0.04],
  ['chatlib', 0.12],
  ['domain', 0.08],
  ['util', 0.08],
  ['service', 0.16],
];
const CHAT_FIXED = ['src/lib/types.ts', 'src/lib/messages.ts', 'src/lib/utils.ts', 'src/lib/logger.ts', 'src/lib/config.ts'];
const AREAS = ['chat', 'assistant', 'support', 'research', 'writer', 'tutor', 'coder', 'search', 'notes', 'agent'];
const MESSAGE_COMPONENTS = ['MessageBubble', 'MessageList', 'ChatInput', 'ConversationItem', 'CompletionView', 'AnswerCard', 'ChatHeader'];
const UI_COMPONENTS = ['Button', 'Card', 'Badge', 'Panel', 'Tooltip', 'Avatar', 'Toolbar', 'Callout'];
const ROUTE_KINDS = ['stream', 'fetch', 'sdk-stream', 'business', 'summary'];
const CHATLIB_KINDS = ['prompt', 'db', 'action', 'analytics', 'export'];

const kebab = name => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
/** The `@/...` alias of a source file (tsconfig `paths`), as Next.js apps import. */
const alias = file => `@/${file.replace(/^src\//, '').replace(/\.tsx?$/, '')}`;
/** Deterministic planted leaks: one file in `every` of a kind (the third, the (every+3)th, ...). */
const leaky = (file, every) => file.index % every === 2;

function planChatFiles(size) {
  const remaining = size - CHAT_FIXED.length;
  const counts = Object.fromEntries(CHAT_MIX.map(([kind, share]) => [kind, Math.max(1, Math.round(remaining * share))]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  counts.service += remaining - total;
  if (counts.service < 1) {
    counts.component -= 1 - counts.service;
    counts.service = 1;
  }
  const files = { fixed: CHAT_FIXED, domain: [], util: [], service: [], component: [], hook: [], route: [], page: [], store: [], chatlib: [] };
  for (let i = 0; i < counts.domain; i += 1) {
    const name = `${NOUNS[i % NOUNS.length]}${Math.floor(i / NOUNS.length) || ''}`;
    files.domain.push({ kind: 'domain', index: i, name, path: `src/server/domain/${name}.ts` });
  }
  for (let i = 0; i < counts.util; i += 1) files.util.push({ kind: 'util', index: i, name: `util${i}`, path: `src/server/util/util-${i}.ts` });
  for (let i = 0; i < counts.service; i += 1) {
    const entity = files.domain[i % files.domain.length];
    files.service.push({ kind: 'service', index: i, entity, name: `${entity.name}Service${i}`, path: `src/server/services/${entity.name}-service-${i}.ts` });
  }
  for (let i = 0; i < counts.component; i += 1) {
    const area = AREAS[i % AREAS.length];
    if (i % 4 === 3) {
      const base = UI_COMPONENTS[Math.floor(i / 4) % UI_COMPONENTS.length];
      files.component.push({ kind: 'component', ui: true, index: i, exportName: `${base}${i}`, base, path: `src/components/ui/${kebab(base)}-${i}.tsx` });
    } else {
      const variant = (i - Math.floor(i / 4)) % MESSAGE_COMPONENTS.length;
      const base = MESSAGE_COMPONENTS[variant];
      files.component.push({ kind: 'component', ui: false, variant, index: i, exportName: `${base}${i}`, base, path: `src/components/${area}/${kebab(base)}-${i}.tsx` });
    }
  }
  for (let i = 0; i < counts.hook; i += 1) {
    const streaming = i % 2 === 0;
    const exportName = streaming ? `useConversation${i}` : `useChatSettings${i}`;
    files.hook.push({ kind: 'hook', index: i, streaming, exportName, path: `src/hooks/${kebab(exportName).replace(/(\d+)$/, '-$1')}.ts` });
  }
  for (let i = 0; i < counts.route; i += 1) {
    const slug = `${AREAS[i % AREAS.length]}-${i}`;
    files.route.push({ kind: 'route', index: i, slug, variant: ROUTE_KINDS[i % ROUTE_KINDS.length], path: `src/app/api/${slug}/route.ts` });
  }
  for (let i = 0; i < counts.page; i += 1) files.page.push({ kind: 'page', index: i, path: `src/app/${AREAS[i % AREAS.length]}-${i}/page.tsx` });
  for (let i = 0; i < counts.store; i += 1) files.store.push({ kind: 'store', index: i, exportName: `useChatStore${i}`, path: `src/stores/chat-store-${i}.ts` });
  for (let i = 0; i < counts.chatlib; i += 1) {
    const variant = CHATLIB_KINDS[i % CHATLIB_KINDS.length];
    files.chatlib.push({ kind: 'chatlib', index: i, variant, path: `src/lib/chat/${variant}-${i}.ts` });
  }
  return files;
}

function chatTypesFile() {
  return `// App-wide chat types: the app's own message shape next to the AI SDK's UI message.
import type { UIMessage } from 'ai';

export type Role = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  id: string;
  role: Role;
  content: string;
  createdAt: number;
}

export interface Conversation {
  id: string;
  title: string;
  model: string;
  messages: ChatMessage[];
  updatedAt: number;
  pinned: boolean;
}

export interface MessageMetadata {
  model?: string;
  totalTokens?: number;
  createdAt?: number;
}

export type AppUIMessage = UIMessage<MessageMetadata>;

export type ChatStatus = 'idle' | 'streaming' | 'error';

export interface ChatSettings {
  model: string;
  temperature: number;
  streaming: boolean;
  fontSize: number;
}

export const DEFAULT_SETTINGS: ChatSettings = {
  model: 'gpt-4o-mini',
  temperature: 0.7,
  streaming: true,
  fontSize: 14,
};

export const MODELS = ['gpt-4o-mini', 'gpt-4o', 'o4-mini'] as const;
export type ModelId = (typeof MODELS)[number];
`;
}

function chatMessagesFile() {
  return `// Conversions between the app's messages, AI SDK UI messages and OpenAI chat messages.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import type { AppUIMessage, ChatMessage } from './types';

let counter = 0;

export function createId(prefix = 'msg'): string {
  counter += 1;
  return prefix + '-' + Date.now().toString(36) + '-' + counter.toString(36);
}

export function textOf(message: AppUIMessage): string {
  return message.parts.map(part => (part.type === 'text' ? part.text : '')).join('');
}

export function toChatMessage(message: AppUIMessage): ChatMessage {
  return { id: message.id, role: message.role, content: textOf(message), createdAt: message.metadata?.createdAt ?? Date.now() };
}

export function toUIMessages(messages: readonly ChatMessage[]): AppUIMessage[] {
  return messages.map(message => ({
    id: message.id,
    role: message.role,
    parts: [{ type: 'text', text: message.content }],
    metadata: { createdAt: message.createdAt },
  }));
}

export function toOpenAIMessages(messages: readonly ChatMessage[], system?: string): ChatCompletionMessageParam[] {
  const history: ChatCompletionMessageParam[] = messages.map(message => ({ role: message.role, content: message.content }));
  return system ? [{ role: 'system', content: system }, ...history] : history;
}

export function contentText(message: ChatCompletionMessageParam): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map(part => ('text' in part ? part.text : '')).join('');
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
`;
}

function chatUtilsFile() {
  return `// Small UI helpers.
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(' ');
}

export function formatTime(timestamp: number, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(timestamp));
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}

export function plural(count: number, word: string): string {
  return count + ' ' + word + (count === 1 ? '' : 's');
}
`;
}

// --- UI components (.tsx)

function uiComponentFile(file) {
  const N = file.exportName;
  return `// UI primitive: ${file.base}.
import type { ReactNode } from 'react';

import { cn } from '@/lib/utils';

export interface ${N}Props {
  children: ReactNode;
  className?: string;
  tone?: 'neutral' | 'accent' | 'danger';
  onClick?: () => void;
}

export function ${N}({ children, className, tone = 'neutral', onClick }: ${N}Props) {
  return (
    <div role={onClick ? 'button' : undefined} className={cn('${kebab(file.base)}', 'tone-' + tone, className)} onClick={onClick}>
      {children}
    </div>
  );
}
`;
}

/**
 * Message components: each variant's code, and how a page uses it (with the page's variables
 * `messages`, `uiMessages`, `openaiMessages`, `conversations`, `status`, `send`).
 */
const MESSAGE_COMPONENT_VARIANTS = [
  // MessageBubble: an AI SDK UIMessage, with copy to clipboard.
  {
    use: N => `{uiMessages.map(message => <${N} key={message.id} message={message} />)}`,
    code: (N, file) => `'use client';
import { useCallback, useState } from 'react';

import { textOf } from '@/lib/messages';
import type { AppUIMessage } from '@/lib/types';
import { cn } from '@/lib/utils';

export interface ${N}Props {
  message: AppUIMessage;
  compact?: boolean;
}

export function ${N}({ message, compact = false }: ${N}Props) {
  const [copied, setCopied] = useState(false);
  const text = textOf(message);
  const onCopy = useCallback(async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    ${leaky(file, 13) ? "console.log('copied message', message.id, text);" : "console.debug('copied message', message.id, text.length);"}
  }, [message.id, text]);
  return (
    <div className={cn('message', message.role === 'user' ? 'message-user' : 'message-assistant', compact && 'message-compact')}>
      {message.parts.map((part, index) =>
        part.type === 'text' ? (
          <p key={index}>{part.text}</p>
        ) : part.type === 'reasoning' ? (
          <details key={index}>
            <summary>Reasoning</summary>
            {part.text}
          </details>
        ) : null,
      )}
      <button type="button" onClick={() => void onCopy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
`,
  },
  // MessageList: the app's ChatMessage[].
  {
    use: N => `<${N} messages={messages} status={status} />`,
    code: N => `'use client';
import { useEffect, useMemo, useRef } from 'react';

import type { ChatMessage, ChatStatus } from '@/lib/types';
import { formatTime } from '@/lib/utils';

export function ${N}({ messages, status }: { messages: ChatMessage[]; status: ChatStatus }) {
  const bottom = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => messages.filter(message => message.role !== 'system'), [messages]);
  useEffect(() => {
    bottom.current?.scrollIntoView({ behavior: 'smooth' });
  }, [visible.length]);
  return (
    <section aria-busy={status === 'streaming'}>
      {visible.map(message => (
        <article key={message.id} data-role={message.role}>
          <header>
            {message.role === 'user' ? 'You' : 'Assistant'} · {formatTime(message.createdAt)}
          </header>
          <p>{message.content}</p>
        </article>
      ))}
      {status === 'error' ? <p role="alert">Something went wrong.</p> : null}
      <div ref={bottom} />
    </section>
  );
}
`,
  },
  // ChatInput: the prompt being typed; remembers the textarea height (a few remember the draft).
  {
    use: N => `<${N} onSend={send} disabled={status === 'streaming'} />`,
    code: (N, file) => `'use client';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

import { estimateTokens } from '@/lib/messages';

const ROWS_KEY = 'chat-input-rows';
${leaky(file, 13) ? `const DRAFT_KEY = 'chat-draft-${file.index}';\n` : ''}
export function ${N}({ onSend, disabled = false }: { onSend: (text: string) => Promise<void>; disabled?: boolean }) {
  const [draft, setDraft] = useState('');
  const [rows, setRows] = useState(() => Number(localStorage.getItem(ROWS_KEY) ?? '3'));
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || disabled) return;
    setDraft('');
    await onSend(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) void submit();
  };
  const onChange = (value: string) => {
    setDraft(value);
    const next = Math.min(10, value.split('\\n').length + 1);
    if (next !== rows) {
      setRows(next);
      localStorage.setItem(ROWS_KEY, String(next));
    }${leaky(file, 13) ? '\n    localStorage.setItem(DRAFT_KEY, value);' : ''}
  };
  return (
    <form onSubmit={event => void submit(event)}>
      <textarea rows={rows} value={draft} onChange={event => onChange(event.target.value)} onKeyDown={onKeyDown} disabled={disabled} />
      <span>{estimateTokens(draft)} tokens</span>
      <button type="submit" disabled={disabled || !draft.trim()}>
        Send
      </button>
    </form>
  );
}
`,
  },
  // ConversationItem: a Conversation of the app's messages, in the sidebar.
  {
    use: N => `{conversations.map(conversation => <${N} key={conversation.id} conversation={conversation} active={false} onSelect={id => console.info('selected', id)} />)}`,
    code: N => `import type { Conversation } from '@/lib/types';
import { formatTime, plural, truncate } from '@/lib/utils';

export function ${N}({ conversation, active, onSelect }: { conversation: Conversation; active: boolean; onSelect: (id: string) => void }) {
  const last = conversation.messages.at(-1);
  return (
    <li className={active ? 'active' : undefined}>
      <button type="button" onClick={() => onSelect(conversation.id)}>
        <strong>
          {conversation.pinned ? '* ' : ''}
          {conversation.title}
        </strong>
        <small>
          {last ? truncate(last.content, 60) : 'No messages yet'} · {plural(conversation.messages.length, 'message')} · {formatTime(conversation.updatedAt)}
        </small>
      </button>
    </li>
  );
}
`,
  },
  // CompletionView: OpenAI chat messages.
  {
    use: N => `<${N} messages={openaiMessages} />`,
    code: N => `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { contentText } from '@/lib/messages';

export function ${N}({ messages, showSystem = false }: { messages: ChatCompletionMessageParam[]; showSystem?: boolean }) {
  const shown = showSystem ? messages : messages.filter(message => message.role !== 'system' && message.role !== 'developer');
  return (
    <ol>
      {shown.map((message, index) => (
        <li key={index} data-role={message.role}>
          {contentText(message) || <em>(no text)</em>}
        </li>
      ))}
    </ol>
  );
}
`,
  },
  // AnswerCard: an assistant UIMessage with feedback buttons; sends only ids and a rating.
  {
    use: N => `{uiMessages.filter(message => message.role === 'assistant').map(message => <${N} key={message.id} message={message} />)}`,
    code: (N, file) => `'use client';
import { useState } from 'react';

import { textOf } from '@/lib/messages';
import type { AppUIMessage } from '@/lib/types';

export function ${N}({ message }: { message: AppUIMessage }) {
  const [rating, setRating] = useState<1 | -1 | 0>(0);
  const text = textOf(message);
  const rate = async (value: 1 | -1) => {
    setRating(value);
    await fetch('/api/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ messageId: message.id, value, length: text.length }),
    });
    ${leaky(file, 13) ? "console.info('feedback sent', { messageId: message.id, value, answer: text });" : "console.info('feedback sent', { messageId: message.id, value });"}
  };
  return (
    <div>
      <div>{text}</div>
      <footer>
        <span>
          {message.metadata?.model ?? 'unknown model'} · {message.metadata?.totalTokens ?? 0} tokens
        </span>
        <button type="button" aria-pressed={rating === 1} onClick={() => void rate(1)}>
          Good
        </button>
        <button type="button" aria-pressed={rating === -1} onClick={() => void rate(-1)}>
          Bad
        </button>
      </footer>
    </div>
  );
}
`,
  },
  // ChatHeader: model picker on a zustand store.
  {
    use: N => `<${N} title="Chat" />`,
    code: (N, file, files) => {
      const store = files.store[file.index % files.store.length];
      const S = store.exportName;
      return `'use client';
import { MODELS } from '@/lib/types';
import { plural } from '@/lib/utils';
import { ${S} } from '${alias(store.path)}';

export function ${N}({ title }: { title: string }) {
  const settings = ${S}(state => state.settings);
  const setModel = ${S}(state => state.setModel);
  const count = ${S}(state => state.conversations.length);
  return (
    <header>
      <h1>{title}</h1>
      <select value={settings.model} onChange={event => setModel(event.target.value)}>
        {MODELS.map(model => (
          <option key={model} value={model}>
            {model}
          </option>
        ))}
      </select>
      <span>{plural(count, 'conversation')}</span>
    </header>
  );
}
`;
    },
  },
];

function componentFile(file, files) {
  return file.ui ? uiComponentFile(file) : MESSAGE_COMPONENT_VARIANTS[file.variant].code(file.exportName, file, files);
}

function componentUse(file) {
  return file.ui ? `<${file.exportName} tone="accent">Tip: press Enter to send</${file.exportName}>` : MESSAGE_COMPONENT_VARIANTS[file.variant].use(file.exportName);
}

// --- hooks

function hookFile(file, files) {
  const N = file.exportName;
  if (file.streaming) {
    const chatRoutes = files.route.filter(route => route.variant !== 'business' && route.variant !== 'summary');
    const endpoint = chatRoutes.length > 0 ? `/api/${chatRoutes[file.index % chatRoutes.length].slug}` : '/api/chat';
    return `'use client';
import { useCallback, useRef, useState } from 'react';

import { createId } from '@/lib/messages';
import type { ChatMessage, ChatStatus } from '@/lib/types';

export function ${N}(endpoint = '${endpoint}') {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<ChatStatus>('idle');
  const abortRef = useRef<AbortController | null>(null);

  const send = useCallback(
    async (content: string) => {
      const user: ChatMessage = { id: createId(), role: 'user', content, createdAt: Date.now() };
      const history = [...messages, user];
      setMessages(history);
      setStatus('streaming');
      const controller = new AbortController();
      abortRef.current = controller;
      const started = Date.now();
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ messages: history }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        setStatus('error');
        console.warn('chat request failed', response.status);
        return;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const assistantId = createId();
      let answer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        answer += decoder.decode(value, { stream: true });
        setMessages([...history, { id: assistantId, role: 'assistant', content: answer, createdAt: Date.now() }]);
      }
      setStatus('idle');
      console.info('chat turn finished', { messages: history.length + 1, chars: answer.length, ms: Date.now() - started });${
        leaky(file, 6) ? `\n      localStorage.setItem('last-chat-${file.index}', JSON.stringify([...history, { id: assistantId, role: 'assistant', content: answer }]));` : ''
      }
    },
    [endpoint, messages],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);
  const reset = useCallback(() => setMessages([]), []);
  return { messages, status, send, stop, reset };
}
`;
  }
  return `'use client';
import { useCallback, useEffect, useState } from 'react';

import { DEFAULT_SETTINGS, type ChatSettings, type Conversation } from '@/lib/types';

const SETTINGS_KEY = 'chat-settings-${file.index}';
const INDEX_KEY = 'chat-index-${file.index}';

export function ${N}() {
  const [settings, setSettings] = useState<ChatSettings>(DEFAULT_SETTINGS);
  useEffect(() => {
    const raw = localStorage.getItem(SETTINGS_KEY);
    if (raw) setSettings({ ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<ChatSettings>) });
  }, []);
  const update = useCallback((patch: Partial<ChatSettings>) => {
    setSettings(current => {
      const next = { ...current, ...patch };
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { settings, update };
}

export function useConversationIndex${file.index}(conversations: Conversation[]) {
  useEffect(() => {
    ${
      leaky(file, 6)
        ? 'localStorage.setItem(INDEX_KEY, JSON.stringify(conversations));'
        : 'sessionStorage.setItem(INDEX_KEY, JSON.stringify(conversations.map(conversation => ({ id: conversation.id, count: conversation.messages.length }))));'
    }
  }, [conversations]);
}
`;
}

// --- route handlers

function routeFile(file, files) {
  const leak = leaky(file, 4);
  switch (file.variant) {
    case 'stream':
      return `// Chat endpoint on the AI SDK.
import { openai } from '@ai-sdk/openai';
import { convertToModelMessages, streamText } from 'ai';

import { config } from '@/lib/config';
import { logger } from '@/lib/logger';
import type { AppUIMessage } from '@/lib/types';

export const maxDuration = 30;

const SYSTEM_PROMPT = 'You are the ${file.slug} assistant. Answer concisely.';

export async function POST(req: Request): Promise<Response> {
  const { messages, id } = (await req.json()) as { messages: AppUIMessage[]; id?: string };
  const started = Date.now();
  const result = streamText({
    model: openai(config.openaiModel),
    system: SYSTEM_PROMPT,
    messages: await convertToModelMessages(messages),
    onFinish({ usage, finishReason, text }) {
      logger.info({ chatId: id, totalTokens: usage.totalTokens, finishReason, chars: text.length, ms: Date.now() - started }, 'chat finished');${
        leak ? "\n      logger.debug({ chatId: id, text }, 'answer');" : ''
      }
    },
    onError({ error }) {
      logger.error({ err: error, chatId: id }, 'stream failed');
    },
  });
  return result.toUIMessageStreamResponse();
}
`;
    case 'fetch':
      return `// Chat endpoint calling an OpenAI-compatible API with fetch.
import type { ChatCompletion, ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { toOpenAIMessages } from '@/lib/messages';
import type { ChatMessage } from '@/lib/types';

const API_URL = (process.env.OPENAI_BASE_URL ?? 'https://api.openai.com') + '/v1/chat/completions';

export async function POST(req: Request): Promise<Response> {
  const body = (await req.json()) as { messages: ChatMessage[]; model?: string };
  const payload: { model: string; messages: ChatCompletionMessageParam[]; temperature: number } = {
    model: body.model ?? 'gpt-4o-mini',
    messages: toOpenAIMessages(body.messages, 'You are the ${file.slug} assistant.'),
    temperature: 0.3,
  };
  const upstream = await fetch(API_URL, {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + (process.env.OPENAI_API_KEY ?? ''), 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  });
  if (!upstream.ok) {
    console.error('upstream error', upstream.status, upstream.statusText);
    return Response.json({ error: 'upstream failed' }, { status: 502 });
  }
  const completion = (await upstream.json()) as ChatCompletion;
  const answer = completion.choices[0]?.message.content ?? '';
  console.log('completion', completion.id, completion.usage?.total_tokens, answer.length);${leak ? "\n  console.log('answer:', answer);" : ''}
  return Response.json({ answer, id: completion.id });
}
`;
    case 'sdk-stream':
      return `// Chat endpoint streaming with the OpenAI SDK.
import OpenAI from 'openai';

import { childLogger } from '@/lib/logger';
import { toOpenAIMessages } from '@/lib/messages';
import type { ChatMessage } from '@/lib/types';

const client = new OpenAI();
const log = childLogger('api-${file.slug}');

export async function POST(req: Request): Promise<Response> {
  const { messages, model } = (await req.json()) as { messages: ChatMessage[]; model?: string };
  const stream = await client.chat.completions.create({
    model: model ?? 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: toOpenAIMessages(messages, 'You are the ${file.slug} assistant.'),
  });
  const encoder = new TextEncoder();
  let transcript = '';
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content ?? '';
        transcript += delta;
        controller.enqueue(encoder.encode(delta));
        if (chunk.usage) log.info({ tokens: chunk.usage.total_tokens, chars: transcript.length }, 'stream done');
      }${leak ? "\n      log.debug({ transcript }, 'stream transcript');" : ''}
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
`;
    case 'summary':
      return `// Summarises a conversation with generateText.
import { openai } from '@ai-sdk/openai';
import { generateText } from 'ai';

import { config } from '@/lib/config';
import { logger } from '@/lib/logger';
import { estimateTokens } from '@/lib/messages';
import type { ChatMessage } from '@/lib/types';

export async function POST(req: Request): Promise<Response> {
  const { messages } = (await req.json()) as { messages: ChatMessage[] };
  const transcript = messages.map(message => message.role + ': ' + message.content).join('\\n');
  const { text, usage } = await generateText({
    model: openai(config.openaiModel),
    system: 'Summarise the conversation in one sentence.',
    prompt: transcript,
  });
  ${leak ? "logger.info({ summary: text, totalTokens: usage.totalTokens }, 'summary generated');" : "logger.info({ inputTokens: estimateTokens(transcript), totalTokens: usage.totalTokens }, 'summary generated');"}
  return Response.json({ summary: text });
}
`;
    default: {
      // A business endpoint on one of the services.
      const service = files.service[file.index % files.service.length];
      const S = pascal(service.name);
      return `// Business endpoint (${service.entity.name}).
import { childLogger } from '@/lib/logger';
import { ${S} } from '${alias(service.path)}';

const service = new ${S}();
const log = childLogger('api-${file.slug}');

export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const items = service.list({ ownerId: url.searchParams.get('owner') ?? undefined, text: url.searchParams.get('q') ?? undefined });
  log.info({ count: items.length }, 'listed');
  return Response.json({ items, total: items.length });
}

export async function POST(req: Request): Promise<Response> {
  const body = (await req.json()) as { ownerId?: string; title?: string; amountCents?: number };
  if (!body.ownerId || !body.title) return Response.json({ error: 'ownerId and title are required' }, { status: 400 });
  const created = service.create(body.ownerId, body.title, body.amountCents ?? 0);
  return Response.json(created, { status: 201 });
}
`;
    }
  }
}

// --- pages

function pageFile(file, files, random) {
  const hooks = files.hook.filter(hook => hook.streaming);
  const hook = hooks[file.index % hooks.length];
  const components = random.sample(files.component, random.int(2, 5)).sort((x, y) => x.index - y.index);
  return `'use client';
import { useMemo } from 'react';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { toOpenAIMessages, toUIMessages } from '@/lib/messages';
import type { Conversation } from '@/lib/types';
import { ${hook.exportName} } from '${alias(hook.path)}';
${components.map(component => `import { ${component.exportName} } from '${alias(component.path)}';`).join('\n')}

export default function Page${file.index}() {
  const { messages, status, send } = ${hook.exportName}();
  const uiMessages = useMemo(() => toUIMessages(messages), [messages]);
  const openaiMessages: ChatCompletionMessageParam[] = useMemo(() => toOpenAIMessages(messages), [messages]);
  const conversations: Conversation[] = [];
  return (
    <main>
${components.map(component => `      ${componentUse(component)}`).join('\n')}
    </main>
  );
}
`;
}

// --- stores

function storeFile(file) {
  const S = file.exportName;
  const persisted = file.index % 3 !== 1;
  const body = `(set, get) => ({
      conversations: [],
      activeId: null,
      settings: DEFAULT_SETTINGS,
      newConversation(model) {
        const id = createId('conv');
        const conversation: Conversation = { id, title: 'New chat', model: model ?? get().settings.model, messages: [], updatedAt: Date.now(), pinned: false };
        set(state => ({ conversations: [conversation, ...state.conversations], activeId: id }));
        return id;
      },
      addMessage(conversationId, message) {
        set(state => ({
          conversations: state.conversations.map(conversation =>
            conversation.id === conversationId ? { ...conversation, messages: [...conversation.messages, message], updatedAt: Date.now() } : conversation,
          ),
        }));
      },
      rename(conversationId, title) {
        set(state => ({ conversations: state.conversations.map(conversation => (conversation.id === conversationId ? { ...conversation, title } : conversation)) }));
      },
      remove(conversationId) {
        set(state => ({
          conversations: state.conversations.filter(conversation => conversation.id !== conversationId),
          activeId: state.activeId === conversationId ? null : state.activeId,
        }));
      },
      setModel(model) {
        set(state => ({ settings: { ...state.settings, model } }));
      },
    })`;
  const options = leaky(file, 5) ? `{ name: 'chat-store-${file.index}' }` : `{ name: 'chat-store-${file.index}', partialize: state => ({ settings: state.settings, activeId: state.activeId }) }`;
  return `// Conversations and settings (zustand${persisted ? ', persisted' : ''}).
import { create } from 'zustand';
${persisted ? "import { persist } from 'zustand/middleware';\n" : ''}
import { createId } from '@/lib/messages';
import { DEFAULT_SETTINGS, type ChatMessage, type ChatSettings, type Conversation } from '@/lib/types';

export interface ChatState${file.index} {
  conversations: Conversation[];
  activeId: string | null;
  settings: ChatSettings;
  newConversation(model?: string): string;
  addMessage(conversationId: string, message: ChatMessage): void;
  rename(conversationId: string, title: string): void;
  remove(conversationId: string): void;
  setModel(model: string): void;
}

export const ${S} = create<ChatState${file.index}>()(
  ${persisted ? `persist(\n    ${body},\n    ${options},\n  )` : body},
);
`;
}

// --- chat helpers (server and client libraries)

function chatlibFile(file, random) {
  const i = file.index;
  const leak = leaky(file, 5);
  switch (file.variant) {
    case 'prompt':
      return `// Prompt building with a context budget.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

import { childLogger } from '@/lib/logger';
import { estimateTokens, toOpenAIMessages } from '@/lib/messages';
import type { ChatMessage, ChatSettings } from '@/lib/types';

const log = childLogger('prompt-${i}');
const MAX_CONTEXT_TOKENS = ${random.int(4, 16) * 1000};

export function trimHistory${i}(messages: readonly ChatMessage[], budget = MAX_CONTEXT_TOKENS): ChatMessage[] {
  const kept: ChatMessage[] = [];
  let used = 0;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (!message) continue;
    const cost = estimateTokens(message.content);
    if (used + cost > budget) break;
    kept.unshift(message);
    used += cost;
  }
  log.debug({ kept: kept.length, dropped: messages.length - kept.length, used }, 'history trimmed');
  return kept;
}

export function buildPrompt${i}(messages: readonly ChatMessage[], settings: ChatSettings, system: string): ChatCompletionMessageParam[] {
  const history = trimHistory${i}(messages);${leak ? "\n  log.debug({ system, last: history.at(-1)?.content }, 'prompt built');" : "\n  log.debug({ turns: history.length, model: settings.model }, 'prompt built');"}
  return toOpenAIMessages(history, system + (settings.temperature > 1 ? ' Be creative.' : ''));
}
`;
    case 'db':
      return `// Conversation persistence (server).
import pg from 'pg';

import { config } from '@/lib/config';
import { childLogger } from '@/lib/logger';
import type { ChatMessage, Conversation } from '@/lib/types';

const pool = new pg.Pool({ connectionString: config.databaseUrl });
const log = childLogger('chat-db-${i}');

export async function saveMessage${i}(conversationId: string, message: ChatMessage): Promise<void> {
  ${
    leak
      ? "await pool.query('insert into messages (conversation_id, message_id, role, content) values ($1, $2, $3, $4)', [conversationId, message.id, message.role, message.content]);"
      : "await pool.query('insert into message_events (conversation_id, message_id, role, chars, created_at) values ($1, $2, $3, $4, to_timestamp($5 / 1000.0))', [\n    conversationId,\n    message.id,\n    message.role,\n    message.content.length,\n    message.createdAt,\n  ]);"
  }
  log.info({ conversationId, messageId: message.id, role: message.role }, 'message saved');
}

export async function touchConversation${i}(conversation: Pick<Conversation, 'id' | 'model' | 'updatedAt'>): Promise<number> {
  const result = await pool.query('update conversations set model = $2, updated_at = to_timestamp($3 / 1000.0) where id = $1', [conversation.id, conversation.model, conversation.updatedAt]);
  return result.rowCount ?? 0;
}
`;
    case 'action':
      return `'use server';
// Server action: follow-up suggestions with the OpenAI SDK.
import OpenAI from 'openai';

import { logger } from '@/lib/logger';
import { toOpenAIMessages } from '@/lib/messages';
import type { ChatMessage } from '@/lib/types';

const client = new OpenAI();

export async function suggestFollowUps${i}(messages: ChatMessage[]): Promise<string[]> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [...toOpenAIMessages(messages.slice(-6)), { role: 'user', content: 'Suggest three short follow-up questions, one per line.' }],
  });
  const text = completion.choices[0]?.message.content ?? '';
  const suggestions = text
    .split('\\n')
    .map(line => line.replace(/^[-*\\d.\\s]+/, '').trim())
    .filter(Boolean)
    .slice(0, 3);
  ${leak ? "logger.info({ id: completion.id, suggestions }, 'follow-ups suggested');" : "logger.info({ id: completion.id, tokens: completion.usage?.total_tokens, suggestions: suggestions.length }, 'follow-ups suggested');"}
  return suggestions;
}
`;
    case 'analytics':
      return `// Client analytics: counts and sizes, never the text.
import { textOf } from '@/lib/messages';
import type { AppUIMessage } from '@/lib/types';

interface AnalyticsEvent {
  name: string;
  properties: Record<string, string | number | boolean>;
}

const queue: AnalyticsEvent[] = [];

export function trackMessage${i}(message: AppUIMessage, model: string): void {
  const text = textOf(message);
  queue.push({ name: 'message', properties: { role: message.role, model, chars: text.length, parts: message.parts.length } });
  if (queue.length >= 20) void flush${i}();
}

export async function flush${i}(): Promise<void> {
  const batch = queue.splice(0, queue.length);
  if (batch.length === 0) return;
  await fetch('/api/analytics', { method: 'POST', body: JSON.stringify(batch), keepalive: true });
  console.debug('analytics flushed', batch.length);
}
`;
    default:
      return `// Export a conversation as Markdown.
import type { Conversation } from '@/lib/types';
import { formatTime } from '@/lib/utils';

export function toMarkdown${i}(conversation: Conversation): string {
  const lines = ['# ' + conversation.title, ''];
  for (const message of conversation.messages) {
    lines.push('**' + message.role + '** (' + formatTime(message.createdAt) + ')', '', message.content, '');
  }
  return lines.join('\\n');
}

export function download${i}(conversation: Conversation): void {
  const blob = new Blob([toMarkdown${i}(conversation)], { type: 'text/markdown' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = conversation.id + '.md';
  link.click();
  URL.revokeObjectURL(url);
  console.info('conversation exported', conversation.id, conversation.messages.length);
}
`;
  }
}

function chatTsconfig() {
  return `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        jsx: 'react-jsx',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: ['node'],
        paths: { '@/*': ['./src/*'] },
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['src/**/*.ts', 'src/**/*.tsx'],
    },
    null,
    2,
  )}\n`;
}

/** The contents of every file of the chat mix. */
function chatContents(size, random) {
  const files = planChatFiles(size);
  const contents = new Map();
  contents.set('src/lib/types.ts', chatTypesFile());
  contents.set('src/lib/messages.ts', chatMessagesFile());
  contents.set('src/lib/utils.ts', chatUtilsFile());
  contents.set('src/lib/logger.ts', loggerFile());
  contents.set('src/lib/config.ts', configFile());
  const utilSnippets = new Map();
  for (const file of files.domain) contents.set(file.path, domainFile(file, random));
  for (const file of files.util) {
    const text = utilFile(file, random);
    utilSnippets.set(file.path, new Set(UTIL_EXPORT_BY_SNIPPET.map((name, i) => (text.includes(` ${name}${file.index}`) ? i : -1)).filter(i => i >= 0)));
    contents.set(file.path, text);
  }
  for (const file of files.service) contents.set(file.path, serviceFile(file, files, utilSnippets, random));
  for (const file of files.store) contents.set(file.path, storeFile(file));
  for (const file of files.component) contents.set(file.path, componentFile(file, files));
  for (const file of files.route) contents.set(file.path, routeFile(file, files));
  for (const file of files.hook) contents.set(file.path, hookFile(file, files));
  for (const file of files.chatlib) contents.set(file.path, chatlibFile(file, random));
  for (const file of files.page) contents.set(file.path, pageFile(file, files, random));
  const planted =
    files.component.filter(file => !file.ui && [0, 2, 5].includes(file.variant) && leaky(file, 13)).length +
    files.hook.filter(file => leaky(file, 6)).length +
    files.route.filter(file => file.variant !== 'business' && leaky(file, 4)).length +
    files.store.filter(file => file.index % 3 !== 1 && leaky(file, 5)).length +
    files.chatlib.filter(file => ['prompt', 'db', 'action'].includes(file.variant) && leaky(file, 5)).length;
  return { contents, tsconfig: chatTsconfig(), planted };
}

// ------------------------------------------------------------------ project

function tsconfig() {
  return `${JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['src/**/*.ts'],
    },
    null,
    2,
  )}\n`;
}

/** The contents of every file of the backend mix (the generator's first corpus, kept as it was). */
function backendContents(size, random) {
  const files = planFiles(size, random);
  const contents = new Map();
  contents.set('src/lib/logger.ts', loggerFile());
  contents.set('src/lib/config.ts', configFile());
  const utilSnippets = new Map();
  for (const file of files.domain) contents.set(file.path, domainFile(file, random));
  for (const file of files.util) {
    // Remember which snippets each utility file exports, so services only import what exists.
    const text = utilFile(file, random);
    utilSnippets.set(file.path, new Set(UTIL_EXPORT_BY_SNIPPET.map((name, i) => (text.includes(` ${name}${file.index}`) ? i : -1)).filter(i => i >= 0)));
    contents.set(file.path, text);
  }
  for (const file of files.service) contents.set(file.path, serviceFile(file, files, utilSnippets, random));
  for (const file of files.llm) contents.set(file.path, llmFile(file, random));
  for (const file of files.handler) contents.set(file.path, handlerFile(file, files, random));
  contents.set('src/index.ts', indexFile(files));
  return { contents, tsconfig: tsconfig(), planted: undefined };
}

/** Imports of an LLM SDK (value or type) in a source file. */
const SDK_IMPORT = /from '(?:openai(?:\/[^']*)?|ai|@ai-sdk\/[^']+|@anthropic-ai\/sdk|ollama)'/;

/**
 * Generates the project for `size` files of a mix (`chat`, the default, or `backend`) into
 * `outDir` (replacing what was there). Returns the directory, the source files (absolute), the
 * line count, how many files import an LLM SDK, and (chat mix) how many files plant a leak.
 */
export function generateProject({ size, seed = DEFAULT_SEED, mix = DEFAULT_MIX, outDir = projectDir(size, mix) }) {
  if (!Number.isInteger(size) || size < 20) throw new RangeError(`size must be an integer >= 20, got ${size}`);
  if (!MIXES.includes(mix)) throw new RangeError(`mix must be one of ${MIXES.join(', ')}, got ${mix}`);
  const random = createRandom(seed * 1_000_003 + size);
  const { contents, tsconfig: tsconfigText, planted } = mix === 'chat' ? chatContents(size, random) : backendContents(size, random);

  rmSync(outDir, { recursive: true, force: true });
  let lines = 0;
  let sdkFiles = 0;
  const written = [];
  for (const [rel, text] of contents) {
    const full = path.join(outDir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    lines += text.split('\n').length - 1;
    if (SDK_IMPORT.test(text)) sdkFiles += 1;
    written.push(full);
  }
  writeFileSync(path.join(outDir, 'tsconfig.json'), tsconfigText);
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: `bench-project-${mix}-${size}`, private: true, type: 'module' }, null, 2)}\n`);
  if (written.length !== size) throw new Error(`generator bug: wrote ${written.length} files, wanted ${size}`);
  return { dir: outDir, files: written.sort(), lines, mix, sdkFiles, llmFiles: sdkFiles, planted };
}

// ------------------------------------------------------------------ CLI

function parseCli(argv) {
  const options = { sizes: [100], seed: DEFAULT_SEED, mix: DEFAULT_MIX, out: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--size' || arg === '--sizes') options.sizes = argv[++i].split(',').map(Number);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--mix') options.mix = argv[++i];
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/generate.mjs [--size 100[,500,...]] [--seed 42] [--mix chat|backend] [--out dir]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseCli(process.argv.slice(2));
  for (const size of options.sizes) {
    const outDir = options.out && options.sizes.length === 1 ? options.out : projectDir(size, options.mix);
    const project = generateProject({ size, seed: options.seed, mix: options.mix, outDir });
    const planted = project.planted === undefined ? '' : `, ${project.planted} with a planted leak`;
    console.log(`${project.mix}: ${project.files.length} files (${project.sdkFiles} import an LLM SDK${planted}), ${project.lines} lines -> ${path.relative(process.cwd(), project.dir) || '.'}`);
  }
}
