import { z } from 'zod';

/**
 * How replication with a CouchDB hub is going, as the agent reports it to
 * admins: `connecting` until every database has caught up once, `connected`
 * while all are caught up or moving, `error` while one cannot reach the hub
 * (the sentence says why; replication retries by itself).
 */
export const HUB_STATES = ['off', 'connecting', 'connected', 'error'] as const;
export type HubState = (typeof HUB_STATES)[number];

export const hubDatabaseStatusSchema = z.object({
  /** What is replicated: "the catalog", "rita's shelves and progress". */
  what: z.string(),
  /** The database's name on the hub. */
  hub: z.string(),
  state: z.enum(HUB_STATES),
  lastSync: z.string().optional(),
  error: z.string().optional(),
  /** Documents from the hub this agent refused (invalid, or another agent's to write). */
  refused: z.number().int().nonnegative(),
});
export type HubDatabaseStatus = z.infer<typeof hubDatabaseStatusSchema>;

export const hubStatusSchema = z.object({
  state: z.enum(HUB_STATES),
  /** The hub's address with its user name, never its password. */
  address: z.string().optional(),
  user: z.string().optional(),
  hasPassword: z.boolean(),
  /** A warning about the address (a password sent over plain http). */
  caution: z.string().optional(),
  /** When every database was last caught up with the hub. */
  lastSync: z.string().optional(),
  error: z.string().optional(),
  databases: z.array(hubDatabaseStatusSchema),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** A new hub address from Settings: a password left out keeps the one stored. */
export const hubAddressBodySchema = z.object({
  /** The server, e.g. https://couch.example:6984; empty turns the hub off. */
  address: z.string().trim().max(1000),
  user: z.string().trim().max(200).default(''),
  password: z.string().max(500).optional(),
});
