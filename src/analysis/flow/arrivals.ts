import ts from '../typescript.cjs';

import { calleeName } from '../callees.js';
import { indexByName } from '../syntax-index.js';
import type { Finding, SinkHit } from './finding.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { type FunctionLikeWithBody, isFunctionLike } from './summaries.js';
import type { TaintKind } from './taint.js';
import { isProjectCode } from '../packages.js';

/**
 * Arrivals: data that a caller hands to a project helper, which writes it to a sink (a
 * `saveMessage(message)` that stores it, a mapper that logs a malformed message part), is also
 * reported at that sink, in the helper's own file, where the fix goes and where a reader of the
 * helper looks. Only when every call of the helper found in the program (outside test files)
 * passes sensitive data there: a generic helper (a `log(...args)` wrapper that most callers give
 * plain strings, or one an uncalled entry point passes its own parameter) is reported at the callers
 * that pass it sensitive data, not inside.
 */

/** Callers followed up from the helper: a helper of a helper of a helper. */
const MAX_CALLER_DEPTH = 4;

/** Calls of a name looked at to find a helper's callers; more, and the helper is taken as generic. */
const MAX_CANDIDATE_CALLS = 200;

/** Calls by callee name, per file: syntax only, so it holds while an editor's next program reuses the `SourceFile`. */
const callsByFile = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly ts.CallExpression[]>>();

/**
 * The arrivals at sinks of a file: one finding per sink and kind of data, reported at the sink.
 * `fileFindings` gives a file's own findings (those reported at callers), so arrivals never recurse.
 */
export function arrivalsIn(
  analysis: FlowAnalysis,
  sourceFile: ts.SourceFile,
  fileFindings: (file: ts.SourceFile) => readonly Finding[],
): { arrivals: Finding[]; covered: Set<Finding> } {
  const arrivals: Finding[] = [];
  // The callers' findings an arrival stands for.
  const covered = new Set<Finding>();
  const fileCanHold = analysis.canHoldLlmData(sourceFile);
  // In a route file that LLM code posts to, data arrives only where its handlers' walk went.
  const routeOnly = analysis.isRouteOnly(sourceFile);
  // The outermost function around the node visited. In a file with LLM data, a nested helper is
  // analysed inside it, with the state around it (a persisting state hook's setter), before its own
  // result is asked for; the file's own walk analyses that function anyway.
  let outermost: FunctionLikeWithBody | undefined;
  const visit = (node: ts.Node): void => {
    const takesData = isFunctionLike(node) && node.body !== undefined && node.parameters.length > 0;
    if (takesData && fileCanHold && !routeOnly && outermost && outermost !== node && standsAlone(outermost) && analysis.mayHaveFindings(outermost)) {
      analysis.functionResult(outermost);
    }
    // Only a helper that can reach a sink (syntax says so, `sink-reach.ts`) has sinks its callers' data can arrive at.
    if (takesData && !analysis.inlineFunctions.has(node) && analysis.mayHaveFindings(node) && (!routeOnly || analysis.isFunctionAnalysed(node))) {
      // Finding the callers means resolving every call of the helper's name in the program: only for a helper with a sink in this file.
      const sinksHere = !fileCanHold || [...analysis.functionResult(node).summary.parameterSinks.values()].some(hits => hits.some(hit => hit.at?.getSourceFile() === sourceFile && hit.kind !== 'crypto'));
      const calls = sinksHere ? callsOf(analysis, node) : [];
      // A helper in a file without LLM data is looked at only when LLM code calls it (`saveMessage()` of a models module).
      if (calls.length > 0 && (fileCanHold || calledFromLlmCode(analysis, calls, 0, new Set()))) {
        for (const [index, hits] of analysis.functionResult(node).summary.parameterSinks) {
          for (const hit of hits) {
            const sink = hit.at;
            // Weak encryption is reported at the weak construct by its own rule (`crypto/reports.ts`).
            if (!sink || sink.getSourceFile() !== sourceFile || hit.kind === 'crypto') continue;
            const entries = callersPassing(analysis, { fn: node, calls }, index, sink, fileFindings, 0, new Set());
            const reported = new Set<TaintKind>(hit.reportedInside);
            for (const entry of entries ?? []) {
              if (reported.has(entry.taint.kind)) continue;
              reported.add(entry.taint.kind);
              arrivals.push({ taint: entry.taint, node: sink, sink: arrivalSink(hit, entry) });
            }
            for (const entry of entries ?? []) if (!hit.reportedInside.includes(entry.taint.kind)) covered.add(entry);
          }
        }
      }
    }
    if (!outermost && isFunctionLike(node) && node.body) {
      outermost = node;
      ts.forEachChild(node, visit);
      outermost = undefined;
    } else {
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(sourceFile, visit);
  return { arrivals, covered };
}

/** Whether some call lies in a file that can hold LLM data, or in a function such a file calls (a few levels up). */
function calledFromLlmCode(analysis: FlowAnalysis, calls: readonly ts.CallExpression[], depth: number, seen = new Set<ts.Node>()): boolean {
  return calls.some(call => {
    if (analysis.canHoldLlmData(call.getSourceFile())) return true;
    if (depth >= MAX_CALLER_DEPTH) return false;
    const around = ts.findAncestor(call.parent, node => isFunctionLike(node) && declaredName(node) !== undefined) as FunctionLikeWithBody | undefined;
    if (!around || seen.has(around)) return false;
    seen.add(around);
    return calledFromLlmCode(analysis, callsOf(analysis, around), depth + 1, seen);
  });
}

function arrivalSink(hit: SinkHit, entry: Finding): SinkHit {
  return {
    kind: hit.kind,
    category: hit.category,
    callee: hit.callee,
    via: [],
    at: hit.at,
    ...(hit.weakness ? { weakness: hit.weakness } : {}),
    ...(hit.notReceived ? { notReceived: hit.notReceived } : {}),
    ...(hit.toolCall ? { toolCall: hit.toolCall } : {}),
    received: { at: entry.node, through: entry.sink.via },
  };
}

interface Helper {
  readonly fn: FunctionLikeWithBody;
  readonly calls: readonly ts.CallExpression[];
}


/**
 * The callers' findings for the data every call of a helper passes in parameter `index` to `sink`
 * (each finding is where the data entered the first helper), or `undefined` when some call passes
 * nothing sensitive there, or no call is found.
 */
function callersPassing(
  analysis: FlowAnalysis,
  helper: Helper,
  index: number,
  sink: ts.Node,
  fileFindings: (file: ts.SourceFile) => readonly Finding[],
  depth: number,
  visiting: Set<ts.Node>,
): Finding[] | undefined {
  if (depth > MAX_CALLER_DEPTH) {
    return undefined;
  }
  // A recursive call passes on what the helper was given.
  if (visiting.has(helper.fn)) {
    return [];
  }
  // Tests call helpers with fixtures (`saveTurn('c1', 'hello')`): that says nothing of what the app
  // passes. A function the app never calls (an entry point, an export for others) may be given anything.
  const calls = helper.calls.filter(call => !isTestFile(call.getSourceFile()));
  if (calls.length === 0) {
    return undefined;
  }
  visiting.add(helper.fn);
  const entries: Finding[] = [];
  let everyCall = true;
  for (const call of calls) {
    const passed = argumentsAt(call, helper.fn, index);
    const around = enclosingFunction(analysis, call);
    const findings = around ? analysis.functionResult(around).findings : fileFindings(call.getSourceFile());
    // A finding is reported at the argument, or at the property of an object literal argument that holds the data.
    let arriving: Finding[] | undefined = findings.filter(
      finding => finding.sink.at === sink && passed.some(argument => within(finding.insideClosure ?? finding.node, argument)),
    );
    if (arriving.length === 0 && around) {
      // The caller passes its own parameter on: what its callers pass.
      const owned = [...analysis.functionResult(around).summary.parameterSinks].find(([, hits]) =>
        hits.some(hit => hit.at === sink && hit.passedAt.some(node => passed.some(argument => within(node, argument)))),
      );
      arriving = owned && callersPassing(analysis, { fn: around, calls: callsOf(analysis, around) }, owned[0], sink, fileFindings, depth + 1, visiting);
    }
    if (!arriving || (arriving.length === 0 && !around)) {
      everyCall = false;
      break;
    }
    entries.push(...arriving);
  }
  visiting.delete(helper.fn);
  return everyCall ? entries : undefined;
}

function within(node: ts.Node, container: ts.Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

/** Test code by the usual conventions: `*.test.ts`, `*.spec.tsx`, `__tests__/`, `__mocks__/`. */
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$)|(?:[\\/]__(?:tests|mocks)__[\\/])/;

function isTestFile(sourceFile: ts.SourceFile): boolean {
  return TEST_FILE.test(sourceFile.fileName);
}

/** The argument nodes a call passes in a parameter (all the rest for a `...rest` parameter). */
function argumentsAt(call: ts.CallExpression, fn: FunctionLikeWithBody, index: number): readonly ts.Node[] {
  const parameter = fn.parameters[index];
  if (!parameter) return [];
  return parameter.dotDotDotToken ? call.arguments.slice(index) : call.arguments[index] ? [call.arguments[index]] : [];
}

/**
 * The function standing on its own whose analysis covers a call: the nearest enclosing function
 * that is not a callback analysed in place. `undefined` for code the file's top-level walk covers
 * (module code, and callbacks passed at the top level, such as route handlers).
 */
function enclosingFunction(analysis: FlowAnalysis, call: ts.Node): FunctionLikeWithBody | undefined {
  const chain: FunctionLikeWithBody[] = [];
  for (let node = call.parent; node && !ts.isSourceFile(node); node = node.parent) {
    if (isFunctionLike(node) && node.body) chain.push(node);
  }
  const outermost = chain.at(-1);
  if (!outermost || declaredName(outermost) === undefined) {
    return undefined;
  }
  // Analysing the outermost function marks the callbacks it analyses in place.
  analysis.functionResult(outermost);
  return chain.find(fn => !analysis.inlineFunctions.has(fn));
}

/** The calls of the program that reach `fn`: found by the name it is declared under, confirmed by resolving them. */
function callsOf(analysis: FlowAnalysis, fn: FunctionLikeWithBody): readonly ts.CallExpression[] {
  let byFunction = callsByFunction.get(analysis);
  if (!byFunction) {
    byFunction = new WeakMap();
    callsByFunction.set(analysis, byFunction);
  }
  let calls = byFunction.get(fn);
  if (!calls) {
    const name = declaredName(fn);
    const candidates = name === undefined ? [] : (programCalls(analysis).get(name) ?? []);
    // A name this common (`get`, `push`) cannot tell the callers apart cheaply: the helper is not followed.
    calls =
      candidates.length > MAX_CANDIDATE_CALLS
        ? []
        : candidates.filter(call => {
            // Also through a base class's placeholder or an interface (`this.buildMessages(...)` runs the subclass's).
            return analysis.projectFunctionsOf(analysis.callees.resolve(call)).includes(fn);
          });
    byFunction.set(fn, calls);
  }
  return calls;
}

/** Calls by callee name over the program's own files, per analysis (one program): merged from the per-file index. */
const callsByProgram = new WeakMap<FlowAnalysis, ReadonlyMap<string, readonly ts.CallExpression[]>>();
const callsByFunction = new WeakMap<FlowAnalysis, WeakMap<ts.Node, readonly ts.CallExpression[]>>();

function programCalls(analysis: FlowAnalysis): ReadonlyMap<string, readonly ts.CallExpression[]> {
  let merged = callsByProgram.get(analysis);
  if (!merged) {
    const calls = new Map<string, ts.CallExpression[]>();
    for (const file of analysis.program.getSourceFiles()) {
      if (!isProjectCode(file, analysis.program)) continue;
      for (const [name, named] of callsNamed(file)) {
        const known = calls.get(name);
        if (known) known.push(...named);
        else calls.set(name, [...named]);
      }
    }
    merged = calls;
    callsByProgram.set(analysis, merged);
  }
  return merged;
}

/** The name a function is called by: its own, or that of the variable, field or property holding it. */
/**
 * A function the file's walk analyses on its own: declared, or a function literal held by a variable
 * or a property. A callback passed in a call (`app.post('/chat', async req => ...)`) is walked in
 * place by the code around it instead, and analysing it on its own as well would be done twice.
 */
function standsAlone(fn: FunctionLikeWithBody): boolean {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return true;
  const holder = fn.parent;
  return ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder);
}

function declaredName(fn: FunctionLikeWithBody): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && (ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name))) {
    return fn.name.text;
  }
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) {
    return undefined;
  }
  // `const save = useCallback((message) => ..., [])` names the arrow too.
  const holder = ts.isCallExpression(fn.parent) ? fn.parent.parent : fn.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyDeclaration(holder) || ts.isPropertyAssignment(holder)) && ts.isIdentifier(holder.name)) {
    return holder.name.text;
  }
  return undefined;
}

function callsNamed(file: ts.SourceFile): ReadonlyMap<string, readonly ts.CallExpression[]> {
  return indexByName(callsByFile, file, (node, add) => {
    const name = ts.isCallExpression(node) ? calleeName(node.expression) : undefined;
    if (name !== undefined) add(name, node as ts.CallExpression);
  });
}
