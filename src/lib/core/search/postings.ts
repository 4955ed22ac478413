import { FIELD_COUNT } from './text-fields';

/** One field's postings in compressed-row form: the slots of word `words[k]` are `slots[offsets[k]..offsets[k+1]]`. */
export interface FieldPostingsSnapshot {
  words: Int32Array;
  offsets: Int32Array;
  slots: Int32Array;
}

const EMPTY = new Int32Array(0);

/**
 * For each field and word, the slots (documents) that have the word there,
 * each slot once, in the order they were added. A list is an Int32Array with
 * spare room at its end (its length is kept apart), so restored lists can be
 * views into one buffer and only the lists that grow get copied.
 */
export class Postings {
  private lists: Int32Array[][] = [];
  private lengths: Int32Array[] = [];

  constructor() {
    for (let f = 0; f < FIELD_COUNT; f++) {
      this.lists.push([]);
      this.lengths.push(new Int32Array(1024));
    }
  }

  /** The slots of a word in a field: read `count(f, w)` entries of `data(f, w)`. */
  data(field: number, word: number): Int32Array {
    return (this.lists[field] as Int32Array[])[word] ?? EMPTY;
  }

  count(field: number, word: number): number {
    return (this.lengths[field] as Int32Array)[word] ?? 0;
  }

  add(field: number, word: number, slot: number): void {
    const lists = this.lists[field] as Int32Array[];
    let lengths = this.lengths[field] as Int32Array;
    if (word >= lengths.length) {
      const grown = new Int32Array(Math.max(word + 1, lengths.length * 2));
      grown.set(lengths);
      this.lengths[field] = lengths = grown;
    }
    while (lists.length <= word) lists.push(EMPTY);
    let list = lists[word] as Int32Array;
    const n = lengths[word] as number;
    if (n === list.length) {
      const grown = new Int32Array(Math.max(2, n * 2));
      grown.set(list);
      lists[word] = list = grown;
    }
    list[n] = slot;
    lengths[word] = n + 1;
  }

  /** Renumbers slots after compaction: `map[old]` is the new slot, or -1 for a slot that is gone. */
  remap(map: Int32Array): void {
    for (let f = 0; f < FIELD_COUNT; f++) {
      const lists = this.lists[f] as Int32Array[];
      const lengths = this.lengths[f] as Int32Array;
      for (let w = 0; w < lists.length; w++) {
        const list = lists[w] as Int32Array;
        const n = lengths[w] as number;
        let kept = 0;
        for (let k = 0; k < n; k++) {
          const slot = map[list[k] as number] as number;
          if (slot >= 0) list[kept++] = slot;
        }
        lengths[w] = kept;
        if (kept === 0) lists[w] = EMPTY;
      }
    }
  }

  snapshot(): FieldPostingsSnapshot[] {
    const out: FieldPostingsSnapshot[] = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const lists = this.lists[f] as Int32Array[];
      const lengths = this.lengths[f] as Int32Array;
      let words = 0;
      let total = 0;
      for (let w = 0; w < lists.length; w++) {
        const n = lengths[w] as number;
        if (n > 0) {
          words++;
          total += n;
        }
      }
      const snap = {
        words: new Int32Array(words),
        offsets: new Int32Array(words + 1),
        slots: new Int32Array(total),
      };
      let k = 0;
      let at = 0;
      for (let w = 0; w < lists.length; w++) {
        const n = lengths[w] as number;
        if (n === 0) continue;
        snap.words[k] = w;
        snap.offsets[k] = at;
        snap.slots.set((lists[w] as Int32Array).subarray(0, n), at);
        at += n;
        k++;
      }
      snap.offsets[k] = at;
      out.push(snap);
    }
    return out;
  }

  static restore(snapshot: readonly FieldPostingsSnapshot[], vocabularySize: number): Postings {
    const p = new Postings();
    snapshot.forEach((s, f) => {
      const lists: Int32Array[] = new Array<Int32Array>(vocabularySize).fill(EMPTY);
      const lengths = new Int32Array(Math.max(1024, vocabularySize));
      // A copy: lists are changed in place later, and the snapshot is the caller's.
      const slots = s.slots.slice();
      for (let k = 0; k < s.words.length; k++) {
        const w = s.words[k] as number;
        const from = s.offsets[k] as number;
        const to = s.offsets[k + 1] as number;
        lists[w] = slots.subarray(from, to);
        lengths[w] = to - from;
      }
      p.lists[f] = lists;
      p.lengths[f] = lengths;
    });
    return p;
  }
}
