import { Encoder, Index } from 'flexsearch';
import { closeEncoder, fuzzyApplies, looseEncoder, withinEdits } from './fuzzy';

/** Word ids matching a term, by how they match. */
export interface Expansion {
  exact?: number;
  prefix: number[];
  close: number[];
  loose: number[];
}

export interface VocabularySnapshot {
  words: string[];
  /** 1 for words that occur in a short field (and so are in the prefix and fuzzy indexes). */
  short: Uint8Array;
  flex: { prefix: [string, string][]; close: [string, string][]; loose: [string, string][] };
}

const LIMIT = 1_000_000;
/** Words are folded already; the prefix index must keep them as they are. */
const plain = () =>
  new Encoder({ normalize: false, numeric: false, dedupe: false, split: false, cache: false });

function indexes() {
  return {
    prefix: new Index({ tokenize: 'forward', encoder: plain(), resolution: 1 }),
    close: new Index({ tokenize: 'strict', encoder: closeEncoder, resolution: 1 }),
    loose: new Index({ tokenize: 'strict', encoder: looseEncoder, resolution: 1 }),
  };
}

/**
 * Every distinct (folded) word of the catalog, with an id. The words of short
 * fields are also in three small flexsearch indexes, one entry per word, not
 * per book: a forward index for prefixes and two encoder indexes for typos.
 * A term is expanded into matching words here; the postings say which books
 * have them. Words are never removed (a word no book has any more expands to
 * nothing); compaction leaves them, a rebuild drops them.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  private short = new Uint8Array(1024);
  private flex = indexes();

  get size(): number {
    return this.words.length;
  }

  /** Whether a word occurs in a short field (and so is in the prefix and typo indexes). */
  isShort(id: number): boolean {
    return this.short[id] === 1;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /** The id of a word, adding it if new. */
  intern(word: string, short: boolean): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      if (id >= this.short.length) {
        const grown = new Uint8Array(this.short.length * 2);
        grown.set(this.short);
        this.short = grown;
      }
    }
    if (short && !this.short[id]) {
      this.short[id] = 1;
      this.flex.prefix.add(id, word);
      this.flex.close.add(id, word);
      this.flex.loose.add(id, word);
    }
    return id;
  }

  /** Short-field words that match a term exactly, by prefix (2+ letters) or fuzzily. */
  expand(term: string): Expansion {
    const exact = this.ids.get(term);
    const seen = new Set<number>();
    if (exact !== undefined) seen.add(exact);
    const take = (
      ids: readonly (number | string)[],
      keep: (id: number) => boolean = () => true,
    ) => {
      const out: number[] = [];
      for (const raw of ids) {
        const id = raw as number;
        if (!seen.has(id) && keep(id)) {
          seen.add(id);
          out.push(id);
        }
      }
      return out;
    };
    const prefix = term.length >= 2 ? take(this.flex.prefix.search(term, { limit: LIMIT })) : [];
    if (!fuzzyApplies(term)) return { exact, prefix, close: [], loose: [] };
    const close = take(this.flex.close.search(term, { limit: LIMIT }));
    const loose = take(this.flex.loose.search(term, { limit: LIMIT }), (id) =>
      withinEdits(term, this.words[id] as string),
    );
    return { exact, prefix, close, loose };
  }

  /** Ids of all words (of any field) that pass a test: for wildcards and regexes. */
  scan(test: (word: string) => boolean): number[] {
    const out: number[] = [];
    const words = this.words;
    for (let i = 0; i < words.length; i++) if (test(words[i] as string)) out.push(i);
    return out;
  }

  snapshot(): VocabularySnapshot {
    const dump = (index: Index) => {
      const parts: [string, string][] = [];
      index.export((key: string, data: string) => {
        parts.push([key, data]);
      });
      return parts;
    };
    return {
      words: this.words.slice(),
      short: this.short.slice(0, this.words.length),
      flex: {
        prefix: dump(this.flex.prefix),
        close: dump(this.flex.close),
        loose: dump(this.flex.loose),
      },
    };
  }

  static restore(s: VocabularySnapshot): Vocabulary {
    const v = new Vocabulary();
    for (let i = 0; i < s.words.length; i++) {
      const word = s.words[i] as string;
      v.ids.set(word, i);
      v.words.push(word);
    }
    v.short = new Uint8Array(Math.max(1024, s.words.length * 2));
    v.short.set(s.short);
    for (const [key, data] of s.flex.prefix) v.flex.prefix.import(key, data);
    for (const [key, data] of s.flex.close) v.flex.close.import(key, data);
    for (const [key, data] of s.flex.loose) v.flex.loose.import(key, data);
    return v;
  }
}
