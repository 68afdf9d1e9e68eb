import path from 'node:path';

import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

import { EMPTY_CUSTOMIZATION } from '../../src/analysis/config.js';
import { flowAnalysisFor } from '../../src/analysis/index.js';
import { SinkReach } from '../../src/analysis/flow/sink-reach.js';
import { CalleeResolver } from '../../src/analysis/callees.js';
import { CarriedFacts, programFiles, staleFiles } from '../../src/analysis/program-delta.js';
import { filesImporting, filesReachingLlmData, importedFile, moduleSpecifiers } from '../../src/analysis/reach.js';
import { hasLlmEvidence } from '../../src/analysis/sources/file-evidence.js';
import { LearnedTypes } from '../../src/analysis/sources/learned-types.js';
import { LLM_SDK_PACKAGES } from '../../src/knowledge/llm-sdks.js';
import { FIXTURES_DIR } from '../rule-tester.js';

/**
 * A language service over in-memory files, as an editor runs it: each edit bumps a file's version
 * (saved or not, the service only sees the text it is given) and the next program reuses the
 * `SourceFile` objects of the files that did not change.
 */
function editorSession(initial: Record<string, string>, currentDirectory = FIXTURES_DIR) {
  const files = new Map(Object.entries(initial).map(([name, text]) => [path.join(FIXTURES_DIR, 'editor', name), { text, version: 1 }]));
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: fileName => String(files.get(fileName)?.version ?? 0),
    getScriptSnapshot: fileName => {
      const text = files.get(fileName)?.text ?? ts.sys.readFile(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    // The project key of carried facts: a session with another directory is another project.
    getCurrentDirectory: () => currentDirectory,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: fileName => files.has(fileName) || ts.sys.fileExists(fileName),
    readFile: fileName => files.get(fileName)?.text ?? ts.sys.readFile(fileName),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    // The in-memory files' directory does not exist on disk; module resolution asks for it.
    directoryExists: directory => [...files.keys()].some(fileName => fileName.startsWith(`${directory}/`)) || ts.sys.directoryExists(directory),
    getDirectories: directory => ts.sys.getDirectories(directory),
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    program: () => service.getProgram()!,
    edit(name: string, text: string) {
      const file = files.get(path.join(FIXTURES_DIR, 'editor', name));
      if (!file) {
        files.set(path.join(FIXTURES_DIR, 'editor', name), { text, version: 1 });
        return;
      }
      file.text = text;
      file.version += 1;
    },
    file: (program: ts.Program, name: string) => program.getSourceFile(path.join(FIXTURES_DIR, 'editor', name))!,
  };
}

const types = `export interface Turn { question: string; locale: string }
export interface Metrics { tokens: number }
`;
const sending = `import type { Turn } from './types.js';
export async function send(prompt: Turn) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt }) });
  return res.json();
}
`;
const notSending = `import type { Turn } from './types.js';
export async function send(turn: Turn) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt: 'Say hi.' }) });
  return { locale: turn.locale, reply: await res.json() };
}
`;
// A file that can hold LLM data (it reads SDK types), which does not import send.ts.
const audit = `import type { ChatCompletion } from 'openai';
import type { Turn } from './types.js';
export function audit(turn: Turn) {
  console.log('audit', turn);
}
export function tokens(completion: ChatCompletion) {
  return completion.usage?.total_tokens ?? 0;
}
`;
const other = `import type { Metrics } from './types.js';
export function count(metrics: Metrics) {
  return metrics.tokens;
}
`;

const promptFindings = (program: ts.Program, sourceFile: ts.SourceFile) =>
  flowAnalysisFor(program, EMPTY_CUSTOMIZATION)
    .analyzeFile(sourceFile)
    .filter(finding => finding.taint.kind === 'prompt');

describe('editor reuse across programs', () => {
  it('marks a changed file and its importers stale, and nothing else', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit, 'other.ts': other });
    const first = session.program();
    const before = programFiles(first);
    session.edit('send.ts', notSending);
    const second = session.program();
    expect(session.file(second, 'audit.ts')).toBe(session.file(first, 'audit.ts'));
    expect(staleFiles(before, second, programFiles(second))).toEqual(new Set([session.file(second, 'send.ts')]));

    const third = programFiles(second);
    session.edit('types.ts', `${types}export type Id = string;\n`);
    const fourth = session.program();
    const stale = staleFiles(third, fourth, programFiles(fourth));
    expect(stale === 'all' ? 'all' : [...stale].map(file => path.basename(file.fileName)).sort()).toEqual(['audit.ts', 'other.ts', 'send.ts', 'types.ts']);

    // A module that augments global types reaches files that do not import it.
    const fifth = programFiles(fourth);
    session.edit('other.ts', `${other}declare global { interface Window { lastAnswer?: string } }\n`);
    const sixth = session.program();
    expect(staleFiles(fifth, sixth, programFiles(sixth))).toBe('all');
  });

  it('carries the import graph and the files reaching LLM data while imports stay the same, and follows an added import', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'other.ts': other }, path.join(FIXTURES_DIR, 'import-graph-carry'));
    /** What each program says: the files reaching LLM data, and the files importing send.ts. */
    const observe = (): { reaching: string[]; importingSend: string[] } => {
      const program = session.program();
      const names = (files: Iterable<ts.SourceFile>): string[] => [...files].map(file => path.basename(file.fileName)).sort();
      const reaching = filesReachingLlmData(program, LLM_SDK_PACKAGES, hasLlmEvidence);
      // What is carried names this program's files, not the previous program's.
      for (const file of reaching) expect(session.file(program, path.basename(file.fileName))).toBe(file);
      return { reaching: names(reaching), importingSend: names(filesImporting(program, [session.file(program, 'send.ts')])) };
    };
    const alone = { reaching: ['send.ts'], importingSend: ['send.ts'] };
    const importing = { reaching: ['other.ts', 'send.ts'], importingSend: ['other.ts', 'send.ts'] };
    expect(observe()).toEqual(alone);
    // Keystrokes that change no import.
    session.edit('other.ts', other.replace('metrics.tokens', 'metrics.tokens + 1'));
    expect(observe()).toEqual(alone);
    session.edit('send.ts', `${sending}// edited\n`);
    expect(observe()).toEqual(alone);
    // other.ts starts importing send.ts, then stops.
    session.edit('other.ts', `import { send } from './send.js';\n${other}export const relay = send;\n`);
    expect(observe()).toEqual(importing);
    session.edit('send.ts', sending);
    expect(observe()).toEqual(importing);
    session.edit('other.ts', other);
    expect(observe()).toEqual(alone);
  });

  it('keeps the facts of unchanged files and recomputes the others', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit });
    const carried = new CarriedFacts<string>();
    const first = session.program();
    const facts = carried.forProgram('project', first);
    for (const sourceFile of first.getSourceFiles()) if (!sourceFile.isDeclarationFile) facts.set(sourceFile, path.basename(sourceFile.fileName));
    session.edit('send.ts', notSending);
    const second = session.program();
    const kept = carried.forProgram('project', second);
    expect([...kept.values()].sort()).toEqual(['audit.ts', 'types.ts']);
    expect(carried.forProgram('another project', second).size).toBe(0);
  });

  it('follows an unsaved edit of a helper in another file: a type stops and starts being a prompt', () => {
    const session = editorSession({ 'types.ts': types, 'send.ts': sending, 'audit.ts': audit });
    const first = session.program();
    expect(promptFindings(first, session.file(first, 'audit.ts'))).toHaveLength(1);

    session.edit('send.ts', notSending);
    const second = session.program();
    // audit.ts itself did not change and does not import send.ts; what it learned from there must not stick.
    expect(session.file(second, 'audit.ts')).toBe(session.file(first, 'audit.ts'));
    expect(promptFindings(second, session.file(second, 'audit.ts'))).toHaveLength(0);

    session.edit('send.ts', sending);
    const third = session.program();
    expect(promptFindings(third, session.file(third, 'audit.ts'))).toHaveLength(1);

    // The type's own file changes: send.ts did not, but what it learned names the old declaration.
    session.edit('types.ts', types.replace('locale: string', 'locale: string; model?: string'));
    const fourth = session.program();
    expect(session.file(fourth, 'send.ts')).toBe(session.file(third, 'send.ts'));
    expect(promptFindings(fourth, session.file(fourth, 'audit.ts'))).toHaveLength(1);
  });
});

// A helper in another file that logs model output, the route that calls it, and code around them.
const logging = `export function logOutput(text: string) {
  console.log('answer', text);
}
export function logLength(text: string) {
  console.log('length', text.length);
}
`;
const forwarding = `import { logOutput } from './logging.js';
export function report(text: string) {
  logOutput(text);
}
`;
const bot = `import OpenAI from 'openai';
const client = new OpenAI();
export class Bot {
  last = '';
  async ask(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.last = completion.choices[0]?.message.content ?? '';
  }
  report() {
    console.log(this.last);
  }
}
`;
const streaming = `import type { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
export function pipe(stream: ChatCompletionStream) {
  stream.on('content', delta => console.log(delta));
}
`;
const events = `import { EventEmitter } from 'node:events';
import OpenAI from 'openai';
const client = new OpenAI();
export class Relay extends EventEmitter {
  async run(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.emit('answer', completion.choices[0]?.message.content ?? '');
  }
}
export function listen(relay: Relay) {
  relay.on('answer', text => console.log(text));
}
`;
// An interface whose implementation lives in a file the caller does not import.
const provider = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
export interface Provider {
  ask(question: string, history: ChatCompletionMessageParam[]): Promise<string>;
}
export async function answer(provider: Provider, question: string) {
  console.log(await provider.ask(question, []));
}
`;
const implementation = (returned: string) => `import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Provider } from './provider.js';
const client = new OpenAI();
export class OpenAIProvider implements Provider {
  async ask(question: string, history: ChatCompletionMessageParam[]) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [...history, { role: 'user', content: question }] });
    return ${returned};
  }
}
`;
const route = (variant: string) => `import OpenAI from 'openai';
import { report } from './forwarding.js';
import { logLength, logOutput } from './logging.js';
import { Bot } from './bot.js';
import { Relay } from './events.js';
const client = new OpenAI();
export async function POST(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question + '${variant}' }] });
  const text = completion.choices[0]?.message.content ?? '';
  logOutput(text);
  logLength(text);
  report(text);
  await new Bot().ask(question);
  const relay = new Relay();
  relay.on('answer', answer => console.info(answer));
}
`;
const notLogging = logging.replace("console.log('answer', text);", "console.log('answer', text.length);");

/** Every finding of every file, as text: what must not depend on whether results were carried. */
function allFindings(program: ts.Program, names: readonly string[]): string[] {
  const analysis = flowAnalysisFor(program, EMPTY_CUSTOMIZATION);
  return names.flatMap(name => {
    const sourceFile = program.getSourceFile(path.join(FIXTURES_DIR, 'editor', name))!;
    return analysis.analyzeFile(sourceFile).map(finding => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(finding.node.getStart());
      return `${name}:${line + 1}:${character + 1} ${finding.taint.kind} from ${finding.taint.label} to ${finding.sink.callee} via ${finding.sink.via.join(',')}`;
    });
  });
}

/** The findings of a program built from scratch over the same texts (another project: nothing carried). */
function freshFindings(texts: Record<string, string>): string[] {
  const fresh = editorSession(texts, path.join(FIXTURES_DIR, 'editor'));
  return allFindings(fresh.program(), Object.keys(texts));
}

describe('program-wide facts carried across programs', () => {
  const store = (body: string) => `export function zqStoreTurn(text: string) { ${body} }\nexport function zqQuiet(text: string) { return text.length; }\n`;
  const caller = (label: string) => `import { zqStoreTurn } from './store.js';
export function zqKeep(text: string) { zqStoreTurn(text); }
export function zqLogHere(text: string) { console.log('${label}', text); }
export function zqCount(items: string[]) { return items.length; }
`;
  /** Which of the named functions of a file can reach a sink, in one program. */
  const reaching = (session: ReturnType<typeof editorSession>, program: ts.Program, names: Record<string, readonly string[]>): string[] => {
    const reach = new SinkReach(program);
    return Object.entries(names).flatMap(([file, functions]) => {
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionDeclaration(node) && node.name && functions.includes(node.name.text) && reach.mayReachSink(node)) found.push(node.name.text);
        ts.forEachChild(node, visit);
      };
      visit(session.file(program, file));
      return found;
    });
  };

  it('gives the functions of an edited file what a fresh fixpoint gives, and follows a helper that starts and stops writing', () => {
    const session = editorSession({ 'store.ts': store('return text.trim();'), 'caller.ts': caller('turn') }, path.join(FIXTURES_DIR, 'sink-reach-carry'));
    const names = { 'store.ts': ['zqStoreTurn', 'zqQuiet'], 'caller.ts': ['zqKeep', 'zqLogHere', 'zqCount'] };
    expect(reaching(session, session.program(), names)).toEqual(['zqLogHere']);
    // An edit that changes no name: the new nodes of the edited file get the outcome.
    session.edit('caller.ts', caller('answer'));
    expect(reaching(session, session.program(), names)).toEqual(['zqLogHere']);
    // An unsaved edit of the helper in another file: its caller, unchanged, now reaches a sink too.
    session.edit('store.ts', store("require('node:fs').writeFileSync('turns.txt', text);"));
    expect(reaching(session, session.program(), names)).toEqual(['zqStoreTurn', 'zqKeep', 'zqLogHere']);
    session.edit('caller.ts', caller('again'));
    expect(reaching(session, session.program(), names)).toEqual(['zqStoreTurn', 'zqKeep', 'zqLogHere']);
    session.edit('store.ts', store('return text.trim();'));
    expect(reaching(session, session.program(), names)).toEqual(['zqLogHere']);
  });

  it('resolves an unchanged import again once the file it names exists', () => {
    const session = editorSession({ 'importer.ts': "import { zqLate } from './late.js';\nexport const zqUse = () => zqLate;\n" }, path.join(FIXTURES_DIR, 'imports-carry'));
    const target = (program: ts.Program): string | undefined => {
      const importer = session.file(program, 'importer.ts');
      return importedFile(program, moduleSpecifiers(importer)[0]!, importer)?.fileName;
    };
    const first = session.program();
    expect(target(first)).toBeUndefined();
    session.edit('late.ts', 'export const zqLate = 1;\n');
    const second = session.program();
    expect(session.file(second, 'importer.ts')).toBe(session.file(first, 'importer.ts'));
    expect(target(second)).toBe(session.file(second, 'late.ts').fileName);
  });
});

describe('function results carried across programs', () => {
  it('does not walk the code that posts to a route again after an edit of the route, and follows edits of that code', () => {
    const poster = (sent: string) => `import OpenAI from 'openai';
const client = new OpenAI();
export async function relay(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  const answer = completion.choices[0]?.message.content ?? '';
  await fetch('/api/relay', { method: 'POST', body: JSON.stringify({ answer: ${sent} }) });
}
`;
    const handler = (label: string) => `export async function POST(request: Request) {
  const { answer } = await request.json();
  console.log('${label}', answer);
  return new Response('ok');
}
`;
    const texts: Record<string, string> = { 'poster.ts': poster('answer'), 'app/api/relay/route.ts': handler('received') };
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'route-carry'));
    const routeFindings = (): string[] => allFindings(session.program(), ['app/api/relay/route.ts']);
    const before = routeFindings();
    expect(before).toHaveLength(1);

    texts['app/api/relay/route.ts'] = handler('accepted'); // same length: the finding's column stays
    session.edit('app/api/relay/route.ts', texts['app/api/relay/route.ts']);
    const analysed: string[] = [];
    flowAnalysisFor(session.program(), EMPTY_CUSTOMIZATION).onFunctionAnalysed = node => analysed.push(functionName(node));
    expect(routeFindings()).toEqual(before);
    expect(analysed).toContain('POST');
    expect(analysed).not.toContain('relay');
    expect(routeFindings()).toEqual(freshFindings(texts).filter(finding => finding.startsWith('app/')));

    // The code that posts changes (unsaved): it is walked again, and the route follows it.
    for (const sent of ['answer.length', 'answer']) {
      texts['poster.ts'] = poster(sent);
      session.edit('poster.ts', texts['poster.ts']);
      expect(routeFindings()).toEqual(freshFindings(texts).filter(finding => finding.startsWith('app/')));
    }
    expect(routeFindings()).toHaveLength(1);
  });

  it('does not walk an unchanged helper again after an edit of its caller, and reports the same', () => {
    const texts: Record<string, string> = { 'logging.ts': logging, 'forwarding.ts': forwarding, 'bot.ts': bot, 'streaming.ts': streaming, 'events.ts': events, 'route.ts': route('') };
    const session = editorSession(texts);
    const first = session.program();
    const before = allFindings(first, ['route.ts']);
    const streamingBefore = allFindings(first, ['streaming.ts']);
    expect(before.some(finding => finding.includes('via logOutput()'))).toBe(true);
    expect(streamingBefore).toHaveLength(1);

    session.edit('route.ts', route(' ')); // an edit inside a string: the line of every finding stays
    const second = session.program();
    const analysis = flowAnalysisFor(second, EMPTY_CUSTOMIZATION);
    const analysed: string[] = [];
    analysis.onFunctionAnalysed = node => analysed.push(functionName(node));
    expect(allFindings(second, ['route.ts'])).toEqual(before);
    expect(analysed).toContain('POST');
    expect(analysed).not.toContain('logOutput');
    expect(analysed).not.toContain('report');

    // Another file of the project, linted after the edit: its function comes from the previous
    // program, and the callback it walked in place is not walked again on its own.
    analysed.length = 0;
    expect(allFindings(second, ['streaming.ts'])).toEqual(streamingBefore);
    expect(analysed).toEqual([]);
  });

  it('follows unsaved edits of a helper, and of a helper it calls, in other files', () => {
    const texts: Record<string, string> = { 'logging.ts': logging, 'forwarding.ts': forwarding, 'bot.ts': bot, 'events.ts': events, 'route.ts': route('') };
    const session = editorSession(texts);
    const viaReport = (program: ts.Program) => allFindings(program, ['route.ts']).filter(finding => finding.includes('via report()'));
    expect(viaReport(session.program())).toHaveLength(1);

    // logging.ts changes; forwarding.ts did not, but it imports logging.ts: report() must be walked again.
    session.edit('logging.ts', notLogging);
    expect(viaReport(session.program())).toHaveLength(0);
    session.edit('logging.ts', logging);
    expect(viaReport(session.program())).toHaveLength(1);
  });

  it('gives every file the findings a program built from scratch gives, edit after edit', () => {
    const texts: Record<string, string> = { 'logging.ts': logging, 'forwarding.ts': forwarding, 'bot.ts': bot, 'streaming.ts': streaming, 'events.ts': events, 'provider.ts': provider, 'impl.ts': implementation("completion.choices[0]?.message.content ?? ''"), 'route.ts': route('') };
    const names = Object.keys(texts);
    const session = editorSession(texts);
    const edits: [string, string][] = [
      ['route.ts', route(' ')],
      ['logging.ts', notLogging],
      ['route.ts', route('  ')],
      ['logging.ts', logging],
      ['bot.ts', bot.replace('console.log(this.last);', 'console.log(this.last.length);')],
      ['route.ts', route('')],
      ['bot.ts', bot],
      ['impl.ts', implementation('String(completion.usage?.total_tokens)')],
      ['route.ts', route('')],
      ['impl.ts', implementation("completion.choices[0]?.message.content ?? ''")],
    ];
    // Only the route file is linted between edits, as in an editor; then every file is compared.
    allFindings(session.program(), names);
    for (const [name, text] of edits) {
      session.edit(name, text);
      texts[name] = text;
      allFindings(session.program(), ['route.ts']);
      session.edit('route.ts', texts['route.ts']!.replace('gpt-4o', 'gpt-4o-mini'));
      texts['route.ts'] = texts['route.ts']!.replace('gpt-4o', 'gpt-4o-mini');
      expect(allFindings(session.program(), names)).toEqual(freshFindings(texts));
    }
    // The listener of an event the class in events.ts emits, and (below) the class member that stores the answer in `this.last`, the stream's callback and the event's listener still report.
    expect(allFindings(session.program(), ['route.ts']).filter(finding => finding.includes('console.info()'))).toHaveLength(1);
    expect(allFindings(session.program(), ['bot.ts', 'streaming.ts', 'events.ts', 'provider.ts'])).toHaveLength(4);
  });
});

describe('files importing a file edited inside one function', () => {
  const helpers = (body: string, returnType = ': string') => `export const PREFIX = 'reply';
export function shorten(text: string)${returnType} {
  ${body}
}
export function note(label: string) { console.info(PREFIX, label); }
`;
  const chat = `import OpenAI from 'openai';
import { note, shorten } from './helpers.js';
const client = new OpenAI();
export async function answer(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return shorten(completion.choices[0]?.message.content ?? '');
}
export async function show(question: string) {
  note(await answer(question));
}
`;
  const relay = `import { answer } from './chat.js';
export async function relay(question: string) {
  console.warn(await answer(question));
}
`;

  it('keep their results while the function comes out as before, and follow it when it does not', () => {
    const texts: Record<string, string> = { 'helpers.ts': helpers('return text.slice(0, 80);'), 'chat.ts': chat, 'relay.ts': relay };
    const names = Object.keys(texts);
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'importer-carry'));
    // The answer reaches `console.info` in helpers.ts (through `note`, reported there and in chat.ts) and `console.warn` in relay.ts.
    expect(allFindings(session.program(), names)).toHaveLength(3);
    // The edited file is linted, then the others.
    const analysedAfter = (body: string, returnType?: string): string[] => walkedAfterEdit(session, texts, 'helpers.ts', helpers(body, returnType));
    expect(analysedAfter('return text.slice(0, 90);')).toEqual(['shorten']);
    // A constant now: the answer no longer reaches the sinks; the importers are walked again.
    expect(analysedAfter("return 'nothing to say';")).toEqual(['answer', 'relay', 'shorten', 'show']);
    expect(analysedAfter('return text.slice(0, 90);')).toEqual(['answer', 'relay', 'shorten', 'show']);
    expect(analysedAfter('return text.slice(0, 99);')).toEqual(['shorten']);
    // Without a written return type, what the importers see of it may change: they wait for it only
    // once the signature the checker infers is known from the previous keystroke.
    expect(analysedAfter('return text.slice(0, 99);', '         ')).toEqual(['answer', 'relay', 'shorten', 'show']);
    expect(analysedAfter('return text.slice(0, 98);', '         ')).toEqual(['answer', 'relay', 'shorten', 'show']);
    expect(analysedAfter('return text.slice(0, 97);', '         ')).toEqual(['shorten']);
    expect(analysedAfter('return [text];', '         ')).toEqual(['answer', 'relay', 'shorten', 'show']);
  });

  it('keep what they taught of app types', () => {
    const types = (label: string) => `export const LABEL = '${label}';
export interface Question { text: string }
export function label(): string { return LABEL; }
export function tag(text: string): string { return text + '${label}'; }
`;
    const asking = `import { tag, type Question } from './types.js';
export async function ask(prompt: Question) {
  const res = await fetch('https://api.mistral.ai/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'mistral-small', prompt }) });
  return tag(await res.text());
}
`;
    // A file that can hold LLM data (it reads SDK types) and logs a `Question`.
    const logging = `import type { ChatCompletion } from 'openai';
import type { Question } from './types.js';
export function keep(question: Question) { console.log(question); }
export function tokens(completion: ChatCompletion) { return completion.usage?.total_tokens ?? 0; }
`;
    const texts: Record<string, string> = { 'types.ts': types('a'), 'ask.ts': asking, 'log.ts': logging };
    const names = Object.keys(texts);
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'importer-learned'));
    // The files read for app types they send as prompts (a private step of `LearnedTypes`).
    const learnFrom = vi.spyOn(LearnedTypes.prototype as unknown as { learnFrom: (file: ts.SourceFile) => unknown }, 'learnFrom');
    const learnedFrom = () => learnFrom.mock.calls.map(([file]) => path.basename(file.fileName));
    try {
      // `Question` is sent as a prompt in ask.ts: logging one in log.ts is reported.
      expect(allFindings(session.program(), names).filter(finding => finding.startsWith('log.ts'))).toHaveLength(1);
      learnFrom.mockClear();
      // An edit inside `tag` (written return type): ask.ts and log.ts, which import types.ts, are not read again.
      texts['types.ts'] = types('a').replace("text + 'a'", "text + 'b'");
      session.edit('types.ts', texts['types.ts']);
      let found = allFindings(session.program(), names);
      expect(learnedFrom()).toEqual([]);
      expect(found).toEqual(freshFindings(texts));
      // An edit of the constant above the interface: ask.ts is read again; what it teaches is the same.
      learnFrom.mockClear();
      texts['types.ts'] = types('abc').replace("text + 'abc'", "text + 'b'");
      session.edit('types.ts', texts['types.ts']);
      found = allFindings(session.program(), names);
      expect(learnedFrom()).toContain('ask.ts');
      expect(found).toEqual(freshFindings(texts));
      expect(found.filter(finding => finding.startsWith('log.ts'))).toHaveLength(1);
    } finally {
      learnFrom.mockRestore();
    }
  });
});

describe('results that depend on files their file does not import', () => {
  // The interface, a function that calls it (relay.ts imports only the interface) and a file that
  // calls that function: editing the caller's file must not walk relay() again.
  const contract = `import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
export interface Answerer {
  answer(question: string, history?: ChatCompletionMessageParam[]): Promise<string>;
}
`;
  const relay = `import type { Answerer } from './contract.js';
export async function relay(answerer: Answerer, question: string) {
  console.log('reply', await answerer.answer(question));
}
`;
  const shape = (returned: string) => `export const shaped = (text: string) => ${returned};\n`;
  const answerer = (returned: string) => `import OpenAI from 'openai';
import type { Answerer } from './contract.js';
import { shaped } from './shape.js';
const client = new OpenAI();
export class GptAnswerer implements Answerer {
  last = '';
  async answer(question: string) {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
    this.last = completion.choices[0]?.message.content ?? '';
    return shaped(${returned});
  }
}
`;
  const echo = `import type { Answerer } from './contract.js';
export class EchoAnswerer implements Answerer {
  async answer(question: string) {
    return question;
  }
}
`;
  const caller = (label: string) => `import { relay } from './relay.js';
import { GptAnswerer } from './answerer.js';
export async function handle(question: string) {
  const answerer = new GptAnswerer();
  await relay(answerer, question);
  console.log('${label}', answerer.last);
}
`;

  it('carries a result that ran an interface\'s implementations, or stored a class field, while those files stay the same', () => {
    const texts: Record<string, string> = { 'contract.ts': contract, 'relay.ts': relay, 'shape.ts': shape('text'), 'answerer.ts': answerer('this.last'), 'caller.ts': caller('kept') };
    const names = Object.keys(texts);
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'implementations-carry'));
    const before = allFindings(session.program(), names);
    expect(before.filter(finding => finding.startsWith('relay.ts:3'))).toHaveLength(1);
    expect(before.filter(finding => finding.startsWith('caller.ts:6'))).toHaveLength(1);

    const analysedAfter = (name: string, text: string): string[] => {
      texts[name] = text;
      session.edit(name, text);
      const program = session.program();
      const analysed: string[] = [];
      flowAnalysisFor(program, EMPTY_CUSTOMIZATION).onFunctionAnalysed = node => analysed.push(functionName(node));
      expect(allFindings(program, names)).toEqual(freshFindings(texts));
      return analysed;
    };
    // The caller changes: relay() and the class member that stores `this.last` keep their results,
    // and what the member stored is still read from the caller.
    const analysed = analysedAfter('caller.ts', caller('held'));
    expect(analysed).toContain('handle');
    expect(analysed).not.toContain('relay');
    expect(analysed).not.toContain('answer');
    expect(allFindings(session.program(), ['caller.ts'])).toHaveLength(1);

    // The implementation changes (unsaved): relay() does not import it, but is walked again.
    expect(analysedAfter('answerer.ts', answerer('String(completion.usage?.total_tokens)'))).toContain('relay');
    expect(allFindings(session.program(), ['relay.ts'])).toHaveLength(0);
    expect(analysedAfter('answerer.ts', answerer('this.last'))).toContain('relay');
    expect(allFindings(session.program(), ['relay.ts'])).toHaveLength(1);
    // A helper the implementation imports changes while only the implementation's file is linted:
    // the next edit elsewhere must not bring back relay()'s result from before (each program
    // compares its files with the previous one only).
    texts['shape.ts'] = shape('text.length.toString()');
    session.edit('shape.ts', texts['shape.ts']);
    allFindings(session.program(), ['answerer.ts']);
    expect(analysedAfter('caller.ts', caller('again'))).toContain('relay');
    expect(allFindings(session.program(), ['relay.ts'])).toHaveLength(0);
    // Another class starts implementing the interface, in a file nobody imports.
    texts['echo.ts'] = 'export const placeholder = 1;\n';
    analysedAfter('echo.ts', texts['echo.ts']);
    expect(analysedAfter('echo.ts', echo)).toContain('relay');
  });

  it('carries a finding whose message names where an app type is sent as a prompt while that file stays the same', () => {
    const texts: Record<string, string> = { 'types.ts': types, 'send.ts': sending, 'audit.ts': audit, 'other.ts': other };
    const names = Object.keys(texts);
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'evidence-carry'));
    const evidence = () => allFindings(session.program(), ['audit.ts']);
    expect(evidence()).toHaveLength(1);
    const analysed: string[] = [];
    texts['other.ts'] = other.replace('metrics.tokens', 'metrics.tokens + 0');
    session.edit('other.ts', texts['other.ts']);
    flowAnalysisFor(session.program(), EMPTY_CUSTOMIZATION).onFunctionAnalysed = node => analysed.push(functionName(node));
    expect(allFindings(session.program(), names)).toEqual(freshFindings(texts));
    expect(analysed).not.toContain('audit');

    // The model call moves down two lines: the message of audit.ts's finding names its new line.
    texts['send.ts'] = `\n\n${sending}`;
    session.edit('send.ts', texts['send.ts']);
    expect(allFindings(session.program(), names)).toEqual(freshFindings(texts));
    expect(evidence()).not.toEqual([]);
  });
});

describe('results of the edited file itself', () => {
  const chat = (parts: { label?: string; model?: string; tally?: string; turn?: string; lines?: string }) => `import OpenAI from 'openai';
const client = new OpenAI();
const LABEL = '${parts.label ?? 'answer'}';
export interface Turn { question: string${parts.turn ?? ''} }
export async function ask(turn: Turn) {
  const completion = await client.chat.completions.create({ model: '${parts.model ?? 'gpt-4o'}', messages: [{ role: 'user', content: turn.question }] });
  return completion.choices[0]?.message.content ?? '';
}
export async function report(turn: Turn) {
  console.log(LABEL, await ask(turn));
}
export function tally(items: string[]) {${parts.lines ?? ''}
  console.log('${parts.tally ?? 'count'}', items.length);
}
export async function late(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.info(completion.choices[0]?.message.content);
  return [1, 2].map(n => n + 1);
}
`;

  it('keeps the results of the functions an edit left alone, moved, and walks those that name what changed', () => {
    const texts: Record<string, string> = { 'chat.ts': chat({}) };
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'same-file-carry'));
    expect(allFindings(session.program(), ['chat.ts'])).toHaveLength(2);
    const analysedAfter = (text: string): string[] => walkedAfterEdit(session, texts, 'chat.ts', text);
    // An edit inside one function: the others keep their results.
    expect(analysedAfter(chat({ tally: 'total' }))).toEqual(['tally']);
    // A constant changes: the function that names it is walked again, not the one it calls.
    expect(analysedAfter(chat({ tally: 'total', label: 'reply' }))).toEqual(['report']);
    // A longer model name: what follows moves, and keeps its results (late's finding included).
    expect(analysedAfter(chat({ tally: 'total', label: 'reply', model: 'gpt-4o-mini' }))).toEqual(['ask', 'report']);
    expect(analysedAfter(chat({ tally: 'sum', label: 'reply', model: 'gpt-4o' }))).toEqual(['ask', 'report', 'tally']);
    // A type that changes: every function naming it is walked again.
    expect(analysedAfter(chat({ tally: 'sum', label: 'reply', turn: '; locale: string' }))).toEqual(['ask', 'report']);
    // Lines added: messages name lines, so nothing of the file is kept.
    expect(analysedAfter(chat({ tally: 'sum', label: 'reply', turn: '; locale: string', lines: '\n  // counted' }))).toEqual(['ask', 'late', 'report', 'tally']);
    expect(analysedAfter(chat({ tally: 'count', label: 'reply', turn: '; locale: string', lines: '\n  // counted' }))).toEqual(['tally']);
  });

  it('keeps the callers of a helper with a written return type when the helper comes out as before, and walks them when it does not', () => {
    const helper = (body: string, returnType = ': string') => `import OpenAI from 'openai';
const client = new OpenAI();
function shorten(text: string)${returnType} {
  ${body}
}
export async function answer(question: string) {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  return shorten(completion.choices[0]?.message.content ?? '');
}
export async function show(question: string) {
  console.log(await answer(question));
}
`;
    const texts: Record<string, string> = { 'chat.ts': helper('return text.slice(0, 80);') };
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'same-file-carry'));
    expect(allFindings(session.program(), ['chat.ts'])).toHaveLength(1);
    const analysedAfter = (text: string): string[] => walkedAfterEdit(session, texts, 'chat.ts', text);
    // The helper still returns its parameter: its callers (and theirs) keep their results.
    expect(analysedAfter(helper('return text.slice(0, 90);'))).toEqual(['shorten']);
    // It returns a constant now: what its callers return changes, so they are walked again.
    expect(analysedAfter(helper("return 'no answer!!';"))).toEqual(['answer', 'shorten', 'show']);
    expect(analysedAfter(helper('return text.slice(0, 90);'))).toEqual(['answer', 'shorten', 'show']);
    // It logs its parameter now: a summary that changes in its sinks.
    expect(analysedAfter(helper('console.log(text); return text;'))).toEqual(['answer', 'shorten', 'show']);
    expect(analysedAfter(helper('console.log(text); return text + 1;'))).toEqual(['shorten']);
    // Without a written return type, the callers may see a new type: they are walked again, until
    // the signature the checker infers is known from the previous keystroke in the same function.
    expect(analysedAfter(helper('console.log(text); return text + 1;', '     '))).toEqual(['answer', 'shorten', 'show']);
    expect(analysedAfter(helper('console.log(text); return text + 2;', '     '))).toEqual(['answer', 'shorten', 'show']);
    expect(analysedAfter(helper('console.log(text); return text + 3;', '     '))).toEqual(['shorten']);
    // The inferred return type changes (a number now): the callers are walked again.
    expect(analysedAfter(helper('console.log(text); return text.length;', '     '))).toEqual(['answer', 'shorten', 'show']);
  });
});

describe('the signature of the edited function', () => {
  const route = (label: string) => `import OpenAI from 'openai';
const client = new OpenAI();
export async function POST(request: Request) {
  const { question } = (await request.json()) as { question: string };
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log('${label}', completion.choices[0]?.message.content);
  return Response.json({ ok: true });
}
`;

  it('is not inferred when nothing waits for the function (a route handler no one calls or imports)', () => {
    const texts: Record<string, string> = { 'route.ts': route('answered') };
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'route-signature'));
    expect(allFindings(session.program(), ['route.ts'])).toHaveLength(1);
    for (const label of ['answered!', 'answered!!']) {
      texts['route.ts'] = route(label);
      session.edit('route.ts', texts['route.ts']);
      const program = session.program();
      const handler = session.file(program, 'route.ts').statements.find(ts.isFunctionDeclaration)!;
      const signatureOf = vi.spyOn(program.getTypeChecker(), 'getSignatureFromDeclaration');
      try {
        expect(allFindings(program, ['route.ts'])).toEqual(freshFindings(texts));
        // Inferring a handler's return type checks its whole body, on every keystroke.
        expect(signatureOf.mock.calls.filter(([declaration]) => declaration === handler)).toEqual([]);
      } finally {
        signatureOf.mockRestore();
      }
    }
  });
});

describe('functions a module declares as constants', () => {
  const chat = (label: string) => `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = async (question: string) => {
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });
  console.log(completion.choices[0]?.message.content);
  return completion;
};
export const report = async (question: string) => {
  console.log('${label}', question.length);
};
`;

  it('are their own units: an edit inside one asks nothing about the calls of the others', () => {
    const texts: Record<string, string> = { 'chat.ts': chat('asked') };
    const session = editorSession(texts, path.join(FIXTURES_DIR, 'module-functions'));
    expect(allFindings(session.program(), ['chat.ts'])).toHaveLength(1);
    texts['chat.ts'] = chat('asked again');
    session.edit('chat.ts', texts['chat.ts']);
    const program = session.program();
    const edited = session.file(program, 'chat.ts');
    const resolve = vi.spyOn(CalleeResolver.prototype, 'resolve');
    try {
      const findings = allFindings(program, ['chat.ts']);
      const resolved = resolve.mock.calls.map(([call]) => call).filter(call => call.getSourceFile() === edited);
      // The module's own statements and `report` (the edit is in it) are walked again; `ask` keeps its
      // result, and its calls are not looked up.
      expect([...new Set(resolved.map(call => call.getText()))].sort()).toEqual([`console.log('asked again', question.length)`, 'new OpenAI()']);
      expect(findings).toEqual(freshFindings(texts));
    } finally {
      resolve.mockRestore();
    }
  });
});

/**
 * Edits one file of an editor session and lints every file: the functions walked (function literals
 * left out), after checking that the findings are those of a program built from scratch.
 */
function walkedAfterEdit(session: ReturnType<typeof editorSession>, texts: Record<string, string>, name: string, text: string): string[] {
  texts[name] = text;
  session.edit(name, text);
  const program = session.program();
  const analysed: string[] = [];
  flowAnalysisFor(program, EMPTY_CUSTOMIZATION).onFunctionAnalysed = node => analysed.push(functionName(node));
  expect(allFindings(program, Object.keys(texts))).toEqual(freshFindings(texts));
  return analysed.filter(walked => walked !== '<literal>').sort();
}

function functionName(node: ts.Node): string {
  return (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name ? node.name.getText() : '<literal>';
}
