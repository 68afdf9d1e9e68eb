import path from 'node:path';

import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { llmHostProvider, llmUrlMatch, parseEndpoint } from '../analysis/clients/endpoints.js';
import { calleeNameOf, httpRequestUrls, matchHttpCall } from '../analysis/clients/http-calls.js';
import { lazyFileFacts } from '../analysis/clients/imports.js';
import { type MatchedClient, matchLlmClient } from '../analysis/clients/match-client.js';
import { constInitializer, objectArguments, objectLiteralOf, optionValue, stringCandidates, valueAlternatives } from '../analysis/clients/option-values.js';
import { skipTransparent, staticPropertyName, staticStringValue } from '../analysis/constants.js';
import {
  AUTH_SCHEME,
  COMMIT_SHA,
  CREDENTIAL_HEADERS,
  KEY_CHARACTER,
  KEY_SHAPES,
  LLM_KEY_ENV_VARS,
  MIN_CREDENTIAL_LENGTH,
  MIN_DISTINCT_KEY_CHARACTERS,
  PLACEHOLDER_MARKERS,
  PLACEHOLDER_VALUES,
  PLACEHOLDER_WORDS,
  type KeyShape,
} from '../knowledge/credentials.js';
import { LLM_CLIENTS } from '../knowledge/llm-clients.js';
import { createRule } from '../util/create-rule.js';
import { assignedProcessEnvName } from '../analysis/process-env.js';

export type Options = [
  {
    ignorePatterns?: string[];
    placeholders?: string[];
    checkComments?: boolean;
  },
];

export type MessageIds = 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey' | 'knownKeyShape' | 'useEnv';

/** Where a credential-bearing value is written: a literal in this file, or the use of one from elsewhere. */
interface CredentialSource {
  /** The node to report (in the current file). */
  readonly node: ts.Node;
  /** The string the source contributes. */
  readonly value: string;
  /** The literal to replace in a suggestion, when it is the reported node. */
  readonly literal?: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
}

/** What a credential value was judged to be. */
interface Credential {
  readonly shape?: KeyShape;
  /** The key itself (the value without an auth scheme). */
  readonly key: string;
}

const FACTORY_NAMES = LLM_CLIENTS.filter(spec => spec.kind === 'factory').map(spec => spec.name);
const SHAPE_BOUNDARY = KEY_CHARACTER.source;
const SHAPE_REGEXES = new Map<KeyShape, RegExp>(
  KEY_SHAPES.map(shape => [shape, new RegExp(`(?<!${SHAPE_BOUNDARY})(?:${shape.pattern.source})(?!${SHAPE_BOUNDARY})`, 'g')]),
);
const SHAPE_WHOLE = new Map<KeyShape, RegExp>(KEY_SHAPES.map(shape => [shape, new RegExp(`^(?:${shape.pattern.source})$`)]));
const PLACEHOLDER_VALUE_SET: ReadonlySet<string> = new Set(PLACEHOLDER_VALUES);
const PLACEHOLDER_WORD_SET: ReadonlySet<string> = new Set(PLACEHOLDER_WORDS);
const CREDENTIAL_HEADER_SET: ReadonlySet<string> = new Set(CREDENTIAL_HEADERS);
const LLM_KEY_ENV_SET: ReadonlySet<string> = new Set(LLM_KEY_ENV_VARS);

/** A glob (`**`, `*`, `?`, `{a,b}`) as a regular expression over `/`-separated paths. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] ?? '';
    if (char === '*') {
      if (glob[index + 1] === '*') {
        index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function fileIsIgnored(filename: string, cwd: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) {
    return false;
  }
  const resolved = path.resolve(cwd, filename);
  const absolute = resolved.replace(/\\/g, '/');
  const relative = path.relative(cwd, resolved).replace(/\\/g, '/');
  const base = path.basename(filename);
  return patterns.some(pattern => {
    const regex = globToRegExp(pattern.replace(/^\.\//, ''));
    return regex.test(relative) || regex.test(absolute) || (!pattern.includes('/') && regex.test(base));
  });
}

/** Fewer distinct characters than `minimum` (after a short vendor prefix) marks `xxxx`-style fillers. */
function hasFewDistinctCharacters(value: string, minimum: number): boolean {
  return new Set(value).size < minimum;
}

const SEQUENCES = ['0123456789', '1234567890', 'abcdefghijklmnopqrstuvwxyz', '9876543210', 'zyxwvutsrqponmlkjihgfedcba'];

/** `1234567890`, `abcdefgh`: a run of consecutive characters. */
function isSequence(value: string): boolean {
  return value.length >= 4 && SEQUENCES.some(sequence => sequence.includes(value));
}

/** `abcabcabc`, `12341234`: one short unit repeated. */
function isRepetition(value: string): boolean {
  for (let unit = 1; unit <= 4 && unit * 2 <= value.length; unit++) {
    let repeated = true;
    for (let index = unit; index < value.length && repeated; index++) {
      repeated = value[index] === value[index % unit];
    }
    if (repeated) {
      return true;
    }
  }
  return false;
}

function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(word => word.toLowerCase());
}

export const noHardcodedLlmCredentials = createRule<Options, MessageIds>({
  name: 'no-hardcoded-llm-credentials',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow LLM API keys written in source code',
      recommended: true,
      requiresTypeChecking: true,
    },
    messages: {
      hardcodedClientKey:
        "The '{{option}}' passed to {{client}} is a hard-coded {{what}}. Anyone who can read the source, its git history or a shipped bundle can call the API with it at your expense; revoke it and read it from the environment or a secret manager instead.",
      hardcodedRequestKey:
        "The '{{header}}' header of this {{api}} request is a hard-coded {{what}}. Anyone who can read the source, its git history or a shipped bundle can call the API with it at your expense; revoke it and read it from the environment or a secret manager instead.",
      hardcodedEnvKey:
        'A hard-coded {{what}} is assigned to process.env.{{name}}, where LLM SDKs read their key from. The key is in the source for anyone who can read it, its git history or a shipped bundle; revoke it and set the variable outside the code (deployment secrets, a .env file kept out of git).',
      knownKeyShape:
        "This text contains a {{provider}} API key ('{{preview}}'). A key written in source leaks with every copy of the repository, its history and any bundle built from it; revoke it and read it from process.env.{{env}} or a secret manager instead.",
      useEnv: 'Read the key from process.env.{{name}} instead.',
    },
    schema: [
      {
        type: 'object',
        description: 'Options for no-hardcoded-llm-credentials.',
        properties: {
          ignorePatterns: {
            type: 'array',
            description:
              'Globs of files to skip entirely, matched against the path relative to the working directory (or the base name when the glob has no `/`), e.g. `**/__fixtures__/**` or `*.test.ts`.',
            items: { type: 'string', description: 'A glob supporting `**`, `*`, `?` and `{a,b}`.' },
            uniqueItems: true,
          },
          placeholders: {
            type: 'array',
            description: 'Extra values that are dummies rather than credentials (compared case-insensitively with the whole key).',
            items: { type: 'string', description: 'A placeholder value, e.g. `sk-local-dev`.' },
            uniqueItems: true,
          },
          checkComments: {
            type: 'boolean',
            description: 'Also look for known key shapes in comments (a key pasted into a comment is just as leaked).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ ignorePatterns: [], placeholders: [], checkComments: true }],
  },
  create(context, [options]) {
    const services = ESLintUtils.getParserServices(context);
    if (fileIsIgnored(context.filename, context.cwd, options.ignorePatterns ?? [])) {
      return {};
    }
    const program = services.program;
    const checker = program.getTypeChecker();
    const sourceCode = context.sourceCode;
    const extraPlaceholders = new Set((options.placeholders ?? []).map(value => value.toLowerCase()));
    const checkComments = options.checkComments ?? true;
    /** Ranges already reported, so a literal reached twice (or also matching a shape) is reported once. */
    const reported = new Set<string>();
    const textNodes: (TSESTree.Literal | TSESTree.TemplateElement | TSESTree.JSXText)[] = [];
    const file = lazyFileFacts(() => services.esTreeNodeToTSNodeMap.get(sourceCode.ast));
    const currentSourceFile = file.sourceFile;
    const callableHttp = file.importsCallableHttp;

    function rangeKey(start: number, end: number): string {
      return `${start}:${end}`;
    }

    function isPlaceholder(value: string): boolean {
      const lower = value.toLowerCase();
      if (value.length < MIN_CREDENTIAL_LENGTH || /\s/.test(value)) {
        return true;
      }
      if (PLACEHOLDER_VALUE_SET.has(lower) || extraPlaceholders.has(lower)) {
        return true;
      }
      if (PLACEHOLDER_MARKERS.some(marker => value.includes(marker)) || COMMIT_SHA.test(value)) {
        return true;
      }
      // An environment variable's name (`'OPENAI_API_KEY'`) or a URL is not a key.
      if (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        return true;
      }
      // `sk-xxxxxxxx`, `********`, `sk-1234567890`, `abcabcabc`: a filler after an optional short vendor prefix.
      const body = value.replace(/^[A-Za-z0-9]{1,4}[-_]/, '').toLowerCase();
      if (hasFewDistinctCharacters(body, 4) || isSequence(body) || isRepetition(body)) {
        return true;
      }
      return wordsOf(value).some(word => PLACEHOLDER_WORD_SET.has(word));
    }

    function shapePlaceholder(key: string, shape: KeyShape): boolean {
      if (extraPlaceholders.has(key.toLowerCase())) {
        return true;
      }
      const body = key.startsWith(shape.prefix) ? key.slice(shape.prefix.length) : key;
      return hasFewDistinctCharacters(body, MIN_DISTINCT_KEY_CHARACTERS);
    }

    /** Is a value that reaches a credential option a real-looking credential? */
    function judge(value: string): Credential | undefined {
      const key = value.trim().replace(AUTH_SCHEME, '').trim();
      for (const shape of KEY_SHAPES) {
        if (SHAPE_WHOLE.get(shape)?.test(key)) {
          return shapePlaceholder(key, shape) ? undefined : { shape, key };
        }
      }
      return isPlaceholder(key) ? undefined : { key };
    }

    /** The expression after an authorization scheme: `Bearer ${KEY}`, `'Bearer ' + KEY`, `` `${KEY}` ``. */
    function keyAfterScheme(node: ts.TemplateExpression | ts.BinaryExpression): ts.Expression | undefined {
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
     * literal, reported there when it is in this file).
     */
    function credentialSources(expression: ts.Expression, depth = 0): CredentialSource[] {
      const sourceFile = currentSourceFile();
      const result: CredentialSource[] = [];
      for (const alternative of valueAlternatives(expression)) {
        const node = skipTransparent(alternative);
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
          result.push({ node, value: node.text, literal: node });
        } else if (ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
          // `Bearer ${KEY}` / 'Bearer ' + KEY: the key is the part after the scheme. Other
          // compositions (`${ORG}-${process.env.KEY}`) are judged only as a whole, when fully known.
          const keyPart = keyAfterScheme(node);
          if (keyPart) {
            result.push(...credentialSources(keyPart, depth + 1));
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
          const inner = credentialSources(initializer, depth + 1);
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

    function envNameFromPackage(origin: string): string {
      const last = origin.split('/').pop() ?? origin;
      return `${last.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_API_KEY`;
    }

    function suggestionFor(source: CredentialSource, credential: Credential, envName: string): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const literal = source.literal;
      if (!literal || literal !== source.node) {
        return [];
      }
      const replacement = replacementText(literal.text, credential.key, envName);
      if (replacement === undefined) {
        return [];
      }
      return [
        {
          messageId: 'useEnv',
          data: { name: envName },
          fix: fixer => fixer.replaceTextRange([literal.getStart(currentSourceFile()), literal.getEnd()], replacement),
        },
      ];
    }

    function reportCredential(
      source: CredentialSource,
      credential: Credential,
      messageId: 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey',
      data: Record<string, string>,
      envName: string | undefined,
    ): void {
      const sourceFile = currentSourceFile();
      const start = source.node.getStart(sourceFile);
      const key = rangeKey(start, source.node.getEnd());
      if (reported.has(key)) {
        return;
      }
      reported.add(key);
      const what = credential.shape ? `${credential.shape.provider} API key` : 'credential';
      context.report({
        loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(source.node.getEnd()) },
        messageId,
        data: { ...data, what },
        suggest: envName === undefined ? [] : suggestionFor(source, credential, credential.shape?.envVar ?? envName),
      });
    }

    function checkCredentialValue(
      value: ts.Expression,
      messageId: 'hardcodedClientKey' | 'hardcodedRequestKey' | 'hardcodedEnvKey',
      data: Record<string, string>,
      envName: string | undefined,
    ): void {
      for (const source of credentialSources(value)) {
        const credential = judge(source.value);
        if (credential) {
          reportCredential(source, credential, messageId, data, envName);
        }
      }
    }

    /** Credential-bearing entries of a header map (`{ Authorization: 'Bearer ...', 'x-api-key': ... }`). */
    function credentialHeaders(headers: ts.Expression): { name: string; value: ts.Expression }[] {
      const object = objectLiteralOf(headers, checker);
      if (!object) {
        return [];
      }
      const result: { name: string; value: ts.Expression }[] = [];
      for (const property of object.properties) {
        if (ts.isPropertyAssignment(property)) {
          const name = staticPropertyName(property.name, checker);
          if (name !== undefined && CREDENTIAL_HEADER_SET.has(name.toLowerCase())) {
            result.push({ name, value: property.initializer });
          }
        }
      }
      return result;
    }

    /** The env variable to suggest for a client: by the host it is pointed at, else by the SDK. */
    function clientEnvName(match: MatchedClient, objects: readonly ts.ObjectLiteralExpression[]): string {
      for (const object of objects) {
        for (const endpoint of match.spec.endpoints ?? []) {
          const value = optionValue(object, endpoint.path, checker);
          for (const candidate of value ? stringCandidates(value, checker, currentSourceFile()) : []) {
            const url = parseEndpoint(candidate.value, endpoint.defaultScheme);
            const host = url && llmHostProvider(url);
            if (host) {
              return host.apiKeyEnv;
            }
          }
        }
      }
      return match.spec.apiKeyEnv ?? envNameFromPackage(match.origin);
    }

    function checkClient(node: ts.NewExpression | ts.CallExpression): void {
      const match = matchLlmClient(node, checker, program);
      if (!match) {
        return;
      }
      const client = `the ${match.spec.provider} client '${ts.isNewExpression(node) ? `new ${match.name}()` : `${match.name}()`}'`;
      const objects = objectArguments(node, checker);
      const envName = clientEnvName(match, objects);
      for (const index of match.spec.apiKeyArguments ?? []) {
        const argument = node.arguments?.[index];
        if (argument && !objectLiteralOf(argument, checker)) {
          checkCredentialValue(argument, 'hardcodedClientKey', { option: `argument ${index + 1}`, client }, envName);
        }
      }
      for (const object of objects) {
        for (const option of match.spec.apiKeys ?? []) {
          const value = optionValue(object, option, checker);
          if (value) {
            checkCredentialValue(value, 'hardcodedClientKey', { option, client }, envName);
          }
        }
        for (const option of match.spec.headers ?? []) {
          const headers = optionValue(object, option, checker);
          for (const header of headers ? credentialHeaders(headers) : []) {
            checkCredentialValue(header.value, 'hardcodedClientKey', { option: `${option}.${header.name}`, client }, envName);
          }
        }
      }
    }

    function checkHttpCall(node: ts.CallExpression): void {
      const spec = matchHttpCall(node, checker, program, callableHttp());
      if (!spec) {
        return;
      }
      let api: string | undefined;
      let envName: string | undefined;
      for (const candidate of httpRequestUrls(node, spec, checker, currentSourceFile())) {
        const url = parseEndpoint(candidate.value);
        const match = url && llmUrlMatch(url);
        if (match) {
          api ??= match.api;
          envName ??= match.apiKeyEnv;
        }
      }
      if (api === undefined) {
        return;
      }
      for (const config of objectArguments(node, checker, spec.configArguments)) {
        for (const option of spec.headers) {
          const headers = optionValue(config, option, checker);
          for (const header of headers ? credentialHeaders(headers) : []) {
            checkCredentialValue(header.value, 'hardcodedRequestKey', { header: header.name, api }, envName ?? 'LLM_API_KEY');
          }
        }
      }
    }

    /** Replacement text for a literal whose value contains `key`: `process.env.X` or a template. */
    function replacementText(literalValue: string, key: string, envName: string): string | undefined {
      const expression = `process.env.${envName}`;
      if (literalValue === key) {
        return expression;
      }
      const index = literalValue.indexOf(key);
      if (index === -1) {
        return undefined;
      }
      const escape = (text: string): string =>
        text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      return `\`${escape(literalValue.slice(0, index))}\${${expression}}${escape(literalValue.slice(index + key.length))}\``;
    }

    /** Can the literal be replaced by an expression without breaking the syntax around it? */
    function literalIsExpression(node: TSESTree.Literal): boolean {
      const parent = node.parent;
      switch (parent.type) {
        case 'Property':
          return parent.value === node;
        case 'PropertyDefinition':
          return parent.value === node;
        case 'VariableDeclarator':
          return parent.init === node;
        case 'AssignmentExpression':
        case 'AssignmentPattern':
          return parent.right === node;
        case 'CallExpression':
        case 'NewExpression':
          return parent.arguments.includes(node);
        case 'ArrayExpression':
        case 'ReturnStatement':
        case 'BinaryExpression':
        case 'LogicalExpression':
        case 'ConditionalExpression':
        case 'JSXExpressionContainer':
        case 'JSXAttribute':
        case 'TSAsExpression':
        case 'TSSatisfiesExpression':
        case 'TSNonNullExpression':
        case 'ArrowFunctionExpression':
        case 'SpreadElement':
          return true;
        default:
          return false;
      }
    }

    function shapeMatches(text: string): { index: number; key: string; shape: KeyShape }[] {
      const result: { index: number; key: string; shape: KeyShape }[] = [];
      for (const shape of KEY_SHAPES) {
        if (!text.includes(shape.prefix)) {
          continue;
        }
        const regex = SHAPE_REGEXES.get(shape);
        if (!regex) {
          continue;
        }
        regex.lastIndex = 0;
        for (const match of text.matchAll(regex)) {
          const key = match[0];
          if (!shapePlaceholder(key, shape) && !result.some(found => found.index === match.index)) {
            result.push({ index: match.index, key, shape });
          }
        }
      }
      return result;
    }

    function reportShape(start: number, end: number, key: string, shape: KeyShape, suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[]): void {
      const rangeId = rangeKey(start, end);
      if (reported.has(rangeId)) {
        return;
      }
      reported.add(rangeId);
      context.report({
        loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
        messageId: 'knownKeyShape',
        data: { provider: shape.provider, preview: `${key.slice(0, shape.prefix.length + 4)}…`, env: shape.envVar },
        suggest,
      });
    }

    function scanText(node: TSESTree.Literal | TSESTree.TemplateElement | TSESTree.JSXText): void {
      const raw = sourceCode.getText(node);
      const matches = shapeMatches(node.type === 'TemplateElement' ? raw : String(node.value));
      if (matches.length === 0) {
        return;
      }
      const [start, end] = node.range;
      if (node.type === 'Literal') {
        // One report per literal: it is the unit a fix replaces.
        const first = matches[0];
        if (!first || reported.has(rangeKey(start, end))) {
          return;
        }
        let suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        const replacement = matches.length === 1 && literalIsExpression(node) ? replacementText(String(node.value), first.key, first.shape.envVar) : undefined;
        if (replacement !== undefined) {
          const text = node.parent.type === 'JSXAttribute' ? `{${replacement}}` : replacement;
          suggest = [{ messageId: 'useEnv', data: { name: first.shape.envVar }, fix: fixer => fixer.replaceText(node, text) }];
        }
        reportShape(start, end, first.key, first.shape, suggest);
        return;
      }
      for (const match of matches) {
        // Template text and JSX text hold the key verbatim (keys have no characters to escape).
        const offset = raw.indexOf(match.key);
        if (offset === -1) {
          continue;
        }
        const keyStart = start + offset;
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] =
          node.type === 'TemplateElement'
            ? [
                {
                  messageId: 'useEnv',
                  data: { name: match.shape.envVar },
                  fix: fixer => fixer.replaceTextRange([keyStart, keyStart + match.key.length], `\${process.env.${match.shape.envVar}}`),
                },
              ]
            : [];
        reportShape(keyStart, keyStart + match.key.length, match.key, match.shape, suggest);
      }
    }

    function scanComment(comment: TSESTree.Comment): void {
      // `comment.value` starts after the two-character opener (`//` or `/*`).
      const valueStart = comment.range[0] + 2;
      for (const match of shapeMatches(comment.value)) {
        const keyStart = valueStart + match.index;
        reportShape(keyStart, keyStart + match.key.length, match.key, match.shape, []);
      }
    }


    return {
      NewExpression(node) {
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        if ((tsNode.arguments?.length ?? 0) > 0) {
          checkClient(tsNode);
        }
      },
      CallExpression(node) {
        if (node.arguments.length === 0) {
          return;
        }
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        const name = calleeNameOf(tsNode);
        if (name !== undefined && FACTORY_NAMES.some(pattern => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern))) {
          checkClient(tsNode);
        }
        checkHttpCall(tsNode);
      },
      AssignmentExpression(node) {
        const name = assignedProcessEnvName(node);
        if (name !== undefined && LLM_KEY_ENV_SET.has(name)) {
          checkCredentialValue(services.esTreeNodeToTSNodeMap.get(node.right) as ts.Expression, 'hardcodedEnvKey', { name }, undefined);
        }
      },
      Literal(node) {
        if (typeof node.value === 'string') {
          textNodes.push(node);
        }
      },
      TemplateElement(node) {
        textNodes.push(node);
      },
      JSXText(node) {
        textNodes.push(node);
      },
      'Program:exit'() {
        // After the client checks, so a literal they reported (with a better message) is skipped.
        for (const node of textNodes) {
          scanText(node);
        }
        if (checkComments) {
          for (const comment of sourceCode.getAllComments()) {
            scanComment(comment);
          }
        }
      },
    };
  },
});

export default noHardcodedLlmCredentials;
