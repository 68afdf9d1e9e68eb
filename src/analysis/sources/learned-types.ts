import ts from '../typescript.cjs';

import { BODILESS_HTTP_METHODS } from '../../knowledge/llm-clients.js';
import { MODEL_CALL_NAMES, PROMPT_ARGUMENT_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { lineOf } from '../flow/finding.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { HTTP_CALL_NAMES } from '../clients/http-calls.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { editOfChangedFile, signatureHolds } from '../flow/file-edit.js';
import { CarriedFacts, projectKey } from '../program-delta.js';
import { isModelCall, promptArgumentsOf } from './model-calls.js';
import { isProjectCode } from '../packages.js';

/** An app type a file places in a prompt: its declaration, and how a message names the evidence. */
interface LearnedFact {
  readonly declaration: ts.Node;
  readonly evidence: string;
}

/** Why values of a type are conversation data: the message's words, and the file they come from. */
export interface LearnedEvidence {
  readonly text: string;
  /** The file whose model call places the type in a prompt (the words name a line of it). */
  readonly file: ts.SourceFile;
}

const carried = new CarriedFacts<readonly LearnedFact[]>();

/**
 * Learned app types: when values of an app's own type reach a prompt position (an SDK model call
 * or a REST call to an LLM endpoint) anywhere in the program, that type is conversation data
 * everywhere (`interface Turn { question: string }` passed as the `prompt`). Learned lazily, once
 * per program, from the files that can hold LLM data, by looking at the prompt positions of their
 * model calls only.
 */
export class LearnedTypes {
  /** Evidence by the declaration of the learned type (a node: it outlives the checker, see `program-delta.ts`). */
  private learned: Map<ts.Node, LearnedEvidence> | undefined;

  constructor(private readonly analysis: FlowAnalysis) {}

  /** The evidence that values of this type are conversation data, if they are. */
  evidenceFor(type: ts.Type): LearnedEvidence | undefined {
    this.learned ??= this.learn();
    if (this.learned.size === 0) {
      return undefined;
    }
    for (const candidate of this.candidates(type)) {
      const declaration = candidate.getDeclarations()?.[0];
      const evidence = declaration && this.learned.get(declaration);
      if (evidence) return evidence;
    }
    return undefined;
  }

  /**
   * The learned declarations and the files evidencing them, as a string that changes when they do
   * (for carrying results, see `program-delta.ts`). Declarations go by name, not by position, so an
   * edit above one changes nothing. The evidence's line is left out: a result that holds it depends
   * on the evidencing file instead.
   */
  signature(): string {
    this.learned ??= this.learn();
    return [...this.learned]
      .map(([declaration, evidence]) => `${declaration.getSourceFile().fileName}:${declaredName(declaration)}:${evidence.file.fileName}`)
      .sort()
      .join('\n');
  }

  /** The app type symbols a type is or holds (`Turn`, `Turn[]`, `Turn | undefined`). */
  private candidates(type: ts.Type): ts.Symbol[] {
    const checker = this.analysis.checker;
    const members = type.isUnion() ? type.types : [type];
    const symbols: ts.Symbol[] = [];
    for (const member of members) {
      const held = checker.isArrayType(member) ? checker.getTypeArguments(member as ts.TypeReference)[0] : member;
      const symbol = held && (held.aliasSymbol ?? held.getSymbol());
      if (symbol) symbols.push(symbol);
    }
    return symbols;
  }

  private learn(): Map<ts.Node, LearnedEvidence> {
    const analysis = this.analysis;
    // Facts of files that did not change since the project's previous program (an editor's last
    // keystroke) are reused; only the changed files and their importers are looked at again.
    const program = analysis.program;
    const generation = carried.generation(projectKey(program, analysis.customizationKey), program);
    const facts = generation.facts;
    // An edit inside one function that leaves its signature as it was changes no type the files
    // importing its file see: their facts move to the new program (with the edited file's nodes moved).
    const changed = generation.onlyChanged && editOfChangedFile(program, generation, generation.onlyChanged);
    // Its signature is asked only when a file importing its file has facts to move (it can be costly).
    let holds: boolean | undefined;
    const edit = (): typeof changed => (changed && changed.edited && (holds ??= signatureHolds(changed.edited, analysis.checker)) ? changed : undefined);
    const inProgram = (file: ts.SourceFile): boolean => program.getSourceFile(file.fileName) === file;
    const learned = new Map<ts.Node, LearnedEvidence>();
    for (const sourceFile of program.getSourceFiles()) {
      if (!isProjectCode(sourceFile, program)) continue;
      const importerFacts = changed && changed.edited ? generation.importerFact(sourceFile) : undefined;
      let fileFacts = facts.get(sourceFile);
      if (!fileFacts) {
        // A route file reached only by requests has no prompt of its own to learn from.
        fileFacts =
          (importerFacts && edit()?.movedWaiting(importerFacts, inProgram)) ??
          (analysis.canHoldLlmData(sourceFile) && !analysis.isRouteOnly(sourceFile) ? this.learnFrom(sourceFile) : []);
        facts.set(sourceFile, fileFacts);
      }
      for (const { declaration, evidence } of fileFacts) {
        if (!learned.has(declaration)) learned.set(declaration, { text: evidence, file: sourceFile });
      }
    }
    return learned;
  }

  /** The app types a file places in prompts, in the order of its model calls. */
  private learnFrom(sourceFile: ts.SourceFile): LearnedFact[] {
    const found: LearnedFact[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && this.mayBeModelCall(node)) {
        for (const expression of this.promptExpressions(node)) this.record(expression, node, found);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    return found;
  }

  /**
   * A cheap syntactic filter before the checker is asked: the callee's name is one a model call can
   * have, and some argument can hold a value of an app type (written as literals only, a prompt has
   * no type to learn: `[{ role: 'user', content: q }]` is an anonymous object type).
   */
  private mayBeModelCall(call: ts.CallExpression): boolean {
    const callee = skipTransparent(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    // `JSON.parse(text)` is no structured-output call; a request without a body sends no prompt.
    const isJsonCall = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
    return (
      name !== undefined &&
      !isJsonCall &&
      (MODEL_CALL_NAMES.has(name) || (HTTP_CALL_NAMES.has(name) && !BODILESS_HTTP_METHODS.has(name))) &&
      call.arguments.some(argument => mayHoldTypedValue(argument, 0))
    );
  }

  private promptExpressions(call: ts.CallExpression): ts.Expression[] {
    const analysis = this.analysis;
    const info = analysis.callees.resolve(call);
    if (isModelCall(analysis, call, info)) {
      return promptArgumentsOf(call, info, analysis.checker).map(argument => argument.expression);
    }
    const endpoint = analysis.endpoints.endpointCall(call, info);
    if (!endpoint) {
      return [];
    }
    // A REST body: its prompt properties (`{ messages, prompt }`), through `JSON.stringify(...)`.
    return endpoint.bodies.flatMap(body => {
      let node = skipTransparent(body);
      if (ts.isCallExpression(node) && node.arguments[0]) node = skipTransparent(node.arguments[0]);
      if (!ts.isObjectLiteralExpression(node)) return [node];
      return node.properties.flatMap(property => {
        const name = property.name ? staticPropertyName(property.name, analysis.checker) : undefined;
        if (name === undefined || !PROMPT_ARGUMENT_PROPERTIES.has(name)) return [];
        return ts.isPropertyAssignment(property) ? [property.initializer] : ts.isShorthandPropertyAssignment(property) ? [property.name] : [];
      });
    });
  }

  /** Learns the app types of an expression placed in a prompt. */
  private record(expression: ts.Expression, call: ts.CallExpression, found: LearnedFact[]): void {
    let type: ts.Type;
    try {
      type = this.analysis.checker.getTypeAtLocation(expression);
    } catch {
      return;
    }
    for (const symbol of this.candidates(type)) {
      const declaration = symbol.getDeclarations()?.[0];
      if (!declaration || declaration.getSourceFile().isDeclarationFile) continue;
      if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
      const where = `${call.getSourceFile().fileName.split('/').pop() ?? ''}:${lineOf(call)}`;
      found.push({ declaration, evidence: `a '${symbol.getName()}', which the app sends as a prompt (${where})` });
    }
  }
}

/** The name a learned declaration (an interface, a type alias or a class) goes by in its file. */
function declaredName(declaration: ts.Node): string {
  const name = (declaration as ts.Node & { name?: ts.Node }).name;
  return `${ts.SyntaxKind[declaration.kind]} ${name && ts.isIdentifier(name) ? name.text : 'default'}`;
}

/** Whether an argument (or a property of an options object, two levels deep) is a value with a type of its own. */
function mayHoldTypedValue(expression: ts.Expression, depth: number): boolean {
  const node = skipTransparent(expression);
  if (ts.isObjectLiteralExpression(node)) {
    return (
      depth < 2 &&
      node.properties.some(
        property =>
          ts.isShorthandPropertyAssignment(property) ||
          ts.isSpreadAssignment(property) ||
          (ts.isPropertyAssignment(property) && mayHoldTypedValue(property.initializer, depth + 1)),
      )
    );
  }
  if (ts.isArrayLiteralExpression(node)) {
    // `[turn]` is a `Turn[]`; an array of message literals has an anonymous element type.
    return node.elements.some(element => ts.isSpreadElement(element) || (!ts.isObjectLiteralExpression(skipTransparent(element)) && mayHoldTypedValue(element, depth + 1)));
  }
  return !(ts.isLiteralExpression(node) || ts.isTemplateExpression(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword);
}
