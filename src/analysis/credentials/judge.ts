import {
  AUTH_SCHEME,
  COMMIT_SHA,
  FILLER_SEQUENCES,
  KEY_CHARACTER,
  KEY_SHAPES,
  MIN_CREDENTIAL_LENGTH,
  MIN_DISTINCT_KEY_CHARACTERS,
  PLACEHOLDER_MARKERS,
  PLACEHOLDER_VALUES,
  PLACEHOLDER_WORDS,
  type KeyShape,
} from '../../knowledge/credentials.js';

/** What a credential value was judged to be. */
export interface Credential {
  readonly shape?: KeyShape;
  /** The key itself (the value without an auth scheme). */
  readonly key: string;
}

/** A known key shape found inside a text, at `index`. */
export interface ShapeMatch {
  readonly index: number;
  readonly key: string;
  readonly shape: KeyShape;
}

const SHAPE_BOUNDARY = KEY_CHARACTER.source;
const SHAPE_REGEXES = new Map<KeyShape, RegExp>(
  KEY_SHAPES.map(shape => [shape, new RegExp(`(?<!${SHAPE_BOUNDARY})(?:${shape.pattern.source})(?!${SHAPE_BOUNDARY})`, 'g')]),
);
const SHAPE_WHOLE = new Map<KeyShape, RegExp>(KEY_SHAPES.map(shape => [shape, new RegExp(`^(?:${shape.pattern.source})$`)]));
const PLACEHOLDER_VALUE_SET: ReadonlySet<string> = new Set(PLACEHOLDER_VALUES);
const PLACEHOLDER_WORD_SET: ReadonlySet<string> = new Set(PLACEHOLDER_WORDS);

/** Fewer distinct characters than `minimum` (after a short vendor prefix) marks `xxxx`-style fillers. */
function hasFewDistinctCharacters(value: string, minimum: number): boolean {
  return new Set(value).size < minimum;
}

/** `1234567890`, `abcdefgh`: a run of consecutive characters. */
function isSequence(value: string): boolean {
  return value.length >= 4 && FILLER_SEQUENCES.some(sequence => sequence.includes(value));
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

/** Tells real-looking keys from placeholders; `placeholders` are the user's extra dummy values. */
export class KeyJudge {
  private readonly extraPlaceholders: ReadonlySet<string>;

  constructor(placeholders: readonly string[]) {
    this.extraPlaceholders = new Set(placeholders.map(value => value.toLowerCase()));
  }

  isPlaceholder(value: string): boolean {
    const lower = value.toLowerCase();
    if (value.length < MIN_CREDENTIAL_LENGTH || /\s/.test(value)) {
      return true;
    }
    if (PLACEHOLDER_VALUE_SET.has(lower) || this.extraPlaceholders.has(lower)) {
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

  shapePlaceholder(key: string, shape: KeyShape): boolean {
    if (this.extraPlaceholders.has(key.toLowerCase())) {
      return true;
    }
    const body = key.startsWith(shape.prefix) ? key.slice(shape.prefix.length) : key;
    return hasFewDistinctCharacters(body, MIN_DISTINCT_KEY_CHARACTERS);
  }

  /** Is a value that reaches a credential option a real-looking credential? */
  judge(value: string): Credential | undefined {
    const key = value.trim().replace(AUTH_SCHEME, '').trim();
    for (const shape of KEY_SHAPES) {
      if (SHAPE_WHOLE.get(shape)?.test(key)) {
        return this.shapePlaceholder(key, shape) ? undefined : { shape, key };
      }
    }
    return this.isPlaceholder(key) ? undefined : { key };
  }

  /** The known key shapes in a text (a literal, template text, JSX text or a comment). */
  shapeMatches(text: string): ShapeMatch[] {
    const result: ShapeMatch[] = [];
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
        if (!this.shapePlaceholder(key, shape) && !result.some(found => found.index === match.index)) {
          result.push({ index: match.index, key, shape });
        }
      }
    }
    return result;
  }
}
