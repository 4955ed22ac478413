import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json and build/ live). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = join(PACKAGE_ROOT, 'build');

/** True when the app and its service worker are both built. */
export function isBuilt(buildDir = BUILD_DIR): boolean {
  return existsSync(join(buildDir, 'index.html')) && existsSync(join(buildDir, 'sw.js'));
}

/**
 * Builds the PWA if it is missing (first `npm start` on a fresh clone).
 * The build's own output (hundreds of lines) is kept back and shown only
 * when it fails: on success the one line that matters, the setup link,
 * stays on the first screen.
 */
export function ensureBuilt(log: (line: string) => void): void {
  if (isBuilt()) return;
  log('Building the app (first start only)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0 || !isBuilt()) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(
      `Building the app failed${result.error ? ` (${result.error.message})` : ' (its output is above)'}. Fix the error, or run \`npm run build\` to retry.`,
    );
  }
  log('Built.');
}
