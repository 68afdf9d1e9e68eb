#!/usr/bin/env node
import { main } from './main.js';

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main() reports its own errors; this is the last resort, still on one line.
    console.error(`llm-security-scan: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
