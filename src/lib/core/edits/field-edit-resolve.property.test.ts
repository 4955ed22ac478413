import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetadataField } from '../metadata/types';
import { fieldEditDoc, readFieldEditDoc, type FieldEditDoc } from '../schema/field-edit-doc';
import {
  conflictChoices,
  editChoice,
  fieldOutcome,
  outcomeKey,
  resolveFieldEdits,
} from './field-edit-resolve';

const BOOKS = ['book:lib:a', 'book:lib:b'];
const FIELDS: MetadataField[] = ['title', 'publisher', 'series'];
const VALUES: Record<string, readonly unknown[]> = {
  title: ['Dune', 'Dune Messiah', 'DUNE'],
  publisher: ['Ace', 'Chilton'],
  series: [
    { name: 'Dune', number: 1, kind: 'series' },
    { name: 'Dune', number: 2, kind: 'series' },
  ],
};
const REPLICAS = 3;
const DEVICES = ['tablet', 'laptop', 'phone'];

/** A step of the run: a device edits (set, or clear), or one replica pulls another's edits. */
type Step =
  | {
      kind: 'edit';
      replica: number;
      book: number;
      field: number;
      value: number;
      clear: boolean;
      tick: number;
    }
  | { kind: 'pull'; from: number; to: number; order: number[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    replica: fc.nat(REPLICAS - 1),
    book: fc.nat(BOOKS.length - 1),
    field: fc.nat(FIELDS.length - 1),
    value: fc.nat(2),
    clear: fc.boolean(),
    // Clocks of devices apart disagree: an edit's time may go back as well as forward.
    tick: fc.integer({ min: -3, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('pull' as const),
    from: fc.nat(REPLICAS - 1),
    to: fc.nat(REPLICAS - 1),
    order: fc.array(fc.nat(1000), { maxLength: 40 }),
  }),
);

type Replica = Map<string, FieldEditDoc>;

/** What a device shows for every field: the winner's choice per (book, field). */
function shown(replica: Replica): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, outcome] of resolveFieldEdits(replica.values()))
    out[key] = `${editChoice(outcome.winner)} conflict=${outcome.conflict}`;
  return out;
}

/** Copies what `from` holds into `to`, one document at a time in a random order (replication's batches). */
function pull(from: Replica, to: Replica, order: readonly number[]): void {
  const docs = [...from.values()];
  const shuffled = docs
    .map((doc, i) => ({ doc, rank: order[i % Math.max(order.length, 1)] ?? i }))
    .sort((a, b) => a.rank - b.rank);
  for (const { doc } of shuffled) to.set(doc._id, doc);
}

function run(steps: readonly Step[]) {
  const replicas: Replica[] = Array.from({ length: REPLICAS }, () => new Map());
  const clocks = Array.from({ length: REPLICAS }, () => Date.UTC(2026, 0, 1));
  const written: string[] = [];
  let serial = 0;
  for (const s of steps) {
    if (s.kind === 'pull') {
      pull(replicas[s.from] as Replica, replicas[s.to] as Replica, s.order);
      continue;
    }
    const replica = replicas[s.replica] as Replica;
    clocks[s.replica] = (clocks[s.replica] as number) + s.tick * 1000;
    const book = BOOKS[s.book] as string;
    const field = FIELDS[s.field] as MetadataField;
    const before = fieldOutcome(replica.values(), book, field);
    const doc = fieldEditDoc({
      book,
      field,
      value: s.clear ? undefined : VALUES[field]?.[s.value % (VALUES[field]?.length ?? 1)],
      at: new Date(clocks[s.replica] as number),
      device: DEVICES[s.replica] as string,
      deviceName: DEVICES[s.replica] as string,
      random: (serial++).toString(36).padStart(6, '0'),
      replaces: before?.heads.map((h) => h._id) ?? [],
    });
    expect(readFieldEditDoc(doc)).toEqual(doc);
    replica.set(doc._id, doc);
    written.push(doc._id);
    // The device shows its own edit at once: it is the winner there until it meets a later one.
    expect(fieldOutcome(replica.values(), book, field)?.winner._id).toBe(doc._id);
  }
  return { replicas, written };
}

describe('field edits across replicas', () => {
  it('end identical on every replica, every write kept, whatever the interleaving and replication order', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(REPLICAS - 1), fc.nat(REPLICAS - 1)), { maxLength: 6 }),
        (steps, extraPulls) => {
          const { replicas, written } = run(steps);
          // Some more random pulls, then every replica pulls every other (a full reconnect).
          for (const [from, to] of extraPulls)
            pull(replicas[from] as Replica, replicas[to] as Replica, []);
          for (let to = 0; to < REPLICAS; to++)
            for (let from = 0; from < REPLICAS; from++)
              pull(replicas[from] as Replica, replicas[to] as Replica, [to, from]);
          const first = shown(replicas[0] as Replica);
          for (const replica of replicas) {
            expect(shown(replica)).toEqual(first);
            expect(new Set(replica.keys())).toEqual(new Set(written));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a value lost to a later edit made apart stays among the heads until a pick replaces them all', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const { replicas } = run(steps);
        const all: Replica = new Map();
        for (const replica of replicas) pull(replica, all, []);
        for (const outcome of resolveFieldEdits(all.values()).values()) {
          // Every head is an edit no other edit replaced; each distinct choice is offered once.
          const choices = conflictChoices(outcome);
          expect(choices.length > 1).toBe(outcome.conflict);
          if (!outcome.conflict) continue;
          const loser = choices.at(-1)?.edit as FieldEditDoc;
          const pick = fieldEditDoc({
            book: outcome.book,
            field: outcome.field,
            value: loser.action === 'set' ? loser.value : undefined,
            // A pick made on a device whose clock is behind still settles it: it replaces every head.
            at: new Date(Date.UTC(2000, 0, 1)),
            device: 'phone',
            deviceName: 'phone',
            random: 'pick000',
            replaces: outcome.heads.map((h) => h._id),
          });
          const after = resolveFieldEdits([...all.values(), pick]).get(
            outcomeKey(outcome.book, outcome.field),
          );
          expect(after?.conflict).toBe(false);
          expect(after && editChoice(after.winner)).toBe(editChoice(loser));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('two devices apart: the later edit wins on both, and the earlier value is kept as a choice', () => {
    const base = { book: 'book:lib:a', field: 'title' as const, replaces: [] };
    const tablet = fieldEditDoc({
      ...base,
      value: 'Dune',
      at: new Date('2026-01-01T10:00:00Z'),
      device: 'tablet',
      deviceName: 'Tablet',
      random: 'aaaaaa',
    });
    const laptop = fieldEditDoc({
      ...base,
      value: 'Dune Messiah',
      at: new Date('2026-01-01T10:00:05Z'),
      device: 'laptop',
      deviceName: 'Laptop',
      random: 'bbbbbb',
    });
    for (const order of [
      [tablet, laptop],
      [laptop, tablet],
    ]) {
      const outcome = fieldOutcome(order, 'book:lib:a', 'title');
      expect(outcome?.winner.value).toBe('Dune Messiah');
      expect(outcome?.conflict).toBe(true);
      expect(conflictChoices(outcome!).map((c) => [c.devices, c.edit.value])).toEqual([
        [['Laptop'], 'Dune Messiah'],
        [['Tablet'], 'Dune'],
      ]);
    }
  });
});
