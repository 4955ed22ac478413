import { z } from 'zod';
import { jobSchema } from './jobs';
import { route } from './route';

/** A file of a library folder, below its root. */
const placeSchema = z.object({ folder: z.string(), path: z.string() });

/**
 * What `colophon doctor` and Scanning → Check the library found: the catalog
 * against the disk and against itself. Lists are cut to a sample; the counts
 * are whole.
 */
export const doctorReportSchema = z.object({
  checkedAt: z.string(),
  /** Books whose files a scan did not find (the Missing page lists them). */
  missingBooks: z.number().int(),
  /** Book files in library folders the catalog does not know. */
  unknownFiles: z.object({ count: z.number().int(), sample: z.array(placeSchema) }),
  /** Library folders that could not be read, so their files were not checked. */
  unreadableFolders: z.array(z.object({ folder: z.string(), reason: z.string() })),
  /** Thumbnails in the data folder's cover store that no book or cover history names. */
  orphanCovers: z.object({ count: z.number().int(), bytes: z.number().int() }),
  /** Rename batches and tidy-ups a crash left unfinished. */
  openJournal: z.array(
    z.object({
      kind: z.enum(['rename', 'tidy-up']),
      id: z.string(),
      /** interrupted: given up after repeated restarts; only an undo or a new rename settles it. */
      state: z.enum(['running', 'undoing', 'interrupted']),
    }),
  ),
  /** Books the file index has and the catalog the browsers sync lacks. */
  notInCatalog: z.object({ count: z.number().int(), sample: z.array(placeSchema) }),
  /** Books in the synced catalog that the file index does not have (their files unknown). */
  notInIndex: z.object({ count: z.number().int(), sample: z.array(z.string()) }),
});
export type DoctorReport = z.infer<typeof doctorReportSchema>;

/** What a repair did, in sentences, and the report of the library after it. */
export const doctorRepairSchema = z.object({
  done: z.array(z.string()),
  after: doctorReportSchema,
  /** The scan queued for unknown files and re-read books, when one was. */
  scanJob: z.number().int().optional(),
});
export type DoctorRepair = z.infer<typeof doctorRepairSchema>;

/** What a backup holds, written last into its folder as manifest.json. */
export const backupManifestSchema = z.object({
  format: z.literal('colophon-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  library: z.string(),
  /** The agent's schema of the catalog it was taken from. */
  schemaVersion: z.number().int(),
  counts: z.object({
    books: z.number().int(),
    users: z.number().int(),
    databases: z.number().int(),
    covers: z.number().int(),
  }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const backupRequestSchema = z.object({
  /** An absolute folder on the agent's machine that does not exist yet or is empty. */
  folder: z.string().trim().min(1, 'required: the folder to write the backup to').max(4096),
});

/** "Back up now": into a new dated folder inside this one, else inside the schedule's folder. */
export const backupNowSchema = z.object({
  folder: z.string().trim().max(4096).optional(),
});

/** The last scheduled or requested backup, for Settings. */
export const backupStatusSchema = z.object({
  lastAt: z.string().optional(),
  lastFolder: z.string().optional(),
  lastError: z.string().optional(),
  nextAt: z.string().optional(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** Check the library (admins), back up (admins), and each user's own data as a download. */
export const LIBRARY_CARE = {
  check: route({ method: 'POST', path: '/api/doctor/check', response: doctorReportSchema }),
  /** Checks again and repairs what is safe to repair; never deletes a book file. */
  repair: route({ method: 'POST', path: '/api/doctor/repair', response: doctorRepairSchema }),
  backup: route({
    method: 'POST',
    path: '/api/backup',
    body: backupRequestSchema,
    response: backupManifestSchema,
  }),
  backupStatus: route({ method: 'GET', path: '/api/backup', response: backupStatusSchema }),
  /**
   * The app's check and repair: each a job of the Jobs page, its report kept
   * as the job's result (the routes above answer when done, for the CLI).
   * 409 `busy` while a scan, rename or tidy-up runs.
   */
  checkJob: route({ method: 'POST', path: '/api/doctor/jobs/check', response: jobSchema }),
  repairJob: route({ method: 'POST', path: '/api/doctor/jobs/repair', response: jobSchema }),
  /** "Back up now" (Settings): a backup job; the Jobs page shows it, its result says where and how big. */
  backupNow: route({
    method: 'POST',
    path: '/api/backup/now',
    body: backupNowSchema,
    response: jobSchema,
  }),
  /** The signed-in user's shelves, reading, searches and preferences (admins: also their edits), as JSON. */
  myData: route({ method: 'GET', path: '/api/export/me' }),
};
