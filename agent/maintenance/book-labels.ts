import type { Agent } from '../agent';

export interface BookLabel {
  title: string;
  authors: string[];
}

const AT_ONCE = 20;

/**
 * Each book's title and authors as the user sees them (their edits
 * included), by book id; a book without a catalog document is named by its
 * file.
 */
export async function bookLabels(
  agent: Pick<Agent, 'metadata'>,
  books: readonly { bookId: string; relPath: string }[],
): Promise<Map<string, BookLabel>> {
  const sources = [...(await agent.metadata.sources.read()).values()];
  const labels = new Map<string, BookLabel>();
  for (let i = 0; i < books.length; i += AT_ONCE) {
    const slice = books.slice(i, i + AT_ONCE);
    const states = await Promise.all(
      slice.map((b) => agent.metadata.states.one(b.bookId, sources)),
    );
    slice.forEach((b, j) => {
      const m = states[j]?.merged.metadata;
      labels.set(b.bookId, {
        title: m?.title ?? fileStem(b.relPath),
        authors: (m?.authors ?? []).map((a) => a.name),
      });
    });
  }
  return labels;
}

function fileStem(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
