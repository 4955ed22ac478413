/** One author, series or subject and its books, as a navigation feed lists it. */
export interface GroupItem {
  /** Stable id for URLs (the app's own keys for authors and series). */
  key: string;
  /** The spelling most of its books use. */
  name: string;
  count: number;
}

interface Group {
  /** Spellings and how many books use each. */
  names: Map<string, number>;
  books: Set<string>;
  /** The books in the group's order, made when first asked for after a change. */
  ordered?: string[];
}

/**
 * Books grouped by a value they carry (authors, series, subjects), kept up
 * to date book by book: each group's books, and every group in name order,
 * sorted only when asked for after a change.
 */
export class BookGroups {
  private readonly groups = new Map<string, Group>();
  private list?: GroupItem[];

  constructor(
    /** The key a value is grouped under ("" leaves it out). */
    private readonly keyOf: (value: string) => string,
    /** What the list of groups is sorted by, from a group's name. */
    private readonly sortKeyOf: (name: string) => string,
  ) {}

  add(book: string, values: readonly string[]): void {
    for (const value of new Set(values)) {
      const key = this.keyOf(value);
      if (!key) continue;
      let group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = { names: new Map(), books: new Set() }));
      group.names.set(value, (group.names.get(value) ?? 0) + 1);
      group.books.add(book);
      group.ordered = undefined;
    }
    this.list = undefined;
  }

  remove(book: string, values: readonly string[]): void {
    for (const value of new Set(values)) {
      const key = this.keyOf(value);
      const group = this.groups.get(key);
      if (!group?.books.delete(book)) continue;
      const n = (group.names.get(value) ?? 1) - 1;
      if (n > 0) group.names.set(value, n);
      else group.names.delete(value);
      group.ordered = undefined;
      if (group.books.size === 0) this.groups.delete(key);
    }
    this.list = undefined;
  }

  /** Every group, in list order. */
  items(): readonly GroupItem[] {
    if (!this.list) {
      const keyed = [...this.groups].map(([key, g]) => {
        const item = this.item(key, g);
        return { item, sort: this.sortKeyOf(item.name) };
      });
      keyed.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
      this.list = keyed.map((k) => k.item);
    }
    return this.list;
  }

  get(key: string): GroupItem | undefined {
    const group = this.groups.get(key);
    return group && this.item(key, group);
  }

  /** Every spelling of a group's value (for a filter that matches values exactly). */
  names(key: string): string[] {
    return [...(this.groups.get(key)?.names.keys() ?? [])];
  }

  /** A group's books in `order`, sorted once per change of the group. */
  books(key: string, order: (a: string, b: string) => number): readonly string[] {
    const group = this.groups.get(key);
    if (!group) return [];
    group.ordered ??= [...group.books].sort(order);
    return group.ordered;
  }

  private item(key: string, group: Group): GroupItem {
    let name = '';
    let most = 0;
    for (const [n, count] of group.names)
      if (count > most || (count === most && n < name)) [name, most] = [n, count];
    return { key, name, count: group.books.size };
  }
}
