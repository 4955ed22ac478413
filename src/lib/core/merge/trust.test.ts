import { describe, expect, it } from 'vitest';
import {
  defaultSource,
  effectiveTrust,
  newSource,
  onProbation,
  recordRequest,
  sourceLookup,
} from './trust';

describe('sources and their trust', () => {
  it('starts with the default trust table', () => {
    expect(defaultSource('user').trust).toBe(1);
    expect(defaultSource('file').trust).toBe(0.7);
    expect(defaultSource('openlibrary')).toMatchObject({
      trust: 0.6,
      enabled: true,
      probation: false,
    });
  });

  it('puts a new external source on probation for thirty days', () => {
    const source = newSource('comicvine', '2025-01-01T00:00:00.000Z');
    expect(source.probation).toEqual({ until: '2025-01-31T00:00:00.000Z' });
    expect(onProbation(source, '2025-01-15T00:00:00Z')).toBe(true);
    expect(onProbation(source, '2025-02-01T00:00:00Z')).toBe(false);
    expect(effectiveTrust(source, '2025-01-15T00:00:00Z')).toBeCloseTo(0.3);
    expect(effectiveTrust(source, '2025-02-01T00:00:00Z')).toBe(0.6);
  });

  it('never puts the file or the user on probation', () => {
    expect(newSource('file', '2025-01-01T00:00:00Z').probation).toBe(false);
    expect(newSource('user', '2025-01-01T00:00:00Z').probation).toBe(false);
  });

  it('counts a dated probation as running when no clock is given', () => {
    expect(onProbation(newSource('googlebooks', '2025-01-01T00:00:00Z'))).toBe(true);
  });

  it('gives a disabled source no trust, and keeps trust within 0–1', () => {
    expect(effectiveTrust({ ...defaultSource('file'), enabled: false })).toBe(0);
    expect(effectiveTrust({ ...defaultSource('file'), trust: 1.4 })).toBe(1);
    expect(effectiveTrust({ ...defaultSource('file'), trust: -1 })).toBe(0);
  });

  it('counts requests and failures', () => {
    const source = recordRequest(recordRequest(defaultSource('openlibrary'), false), true);
    expect(source.stats).toEqual({ requests: 2, failures: 1, accepted: 0, overridden: 0 });
  });

  it('looks sources up in a list or a record, defaults for the rest', () => {
    const file = { ...defaultSource('file'), trust: 0.2 };
    expect(sourceLookup([file])('file').trust).toBe(0.2);
    expect(sourceLookup({ file })('file').trust).toBe(0.2);
    expect(sourceLookup([])('googlebooks')).toEqual(defaultSource('googlebooks'));
  });
});
