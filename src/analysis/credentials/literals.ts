import ts from '../typescript.cjs';

import { AUTH_SCHEME } from '../../knowledge/credentials.js';
import { constInitializer, valueAlternatives } from '../clients/option-values.js';
import { skipTransparent, staticStringValue } from '../constants.js';

/** Where a credential-bearing value is written: a literal in this file, or the use of one from elsewhere. */
export interface CredentialSource {
  /** The node to report (in the current file). */
  readonly node: ts.Node;
  /** The string the source contributes. */
  readonly value: string;
  /** The literal to replace in a suggestion, when it is the reported node. */
  readonly literal?: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
}

/** The expression after an authorization scheme: `Bearer ${KEY}`, `'Bearer ' + KEY`, `` `${KEY}` ``. */
function keyAfterScheme(node: ts.TemplateExpression | ts.BinaryExpression, checker: ts.TypeChecker): ts.Expression | undefined {
  const isScheme = (text: string | undefined): boolean => text !== undefined && (text === '' || (AUTH_SCHEME.test(text) && text.replace(AUTH_SCHEME, '') === ''));
  if (ts.isTemplateExpression(node)) {
    const span = node.templateSpans[0];
    return node.templateSpans.length === 1 && span && span.literal.text === '' && isScheme(node.head.text) ? span.expression : undefined;
  }
  return isScheme(staticStringValue(node.left, checker)) ? node.right : undefined;
}

/**
 * The literals a credential value is made of: each alternative (`process.env.KEY ?? 'sk-...'`),
 * template parts (`Bearer ${KEY}`), concatenations, and `const` declarations (followed to their
 * literal, reported there when it is in `sourceFile`, the linted file).
 */
export function credentialSources(expression: ts.Expression, checker: ts.TypeChecker, sourceFile: ts.SourceFile, depth = 0): CredentialSource[] {
  const result: CredentialSource[] = [];
  for (const alternative of valueAlternatives(expression)) {
    const node = skipTransparent(alternative);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      result.push({ node, value: node.text, literal: node });
    } else if (ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
      // `Bearer ${KEY}` / 'Bearer ' + KEY: the key is the part after the scheme. Other
      // compositions (`${ORG}-${process.env.KEY}`) are judged only as a whole, when fully known.
      const keyPart = keyAfterScheme(node, checker);
      if (keyPart) {
        result.push(...credentialSources(keyPart, checker, sourceFile, depth + 1));
      } else {
        const value = staticStringValue(node, checker);
        if (value !== undefined) {
          result.push({ node, value });
        }
      }
    } else if (depth < 8) {
      const initializer = constInitializer(node, checker);
      if (!initializer) {
        continue;
      }
      const inner = credentialSources(initializer, checker, sourceFile, depth + 1);
      if (initializer.getSourceFile() === sourceFile) {
        result.push(...inner);
      } else {
        // Declared in another file: report where this file uses it; the fix belongs there.
        result.push(...inner.map(source => ({ node: alternative, value: source.value })));
      }
    }
  }
  return result;
}
