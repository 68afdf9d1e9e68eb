import ts from '../../typescript.cjs';

import { HUB_ENVIRONMENT } from '../../../knowledge/model-loaders.js';
import { staticStringValue } from '../../constants.js';
import { identifySymbol, packageMatches } from '../callee.js';
import type { Finding } from '../findings.js';
import type { LoadJudge } from '../load-judge.js';
import { describeExpression } from '../values.js';

/** transformers.js `env` settings that defeat a `revision` pin (another host, a path without the revision). */
export function checkHubEnvironment(judge: LoadJudge, assignment: ts.BinaryExpression): Finding[] {
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(assignment.left)) {
    return [];
  }
  const property = assignment.left.name.text;
  if (property !== HUB_ENVIRONMENT.hostProperty && property !== HUB_ENVIRONMENT.pathTemplateProperty) {
    return [];
  }
  const symbol = judge.checker.getSymbolAtLocation(assignment.left.name);
  const identity = symbol ? identifySymbol(symbol, judge.checker, judge.program) : undefined;
  if (!packageMatches(identity?.origin, HUB_ENVIRONMENT.packages)) {
    return [];
  }
  const value = staticStringValue(assignment.right, judge.checker);
  const shown = describeExpression(assignment.right, 'a custom value');
  if (property === HUB_ENVIRONMENT.hostProperty) {
    if (value !== undefined && (HUB_ENVIRONMENT.defaultHosts as readonly string[]).includes(value)) {
      return [];
    }
    return [
      {
        kind: 'pinDefeated',
        node: assignment,
        data: { property, value: shown, problem: 'sends model downloads to a host other than the Hugging Face Hub, which decides what a revision serves' },
        suggestions: [],
      },
    ];
  }
  if (value === undefined || value.includes(HUB_ENVIRONMENT.revisionPlaceholder)) {
    return [];
  }
  return [
    {
      kind: 'pinDefeated',
      node: assignment,
      data: { property, value: shown, problem: `drops \`${HUB_ENVIRONMENT.revisionPlaceholder}\` from the download path, so \`revision\` is silently ignored` },
      suggestions: [],
    },
  ];
}
