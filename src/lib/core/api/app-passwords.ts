import { z } from 'zod';
import { route } from './route';

/**
 * A named password a user gives one device (an OPDS app, KOReader): it signs
 * in only to /opds and /kosync, and can be revoked alone. Its secret is shown
 * once, when it is made; the agent keeps only a hash.
 */
export const appPasswordSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
});
export type AppPassword = z.infer<typeof appPasswordSchema>;

/** Names are for telling devices apart in a list, not identifiers. */
export const APP_PASSWORD_NAME_MAX = 60;

/** The signed-in user's own app passwords. */
export const APP_PASSWORDS = {
  list: route({
    method: 'GET',
    path: '/api/me/app-passwords',
    response: z.array(appPasswordSchema),
  }),
  create: route({
    method: 'POST',
    path: '/api/me/app-passwords',
    body: z.object({ name: z.string().trim().max(APP_PASSWORD_NAME_MAX).default('') }),
    response: z.object({ password: appPasswordSchema, secret: z.string() }),
  }),
  revoke: route({
    method: 'DELETE',
    path: '/api/me/app-passwords/:id',
    response: z.object({ ok: z.literal(true) }),
  }),
};
