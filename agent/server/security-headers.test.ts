import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { tempDir } from '../../tests/support/temp';
import { bootScriptHashes } from './security-headers';

const hashOf = (script: string) =>
  `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

describe('the boot script hashes of the content security policy', () => {
  it('follow index.html when a rebuild replaces it under a running agent', () => {
    const build = tempDir('csp-build');
    onTestFinished(() => build.remove());
    const index = join(build.path, 'index.html');
    const hashes = bootScriptHashes(build.path);
    expect(hashes()).toBe('');
    writeFileSync(index, '<script src="/a.js"></script><script>boot(1)</script>');
    expect(hashes()).toBe(hashOf('boot(1)'));
    // A rebuild writes a new boot script (and a different size, so a coarse clock still sees it).
    writeFileSync(index, '<script>start("again", 2)</script>');
    expect(hashes()).toBe(hashOf('start("again", 2)'));
  });
});
