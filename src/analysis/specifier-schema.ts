import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/**
 * The JSON schema of a list of typescript-eslint `TypeOrValueSpecifier`s (the `sources`, `sinks`,
 * `sanitizers`, `loaders` and `verifiers` options and settings): a name, or `{ from: 'file', name,
 * path? }`, `{ from: 'lib', name }`, `{ from: 'package', name, package }`, where `name` is a string or
 * a non-empty list of them. Written here rather than taken from `@typescript-eslint/type-utils`,
 * which costs every ESLint process about 120 ms and 15 MiB to load; only matching a configured
 * specifier needs that package (`type-utils.ts`). A test checks that both schemas accept the same.
 */
const NAMES: JSONSchema4 = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true }] };

function specifierFrom(from: 'file' | 'lib' | 'package', where: Record<string, JSONSchema4>, required: readonly string[]): JSONSchema4 {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { from: { type: 'string', enum: [from] }, name: NAMES, ...where },
    required: ['from', 'name', ...required],
  };
}

const SPECIFIERS_SCHEMA: JSONSchema4 = {
  type: 'array',
  items: {
    oneOf: [{ type: 'string' }, specifierFrom('file', { path: { type: 'string' } }, []), specifierFrom('lib', {}, []), specifierFrom('package', { package: { type: 'string' } }, ['package'])],
  },
};

/** The schema of a list of specifiers, with a description (eslint-plugin-eslint-plugin asks for one). */
export function specifierListSchema(description: string): JSONSchema4 {
  return { ...SPECIFIERS_SCHEMA, description };
}
