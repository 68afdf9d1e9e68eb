/** Where the first (or n-th) occurrence of `needle` starts in test code, as ESLint counts lines and columns. */
export function at(code: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = code.indexOf(needle, index + 1);
    if (index === -1) {
      throw new Error(`${needle} not found ${occurrence} times in the test code`);
    }
  }
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** `code` with the one occurrence of `from` replaced (the output of a suggestion). */
export function swap(code: string, from: string, to: string): string {
  const index = code.indexOf(from);
  if (index === -1 || code.indexOf(from, index + 1) !== -1) {
    throw new Error(`expected exactly one ${from} in the test code`);
  }
  return code.slice(0, index) + to + code.slice(index + from.length);
}
