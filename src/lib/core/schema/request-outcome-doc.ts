import { z } from 'zod';
import { defineDocumentType } from './document-type';
import { couchFields } from './couch-fields';
import { REQUEST_PREFIX } from './request-doc';

export const REQUEST_OUTCOME_VERSION = 1 as const;
/** Outside the request:… range on purpose: devices never write these, only the agent does. */
export const REQUEST_OUTCOME_PREFIX = 'request-outcome:';

export const requestOutcomeDocSchema = z.strictObject({
  _id: z.string().startsWith(REQUEST_OUTCOME_PREFIX),
  ...couchFields,
  type: z.literal('request-outcome'),
  v: z.literal(REQUEST_OUTCOME_VERSION),
  /** The request (request:…) this tells about. */
  request: z.string().startsWith(REQUEST_PREFIX),
  outcome: z.literal('failed'),
  /** Why, in the words the agent's route would use. */
  reason: z.string().min(1).max(2000),
  at: z.iso.datetime(),
});
export type RequestOutcomeDoc = z.infer<typeof requestOutcomeDocSchema>;

/**
 * The agent's word on a request it took but could not carry out when its
 * turn came (the book went, the library changed under a rename): written by
 * the agent into the asker's own database, so the device that asked shows
 * why, as it shows a refusal. Devices only read these.
 */
export const requestOutcomeDocType = defineDocumentType({
  type: 'request-outcome',
  version: REQUEST_OUTCOME_VERSION,
  schema: requestOutcomeDocSchema,
});

export function readRequestOutcomeDoc(raw: unknown): RequestOutcomeDoc | undefined {
  return requestOutcomeDocType.read(raw);
}

export const requestOutcomeDocId = (requestId: string): string =>
  `${REQUEST_OUTCOME_PREFIX}${requestId.slice(REQUEST_PREFIX.length)}`;

export function requestFailedDoc(requestId: string, reason: string, at: Date): RequestOutcomeDoc {
  return {
    _id: requestOutcomeDocId(requestId),
    type: 'request-outcome',
    v: REQUEST_OUTCOME_VERSION,
    request: requestId,
    outcome: 'failed',
    reason: reason.slice(0, 2000),
    at: at.toISOString(),
  };
}
