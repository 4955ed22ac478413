import { describe, expect, it } from 'vitest';
import { settingLabel, settingValue } from './setting-words';

describe('settingLabel and settingValue', () => {
  it('names settings and their values in words, not keys', () => {
    expect(settingLabel('scanIntervalHours')).toBe('Scan the library automatically every');
    expect(settingValue('scanIntervalHours', 6)).toBe('6 hours');
    expect(settingValue('scanIntervalHours', 0)).toBe('only when asked');
    expect(settingValue('sessionTimeoutHours', 336)).toBe('336 hours without use');
    expect(settingValue('enabledFormats', ['epub', 'cbz'])).toBe('EPUB, CBZ (comic, zip)');
    expect(settingValue('sources', { openlibrary: true, comicvine: false })).toBe(
      'Open Library on, Comic Vine off',
    );
    expect(settingValue('targetProfile', 'macos')).toBe('macOS (APFS, HFS+)');
    expect(settingValue('removeEmptyFolders', false)).toBe('no');
    expect(settingValue('comicvineKey', 'abc')).toBe('set');
    expect(settingValue('backupSchedule', { everyDays: 2, folder: '/mnt/b', keep: 7 })).toBe(
      'every 2 days to /mnt/b, keeping the last 7',
    );
    expect(settingValue('backupSchedule', { everyDays: 0, folder: '', keep: 0 })).toBe(
      'off, keeping all',
    );
    // A change recorded before there was a number to keep.
    expect(settingValue('backupSchedule', { everyDays: 1, folder: '/mnt/b' })).toBe(
      'every 1 day to /mnt/b',
    );
  });

  it('shows what it does not know as it is', () => {
    expect(settingLabel('someNewThing')).toBe('someNewThing');
    expect(settingValue('someNewThing', 'x')).toBe('x');
  });
});
