import { z } from 'zod';
import { route } from './route';

/** A library folder: its id, and its root (for a reader, the folder's name only). */
export const folderSchema = z.object({ id: z.string(), root: z.string() });
export type Folder = z.infer<typeof folderSchema>;

/**
 * Whether the agent watches a folder for changes, and how: native events,
 * polling (a network share, where native events miss changes made on the
 * other side) or off (the setting, or an error), with the reason in words.
 */
export const folderWatchSchema = z.object({
  mode: z.enum(['native', 'polling', 'off']),
  reason: z.string(),
});
export type FolderWatch = z.infer<typeof folderWatchSchema>;

/**
 * A folder as the folders list shows it: with how many books it holds, why it
 * cannot be scanned now (unmounted, emptied) when it cannot, and how it is watched.
 */
export const folderListingSchema = folderSchema.extend({
  books: z.number().int(),
  unavailable: z.string().optional(),
  watch: folderWatchSchema,
});
export type FolderListing = z.infer<typeof folderListingSchema>;

/** A folder checked before it is added: its root as the agent resolved it, and a quick count. */
export const folderCheckSchema = z.object({
  ok: z.literal(true),
  root: z.string(),
  books: z.object({ count: z.number().int(), more: z.boolean() }),
});
export type FolderCheck = z.infer<typeof folderCheckSchema>;

const folderRequest = z.object({
  /** An absolute path on the agent's machine. */
  path: z.string(),
  /** The folder must be writable too (renames move files in it). */
  writable: z.boolean().default(false),
});

/** Library folders: list (everyone), check, add and remove (admins). */
export const FOLDERS = {
  list: route({
    method: 'GET',
    path: '/api/folders',
    response: z.array(folderListingSchema),
  }),
  /** Checks a folder without adding it (the wizard checks as the user types). */
  check: route({
    method: 'POST',
    path: '/api/folders/check',
    body: folderRequest,
    response: folderCheckSchema,
  }),
  add: route({ method: 'POST', path: '/api/folders', body: folderRequest, response: folderSchema }),
  remove: route({ method: 'DELETE', path: '/api/folders/:id', response: folderSchema }),
};
