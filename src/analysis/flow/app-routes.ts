import ts from 'typescript';

import { APP_ROUTE_FILE, APP_ROUTE_METHODS, REQUEST_BODY_OPTIONS } from '../../knowledge/llm-endpoints.js';
import { calleeName } from '../callees.js';
import { HTTP_CALL_NAMES } from '../clients/http-calls.js';
import { skipTransparent } from '../constants.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { type FunctionLikeWithBody, isFunctionLike } from './summaries.js';
import { CLEAN, type TaintValue, fieldValue, filterTaints, isTainted, join } from './taint.js';

/**
 * The app's own API routes: what code of the program posts to `/api/<path>` (`fetch`, axios) is what
 * the route handler of that path reads with `await request.json()` (Next.js app router:
 * `app/.../api/<path>/route.ts`, its exported `POST`, `PUT` or `PATCH`). A tool that posts the
 * query the model wrote to `/api/search` hands it to the handler that logs it.
 */
export class AppRoutes {
  private readonly posted = new Map<string, TaintValue>();
  private readonly callers = new Map<string, readonly FunctionLikeWithBody[]>();

  constructor(private readonly analysis: FlowAnalysis) {}

  /** Records what an HTTP call posts when it requests a path of the app's own API. */
  recordPost(call: ts.CallExpression, argumentValues: readonly TaintValue[]): void {
    const route = postedRoute(call);
    if (route === undefined) {
      return;
    }
    const options = argumentValues[1] ?? CLEAN;
    // `fetch(url, { body })`, `ky.post(url, { json })`; axios `post(url, data)` takes the body itself.
    const body = ['post', 'put', 'patch'].includes(calleeName(call.expression) ?? '')
      ? options
      : REQUEST_BODY_OPTIONS.reduce((value, name) => join(value, fieldValue(options, name)), CLEAN);
    const concrete = filterTaints(body, taint => taint.kind !== 'parameter');
    if (isTainted(concrete)) {
      // A side effect on the program: the caller must be walked again in the next program.
      this.analysis.usesWholeProgram();
      this.posted.set(route, join(this.posted.get(route) ?? CLEAN, concrete));
    }
  }

  /** `await request.json()` on the request parameter of a route handler: what the program posts to its path. */
  bodyRead(call: ts.CallExpression): TaintValue | undefined {
    const callee = skipTransparent(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'json' || !ts.isIdentifier(skipTransparent(callee.expression))) {
      return undefined;
    }
    const handler = ts.findAncestor(call, isFunctionLike);
    const route = handler && routeOfHandler(handler);
    const request = handler?.parameters[0];
    if (route === undefined || !request || !ts.isIdentifier(request.name) || request.name.text !== (skipTransparent(callee.expression) as ts.Identifier).text) {
      return undefined;
    }
    for (const caller of this.callersOf(route)) {
      this.analysis.functionResult(caller);
    }
    return this.posted.get(route) ?? CLEAN;
  }

  /** A route file that code holding LLM data posts to (`reaching`: the files that can hold it). */
  isPostedFrom(sourceFile: ts.SourceFile, reaching: ReadonlySet<ts.SourceFile>): boolean {
    const match = APP_ROUTE_FILE.exec(sourceFile.fileName.replace(/\\/g, '/'));
    return match !== null && this.callersOf(`/api/${match[1]}`).some(caller => reaching.has(caller.getSourceFile()));
  }

  /** The functions of the program that post to a route (once per program and route). */
  private callersOf(route: string): readonly FunctionLikeWithBody[] {
    let found = this.callers.get(route);
    if (!found) {
      found = this.analysis.program.getSourceFiles().flatMap(sourceFile => (sourceFile.isDeclarationFile ? [] : (postsByFile(sourceFile).get(route) ?? [])));
      this.callers.set(route, found);
    }
    return found;
  }
}

/** The route a handler serves: its file's path under `api/` when it is an exported POST, PUT or PATCH. */
function routeOfHandler(handler: ts.SignatureDeclaration): string | undefined {
  const match = APP_ROUTE_FILE.exec(handler.getSourceFile().fileName.replace(/\\/g, '/'));
  if (!match) {
    return undefined;
  }
  const name = ts.isFunctionDeclaration(handler)
    ? handler.name?.text
    : ts.isVariableDeclaration(handler.parent) && ts.isIdentifier(handler.parent.name)
      ? handler.parent.name.text
      : undefined;
  return name !== undefined && APP_ROUTE_METHODS.has(name) ? `/api/${match[1]}` : undefined;
}

/** The path of the app's own API a call requests (`fetch(`${base}/api/search`, ...)`), from syntax. */
function postedRoute(call: ts.CallExpression): string | undefined {
  const name = calleeName(call.expression);
  const url = call.arguments[0] && skipTransparent(call.arguments[0]);
  if (name === undefined || !HTTP_CALL_NAMES.has(name) || !url || call.arguments.length < 2) {
    return undefined;
  }
  const text = ts.isStringLiteralLike(url) ? url.text : ts.isTemplateExpression(url) ? [url.head.text, ...url.templateSpans.map(span => span.literal.text)].join('') : undefined;
  return text === undefined ? undefined : /\/api\/[\w\-/]+/.exec(text.split(/[?#]/)[0] ?? '')?.[0].replace(/\/+$/, '');
}

/** Per file (syntax only): the outermost functions holding a call that posts to each route. */
const postsIndex = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly FunctionLikeWithBody[]>>();

function postsByFile(sourceFile: ts.SourceFile): ReadonlyMap<string, readonly FunctionLikeWithBody[]> {
  let index = postsIndex.get(sourceFile);
  if (!index) {
    const found = new Map<string, FunctionLikeWithBody[]>();
    if (sourceFile.text.includes('/api/')) {
      let outermost: FunctionLikeWithBody | undefined;
      const visit = (node: ts.Node): void => {
        const outer = outermost;
        if (!outermost && isFunctionLike(node) && node.body) outermost = node;
        const route = outermost && ts.isCallExpression(node) ? postedRoute(node) : undefined;
        if (route !== undefined && outermost && !(found.get(route) ?? []).includes(outermost)) found.set(route, [...(found.get(route) ?? []), outermost]);
        ts.forEachChild(node, visit);
        outermost = outer;
      };
      visit(sourceFile);
    }
    index = found;
    postsIndex.set(sourceFile, index);
  }
  return index;
}
