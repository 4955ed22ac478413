import { describe, expect, it } from 'vitest';
import { LOOKUP_DELAY_MS, lookupDelayMs } from './metadata';

describe('the wait before lookups after a scan', () => {
  it('is a minute unless COLOPHON_LOOKUP_DELAY_S says otherwise', () => {
    expect(lookupDelayMs({})).toBe(LOOKUP_DELAY_MS);
    expect(lookupDelayMs({ COLOPHON_LOOKUP_DELAY_S: ' ' })).toBe(LOOKUP_DELAY_MS);
    expect(lookupDelayMs({ COLOPHON_LOOKUP_DELAY_S: '2' })).toBe(2000);
    expect(lookupDelayMs({ COLOPHON_LOOKUP_DELAY_S: '0' })).toBe(0);
  });

  it('refuses a value that is not seconds, saying what to give', () => {
    expect(() => lookupDelayMs({ COLOPHON_LOOKUP_DELAY_S: 'soon' })).toThrow(/seconds to wait/);
    expect(() => lookupDelayMs({ COLOPHON_LOOKUP_DELAY_S: '-1' })).toThrow(/0 or more/);
  });
});
