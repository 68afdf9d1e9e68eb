// The action's annotation step: one workflow-command annotation per new finding of the SARIF log
// (all findings without a baseline), so they show on the pull request's diff.
import { readFileSync } from 'node:fs';

const sarif = JSON.parse(readFileSync(process.env.INPUT_SARIF_FILE ?? 'llm-security.sarif', 'utf8'));
const escapeData = text => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = text => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

for (const run of sarif.runs ?? []) {
  for (const result of run.results ?? []) {
    if (result.baselineState === 'unchanged') continue;
    const location = result.locations?.[0]?.physicalLocation;
    const region = location?.region ?? {};
    const properties = [
      `file=${escapeProperty(location?.artifactLocation?.uri ?? '')}`,
      `line=${region.startLine ?? 1}`,
      `col=${region.startColumn ?? 1}`,
      `title=${escapeProperty(result.ruleId ?? 'llm-security')}`,
    ];
    console.log(`::${result.level === 'warning' ? 'warning' : 'error'} ${properties.join(',')}::${escapeData(result.message?.text ?? '')}`);
  }
}
