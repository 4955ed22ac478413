import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/support/temp';
import { BackupError, checkBackupTarget, readManifest } from './backup-files';

describe('where a backup may go, and what is a backup', () => {
  const root = tempDir('backup-files');
  const data = join(root.path, 'data');
  mkdirSync(data);
  afterAll(() => root.remove());

  it.each([
    ['a relative folder', 'backups/one', /full path/],
    ['the data folder itself', data, /inside the data folder/],
    ['a folder inside the data folder', join(data, 'backup'), /inside the data folder/],
  ])('refuses %s', (_what, folder, words) => {
    expect(() => checkBackupTarget(data, folder)).toThrow(words);
  });

  it('refuses a folder that holds something, and takes a new or empty one', () => {
    const full = join(root.path, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'x'), 'x');
    expect(() => checkBackupTarget(data, full)).toThrow(/is not empty/);
    mkdirSync(join(root.path, 'empty'));
    expect(checkBackupTarget(data, join(root.path, 'empty'))).toBe(join(root.path, 'empty'));
    expect(checkBackupTarget(data, join(root.path, 'new'))).toBe(join(root.path, 'new'));
  });

  it('reads a manifest, and says why a folder is not a backup', () => {
    const backup = join(root.path, 'backup');
    mkdirSync(backup);
    expect(() => readManifest(backup)).toThrow(BackupError);
    writeFileSync(join(backup, 'colophon.sqlite'), '');
    writeFileSync(join(backup, 'manifest.json'), '{"format":"something else"}');
    expect(() => readManifest(backup)).toThrow(/not a Colophon backup manifest/);
    const manifest = {
      format: 'colophon-backup',
      version: 1,
      createdAt: '2026-05-01T03:00:00.000Z',
      library: 'lib',
      schemaVersion: 2,
      counts: { books: 1, users: 1, databases: 2, covers: 0 },
    };
    writeFileSync(join(backup, 'manifest.json'), JSON.stringify(manifest));
    expect(readManifest(backup)).toEqual(manifest);
  });
});
