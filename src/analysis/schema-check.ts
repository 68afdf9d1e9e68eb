import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/**
 * A small checker for the JSON-schema keywords the plugin's settings use: `type`, `enum`,
 * `properties`, `required`, `additionalProperties: false`, `items`, `minItems`, `uniqueItems`
 * and `oneOf`. ESLint validates rule options but never `settings`, and the plugin should not
 * reach for ESLint's private copy of ajv; a checker of our own also lets us say what is wrong
 * in one sentence instead of one line per `oneOf` branch.
 *
 * It returns the first, most specific problem: a path into the value and what is wrong there.
 */
export interface SchemaProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** For an unknown property: the properties the schema knows there. */
  readonly known?: readonly string[];
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The keywords read here, over typescript-eslint's `JSONSchema4` union (one member per schema type). */
interface Schema {
  readonly type?: JsonType | JsonType[];
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[] | boolean;
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema | readonly Schema[];
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
}

export function checkSchema(value: unknown, schema: JSONSchema4, path: readonly (string | number)[] = []): SchemaProblem | undefined {
  return check(value, schema as Schema, path);
}

function check(value: unknown, schema: Schema, path: readonly (string | number)[]): SchemaProblem | undefined {
  if (schema.oneOf) {
    const problem = checkOneOf(value, schema.oneOf, path);
    if (problem) return problem;
  }
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!allowed.some(type => hasType(value, type))) {
      return { path, message: `should be ${allowed.map(article).join(' or ')}, but is ${show(value)}` };
    }
  }
  if (schema.enum && !schema.enum.some(option => option === value)) {
    return { path, message: `should be ${schema.enum.map(option => JSON.stringify(option)).join(' or ')}, but is ${show(value)}` };
  }
  if (Array.isArray(value)) {
    return checkArray(value, schema, path);
  }
  if (isPlainObject(value)) {
    return checkObject(value, schema, path);
  }
  return undefined;
}

function checkArray(value: readonly unknown[], schema: Schema, path: readonly (string | number)[]): SchemaProblem | undefined {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    return { path, message: `should have at least ${schema.minItems} item(s)` };
  }
  if (schema.uniqueItems && new Set(value.map(item => JSON.stringify(item))).size !== value.length) {
    return { path, message: 'should not list the same item twice' };
  }
  const items = schema.items;
  if (items && !Array.isArray(items)) {
    for (const [index, item] of value.entries()) {
      const problem = check(item, items as Schema, [...path, index]);
      if (problem) return problem;
    }
  }
  return undefined;
}

function checkObject(value: Readonly<Record<string, unknown>>, schema: Schema, path: readonly (string | number)[]): SchemaProblem | undefined {
  const properties = schema.properties ?? {};
  if (schema.additionalProperties === false) {
    const unknown = Object.keys(value).find(key => !Object.hasOwn(properties, key));
    if (unknown !== undefined) {
      return { path: [...path, unknown], message: 'is not a known property', known: Object.keys(properties).sort() };
    }
  }
  const required = typeof schema.required === 'object' ? schema.required : [];
  const missing = required.find(key => !Object.hasOwn(value, key));
  if (missing !== undefined) {
    return { path: [...path, missing], message: 'is required' };
  }
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (Object.hasOwn(value, key)) {
      const problem = check(value[key], propertySchema, [...path, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Which branch did the user mean? The ones whose type fits the value and whose discriminators
 * (properties with an `enum`, like `from`) agree with it; of their problems, the deepest. With
 * `{ from: 'package', name: 'x' }` that is "package is required", not "from should be 'file'".
 */
function checkOneOf(value: unknown, branches: readonly Schema[], path: readonly (string | number)[]): SchemaProblem | undefined {
  const problems = branches.map(branch => check(value, branch, path));
  if (problems.some(problem => problem === undefined)) return undefined;
  const fitting = branches.filter(branch => !typeMismatch(value, branch));
  if (fitting.length === 0) {
    const types = [...new Set(branches.flatMap(branch => (Array.isArray(branch.type) ? branch.type : branch.type === undefined ? [] : [branch.type])))];
    return { path, message: `should be ${types.map(article).join(' or ')}, but is ${show(value)}` };
  }
  const meant = fitting.filter(branch => discriminatorsAgree(value, branch));
  if (meant.length === 0 && isPlainObject(value)) {
    const key = Object.keys(value).find(name => fitting.every(branch => branch.properties?.[name]?.enum !== undefined));
    if (key !== undefined) {
      const options = fitting.flatMap(branch => branch.properties?.[key]?.enum ?? []);
      return { path: [...path, key], message: `should be ${options.map(option => JSON.stringify(option)).join(' or ')}, but is ${show(value[key])}` };
    }
  }
  const candidates = (meant.length > 0 ? meant : fitting).map(branch => problems[branches.indexOf(branch)]!);
  return candidates.reduce((best, problem) => (problem.path.length > best.path.length ? problem : best));
}

function discriminatorsAgree(value: unknown, branch: Schema): boolean {
  if (!isPlainObject(value)) return true;
  return Object.entries(branch.properties ?? {}).every(([key, property]) => property.enum === undefined || !Object.hasOwn(value, key) || property.enum.includes(value[key]));
}

function typeMismatch(value: unknown, schema: Schema): boolean {
  if (schema.type === undefined) return false;
  const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
  return !allowed.some(type => hasType(value, type));
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function article(type: JsonType): string {
  return type === 'array' || type === 'object' || type === 'integer' ? `an ${type}` : `a ${type}`;
}

/** A short rendering of the offending value for the message. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (isPlainObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}
