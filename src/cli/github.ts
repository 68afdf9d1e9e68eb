import type { LocatedMessage } from './sarif.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each finding shows inline
 * on the pull request's diff, without code-scanning rights. Paths are relative to the folder the
 * scanner ran in, which in a workflow is the repository root.
 */
export function toGithubAnnotations(messages: readonly LocatedMessage[]): string {
  return messages
    .map(({ message, uri }) => {
      const properties = [
        `file=${escapeProperty(uri)}`,
        `line=${Math.max(message.line, 1)}`,
        ...(message.endLine === undefined ? [] : [`endLine=${message.endLine}`]),
        `col=${Math.max(message.column, 1)}`,
        ...(message.endColumn === undefined || message.endLine !== message.line ? [] : [`endColumn=${message.endColumn}`]),
        `title=${escapeProperty(message.ruleId ?? 'llm-security')}`,
      ];
      return `::${message.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(message.message)}\n`;
    })
    .join('');
}

// The escaping of @actions/core's `issueCommand`.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
