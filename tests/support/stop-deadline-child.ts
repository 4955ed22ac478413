// Run by tests/agent/stop-deadline.test.ts in a process of its own: arms the
// stop deadline, with a listening server kept open when asked to.
import { createServer } from 'node:net';
import { exitAnywayAfter } from '../../agent/cli/stop-deadline';

const [ms, hold] = process.argv.slice(2);
if (hold === 'hold') createServer().listen(0, '127.0.0.1');
exitAnywayAfter(Number(ms), () => (hold === 'hold' ? ['scan job #7'] : []), console.log);
