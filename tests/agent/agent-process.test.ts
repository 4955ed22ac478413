import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp';

const run = promisify(execFile);
const AGENT = join(import.meta.dirname, '../../agent/agent.ts');

// Which shared libraries a process has mapped is only this easy to see on Linux.
const linux = existsSync('/proc/self/maps');
if (!linux) console.warn('Not Linux (/proc/self/maps absent): the agent-process test is skipped.');

describe.skipIf(!linux)('the agent process', () => {
  const data = tempDir('agent-process');
  afterAll(() => data.remove());

  it('never loads sharp (libvips): images are decoded in reader processes', async () => {
    // A fresh process, since this one (vitest) may have loaded them for other tests.
    const script = `
      const { openAgent } = await import(${JSON.stringify(AGENT)});
      const agent = await openAgent(${JSON.stringify(data.path)});
      const { readFileSync } = await import('node:fs');
      const maps = readFileSync('/proc/self/maps', 'utf8');
      console.log(JSON.stringify({ sharp: /libvips|sharp-/.test(maps) }));
      await agent.close();`;
    const { stdout } = await run('node', ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 60_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({ sharp: false });
  });
});
