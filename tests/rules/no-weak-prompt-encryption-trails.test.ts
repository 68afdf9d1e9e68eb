import path from 'node:path';

import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { startRecordingTrails, stopRecordingTrails } from '../../src/util/flow-trails.js';
import { FIXTURES_DIR } from '../rule-tester.js';

// The scanner's SARIF codeFlows for no-weak-prompt-encryption: the report is at the weak construct,
// and the trail leads there from the prompt data, through the call that hands it to the cipher.

const file = path.join(FIXTURES_DIR, 'file.ts');
const code = [
  "import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';",
  'declare const messages: ChatCompletionMessageParam[];',
  "import { createCipheriv } from 'node:crypto';",
  "const KEY = Buffer.from('0123456789abcdef0123456789abcdef0123456789abcdef', 'hex');",
  'function weakEncrypt(text: string): string {',
  "  const cipher = createCipheriv('des-ede3-cbc', KEY, Buffer.alloc(8));",
  "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
  '}',
  'export const sealed = weakEncrypt(JSON.stringify(messages));',
  '',
].join('\n');

describe('no-weak-prompt-encryption trails', () => {
  let trails: ReturnType<typeof stopRecordingTrails> | undefined;

  it('records source, hand-over and construct for the report at the construct', () => {
    const linter = new Linter({ configType: 'flat' });
    const config = defineConfig([
      plugin.configs.recommended,
      { languageOptions: { parserOptions: { tsconfigRootDir: FIXTURES_DIR } } },
      { rules: { 'llm-security/no-plaintext-prompt-storage': 'off' } },
    ]);
    let messages: Linter.LintMessage[] = [];
    startRecordingTrails();
    try {
      messages = linter.verify(code, config, file);
    } finally {
      trails = stopRecordingTrails();
    }
    expect(messages.map(message => [message.ruleId, message.line, message.column])).toEqual([['llm-security/no-weak-prompt-encryption', 6, 18]]);
    const trail = trails?.find('llm-security/no-weak-prompt-encryption', file, 6, 18);
    expect(trail?.steps.map(step => [step.kind, step.location?.line])).toEqual([
      ['source', 2],
      ['step', 9],
      ['sink', 6],
    ]);
    expect(trail?.steps[1]?.message).toBe("Passed to 'weakEncrypt()'.");
    expect(trail?.steps[2]?.message).toMatch(/^'createCipheriv\(\)' encrypts it, but 'des-ede3-cbc' is a weak cipher \(line 6\)/);
  });
});
