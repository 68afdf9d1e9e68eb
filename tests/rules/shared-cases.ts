// Code that more than one rule's tests judge: each rule's file says what that rule makes of it.

/** A coding agent's tool that writes the file the model asked for and logs the path it chose. */
export const writeFileTool = `import { tool } from 'ai';
import { z } from 'zod';
import { writeFile } from 'node:fs/promises';
export const writeFileTool = tool({
  description: 'Write a file in the workspace',
  inputSchema: z.object({ path: z.string(), content: z.string() }),
  execute: async ({ path, content }) => {
    await writeFile(path, content, 'utf8');
    console.log('wrote', path);
    return { ok: true };
  },
});
`;

/** UI message parts mapped to rows; a malformed tool part is logged whole (line 8, column 67). */
export const malformedToolPartLog = `import type { UIMessage } from 'ai';
export function toRows(message: UIMessage) {
  return message.parts.map(part => {
    switch (part.type) {
      case 'text':
        return { kind: 'text', length: part.text.length };
      case 'dynamic-tool':
        if (!part.toolCallId) console.error('Invalid tool part:', part);
        return { kind: 'tool', name: part.toolName };
      default:
        return null;
    }
  });
}
`;
