#!/usr/bin/env node
// The `colophon` command. The agent is TypeScript run through tsx, so the
// core under src/lib/core is the very same code the browser bundles.
import './run-typescript.js';

const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
