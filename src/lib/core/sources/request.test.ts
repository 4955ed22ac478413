import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SourceError } from './errors';
import { getJson } from './request';
import { fakeFetch, type FakeAnswer } from '#test-support/fake-fetch';

const schema = z.object({ title: z.string() });
const ask = (answer: FakeAnswer | (() => never)) =>
  getJson(
    {
      source: 'openlibrary',
      fetch: fakeFetch(() => (typeof answer === 'function' ? answer() : answer)),
      now: () => Date.parse('2025-01-01T00:00:00Z'),
    },
    'https://ol.test/x.json',
    schema,
  );

describe('getJson', () => {
  it('gives the validated value', async () => {
    expect(await ask({ body: { title: 'Sabriel', extra: 1 } })).toEqual({
      ok: true,
      value: { title: 'Sabriel' },
    });
  });

  const failures: [string, FakeAnswer | (() => never), object][] = [
    ['HTTP 500', { status: 500, body: 'oops' }, { kind: 'http', status: 500 }],
    ['HTTP 404', { status: 404 }, { kind: 'http', status: 404 }],
    [
      '429 with Retry-After seconds',
      { status: 429, headers: { 'Retry-After': '7' } },
      { kind: 'rate-limited', retryAfter: 7 },
    ],
    [
      '503 with an HTTP-date Retry-After',
      { status: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 00:01:00 GMT' } },
      { kind: 'rate-limited', retryAfter: 60 },
    ],
    ['503 without Retry-After', { status: 503 }, { kind: 'http', status: 503 }],
    [
      'malformed JSON',
      { body: '{"title": "Sab' },
      { kind: 'invalid-response', reason: 'not JSON' },
    ],
    ['JSON of the wrong shape', { body: { title: 7 } }, { kind: 'invalid-response' }],
    [
      'a refused connection',
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
      { kind: 'network', cause: 'ECONNREFUSED' },
    ],
    [
      'a timeout abort',
      () => {
        throw new DOMException('The operation timed out.', 'TimeoutError');
      },
      { kind: 'timeout' },
    ],
    [
      'a SourceError from the host',
      () => {
        throw new SourceError('openlibrary', { kind: 'circuit-open', retryIn: 30 });
      },
      { kind: 'circuit-open', retryIn: 30 },
    ],
  ];
  for (const [what, answer, failure] of failures)
    it(`turns ${what} into a SourceError result, never a throw`, async () => {
      const result = await ask(answer);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(SourceError);
      expect(result.error.failure).toMatchObject(failure);
      expect(result.error.source).toBe('openlibrary');
      expect(result.error.toJSON()).toMatchObject({
        ...failure,
        source: 'openlibrary',
        message: result.error.message,
      });
    });
});
