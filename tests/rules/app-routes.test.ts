import path from 'node:path';

import outputRule from '../../src/rules/no-model-output-logging.js';
import { FIXTURES_DIR, createRuleTester } from '../rule-tester.js';

// The app's own API routes: a tool posts the query the model generated to `/api/search`
// (tests/fixtures/helpers/routes/search-tool.ts); the Next.js route handler of that path reads it
// with `await request.json()` and logs it. A route nobody posts LLM data to, a GET handler and a
// request that is not the handler's own stay quiet.

const ruleTester = createRuleTester();
const searchRoute = path.join(FIXTURES_DIR, 'app/api/search/route.ts');
const healthRoute = path.join(FIXTURES_DIR, 'app/api/health/route.ts');

ruleTester.run('no-model-output-logging: app routes', outputRule, {
  valid: [
    // Only a fixed probe is posted to the health route.
    {
      code: `export async function POST(request: Request): Promise<Response> {
  const body = await request.json();
  console.log('health probe', body);
  return Response.json({ ok: true });
}
`,
      filename: healthRoute,
    },
    // Counts and flags of the posted body; a GET handler reads no posted body.
    {
      code: `export async function POST(request: Request): Promise<Response> {
  const { query, maxResults } = await request.json();
  console.log('search requested', typeof query === 'string' ? query.length : 0);
  return Response.json({ maxResults });
}
export async function GET(request: Request): Promise<Response> {
  const body = await request.json();
  console.log('search GET', body);
  return Response.json({});
}
`,
      filename: searchRoute,
    },
  ],
  invalid: [
    // The query the model wrote for the search tool, in the cache key the route logs.
    {
      code: `const cache = new Map<string, unknown>();
function cached(key: string): unknown {
  const hit = cache.get(key);
  console.log(\`cache \${hit ? 'hit' : 'miss'} for \${key}\`);
  return hit;
}
export async function POST(request: Request): Promise<Response> {
  const { query, maxResults } = await request.json();
  const key = \`search:\${query}:\${maxResults}\`;
  return Response.json(cached(key) ?? []);
}
`,
      filename: searchRoute,
      errors: [{ messageId: 'modelOutputLogged', line: 4, column: 15 }],
    },
  ],
});
