/** See bundle.js: bundles entry points (name -> path from the project root) and returns their folder. */
export function bundle(entries: Record<string, string>, cache?: string): Promise<string>;
