import type { SettingKey } from '#core/api/settings';
import { SOURCE_NAMES } from '#core/sources/errors';

/**
 * The agent's settings as the Settings page names them: a label, the unit a
 * number is in, and a word for each choice, so that neither the fields nor
 * the list of changes show keys ("scanIntervalHours", "openlibrary").
 */
export interface SettingWords {
  label: string;
  /** What a number counts ("hours"). */
  unit?: string;
  /** A word for each choice, list entry or flag. */
  choices?: Record<string, string>;
}

export const SETTING_WORDS: Partial<Record<SettingKey, SettingWords>> = {
  scanIntervalHours: {
    label: 'Scan the library automatically every',
    unit: 'hours (0: only when asked)',
  },
  watchFolders: {
    label: 'Catalog changes to the library folders as they happen (off: only scans find them)',
  },
  enabledFormats: {
    label: 'Formats to catalog',
    choices: {
      epub: 'EPUB',
      mobi: 'MOBI',
      azw3: 'AZW3 (Kindle)',
      pdf: 'PDF',
      cbz: 'CBZ (comic, zip)',
      cbr: 'CBR (comic, rar)',
      cb7: 'CB7 (comic, 7-zip)',
      cbt: 'CBT (comic, tar)',
    },
  },
  contentTypes: { label: 'What to catalog', choices: { books: 'Books', comics: 'Comics' } },
  namingPattern: { label: 'Default naming pattern' },
  targetProfile: {
    label: 'Where the files live (for safe names)',
    choices: {
      linux: 'Linux (ext4, btrfs…)',
      macos: 'macOS (APFS, HFS+)',
      windows: 'Windows, or a NAS share used from Windows',
    },
  },
  removeEmptyFolders: { label: 'Remove folders a rename leaves empty' },
  sessionTimeoutHours: { label: 'Sign people out after', unit: 'hours without use' },
  sources: { label: 'Outside data sources', choices: { ...SOURCE_NAMES } },
  comicvineKey: { label: 'Comic Vine API key (kept on the agent only)' },
  hubUrl: { label: 'CouchDB hub (its password kept on the agent only)' },
  backupSchedule: { label: 'Scheduled backup' },
  wizard: { label: 'Setup' },
};

/** A setting's name in words; an unknown key (a newer agent) as it is. */
export function settingLabel(key: string): string {
  return SETTING_WORDS[key as SettingKey]?.label ?? key;
}

/** A setting's value in words: "6 hours", "EPUB, PDF", "Open Library on, Comic Vine off". */
export function settingValue(key: string, value: unknown): string {
  const words = SETTING_WORDS[key as SettingKey];
  const word = (v: string) => words?.choices?.[v] ?? v;
  if (key === 'comicvineKey') return value ? 'set' : 'not set';
  // The agent answers the hub's address without its password.
  if (key === 'hubUrl') return typeof value === 'string' && value ? value : 'off';
  if (key === 'scanIntervalHours' && value === 0) return 'only when asked';
  if (key === 'backupSchedule' && value && typeof value === 'object') {
    const { everyDays, folder, keep } = value as {
      everyDays?: number;
      folder?: string;
      keep?: number;
    };
    const kept = keep ? `, keeping the last ${keep}` : keep === 0 ? ', keeping all' : '';
    return everyDays
      ? `every ${everyDays} day${everyDays === 1 ? '' : 's'} to ${folder}${kept}`
      : `off${kept}`;
  }
  if (typeof value === 'number')
    return words?.unit ? `${value} ${words.unit.replace(/ \(.*\)$/, '')}` : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return word(value);
  if (Array.isArray(value))
    return value.length ? value.map((v) => word(String(v))).join(', ') : 'none';
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${word(k)} ${v === true ? 'on' : v === false ? 'off' : String(v)}`)
      .join(', ');
  return String(value ?? 'not set');
}
