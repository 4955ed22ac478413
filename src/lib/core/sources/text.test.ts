import { describe, expect, it } from 'vitest';
import { isoDate } from './published';
import { withoutSecrets, redactSecrets } from './redact';
import { parseRetryAfter } from './retry-after';
import { cleanText, markdownToText, repairC1 } from './text';

describe('text from sources', () => {
  it('reads C1 controls as the cp1252 characters they stood for', () => {
    expect(repairC1('runner \u0097 every \u0093pleasure\u0094 \u0081')).toBe(
      'runner — every “pleasure” ',
    );
  });
  it('trims, unifies line ends, and gives undefined for nothing', () => {
    expect(cleanText('  a\r\nb ')).toBe('a\nb');
    expect(cleanText('   ')).toBeUndefined();
    expect(cleanText(null)).toBeUndefined();
  });
  const markdown: [string, string][] = [
    ['>"Quoted" opening', '"Quoted" opening'],
    ['*The Stars With You* gives', 'The Stars With You gives'],
    ['**bold** and __strong__', 'bold and strong'],
    ['- [publisher](https://example.com/x)', '- publisher'],
    ['## Heading\ntext', 'Heading\ntext'],
    ['text\n\n----------\n\n\n\nmore', 'text\n\nmore'],
    ['2 * 3 * 4 stays', '2 * 3 * 4 stays'],
  ];
  for (const [input, output] of markdown)
    it(`markdown ${JSON.stringify(input)} → ${JSON.stringify(output)}`, () =>
      expect(markdownToText(input)).toBe(output));
});

describe('isoDate', () => {
  const cases: [string, string][] = [
    ['2002', '2002'],
    ['2023-05-16', '2023-05-16'],
    ['April 22, 2008', '2008-04-22'],
    ['July 16, 2019', '2019-07-16'],
    ['November 2006', '2006-11'],
    ['Sept. 2006', '2006-09'],
    ['22 April 2008', '2008-04-22'],
    ['c1995', '1995'],
    ['[1995?]', '1995'],
    ['sometime in the 90s', 'sometime in the 90s'],
  ];
  for (const [text, iso] of cases)
    it(`"${text}" → "${iso}"`, () => expect(isoDate(text)).toBe(iso));
});

describe('Retry-After', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('secrets in URLs', () => {
  const url =
    'https://comicvine.gamespot.com/api/volumes/?api_key=SECRET&format=json&filter=name%3ABatman';
  it('are removed from cache keys', () => {
    expect(withoutSecrets(url)).toBe(
      'https://comicvine.gamespot.com/api/volumes/?format=json&filter=name%3ABatman',
    );
    expect(withoutSecrets('https://g/volumes?q=x&key=K')).toBe('https://g/volumes?q=x');
  });
  it('are masked in any text', () => {
    expect(redactSecrets(`GET ${url} failed`)).toBe(
      'GET https://comicvine.gamespot.com/api/volumes/?api_key=***&format=json&filter=name%3ABatman failed',
    );
  });
});
