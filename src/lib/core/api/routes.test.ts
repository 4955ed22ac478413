import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_PREFIX } from './route';
import { API_ROUTES } from './routes';

const name = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const paramNames = (path: string) => [...path.matchAll(/[:*](\w+)/g)].map((m) => m[1]);

describe('the API route table', () => {
  it('names each route once, under /api', () => {
    const names = API_ROUTES.map(name);
    expect(new Set(names).size).toBe(names.length);
    for (const route of API_ROUTES) expect(route.path.startsWith(`${API_PREFIX}/`)).toBe(true);
  });

  it('gives a parameter schema exactly the parameters its path names', () => {
    for (const route of API_ROUTES.filter((r) => r.params)) {
      expect(route.params, name(route)).toBeInstanceOf(z.ZodObject);
      const keys = Object.keys((route.params as z.ZodObject).shape).sort();
      expect(keys, name(route)).toEqual(paramNames(route.path).sort());
    }
    // A rest-of-path parameter is an array in express: only a schema can say so.
    for (const route of API_ROUTES.filter((r) => r.path.includes('*')))
      expect(route.params, name(route)).toBeDefined();
  });

  it('reads a body only where the method carries one, and JSON or a file, not both', () => {
    for (const route of API_ROUTES) {
      if (route.method === 'GET') expect(route.body ?? route.upload, name(route)).toBeUndefined();
      expect(route.body && route.upload, name(route)).toBeFalsy();
    }
  });

  it('reads queries only from text, the way they arrive', () => {
    for (const route of API_ROUTES.filter((r) => r.query)) {
      const shape = (route.query as z.ZodObject).shape as Record<string, z.ZodType>;
      for (const [key, field] of Object.entries(shape))
        expect(field.safeParse(7).success, `${name(route)} ?${key}`).toBe(false);
    }
  });
});
