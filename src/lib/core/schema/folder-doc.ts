import { z } from 'zod';

/** A library folder: the root that book paths are relative to. */
export const folderDocSchema = z.object({
  _id: z.string().startsWith('folder:'),
  _rev: z.string().optional(),
  type: z.literal('folder'),
  v: z.literal(1),
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

export function readFolderDoc(raw: unknown): FolderDoc | undefined {
  const parsed = folderDocSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
