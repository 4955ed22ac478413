import type { Preview, RenameOptions, Selection } from '#core/api/rename';
import { bookMetadata } from '#core/rename/book-metadata';
import { planRename } from '#core/rename/plan';
import type { PlanBook, RenamePlan } from '#core/rename/plan-types';
import { previewPage, type PreviewQuery } from '#core/rename/preview-page';
import { getProfile } from '#core/rename/sanitise';
import { readBookDoc } from '#core/schema/book-doc';
import { LOCAL_LIBRARY } from '$lib/local/library';
import { openLocalCatalog } from '$lib/db/local-catalog';

/** What the offline preview cannot know: said on the page beside it. */
export const OFFLINE_LIMITS =
  'Planned on this device from its copy of the catalog: files beside the books (covers, .opf) and files Colophon has not catalogued are not known here. The agent plans again when it sees the rename and runs it only if it moves exactly what this preview shows.';

/** The books of the selection as the agent would plan them, from the local catalog replica. */
async function planBooks(selection: Selection): Promise<PlanBook[]> {
  const catalog = openLocalCatalog();
  const all = await catalog.allDocs({
    startkey: 'book:',
    endkey: 'book:\ufff0',
    include_docs: true,
  });
  const wanted = selection === 'all' ? undefined : new Set(selection);
  return all.rows.flatMap((row) => {
    const doc = readBookDoc(row.doc);
    if (!doc || doc.library === LOCAL_LIBRARY || doc.status === 'missing') return [];
    if (wanted && !wanted.has(doc._id)) return [];
    // Paths are compared relative to their folder; the folder's id stands for its root here.
    const book: PlanBook = {
      id: doc._id,
      folderRoot: `/${doc.folder}`,
      path: doc.path,
      metadata: bookMetadata(doc),
      format: doc.format,
    };
    return [book];
  });
}

/**
 * The plan a rename would make, worked out in the browser with the agent's
 * own planner over the local catalog: what stands in a new name's way is
 * every catalogued book file (the only files known here).
 */
export async function offlinePlan(
  options: RenameOptions,
  selection: Selection,
): Promise<RenamePlan> {
  const books = await planBooks(selection);
  const profile = getProfile(options.profile);
  const fold = (path: string) => (profile.caseInsensitive ? path.toLowerCase() : path);
  const taken = new Set(books.map((b) => fold(`${b.folderRoot}/${b.path}`)));
  return planRename(books, {
    pattern: options.pattern,
    profile,
    onConflict: options.onConflict,
    existing: (path) => taken.has(fold(path)),
    batchId: 'offline',
  });
}

/** One page of an offline plan, shaped as the agent's preview is. */
export function offlinePreview(
  plan: RenamePlan,
  options: RenameOptions,
  selection: Selection,
  query: PreviewQuery,
): Preview {
  return {
    batchId: 'offline',
    planHash: '',
    request: { ...options, selection },
    summary: plan.summary,
    ...previewPage(plan, query),
  };
}
