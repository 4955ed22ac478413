#!/usr/bin/env node
// The `colophon` command. The agent is TypeScript, bundled by esbuild on first
// run (see bundle.js), so the core under src/lib/core is the very same code the
// browser bundles.
import { bundleAgentEntry } from './bundle.js';

/** The CLI's main: from the bundle, or from the sources through tsx when it cannot be built. */
async function loadMain() {
  let url;
  try {
    url = await bundleAgentEntry('colophon', 'agent/cli/main.ts');
  } catch (error) {
    console.error(
      `colophon: running from the TypeScript sources (slower, more memory): the agent could not be bundled (${error instanceof Error ? error.message : String(error)}).`,
    );
    await import('./run-typescript.js');
    return (await import('../cli/main.ts')).main;
  }
  return (await import(url)).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
