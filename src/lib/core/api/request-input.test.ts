import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idNumberText, parseRequestInput, wholeNumberText } from './request-input';
import { pathOf, route } from './route';

const example = route({
  method: 'POST',
  path: '/api/things/:id',
  params: z.object({ id: idNumberText }),
  query: z.object({ limit: wholeNumberText.optional() }),
  body: z.object({
    name: z.string(),
    tags: z.array(z.string()).default([]),
    size: z.number().int().min(1, 'at least 1').optional(),
  }),
  response: z.object({ ok: z.literal(true) }),
});
const parse = (params: unknown, query: unknown, body: unknown) =>
  parseRequestInput(example, { params, query, body });

describe('parseRequestInput', () => {
  it('reads parameters and query text into values and fills the body’s defaults', () => {
    expect(parse({ id: '7' }, { limit: '20' }, { name: 'x' })).toEqual({
      ok: true,
      params: { id: 7 },
      query: { limit: 20 },
      body: { name: 'x', tags: [] },
    });
  });

  it('names the field at fault and says why, path parameters first, then query, then body', () => {
    const problem = (params: unknown, query: unknown, body: unknown) => {
      const parsed = parse(params, query, body);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem({ id: 'x' }, {}, {})).toEqual({
      field: 'id',
      message: 'id: must be a whole number',
    });
    expect(problem({ id: '0' }, {}, {})?.message).toBe('id: must be a positive number');
    expect(problem({ id: '1' }, { limit: '-3' }, {})?.field).toBe('limit');
    expect(problem({ id: '1' }, { limit: ['1', '2'] }, {})?.field).toBe('limit');
    // No body at all reads as {}: the missing field is named, not the body.
    expect(problem({ id: '1' }, {}, undefined)).toEqual({
      field: 'name',
      message: 'name: required',
    });
    expect(problem({ id: '1' }, {}, { name: 'x', tags: ['a', 3] })?.field).toBe('tags.1');
    expect(problem({ id: '1' }, {}, { name: 'x', size: 0 })?.message).toBe('size: at least 1');
    expect(problem({ id: '1' }, {}, [1])?.field).toBe('body');
    expect(problem({ id: '1' }, {}, { name: 1, size: 'big' })?.message).toMatch(
      /^name: .*string.*; size: .*number/,
    );
  });

  it('names an unexpected key of a strict object', () => {
    const strict = route({ ...example, body: z.strictObject({ a: z.string().optional() }) });
    const parsed = parseRequestInput(strict, { params: { id: '1' }, query: {}, body: { b: 1 } });
    expect(parsed.ok ? undefined : parsed.problem.field).toBe('b');
  });

  it('leaves what a route has no schema for as it came', () => {
    const bare = route({ method: 'GET', path: '/api/x/:id' });
    expect(parseRequestInput(bare, { params: { id: 'a' }, query: { q: '1' }, body: 'b' })).toEqual({
      ok: true,
      params: { id: 'a' },
      query: { q: '1' },
      body: 'b',
    });
  });
});

describe('pathOf', () => {
  it('fills in each parameter, escaped', () => {
    expect(pathOf('/api/books/:bookId/fields/:field', { bookId: 'a/b c', field: 'title' })).toBe(
      '/api/books/a%2Fb%20c/fields/title',
    );
    expect(() => pathOf('/api/users/:id', {})).toThrow(/id/);
  });
});
