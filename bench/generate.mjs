#!/usr/bin/env node
// Writes a synthetic but realistic TypeScript project for the speed benchmark.
//
//   node bench/generate.mjs --size 500 [--seed 42] [--out .bench-tmp/500]
//
// The project looks like a mid-sized Node backend: domain models, utilities, business services
// that import each other (including a few type-only cycles), HTTP handlers, and about 15 % of
// files that call LLM SDKs (openai, @anthropic-ai/sdk, ai, ollama) next to loggers (pino,
// winston, console) and storage (pg, ioredis, fs), some leaking model output, most not.
// Output is deterministic for a given size and seed. The project lives under /work/main so that
// imports resolve to the real packages in /work/main/node_modules and the types are the real ones.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SEED = 42;

/** The project's directory for a size: inside the repository so Node resolution finds node_modules. */
export function projectDir(size) {
  return path.join(REPO_ROOT, '.bench-tmp', String(size));
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

/**
 * Generates the project for `size` files into `outDir` (replacing what was there).
 * Returns the directory, the list of source files (absolute) and the total line count.
 */
export function generateProject({ size, seed = DEFAULT_SEED, outDir = projectDir(size) }) {
  if (!Number.isInteger(size) || size < 20) throw new RangeError(`size must be an integer >= 20, got ${size}`);
  const random = createRandom(seed * 1_000_003 + size);
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

  rmSync(outDir, { recursive: true, force: true });
  let lines = 0;
  const written = [];
  for (const [rel, text] of contents) {
    const full = path.join(outDir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    lines += text.split('\n').length - 1;
    written.push(full);
  }
  writeFileSync(path.join(outDir, 'tsconfig.json'), tsconfig());
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: `bench-project-${size}`, private: true, type: 'module' }, null, 2)}\n`);
  if (written.length !== size) throw new Error(`generator bug: wrote ${written.length} files, wanted ${size}`);
  return { dir: outDir, files: written.sort(), lines, llmFiles: files.llm.length };
}

// ------------------------------------------------------------------ CLI

function parseCli(argv) {
  const options = { sizes: [100], seed: DEFAULT_SEED, out: undefined };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--size' || arg === '--sizes') options.sizes = argv[++i].split(',').map(Number);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/generate.mjs [--size 100[,500,...]] [--seed 42] [--out dir]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseCli(process.argv.slice(2));
  for (const size of options.sizes) {
    const outDir = options.out && options.sizes.length === 1 ? options.out : projectDir(size);
    const project = generateProject({ size, seed: options.seed, outDir });
    console.log(`${project.files.length} files (${project.llmFiles} LLM), ${project.lines} lines -> ${path.relative(process.cwd(), project.dir) || '.'}`);
  }
}
