import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { httpSpecsNamed, mayRequestPlainOrConfigured } from '../../src/analysis/clients/http-calls.js';

/** The call expression of a one-line statement, parsed without a program. */
function call(code: string): ts.CallExpression {
  const file = ts.createSourceFile('request.ts', code, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0];
  if (!statement || !ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) throw new Error(`not a call: ${code}`);
  return statement.expression;
}

describe('syntactic gates before an HTTP call is resolved', () => {
  it('rules out calls whose URL and configuration positions hold literals that cannot be plain http', () => {
    for (const code of [
      "searchParams.get('q')",
      "router.post('/v1/chat/completions', (req, res) => res.end())",
      "fetch('https://api.openai.com/v1/chat/completions')",
      'fetch(`https://${host}/v1/chat/completions`)',
      'axios.get(`/api/${id}`)',
      'cache.get(42)',
      'client.get()',
    ]) {
      expect(mayRequestPlainOrConfigured(call(code), false), code).toBe(false);
    }
  });

  it('keeps calls that may request plain http or pass a configuration', () => {
    for (const code of [
      "fetch('http://10.0.0.5:8000/v1/chat/completions')",
      "fetch('ws://gateway/v1/realtime')",
      'fetch(`${base}/v1/chat/completions`)',
      'axios.get(url)',
      "axios.post('/v1/chat/completions', body, config)",
      "fetch('/v1/chat/completions', { dispatcher })",
    ]) {
      expect(mayRequestPlainOrConfigured(call(code), false), code).toBe(true);
    }
  });

  it('looks at the positions of a callable HTTP object only in files that import one', () => {
    expect(mayRequestPlainOrConfigured(call('instance(config)'), false)).toBe(false);
    expect(mayRequestPlainOrConfigured(call('instance(config)'), true)).toBe(true);
  });

  it('offers the specs of the callee name, and of callable objects when asked', () => {
    expect(httpSpecsNamed(call('api.post(url, body)'), false).map(spec => spec.name)).toEqual(expect.arrayContaining(['post']));
    expect(httpSpecsNamed(call('api.post(url, body)'), false).every(spec => spec.name === 'post')).toBe(true);
    expect(httpSpecsNamed(call('instance(url)'), true).map(spec => spec.name)).toContain('()');
    expect(httpSpecsNamed(call('list.map(fn)'), false)).toEqual([]);
  });
});
