import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const CHILD = join(import.meta.dirname, '../support/stop-deadline-child.ts');
const LOADER = join(import.meta.dirname, '../../agent/bin/run-typescript.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, ['--import', LOADER, CHILD, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

test('a stop that does not end by the deadline exits 1, naming the running jobs and what is open', () => {
  const child = run('300', 'hold');
  expect(child.status).toBe(1);
  expect(child.stdout).toContain('Still not stopped after 0.3 s (running: scan job #7; open: ');
  expect(child.stdout).toContain('TCPServerWrap');
  expect(child.stdout).toContain('exiting now. Interrupted jobs resume on the next start.');
});

test('the deadline does not itself keep a stopped agent alive', () => {
  // Held alive by the timer, it would print its line and exit 1 after 20 s.
  const child = run('20000');
  expect(child.status).toBe(0);
  expect(child.stdout).toBe('');
});
