import { z } from 'zod';
import { defineDocumentType } from './document-type';

export const FOLDER_DOC_VERSION = 1;

/** A library folder: the root that book paths are relative to. */
export const folderDocSchema = z.object({
  _id: z.string().startsWith('folder:'),
  _rev: z.string().optional(),
  type: z.literal('folder'),
  v: z.literal(FOLDER_DOC_VERSION),
  library: z.string(),
  /**
   * What book paths are shown below: the folder's name, never the agent's
   * absolute path (every reader replicates the catalog), or the picked
   * folder's name in a browser.
   */
  root: z.string(),
  name: z.string(),
});
export type FolderDoc = z.infer<typeof folderDocSchema>;

export function folderDocId(library: string, folderId: string): string {
  return `folder:${library}:${folderId}`;
}

/** A folder as every replica sees it: its name stands for its root (see `root`). */
export function folderDoc(library: string, folderId: string, name: string): FolderDoc {
  return {
    _id: folderDocId(library, folderId),
    type: 'folder',
    v: FOLDER_DOC_VERSION,
    library,
    root: name,
    name,
  };
}

export const folderDocType = defineDocumentType({
  type: 'folder',
  version: FOLDER_DOC_VERSION,
  schema: folderDocSchema,
});

export function readFolderDoc(raw: unknown): FolderDoc | undefined {
  return folderDocType.read(raw);
}
