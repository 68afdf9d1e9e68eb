import ts from '../typescript.cjs';

import {
  ORM_COLUMN_DECORATORS,
  ORM_READ_HOOKS,
  ORM_SCHEMA_DEFINITIONS,
  ORM_TRANSFORMER_OPTION,
  ORM_TRANSFORMER_READ,
  ORM_TRANSFORMER_WRITE,
  ORM_WRITE_HOOKS,
} from '../../knowledge/crypto.js';
import { MESSAGE_CONTENT_PROPERTIES, MESSAGE_ROLE_PROPERTIES } from '../../knowledge/llm-sdks.js';
import { functionWithBodyOf } from '../callees.js';
import { skipTransparent, staticPropertyName } from '../constants.js';
import type { FlowAnalysis } from '../flow/flow-analysis.js';
import { originMatches, resolveAlias } from '../packages.js';
import { CipherInspector, type WeakConstruct } from './ciphers.js';

/** A weak construct that an ORM hook applies to a conversation field. */
export interface OrmHookUse {
  readonly construct: WeakConstruct;
  /** The field's declaration (the schema property or the entity's class field). */
  readonly field: ts.Node;
  /** How messages name the data, e.g. `the 'content' field of 'MessageSchema'`. */
  readonly label: string;
  /** Why it is conversation data, e.g. `a chat message, by its role/content shape`. */
  readonly evidence: string;
}

/** How deep hooks are followed into the project functions they call. */
const MAX_CALL_DEPTH = 3;
const ORM_TEXT = /\bSchema\b|\.init\s*\(|\.define\s*\(|\btransformer\b/;

type HookFunction = ts.SignatureDeclaration & { body?: ts.Node };

/**
 * Encryption in ORM field hooks: mongoose and Sequelize `set` / `get` options, TypeORM column
 * transformers. The flow engine never sees the data enter such a hook (the ORM calls it), so the
 * hooks of conversation fields are found here: a field whose schema or entity has the shape of a
 * chat message (a `role` next to a `content`, `text` or `parts` field) or whose type is
 * conversation data. The weak constructs reachable from a writing hook (and, for a reading hook,
 * the deciphers) protect that field.
 */
export function ormHookUses(analysis: FlowAnalysis, sourceFile: ts.SourceFile): OrmHookUse[] {
  if (!ORM_TEXT.test(sourceFile.text)) {
    return [];
  }
  const uses: OrmHookUse[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments) {
      const definition = schemaDefinition(analysis, node);
      if (definition) collectSchemaHooks(analysis, definition.object, definition.model, definition.typeArgument, uses);
    }
    if (ts.isPropertyDeclaration(node)) {
      collectColumnHooks(analysis, node, uses);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

/** `new Schema({...})`, `Model.init({...})`, `sequelize.define('Message', {...})`. */
function schemaDefinition(
  analysis: FlowAnalysis,
  node: ts.NewExpression | ts.CallExpression,
): { object: ts.ObjectLiteralExpression; model: string; typeArgument: ts.TypeNode | undefined } | undefined {
  const callee = skipTransparent(node.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  const candidates = ORM_SCHEMA_DEFINITIONS.filter(definition => name !== undefined && definition.names.includes(name));
  if (candidates.length === 0) return undefined;
  const info = analysis.callees.resolve(node);
  const definition = candidates.find(candidate => info.declarations.some(declaration => candidate.from.some(pattern => originMatches(declaration.origin, pattern))));
  const argument = definition && node.arguments?.[definition.definitionArgument];
  const object = argument && analysis.ciphers.fixed.objectLiteralOf(argument);
  if (!object) return undefined;
  const holder = node.parent && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
  const receiver = ts.isPropertyAccessExpression(callee) ? skipTransparent(callee.expression).getText() : undefined;
  const model = holder ?? (name === 'init' ? receiver : undefined) ?? 'the schema';
  return { object, model: model === 'the schema' ? model : `'${model}'`, typeArgument: node.typeArguments?.[0] };
}

function propertyNameOf(member: ts.ObjectLiteralElementLike | ts.ClassElement, checker: ts.TypeChecker): string | undefined {
  return member.name ? staticPropertyName(member.name, checker) : undefined;
}

function collectSchemaHooks(analysis: FlowAnalysis, object: ts.ObjectLiteralExpression, model: string, typeArgument: ts.TypeNode | undefined, uses: OrmHookUse[]): void {
  const checker = analysis.checker;
  const names = object.properties.map(property => propertyNameOf(property, checker));
  const messageShape = names.some(name => name !== undefined && MESSAGE_ROLE_PROPERTIES.includes(name));
  for (const property of object.properties) {
    const field = propertyNameOf(property, checker);
    const value = ts.isPropertyAssignment(property) ? skipTransparent(property.initializer) : undefined;
    if (field === undefined || !value) continue;
    if (ts.isArrayLiteralExpression(value)) {
      for (const element of value.elements) {
        if (ts.isObjectLiteralExpression(element)) collectSchemaHooks(analysis, element, model, undefined, uses);
      }
      continue;
    }
    if (!ts.isObjectLiteralExpression(value)) continue;
    const hooks = value.properties.filter(option => {
      const name = propertyNameOf(option, checker);
      return name !== undefined && (ORM_WRITE_HOOKS.has(name) || ORM_READ_HOOKS.has(name));
    });
    if (hooks.length === 0) {
      collectSchemaHooks(analysis, value, model, undefined, uses);
      continue;
    }
    const evidence =
      messageShape && MESSAGE_CONTENT_PROPERTIES.includes(field)
        ? 'a chat message, by its role/content shape'
        : typeArgument
          ? fieldTypeEvidence(analysis, checker.getTypeFromTypeNode(typeArgument), field, property)
          : undefined;
    if (evidence === undefined) continue;
    const label = `the '${field}' field of ${model}`;
    for (const hook of hooks) {
      const writes = ORM_WRITE_HOOKS.has(propertyNameOf(hook, checker) ?? '');
      addHookUses(analysis, hookFunctionOf(analysis, hook), writes, { field: property, label, evidence }, uses);
    }
  }
}

/** `@Column({ transformer: { to, from } }) content: string` in an entity class. */
function collectColumnHooks(analysis: FlowAnalysis, field: ts.PropertyDeclaration, uses: OrmHookUse[]): void {
  const decorators = ts.canHaveDecorators(field) ? (ts.getDecorators(field) ?? []) : [];
  const checker = analysis.checker;
  for (const decorator of decorators) {
    const call = decorator.expression;
    if (!ts.isCallExpression(call)) continue;
    const callee = skipTransparent(call.expression);
    if (!ts.isIdentifier(callee) || !ORM_COLUMN_DECORATORS.names.has(callee.text)) continue;
    const info = analysis.callees.resolve(call);
    if (!info.declarations.some(declaration => ORM_COLUMN_DECORATORS.from.some(pattern => originMatches(declaration.origin, pattern)))) continue;
    const options = call.arguments.map(argument => analysis.ciphers.fixed.objectLiteralOf(argument)).find(object => object !== undefined);
    const transformer = options && analysis.ciphers.fixed.propertyOf(options, ORM_TRANSFORMER_OPTION);
    const name = propertyNameOf(field, checker);
    const owner = field.parent;
    if (!transformer || name === undefined || !ts.isClassLike(owner)) continue;
    const evidence = entityEvidence(analysis, owner, field, name);
    if (evidence === undefined) continue;
    const label = `the '${name}' column of '${owner.name?.text ?? 'the entity'}'`;
    for (const hooks of transformerObjects(analysis, transformer)) {
      for (const member of hooks) {
        const hookName = propertyNameOf(member, checker);
        if (hookName === ORM_TRANSFORMER_WRITE || hookName === ORM_TRANSFORMER_READ) {
          addHookUses(analysis, hookFunctionOf(analysis, member), hookName === ORM_TRANSFORMER_WRITE, { field, label, evidence }, uses);
        }
      }
    }
  }
}

/** Conversation evidence for an entity's field: the entity is a chat message and the field its content, or the field's type says so. */
function entityEvidence(analysis: FlowAnalysis, owner: ts.ClassLikeDeclaration, field: ts.PropertyDeclaration, name: string): string | undefined {
  const checker = analysis.checker;
  try {
    const entity = owner.name ? checker.getTypeAtLocation(owner.name) : undefined;
    const shape = entity && analysis.typeSources.shapes.classify(entity);
    if (shape && MESSAGE_CONTENT_PROPERTIES.includes(name)) {
      return shape.evidence.replace(/^an? /, 'a chat message ');
    }
    return fieldTypeEvidence(analysis, checker.getTypeAtLocation(field), undefined, field);
  } catch {
    return undefined;
  }
}

/** Evidence that a field's type (or the type of `field` on `type`) is conversation data. */
function fieldTypeEvidence(analysis: FlowAnalysis, type: ts.Type, field: string | undefined, origin: ts.Node): string | undefined {
  const checker = analysis.checker;
  try {
    const property = field === undefined ? undefined : type.getProperty(field);
    const fieldType = field === undefined ? type : property ? checker.getTypeOfSymbol(property) : undefined;
    if (!fieldType) return undefined;
    const taint = analysis.typeSources.taintsOfType(checker.getNonNullableType(fieldType), () => 'its type', origin).taints[0];
    return taint ? (taint.label === 'its type' ? 'typed as conversation data' : taint.label.replace(/^its type \((.*)\)$/, '$1')) : undefined;
  } catch {
    // The checker can throw on code it cannot make sense of.
    return undefined;
  }
}

/** The objects whose `to` / `from` members transform a column: a literal, a constant, `new Transformer()`, or an array of them. */
function transformerObjects(analysis: FlowAnalysis, transformer: ts.Expression): (readonly (ts.ObjectLiteralElementLike | ts.ClassElement)[])[] {
  const expression = skipTransparent(transformer);
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.flatMap(element => transformerObjects(analysis, element));
  }
  const object = analysis.ciphers.fixed.objectLiteralOf(expression);
  if (object) return [object.properties];
  const constructed = ts.isNewExpression(expression) ? expression : analysis.ciphers.fixed.constantInitializer(expression);
  if (constructed && ts.isNewExpression(skipTransparent(constructed))) {
    const symbol = symbolOf(analysis, (skipTransparent(constructed) as ts.NewExpression).expression);
    const declaration = symbol?.getDeclarations()?.find(ts.isClassLike);
    if (declaration) return [declaration.members];
  }
  return [];
}

function symbolOf(analysis: FlowAnalysis, node: ts.Node): ts.Symbol | undefined {
  try {
    const symbol = analysis.checker.getSymbolAtLocation(node);
    return symbol && resolveAlias(symbol, analysis.checker);
  } catch {
    return undefined;
  }
}

/** The function a hook option holds: a method, a function literal, or a reference to a project function. */
function hookFunctionOf(analysis: FlowAnalysis, member: ts.ObjectLiteralElementLike | ts.ClassElement): HookFunction | undefined {
  if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) && member.body) return member;
  const value = ts.isPropertyAssignment(member) || ts.isPropertyDeclaration(member) ? member.initializer && skipTransparent(member.initializer) : undefined;
  if (!value) return undefined;
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
  const symbol = symbolOf(analysis, ts.isPropertyAccessExpression(value) ? value.name : value);
  return symbol ? functionWithBodyOf(symbol) : undefined;
}

/** The weak constructs a hook reaches, directly or through the project functions it calls. */
function addHookUses(analysis: FlowAnalysis, hook: HookFunction | undefined, writes: boolean, target: Omit<OrmHookUse, 'construct'>, uses: OrmHookUse[]): void {
  const seen = new Set<ts.Node>();
  const visitFunction = (fn: HookFunction, depth: number): void => {
    if (!fn.body || seen.has(fn) || depth > MAX_CALL_DEPTH) return;
    seen.add(fn);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        if (CipherInspector.mayEncrypt(node)) {
          for (const construct of analysis.ciphers.constructsOfCall(node)) {
            if (construct.role === (writes ? 'decrypts' : 'encrypts')) continue;
            if (!uses.some(use => use.construct === construct && use.field === target.field)) uses.push({ construct, ...target });
          }
        }
        const callee = analysis.callees.resolve(node).projectFunction;
        if (callee) visitFunction(callee, depth + 1);
      }
      ts.forEachChild(node, visit);
    };
    visit(fn.body);
  };
  if (hook) visitFunction(hook, 0);
}
