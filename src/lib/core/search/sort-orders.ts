import { NO_YEAR, type Columns } from './columns';
import type { SortKey } from './query-types';

export type FieldSortKey = Exclude<SortKey, 'relevance'>;
export type OrderName = `${FieldSortKey}:${'asc' | 'desc'}`;
type Compare = (a: number, b: number) => number;

/** Above this share of new slots, sorting again beats merging them in. */
const MERGE_LIMIT = 0.125;

/**
 * Every live slot in each sort order asked for, kept between queries: paging a
 * sorted result is then a walk down a ready order, picking the slots that
 * match. After a change the orders are not sorted again but mended: dead
 * slots dropped, new ones sorted among themselves and merged in.
 *
 * Books without the sort value (no author, series or year) come last in both
 * directions. Ties fall back to the title order (titleKey, then id), which is
 * ascending in both directions except for the title order itself.
 */
export class SortOrders {
  private orders = new Map<OrderName, Int32Array>();
  private added: number[] = [];
  private removed = false;
  private rank?: Int32Array;

  constructor(private readonly columns: Columns) {}

  /** Slots were added (and perhaps killed): mend the orders on their next use. */
  changed(added: readonly number[]): void {
    for (const s of added) this.added.push(s);
    this.removed = true;
    this.rank = undefined;
  }

  /** For each slot, its place in title order (dead slots: after all live ones). */
  titleRank(): Int32Array {
    if (!this.rank) {
      const order = this.order('title', 'asc');
      const rank = new Int32Array(this.columns.count).fill(0x7fffffff);
      for (let i = 0; i < order.length; i++) rank[order[i] as number] = i;
      this.rank = rank;
    }
    return this.rank;
  }

  order(key: FieldSortKey, direction: 'asc' | 'desc'): Int32Array {
    this.mend();
    const name: OrderName = `${key}:${direction}`;
    let order = this.orders.get(name);
    if (!order) {
      const c = this.columns;
      const slots: number[] = [];
      for (let s = 0; s < c.count; s++) if (c.alive[s]) slots.push(s);
      order = Int32Array.from(slots.sort(this.comparator(name)));
      this.orders.set(name, order);
    }
    return order;
  }

  /** The orders computed so far, for a snapshot (slots must be dense). */
  snapshot(): Partial<Record<OrderName, Int32Array>> {
    this.mend();
    return Object.fromEntries([...this.orders].map(([name, order]) => [name, order.slice()]));
  }

  restore(orders: Partial<Record<OrderName, Int32Array>>): void {
    for (const [name, order] of Object.entries(orders))
      this.orders.set(name as OrderName, order.slice());
  }

  /** The same orders over renumbered slots (`map[old]` is the new slot or -1), for compacted columns. */
  remapped(map: Int32Array, columns: Columns): SortOrders {
    this.mend();
    const next = new SortOrders(columns);
    for (const [name, order] of this.orders) {
      const out = new Int32Array(order.length);
      let n = 0;
      for (let i = 0; i < order.length; i++) {
        const s = map[order[i] as number] as number;
        if (s >= 0) out[n++] = s;
      }
      next.orders.set(name, out.subarray(0, n));
    }
    return next;
  }

  private mend(): void {
    if (!this.removed && !this.added.length) return;
    const { alive } = this.columns;
    const added = this.added.filter((s) => alive[s]);
    this.added = [];
    this.removed = false;
    for (const [name, order] of this.orders) {
      if (added.length > order.length * MERGE_LIMIT) {
        this.orders.delete(name);
        continue;
      }
      const compare = this.comparator(name);
      const fresh = added.slice().sort(compare);
      const out = new Int32Array(order.length + fresh.length);
      let n = 0;
      let j = 0;
      for (let i = 0; i < order.length; i++) {
        const s = order[i] as number;
        if (!alive[s]) continue;
        while (j < fresh.length && compare(fresh[j] as number, s) < 0)
          out[n++] = fresh[j++] as number;
        out[n++] = s;
      }
      while (j < fresh.length) out[n++] = fresh[j++] as number;
      this.orders.set(name, out.slice(0, n));
    }
  }

  /** A total order: the key (missing values last), then title, then id. */
  private comparator(name: OrderName): Compare {
    const c = this.columns;
    const [key, direction] = name.split(':') as [FieldSortKey, 'asc' | 'desc'];
    const sign = direction === 'desc' ? -1 : 1;
    const title: Compare = (a, b) => {
      const da = c.docs[a]?.titleKey ?? '';
      const db = c.docs[b]?.titleKey ?? '';
      if (da !== db) return da < db ? -1 : 1;
      const ia = c.ids[a] as string;
      const ib = c.ids[b] as string;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    };
    if (key === 'title') return sign === 1 ? title : (a, b) => title(b, a);
    const str = (a: string, b: string) => (a === b ? 0 : a < b ? -sign : sign);
    const num = (a: number, b: number) => (a === b ? 0 : a < b ? -sign : sign);
    // -1: a has a value and b not; 1: the reverse; 0: both or neither.
    const missing = (ma: boolean, mb: boolean) => (ma === mb ? 0 : ma ? 1 : -1);
    let primary: Compare;
    switch (key) {
      case 'author': {
        const of = (s: number) => c.docs[s]?.authorKey ?? '';
        primary = (a, b) => missing(!of(a), !of(b)) || str(of(a), of(b));
        break;
      }
      case 'series': {
        const names = c.dict.series.keys;
        primary = (a, b) => {
          const sa = c.series[a] as number;
          const sb = c.series[b] as number;
          const m = missing(sa < 0, sb < 0);
          if (m || sa < 0) return m;
          const byName = sa === sb ? 0 : str(names[sa] as string, names[sb] as string);
          if (byName) return byName;
          const na = c.seriesNumber[a] as number;
          const nb = c.seriesNumber[b] as number;
          return (
            missing(Number.isNaN(na), Number.isNaN(nb)) || (Number.isNaN(na) ? 0 : num(na, nb))
          );
        };
        break;
      }
      case 'year':
        primary = (a, b) => {
          const ya = c.year[a] as number;
          const yb = c.year[b] as number;
          return missing(ya === NO_YEAR, yb === NO_YEAR) || num(ya, yb);
        };
        break;
      case 'added':
        primary = (a, b) => num(c.addedAt[a] as number, c.addedAt[b] as number);
        break;
      case 'size':
        primary = (a, b) => num(c.size[a] as number, c.size[b] as number);
        break;
    }
    return (a, b) => primary(a, b) || title(a, b);
  }
}
