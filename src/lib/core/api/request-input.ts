import { z } from 'zod';
import type { ApiRoute } from './route';

/** What is wrong with a request, for a 400: the field (dotted path) and a message naming it. */
export interface InputProblem {
  field: string;
  message: string;
}

/** The answer of a request the agent refused: `field` names the input at fault, when one is. */
export const apiErrorSchema = z.looseObject({
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
});

export type ParsedInput =
  | { ok: true; params: unknown; query: unknown; body: unknown }
  | { ok: false; problem: InputProblem };

const PARTS = ['params', 'query', 'body'] as const;

/** "required" rather than zod's "expected string, received undefined"; a schema's own message wins. */
const reasons: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;

function fieldOf(issue: z.core.$ZodIssue, part: string): string {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys] : issue.path;
  return path.length > 0 ? path.map(String).join('.') : part;
}

/** At most this many problems are told in one message: the first ones are what to fix first. */
const TOLD = 3;

/** The first problems zod found in `part` (a route's body, a CLI's request), each named. */
export function inputProblem(error: z.ZodError, part: string): InputProblem {
  const told = error.issues
    .slice(0, TOLD)
    .map((issue) => ({ field: fieldOf(issue, part), reason: issue.message }));
  return {
    field: told[0]?.field ?? part,
    message: told.map((t) => `${t.field}: ${t.reason}`).join('; '),
  };
}

/**
 * A request's path parameters, query and body read by its route's schemas,
 * or the first part that does not fit and why. Parts the route has no schema
 * for pass as they are; a missing JSON body reads as `{}`, so a required
 * field is named rather than the body.
 */
export function parseRequestInput(
  route: ApiRoute,
  raw: { params: unknown; query: unknown; body: unknown },
): ParsedInput {
  const parsed = { ...raw, body: route.body && raw.body === undefined ? {} : raw.body };
  for (const part of PARTS) {
    const schema = route[part];
    if (!schema) continue;
    const result = schema.safeParse(parsed[part], { error: reasons });
    if (!result.success) return { ok: false, problem: inputProblem(result.error, part) };
    parsed[part] = result.data;
  }
  return { ok: true, ...parsed };
}

/** A whole number written in a query or path (`?limit=50`), read as a number. */
export const wholeNumberText = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);

/** A positive whole number in a path: a job's or a settings change's id. */
export const idNumberText = wholeNumberText.refine((n) => n > 0, 'must be a positive number');
