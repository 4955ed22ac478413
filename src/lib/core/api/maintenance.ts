import { z } from 'zod';
import { route } from './route';

/** What an admin decided about duplicates or missing books; each can be undone. */
export const MAINTENANCE_KINDS = ['keep-one', 'keep-both', 'ignore', 'remove'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** running: files are being moved; undoing: being put back; undone: taken back. */
export const MAINTENANCE_STATES = ['running', 'done', 'undoing', 'undone'] as const;

/** A decision, as the pages list it (newest first) with its Undo. */
export const maintenanceActionSchema = z.object({
  id: z.string(),
  kind: z.enum(MAINTENANCE_KINDS),
  state: z.enum(MAINTENANCE_STATES),
  /** In words: "Kept “Dune”; 1 copy moved to the trash folder." */
  summary: z.string(),
  /** The books it touched, by title. */
  books: z.array(z.string()),
  createdAt: z.string(),
  undoneAt: z.string().optional(),
  /** Why part of it could not be done (a file moved meanwhile), in words. */
  message: z.string().optional(),
});
export type MaintenanceAction = z.infer<typeof maintenanceActionSchema>;

/** One file of the catalog, with the book it is. */
export const catalogFileSchema = z.object({
  fileId: z.number().int(),
  bookId: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  folderId: z.string(),
  /** The library folder's root. */
  folder: z.string(),
  /** Below the folder's root. */
  path: z.string(),
  size: z.number(),
  addedAt: z.string(),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** Files with exactly the same bytes: two or more, none missing. */
export const duplicateGroupSchema = z.object({
  /** The content key the copies share: names the group in requests. */
  key: z.string(),
  size: z.number(),
  files: z.array(catalogFileSchema),
});
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

export const duplicatesSchema = z.object({
  groups: z.array(duplicateGroupSchema),
  /** Recent decisions about duplicates, newest first. */
  actions: z.array(maintenanceActionSchema),
});
export type Duplicates = z.infer<typeof duplicatesSchema>;

/** A book whose file the last scan did not find. */
export const missingBookSchema = catalogFileSchema.extend({
  /** When a scan last read the file. */
  lastSeen: z.string(),
});
export type MissingBook = z.infer<typeof missingBookSchema>;

/** A library folder that cannot be reached now: none of its books can be told missing. */
export const unavailableFolderSchema = z.object({
  folderId: z.string(),
  folder: z.string(),
  reason: z.string(),
  /** Books cataloged in it and not listed missing: kept as they are until it is back. */
  cataloged: z.number().int(),
  /** Books listed missing in it before it became unreachable. */
  books: z.array(missingBookSchema),
});
export type UnavailableFolder = z.infer<typeof unavailableFolderSchema>;

export const missingSchema = z.object({
  books: z.array(missingBookSchema),
  unavailable: z.array(unavailableFolderSchema),
  actions: z.array(maintenanceActionSchema),
});
export type Missing = z.infer<typeof missingSchema>;

const groupKey = z.string({ error: 'required: the group’s key' }).min(1).max(200);
const fileIds = z.array(z.number().int().positive()).max(1000);

export const keepOneSchema = z.object({
  key: groupKey,
  /** The file kept where it is. */
  keep: z.number().int().positive(),
  /** The files the admin confirmed to move: the group's others, exactly, or the request is refused. */
  move: fileIds.min(1, 'name at least one file to move'),
});

export const groupDecisionSchema = z.object({ key: groupKey });

export const removeMissingSchema = z.object({
  /** Book ids to remove from the catalog, or every missing book (outside unavailable folders). */
  books: z.union([z.literal('all'), z.array(z.string().min(1).max(100)).min(1).max(100_000)]),
});

/** The Duplicates and Missing pages (admins only): list, decide, undo. */
export const MAINTENANCE = {
  duplicates: route({ method: 'GET', path: '/api/duplicates', response: duplicatesSchema }),
  /** Keeps one file; the others go to the trash folder of their library folder. */
  keepOne: route({
    method: 'POST',
    path: '/api/duplicates/keep-one',
    body: keepOneSchema,
    response: maintenanceActionSchema,
  }),
  keepBoth: route({
    method: 'POST',
    path: '/api/duplicates/keep-both',
    body: groupDecisionSchema,
    response: maintenanceActionSchema,
  }),
  /** Hides the group until its files change. */
  ignore: route({
    method: 'POST',
    path: '/api/duplicates/ignore',
    body: groupDecisionSchema,
    response: maintenanceActionSchema,
  }),
  missing: route({ method: 'GET', path: '/api/missing', response: missingSchema }),
  removeMissing: route({
    method: 'POST',
    path: '/api/missing/remove',
    body: removeMissingSchema,
    response: maintenanceActionSchema,
  }),
  undo: route({
    method: 'POST',
    path: '/api/maintenance/:id/undo',
    response: maintenanceActionSchema,
  }),
};
