import ts from './typescript.cjs';

/** Syntax that does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
function isTransparent(node: ts.Node): node is ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression | ts.TypeAssertion {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node);
}

/** Strips syntax that does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipTransparent(node: ts.Expression): ts.Expression {
  let current = node;
  while (isTransparent(current)) current = current.expression;
  return current;
}

/** `require(...)` or `import(...)`: a call that loads a module. */
export function isModuleLoad(call: ts.CallExpression): boolean {
  return call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === 'require');
}

/** The outermost of that syntax around a node (the node itself if none): its parent is what holds the value. */
export function outermostTransparent(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && isTransparent(current.parent)) current = current.parent;
  return current;
}

/**
 * Whether an expression only reads (names, fields, literals, operators other than assignment): it
 * calls nothing and writes nothing, so evaluating it has no effect beyond its value.
 */
export function onlyReads(node: ts.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
      return true;
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.TypeOfExpression:
      return onlyReads((node as ts.PropertyAccessExpression | ts.NonNullExpression | ts.ParenthesizedExpression | ts.AsExpression | ts.TypeOfExpression).expression);
    case ts.SyntaxKind.ElementAccessExpression: {
      const access = node as ts.ElementAccessExpression;
      return onlyReads(access.expression) && onlyReads(access.argumentExpression);
    }
    case ts.SyntaxKind.PrefixUnaryExpression: {
      const unary = node as ts.PrefixUnaryExpression;
      return unary.operator !== ts.SyntaxKind.PlusPlusToken && unary.operator !== ts.SyntaxKind.MinusMinusToken && onlyReads(unary.operand);
    }
    case ts.SyntaxKind.BinaryExpression: {
      const binary = node as ts.BinaryExpression;
      const operator = binary.operatorToken.kind;
      const assigns = operator >= ts.SyntaxKind.FirstAssignment && operator <= ts.SyntaxKind.LastAssignment;
      return !assigns && onlyReads(binary.left) && onlyReads(binary.right);
    }
    default:
      return false;
  }
}

/**
 * The string a node always evaluates to, when the program fixes it: literals, templates and `+`
 * of known parts, and names whose type the checker narrowed to one string literal (a `const`, an
 * `as const` property, an enum member, a literal-typed parameter). Never runs the code.
 */
export function staticStringValue(node: ts.Expression, checker: ts.TypeChecker, depth = 0): string | undefined {
  if (depth > 20) {
    return undefined;
  }
  const expression = skipTransparent(node);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return expression.text;
  }
  if (ts.isNumericLiteral(expression)) {
    return expression.text;
  }
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    for (const span of expression.templateSpans) {
      const part = staticStringValue(span.expression, checker, depth + 1);
      if (part === undefined) {
        return undefined;
      }
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = staticStringValue(expression.left, checker, depth + 1);
    const right = left === undefined ? undefined : staticStringValue(expression.right, checker, depth + 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  // A literal type comes from a declaration that a name reads: a `const`, an enum member, an `as
  // const` property, a literal-typed parameter. Anything else (a call, an object) is not looked up:
  // for `request.post(endpoints.chat(), ...)` the checker would resolve the call, on every request.
  if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression) && !ts.isElementAccessExpression(expression)) {
    return undefined;
  }
  const type = checker.getTypeAtLocation(expression);
  if (type.isStringLiteral()) {
    return type.value;
  }
  if (type.isNumberLiteral()) {
    return String(type.value);
  }
  return undefined;
}

/** The name of a property key when it is static (`a`, `'a'`, `['a']`, `[CONST]`). */
export function staticPropertyName(name: ts.PropertyName | ts.Expression, checker: ts.TypeChecker): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    return staticStringValue(name.expression, checker);
  }
  return staticStringValue(name, checker);
}

const MAX_LITERAL_DEPTH = 6;

/** The `const` declaration an identifier names (through imports), if it has an initializer. */
export function constInitializerOf(identifier: ts.Identifier, checker: ts.TypeChecker): ts.Expression | undefined {
  let symbol: ts.Symbol | undefined;
  try {
    symbol = ts.isShorthandPropertyAssignment(identifier.parent) ? checker.getShorthandAssignmentValueSymbol(identifier.parent) : checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  } catch {
    return undefined;
  }
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  return ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? declaration.initializer : undefined;
}

/**
 * Whether a value is written entirely in the source: literals, templates and `+` of literals,
 * arrays and objects of them, and `const`s holding them (`[{ role: 'system', content: SYSTEM }]`).
 * Such a value carries no user data. Functions inside (a tool's `execute`) do not count as data.
 */
export function isLiteralOnly(node: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  if (depth > MAX_LITERAL_DEPTH) {
    return false;
  }
  const expression = skipTransparent(node);
  switch (expression.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
      return true;
    case ts.SyntaxKind.TemplateExpression:
      return (expression as ts.TemplateExpression).templateSpans.every(span => isLiteralOnly(span.expression, checker, depth + 1));
    case ts.SyntaxKind.BinaryExpression: {
      const binary = expression as ts.BinaryExpression;
      return binary.operatorToken.kind === ts.SyntaxKind.PlusToken && isLiteralOnly(binary.left, checker, depth + 1) && isLiteralOnly(binary.right, checker, depth + 1);
    }
    case ts.SyntaxKind.ArrayLiteralExpression:
      return (expression as ts.ArrayLiteralExpression).elements.every(element =>
        isLiteralOnly(ts.isSpreadElement(element) ? element.expression : element, checker, depth + 1),
      );
    case ts.SyntaxKind.ObjectLiteralExpression:
      return (expression as ts.ObjectLiteralExpression).properties.every(property => {
        if (ts.isPropertyAssignment(property)) return isLiteralOnly(property.initializer, checker, depth + 1);
        if (ts.isShorthandPropertyAssignment(property)) return isLiteralOnly(property.name, checker, depth + 1);
        if (ts.isSpreadAssignment(property)) return isLiteralOnly(property.expression, checker, depth + 1);
        return ts.isMethodDeclaration(property);
      });
    case ts.SyntaxKind.Identifier: {
      if ((expression as ts.Identifier).text === 'undefined') return true;
      const initializer = constInitializerOf(expression as ts.Identifier, checker);
      // An empty array or object (`const history = []`) is a container the code fills later, not a fixed value.
      const empty = initializer !== undefined && isEmptyContainer(initializer);
      return initializer !== undefined && !empty && isLiteralOnly(initializer, checker, depth + 1);
    }
    default:
      return false;
  }
}

function isEmptyContainer(node: ts.Expression): boolean {
  const expression = skipTransparent(node);
  return (ts.isArrayLiteralExpression(expression) && expression.elements.length === 0) || (ts.isObjectLiteralExpression(expression) && expression.properties.length === 0);
}

const literalConstants = new WeakMap<ts.VariableDeclaration, boolean>();

/**
 * `const X = 'text'`, or an array or object written entirely in the source
 * (`const FEW_SHOT = [{ role: 'user', content: '...' }]`): a value fixed in the source, no user data.
 */
export function isLiteralConstant(declaration: ts.VariableDeclaration, checker: ts.TypeChecker): boolean {
  const cached = literalConstants.get(declaration);
  if (cached !== undefined) {
    return cached;
  }
  const initializer = declaration.initializer && skipTransparent(declaration.initializer);
  const literal =
    initializer !== undefined &&
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
    (ts.isStringLiteralLike(initializer) || ts.isNumericLiteral(initializer) || ((ts.isArrayLiteralExpression(initializer) || ts.isObjectLiteralExpression(initializer)) && isLiteralOnly(initializer, checker)));
  literalConstants.set(declaration, literal);
  return literal;
}

/** The function a node is in (the boundary for parameters and summaries). */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent as ts.Node | undefined; current; current = current.parent) {
    if (ts.isFunctionLike(current)) {
      return current;
    }
  }
  return undefined;
}
