import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookMetadata, MetadataField } from '../metadata/types';
import { FIELDS, type FieldValue } from './field-kinds';
import { leadingSource } from './lead';
import { merge } from './merge';
import {
  mergeCandidate,
  SOURCE_IDS,
  type CandidateOrigin,
  type MergeCandidate,
  type SourceId,
} from './sources';
import { defaultSource, sourceLookup, type DataSource } from './trust';
import { adjustTrust, revertTrust } from './trust-adjust';

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
  rating: [4, 4.5, 4.4, 0, 5],
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
  'calibre',
];
const CONFIDENCES = [0, 0.2, 0.3, 0.5, 0.6, 0.75, 0.8, 1];

// Arbitraries: fast-check draws the cases, shrinks a failing one and prints the seed to replay it.

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const fieldArb = fc.constantFrom(...POOL_FIELDS);

function valueArb<K extends MetadataField>(field: K): fc.Arbitrary<FieldValue<K>> {
  return fc.constantFrom(...(POOLS[field] as readonly FieldValue<K>[]));
}

const candidateArb: fc.Arbitrary<MergeCandidate> = fieldArb.chain((field) =>
  fc
    .tuple(
      valueArb(field),
      fc.constantFrom(...ORIGINS),
      // Round confidences make ties; any other makes everything else.
      fc.oneof(fc.constantFrom(...CONFIDENCES), unit),
    )
    .map(([value, origin, confidence]) => mergeCandidate(field, value, origin, confidence)),
);

// Exact duplicates too: two copies of one candidate must not make order matter.
const candidatesArb = fc
  .tuple(fc.array(candidateArb, { minLength: 1, maxLength: 14 }), fc.boolean())
  .map(([candidates, twin]) =>
    twin && candidates[0] ? [...candidates, { ...candidates[0] }] : candidates,
  );

const sourceArb = (id: SourceId): fc.Arbitrary<DataSource> =>
  fc
    .record({
      trust: fc.oneof(
        fc.constantFrom(0.05, 0.6, 0.7, 0.95, 1),
        fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
      ),
      enabled: fc.boolean(),
      priority: fc.integer({ min: 0, max: 2 }),
      probation: fc.boolean(),
    })
    .map(({ probation, ...rest }) => ({
      ...defaultSource(id),
      ...rest,
      probation: probation ? { until: '2025-06-01T00:00:00Z' } : false,
    }));

// Each source present or not, in table order.
const sourcesArb: fc.Arbitrary<DataSource[]> = fc
  .tuple(...SOURCE_IDS.map((id) => fc.option(sourceArb(id), { nil: undefined })))
  .map((sources) => sources.filter((s): s is DataSource => s !== undefined));

const manualArb: fc.Arbitrary<BookMetadata> = fc.oneof(
  { weight: 7, arbitrary: fc.constant(null).map((): BookMetadata => ({})) },
  {
    weight: 3,
    arbitrary: fieldArb.chain((field) =>
      valueArb(field).map((value): BookMetadata => ({ [field]: value })),
    ),
  },
);

/** The items in another order. */
const permutation = <T>(items: readonly T[]): fc.Arbitrary<T[]> =>
  fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

const RUNS = 200;

describe('merge (property)', () => {
  it('does not depend on the order candidates arrive in', () => {
    const caseArb = fc
      .record({
        candidates: candidatesArb,
        sources: sourcesArb,
        manual: manualArb,
        options: fc.boolean().map((now) => (now ? { now: '2025-03-01T00:00:00Z' } : {})),
      })
      .chain((c) =>
        fc.record({
          c: fc.constant(c),
          orders: fc.array(fc.tuple(permutation(c.candidates), permutation(c.sources)), {
            minLength: 3,
            maxLength: 3,
          }),
        }),
      );
    fc.assert(
      fc.property(caseArb, ({ c, orders }) => {
        const expected = merge(c.candidates, c.sources, c.manual, c.options);
        for (const [candidates, sources] of orders) {
          const actual = merge(candidates, sources, c.manual, c.options);
          expect(actual).toStrictEqual(expected);
          expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps every confidence within 0–1, and the user at 1', () => {
    fc.assert(
      fc.property(candidatesArb, sourcesArb, manualArb, (candidates, sources, manual) => {
        const { fields } = merge(candidates, sources, manual);
        for (const [field, decision] of Object.entries(fields)) {
          expect(decision.confidence, field).toBeGreaterThanOrEqual(0);
          expect(decision.confidence, field).toBeLessThanOrEqual(1);
          if (field in manual) expect(decision.confidence).toBe(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('shows, where a curated source leads, a value it backs on every field it gave one for', () => {
    fc.assert(
      fc.property(candidatesArb, sourcesArb, (candidates, sources) => {
        const { fields } = merge(candidates, sources);
        if (leadingSource(sourceLookup(sources), undefined) !== 'calibre') return;
        for (const field of FIELDS.filter((f) => f !== 'identifiers')) {
          const own = fields[field]?.candidates.filter(
            (v) => v.source === 'calibre' && v.weight > 0,
          );
          if (own?.length)
            expect(
              own.some((v) => v.agreed),
              field,
            ).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives back the exact sources when a trust adjustment is reverted', () => {
    const caseArb = fc
      .record({
        candidates: candidatesArb,
        sources: sourcesArb,
        chosen: fieldArb.chain((field) => valueArb(field).map((value) => ({ field, value }))),
      })
      .chain((c) => fc.record({ c: fc.constant(c), shuffled: permutation(c.candidates) }));
    fc.assert(
      fc.property(caseArb, ({ c, shuffled }) => {
        const { field, value } = c.chosen;
        const adjusted = adjustTrust(c.sources, field, value, c.candidates);
        expect(revertTrust(adjusted.sources, adjusted.changes)).toStrictEqual(c.sources);
        // The same adjustment whatever order the candidates came in.
        expect(adjustTrust(c.sources, field, value, shuffled)).toStrictEqual(adjusted);
      }),
      { numRuns: RUNS },
    );
  });
});
