import { titleSortKey } from '../books/sort-key';
import { READING_STATUSES, type ReadingStatus } from '../schema/reading-status-doc';
import { Dictionary } from './dictionary';
import { isbnForms } from '../metadata/isbn';
import { fold } from '../text/fold';
import { words } from './words';
import type { HasKey } from './query-ast';
import { bareTitle } from './rank';
import type { SearchDoc } from './search-doc';

export const NO_YEAR = -2147483648;

/** A reading status as the `reading` column holds it: its index in READING_STATUSES (0, unread, by default). */
export function readingCode(status: ReadingStatus): number {
  return READING_STATUSES.indexOf(status);
}

/** One bit per `has:` key, in a Uint16 per book. */
export const HAS_BIT: Record<HasKey, number> = {
  cover: 1,
  series: 2,
  isbn: 4,
  author: 8,
  description: 16,
  subtitle: 32,
  publisher: 64,
  year: 128,
  language: 256,
  tag: 512,
};

type Typed = Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array;

function grown<T extends Typed>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

/** A column with several values per book (languages, subjects): codes in compressed rows, appended in slot order. */
export class MultiColumn {
  starts = new Int32Array(1025);
  values = new Int32Array(1024);
  private used = 0;

  append(slot: number, codes: readonly number[]): void {
    if (slot + 2 > this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    while (this.used + codes.length > this.values.length)
      this.values = grown(this.values, this.values.length * 2);
    this.starts[slot] = this.used;
    for (const c of codes) this.values[this.used++] = c;
    this.starts[slot + 1] = this.used;
  }

  snapshot(count: number): { starts: Int32Array; values: Int32Array } {
    return {
      starts: this.starts.slice(0, count + 1),
      values: this.values.slice(0, this.starts[count]),
    };
  }

  static restore(s: { starts: Int32Array; values: Int32Array }): MultiColumn {
    const m = new MultiColumn();
    m.starts = s.starts.slice();
    m.values = s.values.length ? s.values.slice() : new Int32Array(1024);
    m.used = s.values.length;
    return m;
  }
}

/** Distinct codes of a list of values. */
function codes(dict: Dictionary, values: readonly string[]): number[] {
  const out: number[] = [];
  for (const v of values) {
    const code = dict.code(v);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

const DICTS = {
  format: () => new Dictionary(),
  status: () => new Dictionary(),
  language: () => new Dictionary(),
  publisher: () => new Dictionary((v) => fold(v.trim())),
  subject: () => new Dictionary((v) => fold(v.trim())),
  genre: () => new Dictionary(),
  series: () => new Dictionary((v) => titleSortKey(v)),
};
type DictName = keyof typeof DICTS;

const TYPED = [
  'alive',
  'format',
  'status',
  'presence',
  'publisher',
  'series',
  'seriesNumber',
  'year',
  'size',
  'addedAt',
  'completeness',
] as const;

type TypedName = (typeof TYPED)[number];
/** What a column holds where no book is (yet): no publisher, series, number or year. */
const EMPTY: Partial<Record<TypedName, number>> = {
  publisher: -1,
  series: -1,
  seriesNumber: NaN,
  year: NO_YEAR,
};

/** Columns as plain data: typed arrays, and each dictionary's values in code order. */
export type ColumnsSnapshot = { [K in TypedName]: Columns[K] } & {
  languages: { starts: Int32Array; values: Int32Array };
  subjects: { starts: Int32Array; values: Int32Array };
  genres: { starts: Int32Array; values: Int32Array };
  formats: { starts: Int32Array; values: Int32Array };
  dict: Record<DictName, string[]>;
};

/**
 * Everything but the words: one row ("slot") per indexed book, in typed arrays
 * that filters, facets and sorts read in tight loops. Slots are only ever
 * appended; an updated book gets a new slot and its old one is marked dead
 * until the next compaction renumbers them.
 */
export class Columns {
  count = 0;
  live = 0;
  readonly ids: string[] = [];
  /** The documents (undefined once dead): for highlights, phrase checks, sort keys and export. */
  readonly docs: (SearchDoc | undefined)[] = [];

  alive = new Uint8Array(1024);
  // Int32Array like the other code columns, so the loops over them stay monomorphic.
  format = new Int32Array(1024);
  status = new Int32Array(1024);
  presence = new Uint16Array(1024);
  publisher = new Int32Array(1024).fill(-1);
  series = new Int32Array(1024).fill(-1);
  seriesNumber = new Float64Array(1024).fill(NaN);
  year = new Int32Array(1024).fill(NO_YEAR);
  size = new Float64Array(1024);
  addedAt = new Float64Array(1024);
  completeness = new Float32Array(1024);
  /**
   * The user's reading status of each slot (see readingCode). Per user, not
   * in the catalog: set by SearchIndex.setReading and never in a snapshot.
   */
  reading = new Uint8Array(1024);
  languages = new MultiColumn();
  subjects = new MultiColumn();
  genres = new MultiColumn();
  /** Every format the book has (its own, then its other formats'): the Format filter and `format:`. */
  formats = new MultiColumn();
  dict = {
    format: DICTS.format(),
    status: DICTS.status(),
    language: DICTS.language(),
    publisher: DICTS.publisher(),
    subject: DICTS.subject(),
    genre: DICTS.genre(),
    series: DICTS.series(),
  };

  private titles: string[] = [];
  private bareTitles: string[] = [];
  private isbnIndex?: Map<string, number[]>;
  private isbnIndexed = 0;

  get capacity(): number {
    return this.alive.length;
  }

  add(doc: SearchDoc): number {
    const slot = this.count++;
    if (slot >= this.capacity) this.grow(this.capacity * 2);
    this.live++;
    this.ids[slot] = doc.id;
    this.docs[slot] = doc;
    this.alive[slot] = 1;
    this.format[slot] = this.dict.format.code(doc.format);
    this.status[slot] = this.dict.status.code(doc.status);
    this.publisher[slot] = doc.publisher ? this.dict.publisher.code(doc.publisher) : -1;
    this.series[slot] = doc.series ? this.dict.series.code(doc.series) : -1;
    this.seriesNumber[slot] = doc.seriesNumber ?? NaN;
    this.year[slot] = doc.year ?? NO_YEAR;
    this.size[slot] = doc.size;
    this.addedAt[slot] = doc.addedAt;
    this.completeness[slot] = doc.completeness;
    this.languages.append(slot, codes(this.dict.language, doc.languages));
    this.subjects.append(slot, codes(this.dict.subject, doc.subjects));
    this.genres.append(slot, codes(this.dict.genre, doc.genres));
    this.formats.append(slot, codes(this.dict.format, [doc.format, ...(doc.otherFormats ?? [])]));
    let has = 0;
    if (doc.hasCover) has |= HAS_BIT.cover;
    if (doc.series) has |= HAS_BIT.series;
    if (doc.isbns.length) has |= HAS_BIT.isbn;
    if (doc.authors.length) has |= HAS_BIT.author;
    if (doc.description) has |= HAS_BIT.description;
    if (doc.subtitle) has |= HAS_BIT.subtitle;
    if (doc.publisher) has |= HAS_BIT.publisher;
    if (doc.year !== undefined) has |= HAS_BIT.year;
    if (doc.languages.length) has |= HAS_BIT.language;
    if (doc.subjects.length) has |= HAS_BIT.tag;
    this.presence[slot] = has;
    return slot;
  }

  kill(slot: number): void {
    if (!this.alive[slot]) return;
    this.alive[slot] = 0;
    this.docs[slot] = undefined;
    this.live--;
  }

  /** A live book's title as folded words joined by spaces, and without a leading article (made on first use). */
  titleWords(slot: number): [string, string] {
    let title = this.titles[slot];
    if (title === undefined) {
      title = words(this.docs[slot]?.title ?? '').join(' ');
      this.titles[slot] = title;
      this.bareTitles[slot] = bareTitle(title);
    }
    return [title, this.bareTitles[slot] as string];
  }

  /** Slots by ISBN (each in all its forms), built on the first ISBN query and extended as slots are added. */
  isbnSlots(): Map<string, number[]> {
    const index = (this.isbnIndex ??= new Map());
    for (; this.isbnIndexed < this.count; this.isbnIndexed++) {
      const doc = this.docs[this.isbnIndexed];
      for (const isbn of doc?.isbns ?? []) {
        for (const form of isbnForms(isbn)) {
          const slots = index.get(form);
          if (slots) slots.push(this.isbnIndexed);
          else index.set(form, [this.isbnIndexed]);
        }
      }
    }
    return index;
  }

  /** The columns as data; only for dense columns (no dead slots), as after compaction. */
  snapshot(): ColumnsSnapshot {
    const n = this.count;
    const dict = {} as Record<DictName, string[]>;
    for (const name of Object.keys(DICTS) as DictName[])
      dict[name] = this.dict[name].labels.slice();
    const typed = {} as Record<TypedName, Typed>;
    for (const name of TYPED) typed[name] = this[name].slice(0, n);
    return {
      ...(typed as { [K in TypedName]: Columns[K] }),
      languages: this.languages.snapshot(n),
      subjects: this.subjects.snapshot(n),
      genres: this.genres.snapshot(n),
      formats: this.formats.snapshot(n),
      dict,
    };
  }

  static restore(s: ColumnsSnapshot, docs: readonly SearchDoc[]): Columns {
    const c = new Columns();
    const n = docs.length;
    c.count = c.live = n;
    docs.forEach((doc, slot) => {
      c.ids[slot] = doc.id;
      c.docs[slot] = doc;
    });
    // Copies with room to grow: the snapshot stays the caller's.
    c.resize(Math.max(1024, n + (n >> 2)), s);
    c.languages = MultiColumn.restore(s.languages);
    c.subjects = MultiColumn.restore(s.subjects);
    c.genres = MultiColumn.restore(s.genres);
    c.formats = MultiColumn.restore(s.formats);
    for (const name of Object.keys(DICTS) as DictName[]) {
      for (const label of s.dict[name]) c.dict[name].code(label);
    }
    return c;
  }

  private grow(capacity: number): void {
    this.resize(capacity, this);
  }

  /** Every typed column at a new capacity, with the values of `from`. */
  private resize(capacity: number, from: { [K in TypedName]: Typed }): void {
    const reading = new Uint8Array(capacity);
    reading.set(this.reading.subarray(0, Math.min(capacity, this.reading.length)));
    this.reading = reading;
    const self = this as unknown as Record<TypedName, Typed>;
    for (const name of TYPED) {
      const old = from[name];
      const next = new (old.constructor as new (n: number) => Typed)(capacity);
      next.set(old);
      const empty = EMPTY[name];
      if (empty !== undefined) next.fill(empty, old.length);
      self[name] = next;
    }
  }
}
