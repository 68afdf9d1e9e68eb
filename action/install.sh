#!/usr/bin/env bash
# The action's install step: eslint-plugin-llm-security with its eslint and typescript peers, in a
# folder of its own, so the scanned project's node_modules and lockfile are left alone (the
# project's own dependencies still give the scan their types).
#   INPUT_VERSION   version to install; empty: the action's tag (ACTION_REF, e.g. v0.1.0), else latest
#   LLM_SECURITY_PACKAGE   an npm package spec that overrides both (tests install a packed tarball)
# Writes `scanner=<path of llm-security-scan>` to $GITHUB_OUTPUT.
set -euo pipefail

spec="${LLM_SECURITY_PACKAGE:-}"
if [ -z "$spec" ]; then
  version="${INPUT_VERSION:-}"
  if [ -z "$version" ]; then
    ref="${ACTION_REF:-}"
    ref="${ref#v}"
    if [[ "$ref" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then version="$ref"; else version=latest; fi
  fi
  spec="eslint-plugin-llm-security@$version"
fi

prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/llm-security-scan"
mkdir -p "$prefix"
echo '{ "private": true }' > "$prefix/package.json"
# npm installs the peers (eslint, and typescript in the range typescript-eslint supports) with it.
npm install --prefix "$prefix" --no-audit --no-fund --ignore-scripts --loglevel=error "$spec"
echo "scanner=$prefix/node_modules/.bin/llm-security-scan" >> "$GITHUB_OUTPUT"
