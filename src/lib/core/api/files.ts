import { z } from 'zod';
import { route } from './route';

/** Files the agent answers with: cover thumbnails (WebP) and the books themselves. */
export const FILES = {
  /** A cover thumbnail by hash and size: content-addressed, so cached forever. */
  cover: route({ method: 'GET', path: '/api/covers/:hash/:size' }),
  /** A cataloged book file: its folder's id, then its path below the folder. */
  book: route({
    method: 'GET',
    path: '/api/files/:folder/*path',
    params: z.object({ folder: z.string(), path: z.array(z.string()) }),
  }),
};

/** Where a cataloged book file downloads from (each path segment escaped, the slashes kept). */
export function bookFileUrl(folderId: string, path: string): string {
  const segments = path.split('/').map((segment) => encodeURIComponent(segment));
  return `/api/files/${encodeURIComponent(folderId)}/${segments.join('/')}`;
}
