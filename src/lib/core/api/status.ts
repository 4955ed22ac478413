import { z } from 'zod';
import { folderSchema } from './folders';
import { jobSchema } from './jobs';
import { route } from './route';

/** What the agent is (its library id, the catalog schema it writes), and starting a scan. */
export const STATUS = {
  status: route({
    method: 'GET',
    path: '/api/status',
    response: z.object({
      name: z.literal('colophon'),
      library: z.string(),
      schemaVersion: z.number().int(),
      folders: z.array(folderSchema),
    }),
  }),
  /** Scans every library folder now: the scan job (202), or 409 `no-folders`. */
  scan: route({ method: 'POST', path: '/api/scans', response: jobSchema }),
};
