import ts from 'typescript';

/** Strips syntax that does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipTransparent(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * The string a node always evaluates to, when the program fixes it: literals, templates and `+`
 * of known parts, and anything whose type the checker narrowed to one string literal (a `const`,
 * an `as const` property, an enum member, a literal-typed parameter). Never runs the code.
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
