#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs bench/NAME.ts, which prints one JSON
// line per figure on stdout (progress goes to stderr). Benches run bundled, as
// the agent does (see bundle.js): what they measure is what users run.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { bundle } from './bundle.js';

const dir = await bundle({
  bench: 'bench/main.ts',
  'reader-worker': 'agent/readers/reader-worker.ts',
});
process.env.COLOPHON_BUNDLE = dir;
const { runBench } = await import(pathToFileURL(join(dir, 'bench.js')).href);
process.exitCode = await runBench(process.argv.slice(2));
