#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints one JSON
// line per figure on stdout (progress goes to stderr). Benches run bundled, as
// the agent does (see bundle.js): what they measure is what users run.
import { bundleAgentEntry } from './bundle.js';

const { runBench } = await import(await bundleAgentEntry('bench', 'bench/main.ts'));
process.exitCode = await runBench(process.argv.slice(2));
