import ts from '../typescript.cjs';

import { LLM_SDK_PACKAGES, MODEL_OUTPUT_TYPES, PROMPT_TYPES } from '../../knowledge/llm-sdks.js';
import type { CalleeInfo } from '../callees.js';
import { cjsInterop } from '../cjs-interop.js';
import type { FlowCustomization } from '../config.js';
import { skipTransparent } from '../constants.js';
import { CLEAN, type TaintValue, taintValue } from '../flow/taint.js';
import { originMatches, originsOfSymbol } from '../packages.js';
import type { TextCarrierOracle } from '../sanitizers/text-carriers.js';
import { ConversationShapes } from './conversation-shapes.js';
import { TypeFamilyMatcher } from './type-families.js';
import { matchesUserTypes } from './user-specifiers.js';

/**
 * Source evidence by type: a value is model output or prompt data because its type (or what it
 * wraps: a promise, an array, a stream) is declared as such by an LLM SDK (`knowledge/llm-sdks.ts`),
 * matches a user-configured source type, or has the shape of a conversation (`conversation-shapes.ts`).
 */
export class TypeSources {
  readonly outputTypes: TypeFamilyMatcher;
  readonly promptTypes: TypeFamilyMatcher;
  readonly shapes: ConversationShapes;
  /** Learned app types (`learned-types.ts`), wired by the analysis that owns both. */
  learnedEvidence: (type: ts.Type) => string | undefined = () => undefined;
  /** Files where no type can be a source (a route file reached only by requests), wired by the analysis. */
  holdsNoSources: (sourceFile: ts.SourceFile) => boolean = () => false;
  private readonly callReturnCache = new WeakMap<ts.Node, { output: boolean; prompt: boolean }>();

  constructor(
    private readonly program: ts.Program,
    private readonly checker: ts.TypeChecker,
    private readonly customization: FlowCustomization,
    text: TextCarrierOracle,
  ) {
    this.outputTypes = new TypeFamilyMatcher(program, checker, MODEL_OUTPUT_TYPES);
    this.promptTypes = new TypeFamilyMatcher(program, checker, PROMPT_TYPES);
    this.shapes = new ConversationShapes(program, checker, text);
  }

  /** Taints the type of a node implies: SDK output or prompt types, user-configured source types. */
  typeTaints(node: ts.Node, label: () => string, origin: ts.Node = node): TaintValue {
    if (this.holdsNoSources(node.getSourceFile())) {
      return CLEAN;
    }
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(node);
    } catch {
      return CLEAN;
    }
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      return CLEAN;
    }
    return this.taintsOfType(type, label, origin);
  }

  /** Taints a type implies (see {@link typeTaints}). */
  taintsOfType(type: ts.Type, label: () => string, origin: ts.Node): TaintValue {
    if (this.isModelOutputType(type)) {
      return taintValue({ kind: 'output', origin, label: label() });
    }
    if (this.isPromptType(type)) {
      return taintValue({ kind: 'prompt', origin, label: label() });
    }
    const shape = this.shapes.classify(type);
    if (shape) {
      return taintValue({ kind: shape.kind, origin, label: `${label()} (${shape.evidence})`, ...(shape.container ? { container: true as const } : {}) });
    }
    const learned = type.flags & ts.TypeFlags.Object || type.isUnion() ? this.learnedEvidence(type) : undefined;
    return learned ? taintValue({ kind: 'prompt', origin, label: `${label()} (${learned})` }) : CLEAN;
  }

  isModelOutputType(type: ts.Type): boolean {
    return this.outputTypes.matches(type) || matchesUserTypes(this.program, type, this.customization.outputSources);
  }

  isPromptType(type: ts.Type): boolean {
    return this.promptTypes.matches(type) || matchesUserTypes(this.program, type, this.customization.promptSources);
  }

  /**
   * Whether a call returns model output or prompt data, judged from the callee's declared
   * signatures (instantiated on the receiver's type) rather than by checking the call expression,
   * which would type-check every argument. Only SDK callees are looked at (and every callee when
   * the user configured source types): the standard library, Node.js and other packages return
   * model output only when given it, which propagation covers, and project functions are
   * summarised.
   */
  callReturns(call: ts.CallExpression, declaredInSdk: boolean): { output: boolean; prompt: boolean } {
    const cached = this.callReturnCache.get(call);
    if (cached) {
      return cached;
    }
    const userTypes = this.customization.outputSources.length > 0 || this.customization.promptSources.length > 0;
    let result = { output: false, prompt: false };
    if (declaredInSdk || userTypes) {
      try {
        const returnTypes = userTypes ? [this.checker.getTypeAtLocation(call)] : this.declaredReturnTypes(call);
        result = {
          output: returnTypes.some(type => this.isModelOutputType(type)),
          prompt: returnTypes.some(type => this.isPromptType(type)),
        };
      } catch {
        // Code the checker cannot make sense of: no source.
      }
    }
    this.callReturnCache.set(call, result);
    return result;
  }

  /**
   * Taints the declared result type of a call implies, read from the callee's signatures (no
   * checking of the arguments): `Schema.parse(body)` returns what the schema says.
   */
  declaredResultTaints(call: ts.CallExpression, label: () => string): TaintValue {
    if (this.holdsNoSources(call.getSourceFile())) {
      return CLEAN;
    }
    let types: ts.Type[];
    try {
      types = this.declaredReturnTypes(call);
    } catch {
      return CLEAN;
    }
    for (const type of types) {
      const value = this.taintsOfType(this.checker.getAwaitedType(type) ?? type, label, call);
      if (value.taints.length > 0) return value;
    }
    return CLEAN;
  }

  private declaredReturnTypes(call: ts.CallExpression): ts.Type[] {
    const callee = skipTransparent(call.expression);
    let calleeType: ts.Type | undefined;
    if (ts.isPropertyAccessExpression(callee)) {
      const receiverType = this.checker.getNonNullableType(cjsInterop(this.checker).typeOf(callee.expression) ?? this.checker.getTypeAtLocation(callee.expression));
      const property = this.checker.getPropertyOfType(receiverType, callee.name.text);
      calleeType = property ? this.checker.getTypeOfSymbolAtLocation(property, callee) : undefined;
    }
    calleeType ??= this.checker.getTypeAtLocation(callee);
    const candidates = calleeType.isUnion() ? calleeType.types : [calleeType];
    return candidates.flatMap(candidate => candidate.getCallSignatures().map(signature => signature.getReturnType()));
  }

  /** Whether a value's type is declared by an LLM SDK (not by the user's own schema). */
  isSdkObject(node: ts.Expression): boolean {
    let type: ts.Type;
    try {
      type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node));
    } catch {
      return false;
    }
    const symbol = type.aliasSymbol ?? type.getSymbol();
    return symbol !== undefined && originsOfSymbol(symbol, this.program).some(origin => LLM_SDK_PACKAGES.some(pattern => originMatches(origin, pattern)));
  }
}

/** Is the callee declared in an LLM SDK package? */
export function declaredInSdk(info: CalleeInfo): boolean {
  return info.declarations.some(declaration => LLM_SDK_PACKAGES.some(pattern => originMatches(declaration.origin, pattern)));
}
