#!/usr/bin/env bash
# The action's scan step: runs llm-security-scan into a SARIF file and records its exit code
# (0 clean, 1 findings, 2 setup error) as the step output `exit-code`. Findings do not fail this
# step, so the SARIF log is uploaded first; a setup error does.
set -uo pipefail

args=("${INPUT_PATH:-.}" --config "${INPUT_CONFIG:-recommended}" --format sarif --output "${INPUT_SARIF_FILE:-llm-security.sarif}")
if [ -n "${INPUT_BASELINE:-}" ]; then args+=(--baseline "$INPUT_BASELINE"); fi

"$SCANNER" "${args[@]}"
code=$?
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
if [ "$code" -eq 2 ]; then exit 2; fi
exit 0
