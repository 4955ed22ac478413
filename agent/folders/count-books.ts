import { formatFromName } from '#core/formats/detect';
import { walk } from '../scan/walk';

/** How many book files a folder holds, counting up to `limit` (a quick look, not a scan). */
export async function countBooks(
  root: string,
  limit = 10_000,
): Promise<{ count: number; more: boolean }> {
  let count = 0;
  for await (const event of walk(root, (name) => formatFromName(name) !== undefined)) {
    if (event.kind !== 'files') continue;
    count += event.files.length;
    if (count >= limit) return { count: limit, more: true };
  }
  return { count, more: false };
}
