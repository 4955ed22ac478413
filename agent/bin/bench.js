#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints one JSON
// line per figure on stdout (progress goes to stderr).
import './run-typescript.js';

const { runBench } = await import('../../bench/main.ts');
process.exitCode = await runBench(process.argv.slice(2));
