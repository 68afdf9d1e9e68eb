import path from 'node:path';

import ts from '../typescript.cjs';

import { type CalleeInfo, calleeText } from '../callees.js';
import { skipTransparent } from '../constants.js';
import { CarriedFacts, projectKey } from '../program-delta.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { runCallback } from './project-calls.js';
import { isFunctionLike } from './summaries.js';
import { CLEAN, type TaintValue, filterTaintsDeep, holdsAnyData, join } from './taint.js';
import type { Walker } from './walker.js';
import { isProjectCode } from '../packages.js';

/**
 * The app's own HTTP routes within one program (Next.js route handlers): `fetch(`${base}/api/search`,
 * { method: 'POST', body: JSON.stringify({ query }) })` reaches `app/api/search/route.ts`, whose
 * `await request.json()` in its exported `POST` is what the program posts there. A request crosses
 * the network, but both ends are the app's code. The posting functions are analysed on demand when
 * a handler reads its request, as with events.
 */

/** Exported handlers that receive a request body. */
const BODY_HANDLERS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROUTE_FILE_NAME = /^route\.[cm]?[jt]sx?$/;
/** A segment that matches any one segment: a dynamic route segment (`[id]`), an id in a URL (`:id`). */
const ANY_SEGMENT = '*';
/** A catch-all route segment (`[...slug]`): the rest of the path. */
const REST_SEGMENTS = '**';
/** Nesting looked at in a request body that runs no code. */
const MAX_BODY_DEPTH = 4;

interface Route {
  readonly file: ts.SourceFile;
  readonly segments: readonly string[];
  /** The path up to its first dynamic segment (`/api/chats/`): what a request to it must spell out. */
  readonly staticPrefix: string;
}

/**
 * The requests a file sends to each route (by the route file's name), carried to an editor's next
 * program while the file and what it imports stay the same: finding them resolves every HTTP call.
 */
const carriedRequests = new CarriedFacts<Map<string, readonly ts.CallExpression[]>>();

export class AppRoutes {
  private routeList: readonly Route[] | undefined;
  private requestsByFile: Map<ts.SourceFile, Map<string, readonly ts.CallExpression[]>> | undefined;
  private readonly posted = new WeakMap<ts.SourceFile, TaintValue>();
  private readonly indexed = new WeakSet<ts.SourceFile>();
  /** Files whose top-level walk is under way, so a handler read while walking one does not walk it again. */
  private readonly walking = new Set<ts.SourceFile>();

  constructor(private readonly analysis: FlowAnalysis) {}

  /** The program's route handler files, by the URL path each serves. */
  routes(): readonly Route[] {
    this.routeList ??= findRoutes(this.analysis.program);
    return this.routeList;
  }

  /** Route files that files of `reaching` post to (text only): they receive what those files hold. */
  routeFilesPostedFrom(reaching: ReadonlySet<ts.SourceFile>): ts.SourceFile[] {
    const routes = this.routes();
    if (routes.length === 0) {
      return [];
    }
    return routes.filter(route => [...reaching].some(file => file !== route.file && file.text.includes(route.staticPrefix))).map(route => route.file);
  }

  /** Records what a request to `urls` sends, for the handlers of the routes they name. */
  record(urls: readonly string[], value: TaintValue): void {
    const concrete = filterTaintsDeep(value, taint => taint.kind !== 'parameter');
    if (!holdsAnyData(concrete) || this.routesFor(urls).length === 0) {
      return;
    }
    // A side effect on the program's state: kept with the posting function's result, so that a
    // result carried to the next program records it again.
    this.analysis.sideEffect({ kind: 'request', urls, value: concrete });
    this.apply(urls, concrete);
  }

  /** A recorded request reaches the routes it names. */
  apply(urls: readonly string[], value: TaintValue): void {
    for (const route of this.routesFor(urls)) {
      this.posted.set(route.file, join(this.posted.get(route.file) ?? CLEAN, value));
    }
  }

  routesFor(urls: readonly string[]): Route[] {
    const routes = this.routes();
    if (routes.length === 0) {
      return [];
    }
    const paths = urls.map(pathOf).filter(segments => segments !== undefined);
    return routes.filter(route => paths.some(segments => matches(route.segments, segments)));
  }

  /** What the program posts to the route a handler file serves, after analysing the code that posts there. */
  valueFor(routeFile: ts.SourceFile): TaintValue {
    const route = this.routes().find(known => known.file === routeFile);
    if (!route) {
      return CLEAN;
    }
    // What other files post: a handler's result holds for this program only.
    this.analysis.usesWholeProgram();
    if (!this.indexed.has(routeFile)) {
      this.indexed.add(routeFile);
      for (const call of this.requestsTo(route)) this.analyseAround(call);
    }
    return this.posted.get(routeFile) ?? CLEAN;
  }

  /** HTTP calls of the program whose URL names the route. */
  private requestsTo(route: Route): ts.CallExpression[] {
    const analysis = this.analysis;
    this.requestsByFile ??= carriedRequests.forProgram(projectKey(analysis.program, analysis.customizationKey), analysis.program);
    const found: ts.CallExpression[] = [];
    for (const file of analysis.program.getSourceFiles()) {
      if (file === route.file || !isProjectCode(file, analysis.program) || !file.text.includes(route.staticPrefix)) continue;
      let byRoute = this.requestsByFile.get(file);
      let requests = byRoute?.get(route.file.fileName);
      if (!requests) {
        requests = this.requestsIn(file, route);
        if (!byRoute) {
          byRoute = new Map();
          this.requestsByFile.set(file, byRoute);
        }
        byRoute.set(route.file.fileName, requests);
      }
      found.push(...requests);
    }
    return found;
  }

  private requestsIn(file: ts.SourceFile, route: Route): ts.CallExpression[] {
    const found: ts.CallExpression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const request = this.analysis.endpoints.requestOf(node);
        if (request && request.bodies.length > 0 && this.routesFor(request.urls).includes(route)) found.push(node);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
  }

  /** Analyses the code around a request: its outermost declared function, or its file's top level. */
  private analyseAround(call: ts.CallExpression): void {
    let outermost: ts.Node | undefined;
    for (let node: ts.Node | undefined = call.parent; node && !ts.isSourceFile(node); node = node.parent) {
      if (isFunctionLike(node) && node.body) outermost = node;
    }
    if (outermost && isFunctionLike(outermost) && outermost.body && isDeclared(outermost)) {
      this.analysis.functionResult(outermost);
      return;
    }
    const file = call.getSourceFile();
    if (this.walking.has(file)) {
      return;
    }
    this.walking.add(file);
    try {
      this.analysis.analyzeFile(file);
    } finally {
      this.walking.delete(file);
    }
  }
}

/** `fetch('/api/search', { body: JSON.stringify({ query }) })`: recorded for the handler of that route. */
export function recordAppRequest(walker: Walker, call: ts.CallExpression): void {
  const routes = walker.analysis.appRoutes;
  if (routes.routes().length === 0) {
    return;
  }
  const request = walker.analysis.endpoints.requestOf(call);
  if (!request || request.bodies.length === 0 || routes.routesFor(request.urls).length === 0) {
    return;
  }
  let value = CLEAN;
  for (const body of request.bodies) value = join(value, bodyValue(walker, body));
  routes.record(request.urls, value);
}

/**
 * `await request.json()` on the request an exported `POST` (or `PUT`, `PATCH`, `DELETE`) handler of a
 * route file is given: what the program posts to that route.
 */
export function requestBodyValue(walker: Walker, call: ts.CallExpression): TaintValue {
  const callee = skipTransparent(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'json' || call.arguments.length > 0 || !ts.isIdentifier(skipTransparent(callee.expression))) {
    return CLEAN;
  }
  const declaration = walker.symbolOf(skipTransparent(callee.expression))?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent.parameters[0] !== declaration || !isBodyHandler(declaration.parent)) {
    return CLEAN;
  }
  return walker.analysis.appRoutes.valueFor(declaration.getSourceFile());
}

/**
 * Whether a call's receiver or arguments name a variable that holds data here (or the instance,
 * whose fields may): syntax and the walk's own values only, no type.
 */
export function mentionsData(walker: Walker, call: ts.CallExpression): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isFunctionLike(node)) {
      return;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      found = true;
    } else if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
      const symbol = walker.symbolOf(node);
      const value = symbol && walker.lookup(symbol);
      found = value !== undefined && holdsAnyData(value);
    } else {
      ts.forEachChild(node, visit);
    }
  };
  const callee = skipTransparent(call.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) visit(callee.expression);
  for (const argument of call.arguments) visit(argument);
  return found;
}

/**
 * A method in a route file reached only by requests, read as untyped code would be (`query.toLowerCase()`
 * still passes its text on, `logger.info(key)` still logs) unless its name can reach a sink and its
 * receiver is a global or an import: typing a local client can cost seconds on every edit (an Upstash
 * or node-redis client's `client.set(key, value)` takes 3.5 s to resolve). `undefined`: resolve it.
 */
export function untypedRouteCallee(walker: Walker, callee: ts.Expression): CalleeInfo | undefined {
  if (!ts.isPropertyAccessExpression(callee) || (walker.analysis.methodMayReachSink(callee.name.text) && isGlobalOrImported(walker, callee.expression))) {
    return undefined;
  }
  return { declarations: [], projectFunction: undefined, name: callee.name.text, text: calleeText(callee), unresolved: true };
}

/** The root of `console.log`, `logger.info`, `db.insert(...).values`: a global or an import binding. */
function isGlobalOrImported(walker: Walker, receiver: ts.Expression): boolean {
  let root = skipTransparent(receiver);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root)) root = skipTransparent(root.expression);
  const declaration = ts.isIdentifier(root) ? walker.symbolOf(root)?.declarations?.[0] : undefined;
  return (
    declaration !== undefined &&
    (declaration.getSourceFile().isDeclarationFile || ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration) || ts.isImportEqualsDeclaration(declaration))
  );
}

/**
 * A call in a route file reached only by requests that is handed none of their data: nothing to
 * resolve, no result. Its arguments are still walked (a callback may log a variable it closes over).
 */
export function inertRouteCall(walker: Walker, call: ts.CallExpression, callee: ts.Expression): TaintValue {
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) walker.evaluate(callee.expression);
  for (const argument of call.arguments) {
    const inner = skipTransparent(argument);
    if (ts.isFunctionExpression(inner) || ts.isArrowFunction(inner)) runCallback(walker, inner, []);
    else walker.evaluate(argument);
  }
  return CLEAN;
}

/** The value a request body sends: the object given to `JSON.stringify`, when reading it runs no code. */
function bodyValue(walker: Walker, body: ts.Expression): TaintValue {
  let node = skipTransparent(body);
  if (ts.isCallExpression(node) && node.arguments.length >= 1 && isJsonStringify(node.expression)) {
    node = skipTransparent(node.arguments[0]!);
  }
  // Evaluated a second time here: only reads of names and fields, which run nothing and report nothing.
  return readsOnly(node, 0) ? walker.evaluate(node) : CLEAN;
}

function readsOnly(node: ts.Expression, depth: number): boolean {
  if (depth > MAX_BODY_DEPTH) {
    return false;
  }
  const expression = skipTransparent(node);
  if (ts.isIdentifier(expression) || ts.isLiteralExpression(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return true;
  }
  if (ts.isPropertyAccessExpression(expression)) {
    return readsOnly(expression.expression, depth + 1);
  }
  if (ts.isObjectLiteralExpression(expression)) {
    return expression.properties.every(
      property =>
        ts.isShorthandPropertyAssignment(property) ||
        (ts.isPropertyAssignment(property) && readsOnly(property.initializer, depth + 1)) ||
        (ts.isSpreadAssignment(property) && readsOnly(property.expression, depth + 1)),
    );
  }
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.every(element => readsOnly(ts.isSpreadElement(element) ? element.expression : element, depth + 1));
  }
  return expression.kind === ts.SyntaxKind.TrueKeyword || expression.kind === ts.SyntaxKind.FalseKeyword || expression.kind === ts.SyntaxKind.NullKeyword;
}

function isJsonStringify(callee: ts.Expression): boolean {
  const node = skipTransparent(callee);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'stringify' && ts.isIdentifier(node.expression) && node.expression.text === 'JSON';
}

/** An exported `POST` handler of a route file: `export async function POST(request)` or `export const POST = async (request) => ...`. */
export function isBodyHandler(fn: ts.Node): boolean {
  const file = fn.getSourceFile();
  if (!ROUTE_FILE_NAME.test(path.basename(file.fileName))) {
    return false;
  }
  if (ts.isFunctionDeclaration(fn)) {
    return fn.name !== undefined && BODY_HANDLERS.has(fn.name.text) && hasExportModifier(fn) && fn.parent === file;
  }
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
    const holder = fn.parent;
    return (
      ts.isVariableDeclaration(holder) &&
      ts.isIdentifier(holder.name) &&
      BODY_HANDLERS.has(holder.name.text) &&
      ts.isVariableDeclarationList(holder.parent) &&
      ts.isVariableStatement(holder.parent.parent) &&
      hasExportModifier(holder.parent.parent)
    );
  }
  return false;
}

function hasExportModifier(node: ts.FunctionDeclaration | ts.VariableStatement): boolean {
  return node.modifiers?.some(modifier => modifier.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function isDeclared(fn: ts.Node): boolean {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) {
    return true;
  }
  const holder = fn.parent;
  return holder !== undefined && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder));
}

/** Route handler files (`app/api/chat/[id]/route.ts`), by the path segments they serve; route groups and slots are no segments. */
function findRoutes(program: ts.Program): Route[] {
  const root = program.getCompilerOptions().configFilePath;
  const rootDirectory = typeof root === 'string' ? path.dirname(root).replaceAll('\\', '/') : undefined;
  const routes: Route[] = [];
  for (const file of program.getSourceFiles()) {
    if (!isProjectCode(file, program) || !ROUTE_FILE_NAME.test(path.basename(file.fileName))) continue;
    const segments = appSegments(file.fileName.replaceAll('\\', '/'), rootDirectory);
    if (!segments) continue;
    const fixed: string[] = [];
    for (const segment of segments) {
      if (segment === ANY_SEGMENT || segment === REST_SEGMENTS) break;
      fixed.push(segment);
    }
    routes.push({ file, segments, staticPrefix: `/${fixed.join('/')}${fixed.length < segments.length ? '/' : ''}` });
  }
  return routes;
}

/** The segments after the app directory: the first `app/` (or `src/app/`) under the project's root, else the last `app/` of the path. */
function appSegments(fileName: string, rootDirectory: string | undefined): string[] | undefined {
  const relative = rootDirectory && fileName.startsWith(`${rootDirectory}/`) ? fileName.slice(rootDirectory.length + 1) : undefined;
  let inside: string | undefined;
  if (relative !== undefined) {
    const match = /^(?:src\/)?app\/(.*)$/.exec(relative);
    inside = match?.[1];
  } else {
    const at = fileName.lastIndexOf('/app/');
    inside = at === -1 ? undefined : fileName.slice(at + '/app/'.length);
  }
  if (inside === undefined) {
    return undefined;
  }
  return inside
    .split('/')
    .slice(0, -1)
    .filter(segment => segment.length > 0 && !/^\(.*\)$/.test(segment) && !segment.startsWith('@'))
    .map(segment => (/^\[\[?\.\.\./.test(segment) ? REST_SEGMENTS : segment.startsWith('[') ? ANY_SEGMENT : segment));
}

/**
 * The path segments of a URL a request goes to, when it can be the app's own: a relative path, or a
 * path on a base computed at run time (`${baseUrl}/api/search`). A URL written with its host is
 * another service, even on localhost (a local Ollama also serves `/api/chat`).
 */
function pathOf(url: string): string[] | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) {
    return undefined;
  }
  return url
    .replace(/[?#].*$/, '')
    .split('/')
    .filter(segment => segment.length > 0)
    .map(segment => (segment.startsWith(':') ? ANY_SEGMENT : segment));
}

function matches(route: readonly string[], request: readonly string[]): boolean {
  for (let index = 0; index < route.length; index++) {
    const expected = route[index]!;
    if (expected === REST_SEGMENTS) return request.length > index;
    const actual = request[index];
    // An id computed in the request (`/api/chats/${id}`) fills a dynamic segment, not a fixed one.
    if (actual === undefined || (expected !== ANY_SEGMENT && expected !== actual)) return false;
  }
  return request.length === route.length;
}
