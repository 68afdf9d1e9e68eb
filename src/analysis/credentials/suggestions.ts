import type { TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';

import type { EnvSuggestion } from './findings.js';
import type { Credential } from './judge.js';
import type { CredentialSource } from './literals.js';

/** Replacement text for a literal whose value contains `key`: `process.env.X` or a template. */
export function replacementText(literalValue: string, key: string, envName: string): string | undefined {
  const expression = `process.env.${envName}`;
  if (literalValue === key) {
    return expression;
  }
  const index = literalValue.indexOf(key);
  if (index === -1) {
    return undefined;
  }
  const escape = (text: string): string =>
    text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `\`${escape(literalValue.slice(0, index))}\${${expression}}${escape(literalValue.slice(index + key.length))}\``;
}

/** Can the literal be replaced by an expression without breaking the syntax around it? */
export function literalIsExpression(node: TSESTree.Literal): boolean {
  const parent = node.parent;
  switch (parent.type) {
    case 'Property':
      return parent.value === node;
    case 'PropertyDefinition':
      return parent.value === node;
    case 'VariableDeclarator':
      return parent.init === node;
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return parent.right === node;
    case 'CallExpression':
    case 'NewExpression':
      return parent.arguments.includes(node);
    case 'ArrayExpression':
    case 'ReturnStatement':
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'ConditionalExpression':
    case 'JSXExpressionContainer':
    case 'JSXAttribute':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ArrowFunctionExpression':
    case 'SpreadElement':
      return true;
    default:
      return false;
  }
}

/** The suggestion to read a credential from `process.env.<envName>` instead, when its literal can be replaced. */
export function envSuggestions(source: CredentialSource, credential: Credential, envName: string, sourceFile: ts.SourceFile): EnvSuggestion[] {
  const literal = source.literal;
  if (!literal || literal !== source.node) {
    return [];
  }
  const replacement = replacementText(literal.text, credential.key, envName);
  if (replacement === undefined) {
    return [];
  }
  return [{ kind: 'useEnv', data: { name: envName }, start: literal.getStart(sourceFile), end: literal.getEnd(), text: replacement }];
}
