// lib/db/message-parts.ts: maps the AI SDK's UI message parts to database rows. Malformed parts are
// logged; tool calls in them hold the input the model generated, tool results what our tools said.
import type { UIMessage } from 'ai';

interface ToolCallRow {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  args: unknown;
}
interface LoosePart {
  type: string;
  [key: string]: unknown;
}

function isToolCallRow(part: LoosePart): part is ToolCallRow {
  return part.type === 'tool-call' && typeof part.toolCallId === 'string' && typeof part.toolName === 'string';
}

function partsToRows(parts: LoosePart[], messageId: string) {
  return parts.map((part, order) => {
    switch (part.type) {
      case 'text':
        return { messageId, order, textLength: String(part.text ?? '').length };
      case 'tool-call':
        if (!isToolCallRow(part)) {
          console.error('Malformed tool call part:', part); // expect: no-model-output-logging
          return null;
        }
        return { messageId, order, toolCallId: part.toolCallId, toolName: part.toolName };
      case 'tool-result':
        // Look-alike: a tool result is what our own tool answered.
        console.warn('Tool result part stored without a call:', part);
        return { messageId, order };
      default:
        // Look-alike: the kind of an unknown part is metadata.
        console.warn('Unknown part type:', part.type);
        return null;
    }
  });
}

export function rowsForMessage(message: UIMessage) {
  return partsToRows(message.parts, message.id);
}
