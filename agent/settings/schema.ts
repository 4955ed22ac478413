import { z } from 'zod';
import { BOOK_FORMATS } from '#core/formats/types';

/** The agent's settings, each validated, with its default. Secrets are marked so they never leave the agent. */
export const SETTINGS = {
  /** Hours a session lasts without use. */
  sessionTimeoutHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  /** Hours between automatic scans; 0 scans only when asked. */
  scanIntervalHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(0),
  enabledFormats: z
    .array(z.enum(BOOK_FORMATS))
    .min(1, 'Enable at least one format.')
    .default([...BOOK_FORMATS]),
  contentTypes: z
    .array(z.enum(['books', 'comics']))
    .min(1, 'Choose books, comics or both.')
    .default(['books', 'comics']),
  namingPattern: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .default('${author.sortname}/[${bookseries.title}/]${title}.${ext}'),
  targetProfile: z.enum(['linux', 'macos', 'windows']).default('linux'),
  removeEmptyFolders: z.boolean().default(true),
  sources: z
    .object({ openlibrary: z.boolean(), googlebooks: z.boolean(), comicvine: z.boolean() })
    .default({ openlibrary: true, googlebooks: true, comicvine: false }),
  comicvineKey: z.string().trim().max(100).default(''),
  /** The setup wizard's progress: it can be left and resumed at any step. */
  wizard: z
    .object({
      step: z.enum(['account', 'folders', 'content', 'sources', 'done']),
      completed: z.boolean(),
    })
    .default({ step: 'account', completed: false }),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: z.output<(typeof SETTINGS)[K]> };

/** Settings whose values are secrets: shown masked, never replicated. */
export const SECRET_SETTINGS: ReadonlySet<SettingKey> = new Set(['comicvineKey']);

/** Per-user preferences (each user's own). */
export const PREFERENCES = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  pageSize: z.number().int().min(10).max(500).default(60),
  caseSensitiveSearch: z.boolean().default(false),
});
export type Preferences = z.output<typeof PREFERENCES>;
