import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp';
import { folderBytes, pruneBackups } from './prune-backups';

/** A finished backup of `library` named for `name`, as writeBackup leaves one. */
function backup(parent: string, name: string, library = 'lib-1'): string {
  const folder = join(parent, name);
  mkdirSync(folder);
  writeFileSync(join(folder, 'colophon.sqlite'), 'x'.repeat(100));
  writeFileSync(
    join(folder, 'manifest.json'),
    JSON.stringify({
      format: 'colophon-backup',
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      library,
      schemaVersion: 1,
      counts: { books: 0, users: 0, databases: 0, covers: 0 },
    }),
  );
  return folder;
}

describe('keep the last N backups', () => {
  const root = tempDir('prune-backups');
  afterAll(() => root.remove());

  it('never removes the backup just written, even when the clock went back', () => {
    const parent = join(root.path, 'clock');
    mkdirSync(parent);
    backup(parent, 'colophon-backup-2026-05-03-000000');
    backup(parent, 'colophon-backup-2026-05-02-000000');
    const written = backup(parent, 'colophon-backup-2026-05-01-000000');
    const removed = pruneBackups(parent, 1, written, 'lib-1');
    expect(removed.map((f) => f.slice(parent.length + 1))).toEqual([
      'colophon-backup-2026-05-02-000000',
    ]);
    expect(readdirSync(parent).sort()).toEqual([
      'colophon-backup-2026-05-01-000000',
      'colophon-backup-2026-05-03-000000',
    ]);
  });

  it('keeps all with 0, and leaves a manifest that is not a backup’s', () => {
    const parent = join(root.path, 'zero');
    mkdirSync(parent);
    const old = backup(parent, 'colophon-backup-2026-05-01-000000');
    const written = backup(parent, 'colophon-backup-2026-05-02-000000');
    expect(pruneBackups(parent, 0, written, 'lib-1')).toEqual([]);
    const fake = join(parent, 'colophon-backup-2026-04-01-000000');
    mkdirSync(fake);
    writeFileSync(join(fake, 'colophon.sqlite'), '');
    writeFileSync(join(fake, 'manifest.json'), '{"format":"something-else"}');
    expect(pruneBackups(parent, 1, written, 'lib-1')).toEqual([old]);
    expect(existsSync(fake)).toBe(true);
  });

  it('measures what a backup takes', () => {
    const parent = join(root.path, 'size');
    mkdirSync(parent);
    expect(folderBytes(backup(parent, 'colophon-backup-2026-05-01-000000'))).toBeGreaterThan(100);
  });
});
