import { z } from 'zod';
import { route } from './route';
import { userSchema } from './users';

/** A new session: who signed in, and the token every state-changing request must carry. */
const signedIn = z.object({ user: userSchema, csrf: z.string() });

/** Signing in and out, and creating the first admin with the setup code. */
export const SESSION = {
  current: route({
    method: 'GET',
    path: '/api/session',
    response: z.object({
      user: userSchema.nullable(),
      csrf: z.string().nullable(),
      setupNeeded: z.boolean(),
    }),
  }),
  signIn: route({
    method: 'POST',
    path: '/api/session',
    body: z.object({ username: z.string(), password: z.string() }),
    response: signedIn,
  }),
  signOut: route({
    method: 'DELETE',
    path: '/api/session',
    response: z.object({ ok: z.literal(true) }),
  }),
  signOutEverywhere: route({
    method: 'POST',
    path: '/api/session/everywhere',
    response: z.object({ signedOut: z.number().int() }),
  }),
  setupNeeded: route({
    method: 'GET',
    path: '/api/setup',
    response: z.object({ needed: z.boolean() }),
  }),
  setUp: route({
    method: 'POST',
    path: '/api/setup',
    body: z.object({ code: z.string(), username: z.string(), password: z.string() }),
    response: signedIn,
  }),
};
