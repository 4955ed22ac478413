import { describe, expect, it } from 'vitest';
import { roleWords, rolesInWords } from './role-words';

describe('roleWords', () => {
  it('says MARC relator codes in words', () => {
    expect(rolesInWords(['trl', 'win'])).toBe('translator, introduction');
    expect(rolesInWords(['bkp', 'blw', 'cov', 'mrk', 'pfr', 'tyg'])).toBe(
      'book producer, blurb, cover designer, markup editor, proofreader, typographer',
    );
    expect(roleWords('TYD')).toBe('type designer');
  });

  it('keeps a comic role, once, and shows an unknown code as written', () => {
    expect(rolesInWords(['art', 'comic:penciller'])).toBe('artist, penciller');
    expect(rolesInWords(['aui', 'win'])).toBe('introduction');
    expect(roleWords('xyz')).toBe('xyz');
  });
});
