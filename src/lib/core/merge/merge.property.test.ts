import { describe, expect, it } from 'vitest';
import type { BookMetadata, MetadataField } from '../metadata/types';
import { FIELDS, type FieldValue } from './field-kinds';
import { merge } from './merge';
import { mergeCandidate, SOURCE_IDS, type CandidateOrigin, type MergeCandidate } from './sources';
import { defaultSource, type DataSource } from './trust';
import { adjustTrust, revertTrust } from './trust-adjust';

/** mulberry32: a small seeded generator, so a failing case can be replayed by its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
const shuffle = <T>(rng: Rng, items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const author = (name: string, sortName?: string) => ({
  name,
  roles: ['aut'],
  ...(sortName ? { sortName } : {}),
});

/** Spellings that agree, spellings that do not, and junk, for each field. */
const POOLS: { [K in MetadataField]?: readonly FieldValue<K>[] } = {
  title: [
    'Dune',
    'DUNE',
    'dune',
    'Dune Messiah',
    'The Time Machine',
    'Time Machine',
    'time-machine',
  ],
  authors: [
    [author('Frank Herbert')],
    [author('Herbert, Frank')],
    [author('H. G. Wells')],
    [author('Wells, H.G.', 'Wells, Herbert George')],
    [author('Terry Pratchett'), author('Neil Gaiman')],
    [author('Gaiman, Neil'), author('PRATCHETT, Terry')],
    [author('  ')],
  ],
  languages: [['en'], ['English'], ['eng', 'fr'], ['French', 'en-GB'], ['und'], ['tlh']],
  identifiers: [
    [{ scheme: 'isbn', value: '0261103342' }],
    [{ scheme: 'isbn', value: '978-0-261-10334-4' }],
    [
      { scheme: 'isbn', value: '080442957X' },
      { scheme: 'asin', value: 'b000fc1pjm' },
    ],
    [{ scheme: 'uuid', value: 'urn:uuid:ABC' }],
    [{ scheme: 'isbn', value: '0261103343' }],
  ],
  published: ['1895', '1895-05', '1895-05-07', '1895-06-01T00:00:00Z', 'May 1895', '1965'],
  series: [
    { name: 'Dune', number: 1, kind: 'series' },
    { name: 'dune chronicles', number: 1, kind: 'series' },
    { name: 'Dune', kind: 'series' },
    { name: 'The Expanse', number: 2.5, kind: 'series' },
  ],
  subjects: [['Science fiction'], ['Fiction -- Time travel'], ['Fantasy'], ['Xyzzy'], ['xyzzy']],
  pageCount: [200, 201, 200.4],
  description: ['<p>A</p>', 'A', 'B'],
  publisher: ['Tor', 'Tor Books, Inc.', 'Tor Books'],
};
const POOL_FIELDS = FIELDS.filter((f) => POOLS[f] !== undefined);

const ORIGINS: readonly CandidateOrigin[] = [
  'embedded:opf',
  'embedded:exth',
  'filename',
  'folder',
  'openlibrary',
  'openlibrary:isbn',
  'googlebooks',
  'comicvine',
];
// Round confidences make ties; random ones make everything else.
const CONFIDENCES = [0, 0.2, 0.3, 0.5, 0.6, 0.75, 0.8, 1];

function valueFor<K extends MetadataField>(rng: Rng, field: K): FieldValue<K> {
  return pick(rng, POOLS[field] as readonly FieldValue<K>[]);
}

function candidateFor(rng: Rng): MergeCandidate {
  const field = pick(rng, POOL_FIELDS);
  const confidence = rng() < 0.6 ? pick(rng, CONFIDENCES) : rng();
  return mergeCandidate(field, valueFor(rng, field), pick(rng, ORIGINS), confidence);
}

function candidatesFor(rng: Rng): MergeCandidate[] {
  const out = Array.from({ length: 1 + Math.floor(rng() * 14) }, () => candidateFor(rng));
  // Exact duplicates too: two copies of one candidate must not make order matter.
  const twin = out[0];
  if (twin && rng() < 0.3) out.push({ ...twin });
  return out;
}

function sourcesFor(rng: Rng): DataSource[] {
  return SOURCE_IDS.filter(() => rng() < 0.8).map((id) => ({
    ...defaultSource(id),
    trust: rng() < 0.5 ? pick(rng, [0.05, 0.6, 0.7, 0.95, 1]) : Math.round(rng() * 100) / 100,
    enabled: rng() < 0.85,
    priority: Math.floor(rng() * 3),
    probation: rng() < 0.3 ? { until: '2025-06-01T00:00:00Z' } : false,
  }));
}

function manualFor(rng: Rng): BookMetadata {
  if (rng() < 0.7) return {};
  const field = pick(rng, POOL_FIELDS);
  return { [field]: valueFor(rng, field) };
}

const RUNS = 200;

describe('merge (property)', () => {
  it('does not depend on the order candidates arrive in', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = random(seed);
      const candidates = candidatesFor(rng);
      const sources = sourcesFor(rng);
      const manual = manualFor(rng);
      const options = rng() < 0.5 ? { now: '2025-03-01T00:00:00Z' } : {};
      const expected = merge(candidates, sources, manual, options);
      for (let round = 0; round < 3; round++) {
        const actual = merge(shuffle(rng, candidates), shuffle(rng, sources), manual, options);
        expect(actual, `seed ${seed}`).toStrictEqual(expected);
        expect(JSON.stringify(actual), `seed ${seed}`).toBe(JSON.stringify(expected));
      }
    }
  });

  it('keeps every confidence within 0–1, and the user at 1', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = random(seed);
      const candidates = candidatesFor(rng);
      const manual = manualFor(rng);
      const { fields } = merge(candidates, sourcesFor(rng), manual);
      for (const [field, decision] of Object.entries(fields)) {
        expect(decision.confidence, `seed ${seed} ${field}`).toBeGreaterThanOrEqual(0);
        expect(decision.confidence, `seed ${seed} ${field}`).toBeLessThanOrEqual(1);
        if (field in manual) expect(decision.confidence).toBe(1);
      }
    }
  });

  it('gives back the exact sources when a trust adjustment is reverted', () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const rng = random(seed);
      const candidates = candidatesFor(rng);
      const sources = sourcesFor(rng);
      const field = pick(rng, POOL_FIELDS);
      const chosen = valueFor(rng, field);
      const adjusted = adjustTrust(sources, field, chosen, candidates);
      expect(revertTrust(adjusted.sources, adjusted.changes), `seed ${seed}`).toStrictEqual(
        sources,
      );
      // The same adjustment whatever order the candidates came in.
      const again = adjustTrust(sources, field, chosen, shuffle(rng, candidates));
      expect(again, `seed ${seed}`).toStrictEqual(adjusted);
    }
  });
});
