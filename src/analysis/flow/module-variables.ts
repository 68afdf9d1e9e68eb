import ts from '../typescript.cjs';

import { MUTATING_METHODS } from '../../knowledge/propagation.js';
import { skipTransparent } from '../constants.js';
import type { FlowAnalysis } from './flow-analysis.js';
import { type FunctionLikeWithBody, isFunctionLike } from './summaries.js';
import { CLEAN, type TaintValue, filterTaints, isTainted, join, withoutFields } from './taint.js';

/**
 * Module state: a variable declared at the top level of a module (`let lastAnswer = ''`,
 * `const history = []`) that functions of its file write (`lastAnswer = text`,
 * `history.push(turn)`) holds, where any function reads it, what those functions wrote. A chat
 * bot's module-level history, the last answer kept for a later command.
 */
export class ModuleVariables {
  private readonly writes = new Map<ts.Symbol, TaintValue>();

  constructor(private readonly analysis: FlowAnalysis) {}

  /** Records what a function writes into a module variable (`symbol` must be one, see `isModuleVariable`). */
  record(symbol: ts.Symbol, value: TaintValue): void {
    const concrete = filterTaints(value, taint => taint.kind !== 'parameter');
    if (!isTainted(concrete)) {
      return;
    }
    // A side effect on the program's state: the writer must be walked again in the next program.
    this.analysis.usesWholeProgram();
    this.writes.set(symbol, join(this.writes.get(symbol) ?? CLEAN, withoutFields(concrete)));
  }

  /** What the functions of its file write into a module variable. */
  read(symbol: ts.Symbol, declaration: ts.VariableDeclaration): TaintValue {
    if (!ts.isIdentifier(declaration.name)) {
      return CLEAN;
    }
    for (const writer of writersOf(declaration.getSourceFile()).get(declaration.name.text) ?? []) {
      this.analysis.functionResult(writer);
    }
    return this.writes.get(symbol) ?? CLEAN;
  }
}

/** The declaration of a variable declared at a module's top level in the program's own code. */
export function moduleVariableDeclaration(symbol: ts.Symbol): ts.VariableDeclaration | undefined {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) {
    return undefined;
  }
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) && !statement.parent.isDeclarationFile ? declaration : undefined;
}

/** Per file (syntax only, so it holds while an editor's next program reuses the `SourceFile`): variable name to the functions writing it. */
const moduleWriters = new WeakMap<ts.SourceFile, ReadonlyMap<string, readonly FunctionLikeWithBody[]>>();

function writersOf(sourceFile: ts.SourceFile): ReadonlyMap<string, readonly FunctionLikeWithBody[]> {
  let writers = moduleWriters.get(sourceFile);
  if (!writers) {
    writers = indexWriters(sourceFile);
    moduleWriters.set(sourceFile, writers);
  }
  return writers;
}

/** The top-level functions (and class members) of a file, by the module variable names they assign or mutate. */
function indexWriters(sourceFile: ts.SourceFile): ReadonlyMap<string, readonly FunctionLikeWithBody[]> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  const writers = new Map<string, FunctionLikeWithBody[]>();
  if (names.size === 0) {
    return writers;
  }
  const visitFunction = (fn: FunctionLikeWithBody): void => {
    const written = new Set<string>();
    const visit = (node: ts.Node): void => {
      const name = writtenName(node);
      if (name !== undefined && names.has(name)) written.add(name);
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    for (const name of written) writers.set(name, [...(writers.get(name) ?? []), fn]);
  };
  // The outermost functions only: a nested closure is walked with the function around it.
  const find = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body) {
      visitFunction(node);
      return;
    }
    ts.forEachChild(node, find);
  };
  ts.forEachChild(sourceFile, find);
  return writers;
}

/** The variable `node` writes when it is `x = ...`, `x += ...`, `x.push(...)`, `x[k] = ...` or `x.f = ...`. */
function writtenName(node: ts.Node): string | undefined {
  const root = (expression: ts.Expression): string | undefined => {
    let current = skipTransparent(expression);
    while (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = skipTransparent(current.expression);
    return ts.isIdentifier(current) ? current.text : undefined;
  };
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return root(node.left);
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text)) {
    return root(node.expression.expression);
  }
  return undefined;
}

/** A write inside a function to a variable of its module (the module's own top-level code keeps it in its environment). */
export function recordModuleWrite(analysis: FlowAnalysis, owner: ts.Node, symbol: ts.Symbol, value: TaintValue): void {
  if (!ts.isSourceFile(owner) && moduleVariableDeclaration(symbol)) {
    analysis.moduleVariables.record(symbol, value);
  }
}
