import { describe, expect, it } from 'vitest';
import { readSourceDoc, sourceDoc, sourceDocId } from './source-doc';
import { newSource } from '../merge/trust';

describe('source documents', () => {
  it('round-trips a source', () => {
    const source = newSource('openlibrary', '2025-01-01T00:00:00.000Z');
    const doc = sourceDoc('nas', source);
    expect(doc._id).toBe(sourceDocId('nas', 'openlibrary'));
    expect(doc._id).toBe('source:nas:openlibrary');
    expect(readSourceDoc(JSON.parse(JSON.stringify(doc)))).toEqual(source);
  });

  it('rejects a document it cannot read', () => {
    const doc = sourceDoc('nas', newSource('file', '2025-01-01T00:00:00.000Z'));
    expect(readSourceDoc({ ...doc, trust: 2 })).toBeUndefined();
    expect(readSourceDoc({ ...doc, id: 'amazon' })).toBeUndefined();
    expect(readSourceDoc(null)).toBeUndefined();
  });
});
