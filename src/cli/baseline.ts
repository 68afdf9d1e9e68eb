import { readFileSync } from 'node:fs';

import { FINGERPRINT_KEY } from './fingerprints.js';
import { ScanSetupError } from './errors.js';

/**
 * The fingerprints of a previous SARIF log (`--baseline`): findings already known, which the
 * scan reports but does not fail on, so a team can adopt the scanner on a large repository and
 * gate only what is new.
 */
export interface Baseline {
  readonly fingerprints: ReadonlySet<string>;
  /** Results in the log without our fingerprint (another tool's, or an older scanner's): they match nothing. */
  readonly unmatchable: number;
}

export function readBaseline(file: string): Baseline {
  let log: unknown;
  try {
    log = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScanSetupError(`cannot read the baseline ${file}: ${reason}`);
  }
  const runs = (log as { runs?: unknown }).runs;
  if (!Array.isArray(runs)) {
    throw new ScanSetupError(`the baseline ${file} is not a SARIF log (it has no "runs")`);
  }
  const fingerprints = new Set<string>();
  let unmatchable = 0;
  for (const run of runs as { results?: { partialFingerprints?: Record<string, unknown> }[] }[]) {
    for (const result of run.results ?? []) {
      const fingerprint = result.partialFingerprints?.[FINGERPRINT_KEY];
      if (typeof fingerprint === 'string') fingerprints.add(fingerprint);
      else unmatchable++;
    }
  }
  return { fingerprints, unmatchable };
}
