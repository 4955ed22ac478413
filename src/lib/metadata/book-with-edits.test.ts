import { describe, expect, it } from 'vitest';
import { resolveFieldEdits } from '#core/edits/field-edit-resolve';
import { emptyEditDoc } from '#core/schema/edit-doc';
import { fieldEditDoc } from '#core/schema/field-edit-doc';
import { fieldsWithEdits } from './book-with-edits';

const BOOK = 'book:lib:abc';
const edit = (field: 'title' | 'publisher', value: unknown, at: string, random: string) =>
  fieldEditDoc({
    book: BOOK,
    field,
    value,
    at: new Date(at),
    device: 'tablet',
    deviceName: 'Tablet',
    random,
    replaces: [],
  });

describe('fields with the edits the catalog has not caught up with', () => {
  const catalog = {
    ...emptyEditDoc('lib', 'abc'),
    fields: { title: 'Applied title', publisher: 'Ace' },
    updatedAt: '2026-03-01T12:00:00.000Z',
  };

  it('lays over an edit made after the catalog was written, and a clear removes the value', () => {
    const outcomes = resolveFieldEdits([
      edit('title', 'Newer title', '2026-03-01T12:00:01.000Z', 'aaaaaa'),
      edit('publisher', undefined, '2026-03-01T12:00:02.000Z', 'bbbbbb'),
    ]).values();
    const { fields, pending } = fieldsWithEdits(catalog, outcomes);
    expect(fields).toEqual({ title: 'Newer title' });
    expect([...pending].sort()).toEqual(['publisher', 'title']);
  });

  it('leaves what the catalog holds when it is as new as the edit (applied, or replaced since)', () => {
    const outcomes = resolveFieldEdits([
      edit('title', 'Older title', '2026-03-01T11:59:59.000Z', 'cccccc'),
    ]).values();
    expect(fieldsWithEdits(catalog, outcomes)).toEqual({
      fields: { title: 'Applied title', publisher: 'Ace' },
      pending: new Set(),
    });
  });

  it('shows an edit of a book the user never edited before', () => {
    const outcomes = resolveFieldEdits([
      edit('title', 'First edit', '2026-03-01T11:00:00.000Z', 'dddddd'),
    ]).values();
    expect(fieldsWithEdits(undefined, outcomes).fields).toEqual({ title: 'First edit' });
  });
});
