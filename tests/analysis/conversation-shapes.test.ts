import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { TextCarrierOracle } from '../../src/analysis/sanitizers/text-carriers.js';
import { ConversationShapes } from '../../src/analysis/sources/conversation-shapes.js';
import { createFixtureProgram } from './program.js';

const source = `
interface ZqTurn { role: 'user' | 'assistant'; content: string }
interface ZqChat { id: string; title: string; messages: ZqTurn[] }
interface ZqState { chats: ZqChat[] | undefined; theme: string }
export declare const zqState: ZqState;
export declare const zqChats: ZqChat[];
export declare const zqReplies: ZqReply;
interface ZqReply { role: 'assistant'; content: string; replies: ZqReply[] }
`;

/** What each declared value's type is, asked in the given order of one classifier. */
function classified(order: readonly string[]): Record<string, string | undefined> {
  const { program, sourceFile } = createFixtureProgram({ 'conversation-shapes.ts': source });
  const checker = program.getTypeChecker();
  const shapes = new ConversationShapes(program, checker, new TextCarrierOracle(checker));
  const typeOf = (name: string): ts.Type => {
    let found: ts.Type | undefined;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.name.getText() === name) found = checker.getTypeAtLocation(node.name);
      ts.forEachChild(node, visit);
    };
    visit(sourceFile('conversation-shapes.ts'));
    return found!;
  };
  const result: Record<string, string | undefined> = {};
  for (const name of order) {
    const match = shapes.classify(typeOf(name));
    result[name] = match && `${match.kind}${match.container ? ' container' : ''}: ${match.evidence}`;
  }
  return result;
}

describe('conversation shapes', () => {
  it('gives a type the same answer whichever query meets it first', () => {
    const stateFirst = classified(['zqState', 'zqChats', 'zqReplies']);
    const chatsFirst = classified(['zqReplies', 'zqChats', 'zqState']);
    expect(stateFirst).toEqual(chatsFirst);
    // A store's state whose chats hold messages, four levels down, is still a conversation.
    expect(stateFirst.zqState).toBe("prompt container: a 'ZqState' whose 'chats' holds a chat history");
    expect(stateFirst.zqChats).toBe("prompt container: a history of 'ZqChat' whose 'messages' holds a chat history");
    expect(stateFirst.zqReplies).toBe("output: a 'ZqReply', by its role/content shape");
  });
});
