import ts from 'typescript';

import { MODEL_CALL_NAMES, PROMPT_ARGUMENT_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { lineOf } from '../flow/finding.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { HTTP_CALL_NAMES } from '../clients/http-calls.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import { isModelCall, promptArgumentsOf } from './model-calls.js';

/**
 * Learned app types: when values of an app's own type reach a prompt position (an SDK model call
 * or a REST call to an LLM endpoint) anywhere in the program, that type is conversation data
 * everywhere (`interface Turn { question: string }` passed as the `prompt`). Learned lazily, once
 * per program, from the files that can hold LLM data, by looking at the prompt positions of their
 * model calls only.
 */
export class LearnedTypes {
  private learned: Map<ts.Symbol, string> | undefined;

  constructor(private readonly analysis: FlowAnalysis) {}

  /** How a message names the evidence that values of this type are conversation data, if they are. */
  evidenceFor(type: ts.Type): string | undefined {
    this.learned ??= this.learn();
    if (this.learned.size === 0) {
      return undefined;
    }
    for (const candidate of this.candidates(type)) {
      const evidence = this.learned.get(candidate);
      if (evidence) return evidence;
    }
    return undefined;
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

  private learn(): Map<ts.Symbol, string> {
    const learned = new Map<ts.Symbol, string>();
    const analysis = this.analysis;
    for (const sourceFile of analysis.program.getSourceFiles()) {
      if (sourceFile.isDeclarationFile || analysis.program.isSourceFileFromExternalLibrary(sourceFile) || !analysis.canHoldLlmData(sourceFile)) continue;
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && this.mayBeModelCall(node)) {
          for (const expression of this.promptExpressions(node)) this.record(expression, node, learned);
        }
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
    return learned;
  }

  /** A cheap syntactic filter before the checker is asked: the callee's name is one a model call can have. */
  private mayBeModelCall(call: ts.CallExpression): boolean {
    const callee = skipTransparent(call.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    return name !== undefined && (MODEL_CALL_NAMES.has(name) || HTTP_CALL_NAMES.has(name));
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
  private record(expression: ts.Expression, call: ts.CallExpression, learned: Map<ts.Symbol, string>): void {
    let type: ts.Type;
    try {
      type = this.analysis.checker.getTypeAtLocation(expression);
    } catch {
      return;
    }
    for (const symbol of this.candidates(type)) {
      const declaration = symbol.getDeclarations()?.[0];
      if (!declaration || declaration.getSourceFile().isDeclarationFile || learned.has(symbol)) continue;
      if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
      const where = `${call.getSourceFile().fileName.split('/').pop() ?? ''}:${lineOf(call)}`;
      learned.set(symbol, `a '${symbol.getName()}', which the app sends as a prompt (${where})`);
    }
  }
}
