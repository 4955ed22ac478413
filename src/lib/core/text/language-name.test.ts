import { describe, expect, it } from 'vitest';
import { languageName } from './language-name';

describe('languageName', () => {
  it.each([
    ['fr', 'French'],
    ['en', 'English'],
    ['pt-BR', 'Brazilian Portuguese'],
    ['English', 'English'],
    ['eng; fre', 'eng; fre'],
    ['', ''],
  ])('%j → %j', (code, name) => expect(languageName(code)).toBe(name));
});
