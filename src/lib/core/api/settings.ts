import { z } from 'zod';
import { BOOK_FORMATS } from '../formats/types';
import { hubAddressProblem } from '../hub/hub-address';
import { hubAddressBodySchema, hubStatusSchema } from '../hub/hub-status';
import { PROFILE_NAMES } from '../rename/sanitise';
import { idNumberText } from './request-input';
import { route } from './route';

/** How files are named when a rename gives no pattern (the agent's setting, the browser's folder). */
export const DEFAULT_NAMING_PATTERN = '${author.sortname}/[${bookseries.title}/]${title}.${ext}';

/** The agent's settings, each validated, with its default. Secrets are marked so they never leave the agent. */
export const SETTING_SCHEMAS = {
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
  /** Watch the library folders, so a new, changed, moved or deleted file is cataloged within seconds. */
  watchFolders: z.boolean().default(true),
  enabledFormats: z
    .array(z.enum(BOOK_FORMATS))
    .min(1, 'Enable at least one format.')
    .default([...BOOK_FORMATS]),
  contentTypes: z
    .array(z.enum(['books', 'comics']))
    .min(1, 'Choose books, comics or both.')
    .default(['books', 'comics']),
  namingPattern: z.string().trim().min(1).max(500).default(DEFAULT_NAMING_PATTERN),
  targetProfile: z.enum(PROFILE_NAMES).default('linux'),
  removeEmptyFolders: z.boolean().default(true),
  sources: z
    .object({ openlibrary: z.boolean(), googlebooks: z.boolean(), comicvine: z.boolean() })
    .default({ openlibrary: true, googlebooks: true, comicvine: false }),
  comicvineKey: z.string().trim().max(100).default(''),
  /**
   * "Back up every N days to FOLDER" (0 days: off): a copy of the data folder, taken while the agent runs.
   * `keep`: after each dated backup there, only the newest N are kept (0: all).
   */
  backupSchedule: z
    .object({
      everyDays: z.number().int().min(0).max(365),
      folder: z.string().trim().max(4096),
      keep: z.number().int().min(0).max(1000).default(7),
    })
    .refine((v) => v.everyDays === 0 || /^(\/|[A-Za-z]:[\\/])/.test(v.folder), {
      message:
        'Give the full path of the folder to back up to (it starts with / or a drive letter).',
    })
    .default({ everyDays: 0, folder: '', keep: 7 }),
  /** Announce the agent on the local network (mDNS: `_https._tcp`, "Colophon on HOST"). */
  announceOnNetwork: z.boolean().default(true),
  /**
   * The CouchDB hub this agent replicates its databases with, credentials
   * included (a secret: shown only without its password); empty for none.
   */
  hubUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((text) => hubAddressProblem(text) === undefined, {
      error: (issue) => hubAddressProblem(String(issue.input)) ?? 'Not a hub address.',
    })
    .default(''),
  /** The setup wizard's progress: it can be left and resumed at any step. */
  wizard: z
    .object({
      step: z.enum(['account', 'folders', 'content', 'sources', 'done']),
      completed: z.boolean(),
    })
    .default({ step: 'account', completed: false }),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
/** Every setting's value; secrets as the API shows them (masked). */
export const settingsSchema = z.object(SETTING_SCHEMAS);
export type Settings = z.output<typeof settingsSchema>;

/** Settings whose values are secrets: shown masked, never replicated. */
export const SECRET_SETTINGS: ReadonlySet<SettingKey> = new Set(['comicvineKey', 'hubUrl']);

/** One recorded change of a setting, with the value it replaced (so it can be undone). */
export const settingChangeSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().optional(),
  key: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  undoneBy: z.number().int().optional(),
});
export type SettingChange = z.infer<typeof settingChangeSchema>;

/** The agent's settings (admins): read, change one (its value checked by its schema), undo. */
export const SETTINGS = {
  all: route({ method: 'GET', path: '/api/settings', response: settingsSchema }),
  /** The value is checked against the key's schema by the agent (400 `invalid-setting`). */
  set: route({
    method: 'PUT',
    path: '/api/settings/:key',
    body: z.object({ value: z.unknown() }),
    response: settingChangeSchema,
  }),
  history: route({
    method: 'GET',
    path: '/api/settings/history',
    response: z.array(settingChangeSchema),
  }),
  undo: route({
    method: 'POST',
    path: '/api/settings/history/:id/undo',
    params: z.object({ id: idNumberText }),
    response: settingChangeSchema,
  }),
  /** Replication with the CouchDB hub: the address (no password) and how it is going. */
  hub: route({ method: 'GET', path: '/api/settings/hub', response: hubStatusSchema }),
  /** Sets the hub (or turns it off with an empty address); replication restarts at once. */
  setHub: route({
    method: 'PUT',
    path: '/api/settings/hub/address',
    body: hubAddressBodySchema,
    response: hubStatusSchema,
  }),
};
