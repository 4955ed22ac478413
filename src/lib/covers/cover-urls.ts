import { FILES } from '#core/api/files';
import { pathOf } from '#core/api/route';
import { COVER_SIZES, ORIGINAL_COVER } from '#core/images/cover-sizes';
import { readModel } from '$lib/db/data-flow';

const urls = new Map<string, Promise<string | undefined>>();

/**
 * An object URL for a cover's small thumbnail, read once from the read model
 * and kept for the page's life (keyed by cover id and hash, so a changed cover
 * gets a new URL).
 */
export function smallCoverUrl(cover: { id: string; hash: string }): Promise<string | undefined> {
  const key = `${cover.id}@${cover.hash}`;
  let url = urls.get(key);
  if (!url) {
    url = readModel.covers
      .get(cover.id)
      .then((row) => (row ? URL.createObjectURL(row.small) : undefined));
    urls.set(key, url);
  }
  return url;
}

/** The medium thumbnail, from the agent (content-addressed, cached by the browser). */
export function mediumCoverUrl(hash: string): string {
  return pathOf(FILES.cover.path, { hash, size: 'medium' });
}

/** The full-size original, from the agent (a cover made before originals were kept answers its medium). */
export function fullCoverUrl(hash: string): string {
  return pathOf(FILES.cover.path, { hash, size: ORIGINAL_COVER });
}

/**
 * A srcset offering the medium thumbnail and, when the original is wider,
 * the original: a large or dense screen then draws the cover from it.
 */
export function coverSrcset(cover: { hash: string; width: number }): string {
  const medium = `${mediumCoverUrl(cover.hash)} ${COVER_SIZES.medium.width}w`;
  if (cover.width <= COVER_SIZES.medium.width) return medium;
  return `${medium}, ${fullCoverUrl(cover.hash)} ${cover.width}w`;
}
