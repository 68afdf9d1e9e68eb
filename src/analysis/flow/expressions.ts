import ts from '../typescript.cjs';

import { REQUEST_ECHO_PROPERTIES, SDK_METADATA_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { calleeText } from '../callees.js';
import { isLiteralConstant, skipTransparent, staticPropertyName } from '../constants.js';
import { isMetadataField } from '../sanitizers/metadata-fields.js';
import { isErrorDetailRead } from '../sanitizers/error-responses.js';
import { applySanitizerTypes } from '../sanitizers/user-sanitizers.js';
import { checkAssignmentSink } from '../sinks/assignment-sinks.js';
import { assignTo } from './bindings.js';
import { evaluateCall, evaluateNew } from './calls.js';
import { memberOfProjectClass, readThisField, runClass } from './classes.js';
import { evaluateObject } from './objects.js';
import { CLEAN, type TaintValue, fieldValue, filterTaints, isTainted, join, withoutFields } from './taint.js';
import { moduleVariableDeclaration } from './module-variables.js';
import type { Walker } from './walker.js';

/**
 * Local steps: the value of an expression from the values of its parts. Identifiers read the
 * environment (or what their type implies), member reads keep field precision, templates and `+`
 * join their parts, assignments write through `bindings.ts`, calls go to `calls.ts`.
 */
export function evaluateExpression(walker: Walker, node: ts.Expression): TaintValue {
  switch (node.kind) {
    case ts.SyntaxKind.Identifier:
      return evaluateIdentifier(walker, node as ts.Identifier);
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.NonNullExpression:
      return applySanitizerTypes(walker.analysis, node, walker.evaluate((node as ts.ParenthesizedExpression).expression));
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeAssertionExpression:
      // `label as 'bug' | 'feature'`: output narrowed to fixed labels is a classification, not text;
      // `JSON.parse(body) as ChatMessage[]`: the asserted type says what the value is.
      return applySanitizerTypes(walker.analysis, node, assertedValue(walker, node as ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion));
    case ts.SyntaxKind.AwaitExpression:
      return walker.evaluate((node as ts.AwaitExpression).expression);
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
      return evaluateMemberAccess(walker, node as ts.PropertyAccessExpression | ts.ElementAccessExpression);
    case ts.SyntaxKind.CallExpression:
      return evaluateCall(walker, node as ts.CallExpression);
    case ts.SyntaxKind.NewExpression:
      return evaluateNew(walker, node as ts.NewExpression);
    case ts.SyntaxKind.TaggedTemplateExpression: {
      const tagged = node as ts.TaggedTemplateExpression;
      walker.evaluate(tagged.tag);
      if (ts.isTemplateExpression(tagged.template)) {
        tagged.template.templateSpans.forEach(span => walker.evaluate(span.expression));
      }
      return CLEAN;
    }
    case ts.SyntaxKind.TemplateExpression: {
      let value = CLEAN;
      for (const span of (node as ts.TemplateExpression).templateSpans) {
        value = join(value, withoutFields(walker.evaluate(span.expression)));
      }
      return value;
    }
    case ts.SyntaxKind.BinaryExpression:
      return evaluateBinary(walker, node as ts.BinaryExpression);
    case ts.SyntaxKind.ConditionalExpression: {
      const conditional = node as ts.ConditionalExpression;
      walker.evaluateTest(conditional.condition);
      return join(walker.evaluate(conditional.whenTrue), walker.evaluate(conditional.whenFalse));
    }
    case ts.SyntaxKind.ObjectLiteralExpression:
      return evaluateObject(walker, node as ts.ObjectLiteralExpression);
    case ts.SyntaxKind.ArrayLiteralExpression: {
      let value = CLEAN;
      for (const element of (node as ts.ArrayLiteralExpression).elements) {
        value = join(value, withoutFields(walker.evaluate(ts.isSpreadElement(element) ? element.expression : element)));
      }
      return value;
    }
    case ts.SyntaxKind.SpreadElement:
      return walker.evaluate((node as ts.SpreadElement).expression);
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
      walker.analysis.analyseDeclared(node as ts.ArrowFunction, walker);
      return CLEAN;
    case ts.SyntaxKind.ClassExpression:
      runClass(walker, node as ts.ClassExpression);
      return CLEAN;
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      walker.evaluate((node as ts.PrefixUnaryExpression).operand);
      return CLEAN;
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
      walker.evaluate((node as ts.TypeOfExpression).expression);
      return CLEAN;
    case ts.SyntaxKind.YieldExpression: {
      const operand = (node as ts.YieldExpression).expression;
      if (operand) walker.addReturn(walker.evaluate(operand));
      return CLEAN;
    }
    case ts.SyntaxKind.JsxElement:
    case ts.SyntaxKind.JsxSelfClosingElement:
    case ts.SyntaxKind.JsxFragment:
      // Rendering text in the UI is what it is for; only look for sinks inside.
      visitJsxExpressions(walker, node);
      return CLEAN;
    default:
      return CLEAN;
  }
}

function assertedValue(walker: Walker, node: ts.AsExpression | ts.SatisfiesExpression | ts.TypeAssertion): TaintValue {
  const value = walker.keepIfText(node, walker.evaluate(node.expression));
  if (ts.isSatisfiesExpression(node) || isConstAssertion(node.type)) {
    return value;
  }
  return join(value, walker.analysis.typeSources.typeTaints(node, () => `'${calleeText(node.expression)}'`));
}

function isConstAssertion(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';
}

function visitJsxExpressions(walker: Walker, node: ts.Node): void {
  ts.forEachChild(node, child => {
    if (ts.isJsxExpression(child)) {
      if (child.expression) walker.evaluate(child.expression);
    } else if (ts.isJsxAttributes(child) || ts.isJsxOpeningElement(child) || ts.isJsxElement(child) || ts.isJsxSelfClosingElement(child) || ts.isJsxAttribute(child) || ts.isJsxFragment(child)) {
      visitJsxExpressions(walker, child);
    } else if (ts.isJsxSpreadAttribute(child)) {
      walker.evaluate(child.expression);
    }
  });
}

const CODE_SYMBOLS = ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Module | ts.SymbolFlags.Enum | ts.SymbolFlags.Method;

/** A function, class, namespace or enum (also through an import alias). */
function isCodeSymbol(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let target = symbol;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    try {
      target = checker.getAliasedSymbol(symbol);
    } catch {
      return false;
    }
  }
  return (target.flags & CODE_SYMBOLS) !== 0 && (target.flags & ts.SymbolFlags.Variable) === 0;
}

function evaluateIdentifier(walker: Walker, node: ts.Identifier): TaintValue {
  if (node.text === 'undefined') {
    return CLEAN;
  }
  const symbol = ts.isShorthandPropertyAssignment(node.parent) ? walker.checker.getShorthandAssignmentValueSymbol(node.parent) : walker.symbolOf(node);
  if (!symbol) {
    return CLEAN;
  }
  const known = walker.lookup(symbol);
  if (known === undefined && isCodeSymbol(symbol, walker.checker)) {
    // Functions, classes, namespaces and enums are code, not data: no type look-up needed.
    return CLEAN;
  }
  // Sources known by type are reported at their declaration, so every use names the same origin.
  const declaration = symbol.valueDeclaration;
  const origin =
    declaration && (ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) && declaration.getSourceFile() === node.getSourceFile() ? declaration.name : node;
  const moduleVariable = !ts.isSourceFile(walker.owner) ? moduleVariableDeclaration(symbol) : undefined;
  // `console.log(lastAnswer)` in one function, `lastAnswer = text` in another of the module.
  const fromModule = moduleVariable ? walker.analysis.moduleVariables.read(symbol, moduleVariable) : CLEAN;
  // A constant such as a fixed system prompt (`const SYSTEM = '...'`) is not user text; an array
  // written in the source carries only what the code later puts in it.
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && isLiteralConstant(declaration, walker.checker)) {
    return join(known ?? CLEAN, fromModule);
  }
  const value = join(known ?? walker.analysis.typeSources.typeTaints(node, () => `'${node.text}'`, origin), fromModule);
  return walker.withPromptMark(symbol, value);
}

function evaluateMemberAccess(walker: Walker, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): TaintValue {
  const analysis = walker.analysis;
  const name = ts.isPropertyAccessExpression(node) ? node.name.text : staticPropertyName(node.argumentExpression, walker.checker);
  if (ts.isElementAccessExpression(node)) {
    walker.evaluate(node.argumentExpression);
  }
  const objectNode = skipTransparent(node.expression);
  if (objectNode.kind === ts.SyntaxKind.ThisKeyword && name !== undefined) {
    return readThisField(walker, node, name);
  }
  const object = walker.evaluate(node.expression);
  if (isMetadataField(name)) {
    return CLEAN;
  }
  if (object.taints.some(taint => taint.kind === 'output') && isErrorDetailRead(node, name)) {
    // `event.error`, or `event.result.message` under `if (event.result.error)`: the provider's error, not the answer.
    return CLEAN;
  }
  if (name !== undefined && SDK_METADATA_PROPERTIES.has(name) && isTainted(object) && analysis.typeSources.isSdkObject(node.expression)) {
    return CLEAN;
  }
  let value = walker.keepIfText(node, fieldValue(object, name));
  // What the field's type says counts unless the object carries known data: a prompt-typed field of
  // a parameter (`session.messages`) is a source even though the parameter stands for anything.
  if (!object.taints.some(taint => taint.kind !== 'parameter' && !taint.container)) {
    value = join(value, analysis.typeSources.typeTaints(node, () => `'${calleeText(node)}'`));
    value = join(value, memberOfProjectClass(walker, node, name));
  } else if (name !== undefined && REQUEST_ECHO_PROPERTIES.has(name) && object.taints.some(taint => taint.kind === 'output')) {
    // The input messages kept on a stream or result (`stream.messages`) are the prompt, not output.
    const typed = analysis.typeSources.typeTaints(node, () => `'${calleeText(node)}'`);
    if (typed.taints.some(taint => taint.kind === 'prompt')) {
      value = join(filterTaints(value, taint => taint.kind !== 'output'), typed);
    }
  }
  return applySanitizerTypes(analysis, node, walker.marks.withFieldMark(node, value));
}

function evaluateBinary(walker: Walker, node: ts.BinaryExpression): TaintValue {
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.EqualsToken) {
    const value = walker.evaluate(node.right);
    checkAssignmentSink(walker, node.left, node.right, value);
    assignTo(walker, node.left, value);
    return value;
  }
  if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.QuestionQuestionEqualsToken || operator === ts.SyntaxKind.BarBarEqualsToken) {
    const value = withoutFields(walker.evaluate(node.right));
    assignTo(walker, node.left, value, true);
    return join(walker.evaluate(node.left), value);
  }
  const left = walker.evaluate(node.left);
  const right = walker.evaluate(node.right);
  switch (operator) {
    case ts.SyntaxKind.PlusToken:
      // Text joined to anything is text; two clean numbers give a clean value. No type look-up:
      // asking the checker at every level of a long `a + (b + ...)` chain is quadratic.
      return join(withoutFields(left), withoutFields(right));
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
    case ts.SyntaxKind.AmpersandAmpersandToken:
      return operator === ts.SyntaxKind.AmpersandAmpersandToken ? right : join(left, right);
    case ts.SyntaxKind.CommaToken:
      return right;
    default:
      // Comparisons, arithmetic, `in`, `instanceof`: no text comes out.
      return CLEAN;
  }
}
