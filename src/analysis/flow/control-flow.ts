import ts from '../typescript.cjs';

import { assignTo, bindName } from './bindings.js';
import type { Environment } from './environment.js';
import { CLEAN, join, withoutFields } from './taint.js';
import type { Walker } from './walker.js';

/**
 * Control flow: branches fork the walker's environment and join what reaches the end, loops run
 * their body twice (enough for values carried from one iteration to the next), `try` joins what
 * the block and the handler leave. Each returns whether the statement can complete normally.
 */

export function runIf(walker: Walker, statement: ts.IfStatement): boolean {
  walker.evaluateTest(statement.expression);
  const base = walker.env;
  const thenEnv = base.fork();
  walker.env = thenEnv;
  const thenCompletes = walker.runStatement(statement.thenStatement);
  let elseCompletes = true;
  let elseEnv: Environment | undefined;
  if (statement.elseStatement) {
    elseEnv = base.fork();
    walker.env = elseEnv;
    elseCompletes = walker.runStatement(statement.elseStatement);
  }
  walker.env = base;
  const reaching: Environment[] = [];
  if (thenCompletes) reaching.push(thenEnv);
  if (elseEnv && elseCompletes) reaching.push(elseEnv);
  base.merge(reaching, !elseEnv);
  return thenCompletes || elseCompletes;
}

/** Runs a loop body twice: enough for values carried from one iteration to the next. */
export function runLoop(walker: Walker, body: () => void): void {
  const base = walker.env;
  for (let iteration = 0; iteration < 2; iteration++) {
    const loopEnv = base.fork();
    walker.env = loopEnv;
    body();
    walker.env = base;
    base.merge([loopEnv], true);
  }
}

export function runForOf(walker: Walker, statement: ts.ForOfStatement | ts.ForInStatement): void {
  const iterated = walker.evaluate(statement.expression);
  // `for...in` yields keys, not the values.
  const element = ts.isForInStatement(statement) ? CLEAN : withoutFields(iterated);
  runLoop(walker, () => {
    const initializer = statement.initializer;
    if (ts.isVariableDeclarationList(initializer)) {
      const declaration = initializer.declarations[0];
      if (declaration) {
        const value = join(element, walker.analysis.typeSources.typeTaints(declaration.name, () => `'${declaration.name.getText()}'`));
        bindName(walker, declaration.name, walker.keepIfText(declaration.name, value));
      }
    } else {
      assignTo(walker, initializer, element);
    }
    walker.runStatement(statement.statement);
  });
}

export function runTry(walker: Walker, statement: ts.TryStatement): boolean {
  const base = walker.env;
  const tryEnv = base.fork();
  walker.env = tryEnv;
  const tryCompletes = walker.runStatements(statement.tryBlock.statements);
  walker.env = base;
  base.merge([tryEnv], true);
  let catchCompletes = false;
  if (statement.catchClause) {
    const catchEnv = base.fork();
    walker.env = catchEnv;
    catchCompletes = walker.runStatements(statement.catchClause.block.statements);
    walker.env = base;
    base.merge([catchEnv], true);
  }
  const finallyCompletes = statement.finallyBlock ? walker.runStatements(statement.finallyBlock.statements) : true;
  return (tryCompletes || catchCompletes) && finallyCompletes;
}

export function runSwitch(walker: Walker, statement: ts.SwitchStatement): boolean {
  walker.evaluateTest(statement.expression);
  const base = walker.env;
  const branches: Environment[] = [];
  let anyCompletes = false;
  for (const clause of statement.caseBlock.clauses) {
    if (ts.isCaseClause(clause)) {
      walker.evaluateTest(clause.expression);
    }
    const clauseEnv = base.fork();
    walker.env = clauseEnv;
    const completes = walker.runStatements(clause.statements);
    walker.env = base;
    // A clause that ends in `break` still reaches the code after the switch.
    const last = clause.statements[clause.statements.length - 1];
    if (completes || (last && ts.isBreakStatement(last)) || clause.statements.length === 0) {
      branches.push(clauseEnv);
      anyCompletes = true;
    }
  }
  base.merge(branches, true);
  return anyCompletes || !statement.caseBlock.clauses.some(ts.isDefaultClause);
}
