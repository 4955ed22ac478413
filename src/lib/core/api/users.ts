import { z } from 'zod';
import { route } from './route';

export const ROLES = ['admin', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** An account as the agent shows it (never its password hash). */
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** Each user's own preferences, kept by the agent; what is left out takes its default. */
export const preferencesSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  pageSize: z.number().int().min(10).max(500).default(60),
  caseSensitiveSearch: z.boolean().default(false),
});
export type Preferences = z.output<typeof preferencesSchema>;

const done = z.object({ ok: z.literal(true) });
const signedOut = z.object({ signedOut: z.number().int() });

/** Accounts (admins manage them), and each user's own password and preferences. */
export const USERS = {
  list: route({ method: 'GET', path: '/api/users', response: z.array(userSchema) }),
  add: route({
    method: 'POST',
    path: '/api/users',
    body: z.object({
      username: z.string(),
      password: z.string(),
      role: z.enum(ROLES).default('reader'),
    }),
    response: userSchema,
  }),
  change: route({
    method: 'PATCH',
    path: '/api/users/:id',
    body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }),
    response: userSchema,
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/users/:id/password',
    body: z.object({ password: z.string() }),
    response: done,
  }),
  signOut: route({ method: 'POST', path: '/api/users/:id/sign-out', response: signedOut }),
  remove: route({ method: 'DELETE', path: '/api/users/:id', response: done }),
  changeOwnPassword: route({
    method: 'PUT',
    path: '/api/me/password',
    body: z.object({ current: z.string(), password: z.string() }),
    response: done.extend(signedOut.shape),
  }),
  preferences: route({ method: 'GET', path: '/api/me/preferences', response: preferencesSchema }),
  setPreferences: route({
    method: 'PUT',
    path: '/api/me/preferences',
    body: preferencesSchema,
    response: preferencesSchema,
  }),
};
