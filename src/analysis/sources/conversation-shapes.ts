import ts from '../typescript.cjs';

import { ASSISTANT_ROLES, CHAT_ROLES, LLM_SDK_PACKAGES, MESSAGE_CONTENT_PROPERTIES, MESSAGE_ROLE_PROPERTIES } from '../../knowledge/llm-sdks.js';
import type { TextCarrierOracle } from '../sanitizers/text-carriers.js';
import { DepthBoundCache } from '../depth-bound-cache.js';
import { originMatches, originOfDeclaration } from '../packages.js';

/** What a type's shape says about its values, and how messages name that evidence. */
export interface ShapeMatch {
  /** `output` for a message narrowed to the assistant's role, `prompt` for any other message or a mix. */
  readonly kind: 'output' | 'prompt';
  /** E.g. `a 'ChatMessage', by its role/content shape`, `a history of 'ChatMessage', by its role/content shape`. */
  readonly evidence: string;
  /**
   * A session or thread: the conversation is in one of its fields, not in all of them (its
   * `openai` client or `userId` are no conversation); reading a field asks that field's own type.
   */
  readonly container?: true;
}

const MAX_DEPTH = 4;
/** Standard-library generics whose values are what they hold or map. */
const HOLDERS: ReadonlySet<string> = new Set(['Map', 'ReadonlyMap', 'Set', 'ReadonlySet']);
/** Standard-library types that wrap or transform an app's own type (`Partial<ChatMessage>`). */
const LIB_WRAPPERS: ReadonlySet<string> = new Set([...HOLDERS, 'Promise', 'PromiseLike', 'Record', 'Partial', 'Readonly', 'Pick', 'Omit', 'Required']);
/** Object types with more properties than this are not conversation records (a `Window`, a component's props). */
const MAX_PROPERTIES = 40;

function typeName(type: ts.Type, checker: ts.TypeChecker): string {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const name = symbol?.getName();
  return name && !name.startsWith('__') ? name : checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation).slice(0, 40);
}

/**
 * Source evidence by shape: apps keep conversations in types of their own. An object type with a
 * `role` and a `content`, `text` or `parts` property is a chat message; an array, record or map of
 * messages is a history; a type with a field that holds a history is a session or thread. It works
 * on the structure the checker resolves, so interfaces, aliases, intersections, `Pick` / `Omit`,
 * zod's `z.infer`, drizzle's `$inferSelect`, Supabase's `Tables<...>` and mongoose's
 * `InferSchemaType` are all seen through. Results are cached per type and depth.
 */
export class ConversationShapes {
  /** By type and by depth: what a type is must not depend on which query met it first. */
  private readonly cache = new DepthBoundCache<ShapeMatch | undefined>(undefined);

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly text: TextCarrierOracle,
  ) {}

  classify(type: ts.Type, depth = 0): ShapeMatch | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    // A type that refers to itself (a thread of replies) is no message while it is being looked at.
    return this.cache.get(type, depth, () => this.compute(type, depth));
  }

  /** Several types a value may have: output only when every message among them is the assistant's. */
  private classifyAll(types: readonly ts.Type[], depth: number): ShapeMatch | undefined {
    const matches = types.map(member => this.classify(member, depth)).filter(match => match !== undefined);
    const first = matches[0];
    if (!first) return undefined;
    const kind = matches.every(match => match.kind === 'output') ? 'output' : 'prompt';
    return { kind, evidence: first.evidence, ...(matches.every(match => match.container) ? { container: true as const } : {}) };
  }

  private compute(type: ts.Type, depth: number): ShapeMatch | undefined {
    if (type.isUnion()) {
      return this.classifyAll(type.types, depth + 1);
    }
    if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) {
      return undefined;
    }
    if (this.isPlatformType(type)) {
      return undefined;
    }
    const held = this.heldTypes(type);
    if (held) {
      const element = this.classifyAll(held, depth + 1);
      return element && { kind: element.kind, evidence: element.evidence.startsWith('a history') ? element.evidence : `a history of ${element.evidence.replace(/^an? /, '')}`, ...(element.container ? { container: true as const } : {}) };
    }
    const properties = this.checker.getPropertiesOfType(type);
    if (properties.length === 0 || properties.length > MAX_PROPERTIES) {
      return undefined;
    }
    const message = this.messageKind(properties);
    if (message) {
      return { kind: message, evidence: `a '${typeName(type, this.checker)}', by its role/content shape` };
    }
    // A session or thread: a field holds a history. Not an SDK's own class (a chat engine keeping its
    // memory): what its methods return is judged by the SDK's types.
    if (this.isSdkClass(type)) {
      return undefined;
    }
    for (const property of properties) {
      const propertyType = this.propertyType(property);
      const held = propertyType && this.heldTypes(this.checker.getNonNullableType(propertyType));
      const history = held && this.classifyAll(held, depth + 2);
      if (history) {
        // A history of the assistant's turns only (a response's `output` items) is model output.
        return { kind: history.kind, evidence: `a '${typeName(type, this.checker)}' whose '${property.getName()}' holds a chat history`, container: true };
      }
    }
    return undefined;
  }

  /** What an array, tuple, promise, `Record<string, T>`, `Map<K, T>` or `Set<T>` holds. */
  private heldTypes(type: ts.Type): readonly ts.Type[] | undefined {
    if (this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      const elements = this.checker.getTypeArguments(type as ts.TypeReference);
      return elements.length > 0 ? elements : undefined;
    }
    const awaited = this.checker.getAwaitedType(type);
    if (awaited && awaited !== type) {
      return [awaited];
    }
    const name = type.getSymbol()?.getName();
    if (name !== undefined && HOLDERS.has(name) && this.isLib(type)) {
      const held = this.checker.getTypeArguments(type as ts.TypeReference).at(-1);
      return held ? [held] : undefined;
    }
    const index = this.checker.getIndexInfosOfType(type)[0];
    if (index && this.checker.getPropertiesOfType(type).length === 0) {
      return [index.type];
    }
    return undefined;
  }

  /** `output` / `prompt` when the properties make a chat message. */
  private messageKind(properties: readonly ts.Symbol[]): 'output' | 'prompt' | undefined {
    const role = properties.find(property => MESSAGE_ROLE_PROPERTIES.includes(property.getName()));
    const content = properties.find(property => MESSAGE_CONTENT_PROPERTIES.includes(property.getName()));
    if (!role || !content) {
      return undefined;
    }
    const contentType = this.propertyType(content);
    if (contentType && !this.text.carriesText(this.checker.getNonNullableType(contentType))) {
      return undefined;
    }
    const roleType = this.propertyType(role);
    if (!roleType) {
      return undefined;
    }
    const roles = this.roleValues(this.checker.getNonNullableType(roleType));
    if (roles === undefined) {
      return undefined;
    }
    if (roles === 'any') {
      // `role: string` is a chat role by its name; `author: string` is a person.
      return role.getName() === 'role' ? 'prompt' : undefined;
    }
    if (!roles.some(value => CHAT_ROLES.has(value))) {
      // `role: 'admin' | 'member'`: a user's role in the app, not a turn of a conversation.
      return undefined;
    }
    return roles.every(value => ASSISTANT_ROLES.has(value)) ? 'output' : 'prompt';
  }

  /** The literal values of a role type; `'any'` for `string`; `undefined` when it is no string at all. */
  private roleValues(type: ts.Type): string[] | 'any' | undefined {
    const members = type.isUnion() ? type.types : [type];
    const values: string[] = [];
    for (const member of members) {
      if (member.isStringLiteral()) {
        values.push(member.value);
      } else if (member.flags & ts.TypeFlags.String) {
        return 'any';
      } else if (member.flags & ts.TypeFlags.EnumLiteral && member.isStringLiteral()) {
        values.push(member.value);
      }
    }
    return values.length > 0 ? values : undefined;
  }

  private propertyType(property: ts.Symbol): ts.Type | undefined {
    try {
      return this.checker.getTypeOfSymbol(property);
    } catch {
      return undefined;
    }
  }

  private isLib(type: ts.Type): boolean {
    const declaration = type.getSymbol()?.getDeclarations()?.[0];
    return declaration !== undefined && originOfDeclaration(declaration, this.program) === 'lib';
  }

  /** A class declared by an LLM SDK package (a client, a chat engine, a session). */
  private isSdkClass(type: ts.Type): boolean {
    const symbol = type.getSymbol();
    const declaration = symbol?.getDeclarations()?.[0];
    if (!symbol || !declaration || !(symbol.flags & ts.SymbolFlags.Class)) {
      return false;
    }
    const origin = originOfDeclaration(declaration, this.program);
    return LLM_SDK_PACKAGES.some(pattern => originMatches(origin, pattern));
  }

  /** DOM, standard-library and Node.js types (`Document`, `Response`, `Buffer`) never hold a conversation. */
  private isPlatformType(type: ts.Type): boolean {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const declaration = symbol?.getDeclarations()?.[0];
    if (!declaration || !symbol || this.checker.isArrayType(type) || this.checker.isTupleType(type)) {
      return false;
    }
    const origin = originOfDeclaration(declaration, this.program);
    if (origin === 'lib') {
      return !LIB_WRAPPERS.has(symbol.getName());
    }
    return origin === 'node' || (origin?.startsWith('node:') ?? false);
  }
}
