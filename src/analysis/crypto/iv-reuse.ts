import ts from '../typescript.cjs';

import { CIPHER_IV_OPTIONS, IV_USING_CALLS } from '../../knowledge/crypto.js';
import { skipTransparent } from '../constants.js';
import { resolveAlias } from '../packages.js';

/**
 * How an IV that is random once is still reused: made once per module (`const IV = randomBytes(16)`
 * at the top level, or an IV from the environment), once per instance (a field set at
 * construction), once before a loop that encrypts in every iteration, or shared by two
 * encryptions in one function.
 */
export type Reuse = 'module' | 'instance' | 'loop' | 'shared';

export interface IvReuse {
  readonly how: Reuse;
  /** Where the IV is made (or, for `shared`, the other encryption that uses it). */
  readonly node: ts.Node;
}

const MAX_DEPTH = 8;

function isLoop(node: ts.Node): node is ts.IterationStatement {
  return ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node);
}

function calledName(call: ts.CallExpression): string | undefined {
  const callee = skipTransparent(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
}

/**
 * Whether a reference is the IV of an encryption: the IV argument of `createCipheriv`, or the `iv`
 * (`counter`) of the options an `encrypt` call takes (crypto-js, WebCrypto). Decryption with the
 * same IV is no reuse.
 */
function isIvUse(reference: ts.Node): ts.CallExpression | undefined {
  let node: ts.Node = reference;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isCallExpression(parent)) {
    const index = parent.arguments.indexOf(node as ts.Expression);
    const name = calledName(parent);
    return name !== undefined && IV_USING_CALLS.get(name)?.argument === index ? parent : undefined;
  }
  const property = parent && (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) ? parent : undefined;
  const propertyName = property && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
  if (!property || propertyName === undefined || !CIPHER_IV_OPTIONS.has(propertyName) || !ts.isObjectLiteralExpression(property.parent)) {
    return undefined;
  }
  const call = property.parent.parent;
  if (!ts.isCallExpression(call)) return undefined;
  const name = calledName(call);
  return name !== undefined && IV_USING_CALLS.get(name)?.options === true ? call : undefined;
}

/** Finds IVs that are made once and used for many messages. */
export class IvReuseFinder {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly declarationOf: (node: ts.Node) => ts.Declaration | undefined,
  ) {}

  /** How the IV of `use` (a cipher creation or an `encrypt` call) is reused, if it is. */
  reuseOf(iv: ts.Expression, use: ts.Node, depth = 0): IvReuse | undefined {
    const expression = skipTransparent(iv);
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    if (ts.isPropertyAccessExpression(expression)) {
      const declaration = this.declarationOf(expression.name);
      return declaration && ts.isPropertyDeclaration(declaration) && ts.findAncestor(use, ts.isFunctionLike) ? this.fieldReuse(declaration) : undefined;
    }
    if (!ts.isIdentifier(expression)) {
      return undefined;
    }
    const declaration = this.declarationOf(expression);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name)) {
      return undefined;
    }
    const symbol = this.symbolOf(declaration.name);
    const declaringFunction = ts.findAncestor(declaration, ts.isFunctionLike);
    const usingFunction = ts.findAncestor(use, ts.isFunctionLike);
    if (!declaringFunction) {
      // Top level: one IV for every call of the function that encrypts, unless it is made anew.
      return usingFunction && symbol && !this.assignedIn(declaration.getSourceFile(), symbol, declaration) ? { how: 'module', node: declaration.initializer } : undefined;
    }
    if (declaringFunction !== usingFunction || !symbol) {
      return undefined;
    }
    const initializer = skipTransparent(declaration.initializer);
    if ((ts.isIdentifier(initializer) || ts.isPropertyAccessExpression(initializer)) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
      // `const iv = IV;` or `const iv = this.iv;`: follow it.
      const followed = this.reuseOf(initializer, use, depth + 1);
      if (followed) return followed;
    }
    // The innermost loop around the encryption that the IV's declaration is outside of.
    const loop = ts.findAncestor(use, node => node === declaringFunction || (isLoop(node) && !isWithin(declaration, node)));
    if (loop && loop !== declaringFunction && !this.assignedIn(loop, symbol, declaration)) {
      return { how: 'loop', node: declaration.initializer };
    }
    const other = this.otherIvUse(declaringFunction, symbol, use);
    return other && !this.assignedIn(declaringFunction, symbol, declaration) ? { how: 'shared', node: other } : undefined;
  }

  /** A field: made once per instance (or once for the class, when static) unless a method makes it anew. */
  private fieldReuse(field: ts.PropertyDeclaration): IvReuse | undefined {
    const symbol = ts.isIdentifier(field.name) || ts.isPrivateIdentifier(field.name) ? this.symbolOf(field.name) : undefined;
    const owner = field.parent;
    if (!symbol || !ts.isClassLike(owner)) {
      return undefined;
    }
    let madeAt: ts.Node | undefined = field.initializer;
    let refreshed = false;
    const visit = (node: ts.Node): void => {
      if (refreshed) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && this.symbolOf(node.left.name) === symbol) {
        const inConstructor = ts.findAncestor(node, ts.isFunctionLike);
        if (inConstructor && ts.isConstructorDeclaration(inConstructor)) madeAt ??= node.right;
        else refreshed = true;
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(owner, visit);
    if (refreshed || !madeAt) {
      return undefined;
    }
    const isStatic = field.modifiers?.some(modifier => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
    return { how: isStatic ? 'module' : 'instance', node: madeAt };
  }

  /** Another encryption in the function that uses the same IV variable. */
  private otherIvUse(scope: ts.Node, symbol: ts.Symbol, use: ts.Node): ts.Node | undefined {
    let found: ts.Node | undefined;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && node.text === symbol.name) {
        const call = isIvUse(node);
        if (call && call !== use && this.symbolOf(node) === symbol) {
          found = call;
          return;
        }
      }
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(scope, visit);
    return found;
  }

  /** Whether `symbol` is assigned (`iv = randomBytes(16)`) anywhere in `scope` after its declaration. */
  private assignedIn(scope: ts.Node, symbol: ts.Symbol, declaration: ts.VariableDeclaration): boolean {
    if (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) {
      return false;
    }
    let assigned = false;
    const visit = (node: ts.Node): void => {
      if (assigned) return;
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isIdentifier(skipTransparent(node.left)) &&
        this.symbolOf(skipTransparent(node.left)) === symbol
      ) {
        assigned = true;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(scope);
    return assigned;
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    try {
      const symbol = this.checker.getSymbolAtLocation(node);
      return symbol && resolveAlias(symbol, this.checker);
    } catch {
      return undefined;
    }
  }
}

function isWithin(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end && node.getSourceFile() === container.getSourceFile();
}
