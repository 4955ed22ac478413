import { z } from 'zod';
import type { WorkProgress } from '../progress';
import { wholeNumberText } from './request-input';
import { route } from './route';

export const workProgressSchema: z.ZodType<WorkProgress> = z.object({
  phase: z.string().optional(),
  done: z.number(),
  total: z.number().optional(),
  bytesDone: z.number().optional(),
  bytesTotal: z.number().optional(),
  rate: z.number().optional(),
  etaSeconds: z.number().optional(),
  current: z.string().optional(),
  message: z.string().optional(),
});

/** A background job as the agent reports it (its list, one job, and its event stream). */
export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  state: z.enum(['queued', 'paused', 'running', 'done', 'failed', 'cancelled']),
  /** Why a paused job waits (a full disk), set while it does. */
  pause: z
    .object({ reason: z.enum(['disk-full']), since: z.string(), message: z.string() })
    .optional(),
  /** Times it was paused: a pause gives its attempt back. */
  pauses: z.number().int(),
  priority: z.number(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  cancelRequested: z.boolean(),
  progress: workProgressSchema.optional(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
export type Job = z.infer<typeof jobSchema>;

/** One thing the agent did, as the user reads it in the operation log. */
export const operationSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  jobId: z.number().int().optional(),
  kind: z.string(),
  subject: z.string().optional(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Operation = z.infer<typeof operationSchema>;

const JOB_ID = 'A job id is a positive whole number.';
const jobId = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, JOB_ID)
    .transform(Number)
    .refine((id) => id > 0, JOB_ID),
});

/** Background jobs, the operation log, and the stream of job changes. */
export const JOBS = {
  list: route({ method: 'GET', path: '/api/jobs', response: z.array(jobSchema) }),
  get: route({ method: 'GET', path: '/api/jobs/:id', params: jobId, response: jobSchema }),
  cancel: route({
    method: 'POST',
    path: '/api/jobs/:id/cancel',
    params: jobId,
    response: jobSchema,
  }),
  /** A failed or cancelled job queued again, from its checkpoint (admins). */
  retry: route({
    method: 'POST',
    path: '/api/jobs/:id/retry',
    params: jobId,
    response: jobSchema,
  }),
  /** A queued job moved ahead of every other waiting job (admins). */
  runNext: route({
    method: 'POST',
    path: '/api/jobs/:id/run-next',
    params: jobId,
    response: jobSchema,
  }),
  /** Newest first; `job` for one job's entries, `before` (an entry id) to page back. */
  log: route({
    method: 'GET',
    path: '/api/log',
    query: z.object({
      job: wholeNumberText.optional(),
      before: wholeNumberText.optional(),
      limit: wholeNumberText.optional(),
    }),
    response: z.array(operationSchema),
  }),
  /** Server-sent events: each `job` event's data is a job (jobSchema) that changed. */
  events: route({ method: 'GET', path: '/api/events' }),
};
