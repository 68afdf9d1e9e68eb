import ts from '../typescript.cjs';

import { LLM_ENDPOINT_TEXT } from '../../knowledge/llm-endpoints.js';
import { CHAT_ROLES, LITERAL_MESSAGE_CONTENT_PROPERTIES, MESSAGE_CONTENT_PROPERTIES, MESSAGE_ROLE_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { GLOBAL_MODEL_API_TEXT } from '../../knowledge/text-results.js';

/**
 * The syntactic pre-filter: does a file hold evidence of LLM data of its own, without asking the
 * checker? An LLM endpoint written in it (`/chat/completions`, `:generateContent`), or a
 * conversation shape: an object literal, interface, type literal or class with a `role` member
 * next to a `content`, `text` or `parts` member (a message literal, a message type, a zod or
 * drizzle schema of messages). JSX `role="button"` attributes do not count. A browser's built-in
 * model (`LanguageModel.create()`) is a global that no import names, so its name is evidence too.
 */
export function hasLlmEvidence(sourceFile: ts.SourceFile): boolean {
  let found = evidenceByFile.get(sourceFile);
  if (found === undefined) {
    found = findLlmEvidence(sourceFile);
    evidenceByFile.set(sourceFile, found);
  }
  return found;
}

/** By file: syntax only, so it holds while an editor's next program reuses the `SourceFile`. */
const evidenceByFile = new WeakMap<ts.SourceFile, boolean>();

function findLlmEvidence(sourceFile: ts.SourceFile): boolean {
  const text = sourceFile.text;
  if (LLM_ENDPOINT_TEXT.test(text) || GLOBAL_MODEL_API_TEXT.test(text)) {
    return true;
  }
  if (!/\b(?:role|author|sender)\b/.test(text)) {
    return false;
  }
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const members = membersOf(node);
    if (members && hasMessageMembers(members)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function membersOf(node: ts.Node): readonly ts.Node[] | undefined {
  if (ts.isObjectLiteralExpression(node)) return node.properties;
  if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node) || ts.isClassLike(node)) return node.members;
  return undefined;
}

function hasMessageMembers(members: readonly ts.Node[]): boolean {
  let role = false;
  let chatRole = false;
  let content = false;
  let message = false;
  for (const member of members) {
    const name = (member as { name?: ts.Node }).name;
    const text = name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
    if (text !== undefined && MESSAGE_ROLE_PROPERTIES.includes(text)) {
      role = true;
      // `{ role: 'User', message: text }`: a literal turn with a fixed chat role.
      chatRole ||= ts.isPropertyAssignment(member) && ts.isStringLiteralLike(member.initializer) && CHAT_ROLES.has(member.initializer.text.toLowerCase());
    } else if (text !== undefined && MESSAGE_CONTENT_PROPERTIES.includes(text)) content = true;
    else if (text !== undefined && LITERAL_MESSAGE_CONTENT_PROPERTIES.includes(text)) message = true;
  }
  return role && (content || (chatRole && message));
}
