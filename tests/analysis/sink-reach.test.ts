import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { FlowAnalysis } from '../../src/analysis/index.js';
import { SinkReach } from '../../src/analysis/flow/sink-reach.js';
import { createFixtureProgram } from './program.js';

/** The function-like declared under `name` (a function, method, or a variable / property holding one). */
function declared(sourceFile: ts.SourceFile, name: string): ts.Node {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name?.getText() === name) found = node;
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.name.getText() === name && node.initializer) {
      const value = node.initializer;
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) found = value;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

// Names are unusual on purpose: the fixture program holds every fixture file, and names decide.
const helpers = `
import fs from 'node:fs';
export function zqPersistTurn(text: string) { fs.writeFileSync('turns.txt', text); }
export function zqFormatTurn(text: string) { return text.trim(); }
export default function zqDefaultLogger(text: string) { console.info(text); }
`;

describe('which functions can reach a sink (syntax only)', () => {
  const { program, sourceFile } = createFixtureProgram({
    'sink-reach/helpers.ts': helpers,
    'sink-reach/app.ts': `
import fs from 'node:fs';
import { generateText } from 'ai';
import { zqPersistTurn, zqFormatTurn as zqShape } from './helpers.js';
import zqAnyName from './helpers.js';
import { zqPersistTurn as zqKeep } from './helpers.js';

let zqLastTurn = '';
const zqWrite = fs.appendFileSync;

export function zqOnlyComputes(items: string[]) {
  const local: string[] = [];
  local.push(items.join(','));
  const table = new Map<string, number>();
  table.get('a');
  return zqShape(local[0] ?? '');
}
export function zqLogs(text: string) { console.log(text); }
export function zqCallsHelper(text: string) { zqPersistTurn(text); }
export function zqCallsRenamed(text: string) { zqKeep(text); }
export function zqCallsDefault(text: string) { zqAnyName(text); }
export function zqCallsAlias(text: string) { zqWrite('log.txt', text); }
export function zqWritesModule(text: string) { zqLastTurn = text; }
export function zqPassesHandler(lines: string[]) { lines.forEach(zqLogs); }
export function zqPassesConsole(lines: string[]) { lines.forEach(console.warn); }
export function zqComputedCall(handlers: Record<string, (text: string) => void>, kind: string, text: string) { handlers[kind]!(text); }
export function zqTelemetry(prompt: string) { return generateText({ model: 'openai/gpt-4o', prompt }); }
export function zqTransitive(text: string) { zqCallsHelper(text); }
export class ZqStore {
  private turns: string[] = [];
  zqAdd(text: string) { this.turns.push(text); }
  zqCount() { return this.turns.length; }
  zqFlush() { this.zqSave(); }
  zqSave() { console.log(this.turns); }
}
export function zqCallsBareProgramMethod(store: ZqStore) { store.zqFlush(); }
export function zqNestedCallback(items: string[]) {
  return items.map(item => {
    const inner = () => console.debug(item);
    return inner;
  });
}
export function zqNestedMethod() {
  return class { zqShow(text: string) { console.info(text); } };
}
export function zqLogsCaughtError(text: string) {
  try {
    return JSON.parse(text);
  } catch (error) {
    console.error('could not parse', error, error instanceof Error ? error.message : 'unknown');
    console.warn(\`parse failed: \${error}\`, 3, true, null);
  }
}
export function zqLogsTextInCatch(text: string) {
  try {
    return JSON.parse(text);
  } catch (error) {
    console.error('could not parse', text, error);
  }
}
export function zqLogsShadowedError(text: string) {
  try {
    return JSON.parse(text);
  } catch (error) {
    {
      const error = text;
      console.error(error);
    }
  }
}
export function zqLogsCallbackParameter(items: string[]) {
  try {
    return items.length;
  } catch (error) {
    items.forEach(error => console.error(error));
  }
}
export function zqNestedWriteStaysInside() {
  let seen = '';
  const remember = (text: string) => { seen = text; };
  remember('x');
  return seen;
}
`,
  });
  const reach = new SinkReach(program);
  const app = sourceFile('sink-reach/app.ts');
  const can = (name: string): boolean => reach.mayReachSink(declared(app, name));

  it('skips functions that only compute, with local containers and calls to helpers that hold no sink', () => {
    expect(can('zqOnlyComputes')).toBe(false);
    expect(can('zqCount')).toBe(false);
    expect(can('zqNestedWriteStaysInside')).toBe(false);
    expect(reach.mayReachSink(declared(sourceFile('sink-reach/helpers.ts'), 'zqFormatTurn'))).toBe(false);
  });

  it('skips functions that hand a sink only constants and the error a catch clause caught', () => {
    expect(can('zqLogsCaughtError')).toBe(false);
    expect(can('zqLogsTextInCatch')).toBe(true);
    // Another binding of the same name: a block's own variable, a callback's parameter.
    expect(can('zqLogsShadowedError')).toBe(true);
    expect(can('zqLogsCallbackParameter')).toBe(true);
  });

  it('keeps functions that call a sink, directly or through helpers, renamed imports, default imports and aliases', () => {
    expect(can('zqLogs')).toBe(true);
    expect(can('zqCallsHelper')).toBe(true);
    expect(can('zqCallsRenamed')).toBe(true);
    expect(can('zqCallsDefault')).toBe(true);
    expect(can('zqCallsAlias')).toBe(true);
    expect(can('zqTransitive')).toBe(true);
    expect(can('zqSave')).toBe(true);
    expect(can('zqFlush')).toBe(true);
    expect(can('zqCallsBareProgramMethod')).toBe(true);
  });

  it('keeps a function whose nested callback or class reaches a sink, however deep', () => {
    expect(can('zqNestedCallback')).toBe(true);
    expect(can('zqNestedMethod')).toBe(true);
  });

  it('keeps functions that write outside themselves, pass a function on, or make calls the syntax cannot name', () => {
    expect(can('zqWritesModule')).toBe(true);
    expect(can('zqAdd')).toBe(true);
    expect(can('zqPassesHandler')).toBe(true);
    expect(can('zqPassesConsole')).toBe(true);
    expect(can('zqComputedCall')).toBe(true);
    // A model call that can record its own telemetry.
    expect(can('zqTelemetry')).toBe(true);
  });

  it('does not analyse a function that cannot reach a sink for its own findings, and still analyses it for a caller', () => {
    const fixture = createFixtureProgram({
      'sink-reach/flow.ts': `
import OpenAI from 'openai';
const client = new OpenAI();
export async function zqAskOnly(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return completion.choices[0]?.message.content ?? '';
}
export async function zqAskAndLog(question: string) {
  console.log(await zqAskOnly(question));
}
export async function zqNeverCalled(question: string) {
  const answer = await zqAskOnly(question);
  return answer.toUpperCase();
}
`,
    });
    const flow = fixture.sourceFile('sink-reach/flow.ts');
    const analysis = new FlowAnalysis(fixture.program, EMPTY_CUSTOMIZATION);
    const analysed: string[] = [];
    analysis.onFunctionAnalysed = node => analysed.push((node as ts.FunctionDeclaration).name?.text ?? '?');
    const findings = analysis.analyzeFile(flow);
    expect(findings.map(finding => finding.node.getText())).toEqual(['await zqAskOnly(question)']);
    // `zqAskOnly` was analysed because its caller needed what it returns; `zqNeverCalled` was not analysed.
    expect(analysed.sort()).toEqual(['zqAskAndLog', 'zqAskOnly']);
  });

  it('analyses every function when the user configured sinks', () => {
    const fixture = createFixtureProgram({ 'sink-reach/custom.ts': 'export function zqQuiet(text: string) { return text.length; }\n' });
    const analysedWith = (customization: typeof EMPTY_CUSTOMIZATION): number => {
      const analysis = new FlowAnalysis(fixture.program, customization);
      let analysed = 0;
      analysis.onFunctionAnalysed = () => analysed++;
      analysis.analyzeFile(fixture.sourceFile('sink-reach/custom.ts'));
      return analysed;
    };
    // A configured source makes every file worth analysing; only a configured sink makes every function.
    const withSource = { ...EMPTY_CUSTOMIZATION, promptSources: [{ from: 'file' as const, name: 'ZqPrompt' }] };
    expect(analysedWith(withSource)).toBe(0);
    expect(analysedWith({ ...withSource, logSinks: [{ from: 'file' as const, name: 'zqNowhere' }] })).toBe(1);
  });
});
