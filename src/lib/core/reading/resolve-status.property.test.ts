import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  READING_STATUSES,
  readingStatusDoc,
  type ReadingStatusDoc,
} from '../schema/reading-status-doc';
import { compareSettings, resolveStatus } from './resolve-status';

const BASE = Date.parse('2026-01-01T00:00:00Z');

/** Settings of one book's status from a few devices, often at the same instant (ties). */
const setting = fc
  .record({
    status: fc.constantFrom(...READING_STATUSES),
    device: fc.constantFrom('a', 'b', 'B', 'c-1', 'z_9'),
    // A small range of instants, so equal times (the tie-break) come up often.
    offset: fc.integer({ min: 0, max: 5 }),
    rev: fc.integer({ min: 1, max: 99 }),
  })
  .map(({ status, device, offset, rev }): ReadingStatusDoc => ({
    ...readingStatusDoc('book:lib:b1', status, device, new Date(BASE + offset * 1000)),
    _rev: `${rev}-x`,
  }));

const facts = (doc: ReadingStatusDoc | undefined) =>
  doc && { status: doc.status, setAt: doc.setAt, device: doc.device };

describe('resolving conflicting reading statuses', () => {
  it('picks the same setting whatever order the revisions arrive in', () => {
    fc.assert(
      fc.property(
        fc
          .array(setting, { minLength: 1, maxLength: 8 })
          .chain((revisions) =>
            fc.tuple(
              fc.constant(revisions),
              fc.shuffledSubarray(revisions, { minLength: revisions.length }),
            ),
          ),
        ([revisions, shuffled]) => {
          expect(facts(resolveStatus(shuffled))).toEqual(facts(resolveStatus(revisions)));
        },
      ),
    );
  });

  it('picks one of the revisions, none later than it', () => {
    fc.assert(
      fc.property(fc.array(setting, { minLength: 1, maxLength: 8 }), (revisions) => {
        const winner = resolveStatus(revisions);
        expect(revisions).toContain(winner);
        const time = Date.parse(winner?.setAt ?? '');
        for (const r of revisions) expect(Date.parse(r.setAt)).toBeLessThanOrEqual(time);
      }),
    );
  });

  it('orders settings totally: antisymmetric, and zero only for the same facts', () => {
    fc.assert(
      fc.property(setting, setting, (a, b) => {
        const ab = compareSettings(a, b);
        expect(Math.sign(ab) + Math.sign(compareSettings(b, a))).toBe(0);
        if (ab === 0) expect(facts(a)).toEqual(facts(b));
      }),
    );
  });

  it('a later setting wins, a tie goes to the greater device id', () => {
    const at = (s: number) => new Date(BASE + s * 1000);
    const early = readingStatusDoc('book:lib:b1', 'finished', 'z', at(1));
    const late = readingStatusDoc('book:lib:b1', 'unread', 'a', at(2));
    expect(resolveStatus([late, early])).toBe(late);
    const tieA = readingStatusDoc('book:lib:b1', 'finished', 'a', at(1));
    const tieB = readingStatusDoc('book:lib:b1', 'reading', 'b', at(1));
    expect(resolveStatus([tieA, tieB])).toBe(tieB);
    expect(resolveStatus([])).toBeUndefined();
  });
});
