import { existsSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = [
  'scan',
  'search',
  'ui',
  'rename-crash',
  'browser-scan',
  'load',
  'reader',
  'opds',
  'converge',
];

/** Dispatches `npm run bench -- NAME …` to bench/NAME.ts's `run(args)`. */
export async function runBench(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || !BENCHES.includes(name) || !existsSync(join(import.meta.dirname, `${name}.ts`))) {
    console.error(
      `Usage: npm run bench -- NAME [options], where NAME is one of: ${BENCHES.join(', ')}`,
    );
    return 2;
  }
  const bench = (await import(`./${name}.ts`)) as { run(args: string[]): Promise<void> };
  await bench.run(args);
  return 0;
}
