/** See bundle.js: bundles an agent entry point with the reader script; returns the entry's URL. */
export function bundleAgentEntry(name: string, source: string): Promise<string>;
/** See bundle.js: bundles entry points (name -> path from the project root) and returns their folder. */
export function bundle(entries: Record<string, string>, cache?: string): Promise<string>;
