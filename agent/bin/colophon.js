#!/usr/bin/env node
// The `colophon` command. The agent is TypeScript, bundled by esbuild on first
// run (see bundle.js), so the core under src/lib/core is the very same code the
// browser bundles.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { bundle } from './bundle.js';

/** The CLI's main: from the bundle, or from the sources through tsx when it cannot be built. */
async function loadMain() {
  let dir;
  try {
    dir = await bundle({
      colophon: 'agent/cli/main.ts',
      'reader-worker': 'agent/readers/reader-worker.ts',
    });
  } catch (error) {
    console.error(
      `colophon: running from the TypeScript sources (slower, more memory): the agent could not be bundled (${error instanceof Error ? error.message : String(error)}).`,
    );
    await import('./run-typescript.js');
    return (await import('../cli/main.ts')).main;
  }
  process.env.COLOPHON_BUNDLE = dir;
  return (await import(pathToFileURL(join(dir, 'colophon.js')).href)).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
