// lib/tools/research.ts: AI SDK tools a research agent calls. The model writes each tool's input
// (the query, the URL) from the conversation; the tools' own results come from our services.
import { tool } from 'ai';
import { z } from 'zod';

interface SearchHit {
  url: string;
  title: string;
  score: number;
}
declare function searchProvider(query: string, limit: number): Promise<SearchHit[]>;
declare function fetchPage(url: string): Promise<{ status: number; html: string }>;

export const webSearch = tool({
  description: 'Search the web for recent sources',
  inputSchema: z.object({ query: z.string(), limit: z.number().int().max(20).default(5) }),
  execute: async ({ query, limit }) => {
    console.info(`[tool:webSearch] q="${query.slice(0, 40)}"`); // expect: no-model-output-logging
    const hits = await searchProvider(query, limit);
    // Look-alike: counts and our provider's scores are not generated text.
    console.info('[tool:webSearch] done', { limit, hits: hits.length, best: hits[0]?.score });
    return hits;
  },
});

export const readPage = tool({
  description: 'Fetch a page the search returned',
  inputSchema: z.object({ url: z.string().url() }),
  execute: async input => {
    const page = await fetchPage(input.url);
    // Look-alike: the HTTP status of our own fetch.
    console.debug('[tool:readPage] status', page.status);
    if (page.status >= 400) console.warn('[tool:readPage] failed for', input); // expect: no-model-output-logging
    return page.html.slice(0, 4000);
  },
});
