import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { FlowAnalysis, flowAnalysisFor } from '../../src/analysis/index.js';
import { createFixtureProgram } from './program.js';

function functionNamed(sourceFile: ts.SourceFile, name: string): ts.FunctionDeclaration {
  let found: ts.FunctionDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === name) found = node;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

const consumer = (variant: string) => `
import OpenAI from 'openai';
import { logOutput } from './helpers/summaries/logging.js';
const completion = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });
const text = completion.choices[0]?.message.content ?? '';
logOutput(text);
logOutput(text + '${variant}');
export function again() {
  logOutput(text);
}
`;

describe('function summaries', () => {
  it('analyses a helper once per program, however many calls and files use it', () => {
    const { program, sourceFile } = createFixtureProgram({ 'consumer-a.ts': consumer('a'), 'consumer-b.ts': consumer('b') });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const counts = new Map<ts.Node, number>();
    analysis.onFunctionAnalysed = node => counts.set(node, (counts.get(node) ?? 0) + 1);

    const findingsA = analysis.analyzeFile(sourceFile('consumer-a.ts'));
    const findingsB = analysis.analyzeFile(sourceFile('consumer-b.ts'));

    const logOutput = functionNamed(sourceFile('helpers/summaries/logging.ts'), 'logOutput');
    expect(counts.get(logOutput)).toBe(1);
    // Every call site is reported, in its own file, naming the logger inside the helper.
    expect(findingsA).toHaveLength(3);
    expect(findingsB).toHaveLength(3);
    expect(findingsA.every(finding => finding.node.getSourceFile() === sourceFile('consumer-a.ts'))).toBe(true);
    expect(findingsA[0]?.sink).toMatchObject({ kind: 'log', category: 'logger', callee: 'logger.info()', via: ['logOutput()'] });
  });

  it('walks an immediately invoked function once, in place, and still reports inside it', () => {
    const { program, sourceFile } = createFixtureProgram({
      'iife.ts': `
import OpenAI from 'openai';
export async function handle(question: string) {
  const completion = await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  void (async () => {
    if (answer.length > 0 && completion.usage) {
      console.info('reply', answer);
    }
  })();
  return answer.length;
}
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const counts = new Map<ts.Node, number>();
    analysis.onFunctionAnalysed = node => counts.set(node, (counts.get(node) ?? 0) + 1);
    const findings = analysis.analyzeFile(sourceFile('iife.ts'));
    const literals = [...counts].filter(([node]) => ts.isArrowFunction(node));
    expect(literals.map(([, count]) => count)).toEqual([1]);
    expect(findings.map(finding => [finding.taint.kind, finding.sink.callee])).toEqual([['output', 'console.info()']]);
  });

  it('walks a branch test that calls or writes, not one that only reads', () => {
    const { program, sourceFile } = createFixtureProgram({
      'tests.ts': `
import OpenAI from 'openai';
const client = new OpenAI();
function persisted(text: string): boolean {
  localStorage.setItem('last', text);
  return true;
}
export async function handle() {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [] });
  const answer = completion.choices[0]?.message.content ?? '';
  let copy = '';
  if (process.env.ZQ_VERBOSE && answer.length > 2 && completion.choices[0]?.finish_reason === 'stop') copy = 'ok';
  while ((copy = answer) === '') break;
  console.info(copy);
  return persisted(answer) ? 'saved' : 'not saved';
}
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const read: string[] = [];
    const typeTaints = analysis.typeSources.typeTaints.bind(analysis.typeSources);
    analysis.typeSources.typeTaints = (node, label, origin) => {
      read.push(node.getText());
      return typeTaints(node, label, origin);
    };
    const findings = analysis.analyzeFile(sourceFile('tests.ts'));
    expect(findings.map(finding => [finding.taint.kind, finding.sink.callee]).sort()).toEqual([
      ['output', 'console.info()'],
      ['output', 'localStorage.setItem()'],
    ]);
    // The test of the \`if\` only reads: no type in it is asked for.
    expect(read.filter(text => text.includes('ZQ_VERBOSE'))).toEqual([]);
  });

  it('does not evaluate a field read handed to a helper whose known result ignores it, and still follows one that uses it', () => {
    const { program, sourceFile } = createFixtureProgram({
      'ignored-arguments.ts': `
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
interface Saved { turns: ChatCompletionMessageParam[]; id: string }
export function zqCountTurns(turns: ChatCompletionMessageParam[]): number {
  return turns.filter(turn => turn.role === 'user').length;
}
export function zqKeepTurns(turns: ChatCompletionMessageParam[]): void {
  console.log(turns);
}
export function report(saved: Saved, other: Saved) {
  const count = zqCountTurns(saved.turns);
  zqKeepTurns(other.turns);
  return count;
}
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const file = sourceFile('ignored-arguments.ts');
    // Known before the caller is walked, as a helper carried from the previous program is.
    for (const name of ['zqCountTurns', 'zqKeepTurns']) analysis.functionResult(functionNamed(file, name));
    const asked: string[] = [];
    const typeTaints = analysis.typeSources.typeTaints.bind(analysis.typeSources);
    analysis.typeSources.typeTaints = (node, label, origin) => {
      asked.push(node.getText());
      return typeTaints(node, label, origin);
    };
    const findings = analysis.analyzeFile(file);
    expect(asked).not.toContain('saved.turns');
    expect(asked).toContain('other.turns');
    // In one file a flow is reported once, inside the helper that logs.
    expect(findings.map(finding => [finding.taint.kind, finding.node.getText()])).toEqual([['prompt', 'turns']]);
  });

  it('returns the cached result of a file on the second request', () => {
    const { program, sourceFile } = createFixtureProgram({ 'consumer-a.ts': consumer('a') });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const first = analysis.analyzeFile(sourceFile('consumer-a.ts'));
    let analysed = 0;
    analysis.onFunctionAnalysed = () => analysed++;
    expect(analysis.analyzeFile(sourceFile('consumer-a.ts'))).toBe(first);
    expect(analysed).toBe(0);
  });

  it('terminates on mutual and deep recursion and still passes values through', () => {
    const chain = Array.from({ length: 120 }, (_, index) =>
      index === 119 ? `function f${index}(text: string): string { return f0(text); }` : `function f${index}(text: string): string { return f${index + 1}(text); }`,
    ).join('\n');
    const { program, sourceFile } = createFixtureProgram({
      'recursive.ts': `
import { ask, even } from './helpers/summaries/llm.js';
${chain}
const answer = await ask('q');
console.log(even(answer, 5));
console.log(f0(answer));
`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const findings = analysis.analyzeFile(sourceFile('recursive.ts'));
    // even/odd pass the text through; the 120-deep cycle is cut by the depth bound (no flow assumed).
    expect(findings.map(finding => finding.node.getText())).toContain('even(answer, 5)');
  });

  it('keeps one analysis per program and customization', () => {
    const { program } = createFixtureProgram({});
    const first = flowAnalysisFor(program, EMPTY_CUSTOMIZATION);
    expect(flowAnalysisFor(program, { ...EMPTY_CUSTOMIZATION })).toBe(first);
    expect(flowAnalysisFor(program, { ...EMPTY_CUSTOMIZATION, logSinks: ['audit'] })).not.toBe(first);
  });

  it('summarises which parameters reach the result, a sink or a prompt', () => {
    const { program, sourceFile } = createFixtureProgram({});
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    const logging = sourceFile('helpers/summaries/logging.ts');
    const llm = sourceFile('helpers/summaries/llm.ts');
    const storage = sourceFile('helpers/summaries/storage.ts');

    const logSecond = analysis.functionResult(functionNamed(logging, 'logSecond')).summary;
    expect([...logSecond.parameterSinks.keys()]).toEqual([1]);

    const identity = analysis.functionResult(functionNamed(llm, 'identity')).summary;
    expect([...identity.parametersToReturn]).toEqual([0]);

    const ask = analysis.functionResult(functionNamed(llm, 'ask')).summary;
    expect([...ask.parametersToPrompt]).toEqual([0]);
    expect(ask.returns.taints.map(taint => taint.kind)).toEqual(['output']);

    const countTokens = analysis.functionResult(functionNamed(llm, 'countTokens')).summary;
    expect(countTokens.returns.taints).toEqual([]);

    const encrypt = analysis.functionResult(functionNamed(storage, 'encryptForStorage')).summary;
    expect(encrypt.parametersToReturn.size).toBe(0);
    const obfuscate = analysis.functionResult(functionNamed(storage, 'obfuscate')).summary;
    expect([...obfuscate.parametersToReturn]).toEqual([0]);
  });

  it('skips files that cannot see an LLM SDK, and only those', () => {
    const { program, sourceFile } = createFixtureProgram({
      'no-sdk.ts': `import { saveTurnCount } from './helpers/summaries/storage.js';\nexport const save = saveTurnCount;\n`,
      'via-helper.ts': `import { ask } from './helpers/summaries/llm.js';\nexport const answer = ask;\n`,
      'dynamic.ts': `export async function load() {\n  const { default: OpenAI } = await import('openai');\n  return new OpenAI();\n}\n`,
    });
    const analysis = new FlowAnalysis(program, EMPTY_CUSTOMIZATION);
    expect(analysis.canHoldLlmData(sourceFile('no-sdk.ts'))).toBe(false);
    expect(analysis.canHoldLlmData(sourceFile('helpers/summaries/storage.ts'))).toBe(false);
    expect(analysis.canHoldLlmData(sourceFile('via-helper.ts'))).toBe(true);
    expect(analysis.canHoldLlmData(sourceFile('dynamic.ts'))).toBe(true);
    // With user-configured sources any file may hold them.
    expect(new FlowAnalysis(program, { ...EMPTY_CUSTOMIZATION, outputSources: ['askInternalModel'] }).canHoldLlmData(sourceFile('no-sdk.ts'))).toBe(true);
  });
});
