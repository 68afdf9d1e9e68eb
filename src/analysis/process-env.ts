import type { TSESTree } from '@typescript-eslint/utils';

/** `process.env` (also `globalThis.process.env`). */
export function isProcessEnv(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier' || node.property.name !== 'env') {
    return false;
  }
  const object = node.object;
  if (object.type === 'Identifier') {
    return object.name === 'process';
  }
  return (
    object.type === 'MemberExpression' &&
    !object.computed &&
    object.property.type === 'Identifier' &&
    object.property.name === 'process' &&
    object.object.type === 'Identifier' &&
    object.object.name === 'globalThis'
  );
}

/** The variable name an assignment `process.env.NAME = …` / `process.env['NAME'] = …` sets, if static. */
export function assignedProcessEnvName(node: TSESTree.AssignmentExpression): string | undefined {
  const left = node.left;
  if (left.type !== 'MemberExpression' || !isProcessEnv(left.object)) {
    return undefined;
  }
  if (!left.computed && left.property.type === 'Identifier') {
    return left.property.name;
  }
  return left.property.type === 'Literal' && typeof left.property.value === 'string' ? left.property.value : undefined;
}
