import type { FormatBook, FormatGroup, FormatProposal, Formats } from '#core/api/formats';
import type { BookFormat } from '#core/formats/types';
import { bookDocId } from '#core/schema/book-doc';
import type { Agent } from '../agent';
import type { OpdsBook } from '../opds/opds-book';
import { COMIC_FORMATS } from '../reading/comic-pages';
import { newId } from '../ids';
import { bookLabels, type BookLabel } from '../maintenance/book-labels';
import { shortBookId } from '../metadata/book-state';
import { FormatStore, type Membership, type StoredFormatAction } from './format-store';
import { proposeGroups, type Work } from './format-proposals';
import { rewriteWorks } from './work-fields';

/** A request about formats refused, and why, in words. */
export class FormatError extends Error {
  override name = 'FormatError';
  constructor(
    readonly code: 'changed' | 'not-found' | 'cannot-undo' | 'same-format',
    message: string,
  ) {
    super(message);
  }
}

type Deps = Pick<Agent, 'ctx' | 'oplog' | 'opds' | 'metadata'>;

interface FileFacts {
  book_id: string;
  rel_path: string;
  format: BookFormat;
  size: number;
  status: string;
}

const RELOAD = 'Reload the page and choose again.';

const sameMembership = (a: Membership, b: Membership) =>
  Object.keys(b).every((id) => (a[id] ?? null) === (b[id] ?? null));

const isComic = (format: BookFormat) => (COMIC_FORMATS as readonly string[]).includes(format);

/** A comic with a series and an issue number: what its formats are matched by. */
function issueOf(book: OpdsBook): Work['issue'] {
  if (!isComic(book.format) || !book.series || book.seriesNumber === undefined) return undefined;
  return {
    series: book.series,
    number: book.seriesNumber,
    ...(book.year !== undefined && { year: book.year }),
  };
}

/** "EPUB (main) · MOBI · PDF". */
function formatList(main: FileFacts, others: readonly FileFacts[]): string {
  return [`${main.format.toUpperCase()} (main)`, ...others.map((f) => f.format.toUpperCase())].join(
    ' · ',
  );
}

/**
 * Formats of one book: proposes books that are the same work in other
 * formats (from the catalog as merged, when the page asks), and carries out
 * what an admin decides: group them under a main book, split a group, keep
 * books apart. Nothing moves on disk; a decision changes which book the
 * catalog shows, and every decision can be undone.
 */
export class FormatsService {
  readonly store: FormatStore;

  constructor(private readonly agent: Deps) {
    this.store = new FormatStore(agent.ctx.db);
  }

  private get ctx() {
    return this.agent.ctx;
  }

  /** The file-index facts of these books (those that have a file row). */
  private files(bookIds: readonly string[]): Map<string, FileFacts> {
    const rows = this.ctx.db
      .prepare(
        `SELECT book_id, rel_path, format, size, status FROM files
         WHERE book_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(bookIds)) as FileFacts[];
    return new Map(rows.map((r) => [r.book_id, r]));
  }

  private formatBook(file: FileFacts, label: BookLabel | undefined): FormatBook {
    return {
      bookId: file.book_id,
      docId: bookDocId(this.ctx.library, file.book_id),
      title: label?.title ?? file.rel_path,
      authors: label?.authors ?? [],
      format: file.format,
      path: file.rel_path,
      size: file.size,
    };
  }

  /** Proposals (from the catalog as the app shows it), confirmed groups and recent decisions. */
  async list(): Promise<Formats> {
    const opds = this.agent.opds;
    await opds.current();
    const groups = this.store.groups();
    const files = this.files([...opds.ids(), ...[...groups.values()].flat()].map(shortBookId));
    const works: Work[] = [];
    for (const book of opds.everyBook()) {
      const bookId = shortBookId(book.id);
      const others = (groups.get(bookId) ?? []).flatMap((id) => files.get(id) ?? []);
      const issue = issueOf(book);
      works.push({
        bookId,
        title: book.title,
        authors: book.authors,
        identifiers: book.identifiers ?? [],
        formats: [book.format, ...others.map((f) => f.format)],
        members: [bookId, ...others.map((f) => f.book_id)],
        ...(issue && { issue }),
      });
    }
    const proposed = proposeGroups(works, this.store.apart());
    const labelled = [...proposed.flatMap((p) => p.works.map((w) => w.bookId)), ...groups.keys()];
    const secondaries = [...groups.values()].flat();
    const labels = await bookLabels(
      this.agent,
      [...labelled, ...secondaries].flatMap((id) => {
        const file = files.get(id);
        return file ? [{ bookId: id, relPath: file.rel_path }] : [];
      }),
    );
    const proposals: FormatProposal[] = proposed.map((p) => ({
      key: p.works
        .map((w) => w.bookId)
        .sort()
        .join(','),
      reason: p.reason,
      books: p.works.flatMap((w) => {
        const file = files.get(w.bookId);
        return file
          ? [{ ...this.formatBook(file, labels.get(w.bookId)), formats: [...w.formats] }]
          : [];
      }),
    }));
    const confirmed: FormatGroup[] = [...groups].flatMap(([main, others]) => {
      const file = files.get(main);
      if (!file) return [];
      return [
        {
          main: this.formatBook(file, labels.get(main)),
          others: others.flatMap((id) => {
            const f = files.get(id);
            return f ? [this.formatBook(f, labels.get(id))] : [];
          }),
        },
      ];
    });
    return {
      proposals,
      groups: confirmed.sort((a, b) => a.main.title.localeCompare(b.main.title)),
      actions: this.store.recent().map(shown),
    };
  }

  /**
   * The books named, with the other formats of any that is a group's main;
   * refused when one is gone, missing, or already another book's format.
   */
  private expand(bookIds: readonly string[]): FileFacts[] {
    const current = this.store.membership(bookIds);
    const mains = this.files(Object.values(current).flatMap((m) => (m ? [m] : [])));
    const all = [...new Set(bookIds.flatMap((id) => [id, ...this.store.othersOf(id)]))];
    const files = this.files(all);
    for (const id of bookIds) {
      const file = files.get(id);
      if (!file || file.status === 'missing')
        throw new FormatError(
          'changed',
          `A book of this group is no longer in the library (or its file is missing). ${RELOAD}`,
        );
      const main = current[id];
      if (main && mains.has(main))
        throw new FormatError(
          'changed',
          `${file.rel_path} is already another format of a book. ${RELOAD}`,
        );
    }
    return all.flatMap((id) => files.get(id) ?? []);
  }

  /** Groups books as formats of one: `main` is the one the catalog shows. */
  async group(bookIds: readonly string[], mainId: string, userId?: string) {
    const books = this.expand(bookIds);
    const main = books.find((b) => b.book_id === mainId);
    if (!main)
      throw new FormatError(
        'changed',
        `The main format must be one of the books grouped. ${RELOAD}`,
      );
    const formats = books.map((b) => b.format);
    const twice = formats.find((f, i) => formats.indexOf(f) !== i);
    if (twice)
      throw new FormatError(
        'same-format',
        `Two of these books are both ${twice.toUpperCase()}: formats of one book differ. Keep one of them (see Duplicates), then group again.`,
      );
    const others = books.filter((b) => b !== main);
    const before = this.store.membership(books.map((b) => b.book_id));
    const after = Object.fromEntries(
      books.map((b) => [b.book_id, b === main ? null : main.book_id]),
    );
    const labels = await this.labels(books);
    const title = labels.get(main.book_id)?.title ?? main.rel_path;
    return this.decide({
      kind: 'group',
      before,
      after,
      summary: `Grouped “${title}” as one book: ${formatList(main, others)}.`,
      titles: books.map(
        (b) => `${labels.get(b.book_id)?.title ?? b.rel_path} (${b.format.toUpperCase()})`,
      ),
      userId,
    });
  }

  /** Splits a group again: each of its formats is a book of its own. */
  async split(mainId: string, userId?: string) {
    const others = this.store.othersOf(mainId);
    if (others.length === 0)
      throw new FormatError('changed', `That book has no other formats (any more). ${RELOAD}`);
    const ids = [mainId, ...others];
    const files = this.files(ids);
    const labels = await this.labels([...files.values()]);
    const main = files.get(mainId);
    const title = labels.get(mainId)?.title ?? main?.rel_path ?? mainId;
    return this.decide({
      kind: 'split',
      before: this.store.membership(ids),
      after: Object.fromEntries(ids.map((id) => [id, null])),
      summary: `Split “${title}” into ${ids.length} books, one for each format.`,
      titles: ids.map((id) => {
        const f = files.get(id);
        return `${labels.get(id)?.title ?? f?.rel_path ?? id}${f ? ` (${f.format.toUpperCase()})` : ''}`;
      }),
      userId,
    });
  }

  /** Hides a proposal: these books are not one work (a new book joining brings it back). */
  async keepApart(bookIds: readonly string[], userId?: string) {
    const books = this.expand(bookIds);
    const labels = await this.labels(books);
    const membership = this.store.membership(books.map((b) => b.book_id));
    const first = books[0];
    return this.decide({
      kind: 'keep-apart',
      before: membership,
      after: membership,
      summary: `Kept ${books.map((b) => b.format.toUpperCase()).join(' · ')} of “${(first && labels.get(first.book_id)?.title) ?? ''}” apart: not formats of one book.`,
      titles: books.map((b) => labels.get(b.book_id)?.title ?? b.rel_path),
      userId,
    });
  }

  /** Takes a decision back: its books are grouped as they were before it. */
  async undo(id: string) {
    const action = this.store.get(id);
    if (!action) throw new FormatError('not-found', 'There is no such decision to undo.');
    if (action.state === 'undone')
      throw new FormatError('cannot-undo', 'This decision is already undone.');
    if (!sameMembership(this.store.membership(action.bookIds), action.after))
      throw new FormatError(
        'cannot-undo',
        'These books were grouped or split again since: undo that later decision first.',
      );
    if (!this.store.undo(id, action.before))
      throw new FormatError('cannot-undo', 'This decision was undone meanwhile.');
    await rewriteWorks(this.ctx, action.bookIds);
    this.agent.oplog.record({
      kind: 'formats.undone',
      message: `Undone: ${action.summary}`,
      details: { action: id },
    });
    return shown(this.store.get(id) as StoredFormatAction);
  }

  private labels(books: readonly FileFacts[]) {
    return bookLabels(
      this.agent,
      books.map((b) => ({ bookId: b.book_id, relPath: b.rel_path })),
    );
  }

  private async decide(action: Omit<Parameters<FormatStore['record']>[0], 'id'>) {
    const id = newId();
    this.store.record({ ...action, id });
    await rewriteWorks(this.ctx, Object.keys(action.after));
    this.agent.oplog.record({
      kind: `formats.${action.kind}`,
      message: action.summary,
      details: { action: id },
    });
    return shown(this.store.get(id) as StoredFormatAction);
  }
}

/** A decision as the page shows it: without the stored memberships. */
function shown({ bookIds: _b, before: _o, after: _a, ...action }: StoredFormatAction) {
  return action;
}

const services = new WeakMap<Deps['ctx'], FormatsService>();

/** The one formats service per opened data dir. */
export function formats(agent: Deps): FormatsService {
  let service = services.get(agent.ctx);
  if (!service) services.set(agent.ctx, (service = new FormatsService(agent)));
  return service;
}
