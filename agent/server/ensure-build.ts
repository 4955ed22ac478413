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

/** Builds the PWA if it is missing (first `npm start` on a fresh clone). */
export function ensureBuilt(log: (line: string) => void): void {
  if (isBuilt()) return;
  log('Building the app (first start, about a minute)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !isBuilt()) {
    throw new Error(
      'Building the app failed (see above). Fix the error, or run `npm run build` to retry.',
    );
  }
}
