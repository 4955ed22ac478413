import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineDocumentType } from './document-type';

/** A document type at version 3 that renamed a field in v2 and added one in v3. */
const noteSchema = z.object({
  _id: z.string(),
  type: z.literal('note'),
  v: z.literal(3),
  text: z.string(),
  pinned: z.boolean(),
});
type Note = z.infer<typeof noteSchema>;

const noteType = defineDocumentType<Note>({
  type: 'note',
  version: 3,
  schema: noteSchema,
  upgrades: {
    1: ({ body, ...rest }) => ({ ...rest, text: body }),
    2: (doc) => ({ ...doc, pinned: false }),
  },
});

describe('document types', () => {
  it('reads the current version as it is', () => {
    const doc = { _id: 'n1', type: 'note', v: 3, text: 'hi', pinned: true };
    expect(noteType.read(doc)).toEqual(doc);
  });

  it('upgrades every earlier version, one step at a time, never dropping it', () => {
    expect(noteType.read({ _id: 'n1', type: 'note', v: 1, body: 'old' })).toEqual({
      _id: 'n1',
      type: 'note',
      v: 3,
      text: 'old',
      pinned: false,
    });
    expect(noteType.read({ _id: 'n2', type: 'note', v: 2, text: 'mid' })?.pinned).toBe(false);
  });

  it('does not read a newer version, and says it is newer', () => {
    const newer = { _id: 'n1', type: 'note', v: 4, text: 'x', pinned: false, colour: 'red' };
    expect(noteType.read(newer)).toBeUndefined();
    expect(noteType.isNewer(newer)).toBe(true);
    expect(noteType.isNewer({ _id: 'n1', type: 'note', v: 3 })).toBe(false);
  });

  it('refuses what is not a valid document of its type', () => {
    for (const raw of [
      null,
      'note',
      { _id: 'n1', type: 'other', v: 3, text: 'x', pinned: false },
      { _id: 'n1', type: 'note', text: 'x', pinned: false },
      { _id: 'n1', type: 'note', v: 0, text: 'x', pinned: false },
      { _id: 'n1', type: 'note', v: 3, text: 5, pinned: false },
    ])
      expect(noteType.read(raw)).toBeUndefined();
  });

  it('cannot be defined without an upgrade from each earlier version', () => {
    expect(() =>
      defineDocumentType<Note>({
        type: 'note',
        version: 3,
        schema: noteSchema,
        upgrades: { 1: (doc) => doc },
      }),
    ).toThrow(/no upgrade from version 2/);
  });
});
