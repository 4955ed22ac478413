import { describe, expect, it } from 'vitest';
import { languageKey, toIso639_1 } from './languages';

describe('toIso639_1', () => {
  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['eng', 'en'],
    ['en-GB', 'en'],
    ['en_US', 'en'],
    ['fre', 'fr'],
    ['fra', 'fr'],
    ['ger', 'de'],
    ['deu', 'de'],
    ['dut', 'nl'],
    ['chi', 'zh'],
    ['zho', 'zh'],
    ['cmn', 'zh'],
    ['zh-Hant-TW', 'zh'],
    ['iw', 'he'],
    ['English', 'en'],
    ['english', 'en'],
    ['French', 'fr'],
    ['Français', 'fr'],
    ['Deutsch', 'de'],
    ['Español', 'es'],
    ['Norwegian Bokmål', 'nb'],
    ['Русский', 'ru'],
    ['日本語', 'ja'],
    ['English (United States)', 'en'],
    ['Portuguese language', 'pt'],
    ['grc', 'grc'],
    ['Ancient Greek', 'grc'],
    ['yue', 'yue'],
    ['Klingon', undefined],
    ['und', undefined],
    ['xx', undefined],
    ['', undefined],
  ])('%s → %s', (text, code) => expect(toIso639_1(text)).toBe(code));
});

describe('languageKey', () => {
  it.each([
    ['English', 'en'],
    ['tlh', 'tlh'],
    ['tlh-x-klingon', 'tlh'],
    ['und', undefined],
    ['zxx', undefined],
    ['Klingon', undefined],
    ['unknown', undefined],
  ])('%s → %s', (text, key) => expect(languageKey(text)).toBe(key));
});
