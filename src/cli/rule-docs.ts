import { readFileSync } from 'node:fs';

import { REPOSITORY_URL } from '../util/create-rule.js';

/** A rule's documentation, as SARIF wants it: a paragraph, and the whole page in text and Markdown. */
export interface RuleDoc {
  readonly fullDescription: string;
  readonly helpText: string;
  readonly helpMarkdown: string;
}

const HEADER_END = '<!-- end auto-generated rule header -->';

/**
 * Reads `docs/rules/<rule>.md` from the package (`docs/` ships in the tarball; from `dist/cli/`
 * and from `src/cli/` it is two folders up). Undefined when the page cannot be read.
 */
export function readRuleDoc(rule: string, docsDir = new URL('../../docs/rules/', import.meta.url)): RuleDoc | undefined {
  let page: string;
  try {
    page = readFileSync(new URL(`${rule}.md`, docsDir), 'utf8');
  } catch {
    return undefined;
  }
  return ruleDocFromPage(rule, page);
}

export function ruleDocFromPage(rule: string, page: string): RuleDoc {
  const title = (/^# (.+)$/m.exec(page)?.[1] ?? rule).trim();
  const headerEnd = page.indexOf(HEADER_END);
  const body = (headerEnd >= 0 ? page.slice(headerEnd + HEADER_END.length) : page.replace(/^# .+$/m, '')).trim();
  // Links between doc pages are relative; a code-scanning alert is read far from the repository.
  const markdown = body.replace(/\]\(\.\/([\w-]+\.md)(#[\w-]*)?\)/g, (_match, file: string, anchor: string | undefined) => `](${REPOSITORY_URL}/blob/main/docs/rules/${file}${anchor ?? ''})`);
  const firstParagraph = markdown.split(/\n\s*\n/).find(paragraph => paragraph.trim() !== '' && !paragraph.startsWith('#')) ?? title;
  return {
    fullDescription: toText(firstParagraph).replace(/\s*\n\s*/g, ' '),
    helpText: toText(`${title}\n\n${markdown}`),
    helpMarkdown: `# ${title}\n\n${markdown}\n`,
  };
}

/** Markdown to plain text for readers that do not render it: link targets in brackets, no emphasis or HTML comments. */
function toText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .trim();
}
