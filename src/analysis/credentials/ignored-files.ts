import path from 'node:path';

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

/** Is the file matched by one of the globs (relative to `cwd`, absolute, or by base name when the glob has no `/`)? */
export function fileIsIgnored(filename: string, cwd: string, patterns: readonly string[]): boolean {
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
