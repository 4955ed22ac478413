import { z } from 'zod';
import { jobSchema } from './jobs';
import { route } from './route';

/** The kind of the job an import runs as (its `result` is a calibreImportSummarySchema). */
export const CALIBRE_IMPORT_JOB = 'calibre-import';

/** Problems a summary lists at most; the operation log has every one. */
export const CALIBRE_PROBLEMS_LISTED = 100;

/** Something of a Calibre book that did not come across, and why. */
export const calibreProblemSchema = z.object({
  calibreId: z.number().int(),
  title: z.string(),
  /** The format's file below the library folder, when the problem is one file's. */
  file: z.string().optional(),
  /** Why, in a sentence the user can act on. */
  reason: z.string(),
});
export type CalibreProblem = z.infer<typeof calibreProblemSchema>;

/** What an import did: the job's result. */
export const calibreImportSummarySchema = z.object({
  /** The Calibre library folder, now a library folder of Colophon. */
  library: z.string(),
  /** Its library folder id. */
  folder: z.string(),
  /** Books metadata.db lists. */
  books: z.number().int(),
  /** Books whose values reached at least one cataloged file. */
  imported: z.number().int(),
  /** Cataloged files given Calibre values (a book with several formats gives each the same). */
  files: z.number().int(),
  /** Books imported onto several files (EPUB and MOBI, …): each is a book of its own for now (issue 19). */
  severalFormats: z.number().int(),
  /** Books that came with no file (none listed, missing, or none Colophon catalogs). */
  notImported: z.number().int(),
  /** Calibre covers (cover.jpg) given to files. */
  covers: z.number().int(),
  /** Files whose Calibre values an earlier import gave and this one took back. */
  removed: z.number().int(),
  /** The first problems, books that came with no file first; `moreProblems` were left off. */
  problems: z.array(calibreProblemSchema),
  moreProblems: z.number().int(),
  /** How the scan of the library folder ended (files it could not catalog are in its log). */
  scan: z.string(),
});
export type CalibreImportSummary = z.infer<typeof calibreImportSummarySchema>;

const calibreRequest = z.object({
  /** The Calibre library folder on the agent's machine (or its metadata.db). */
  path: z.string(),
});

/** Importing a Calibre library: checking a path, and the import (admins). */
export const CALIBRE = {
  /** Reads the library's metadata.db without importing: 400 `invalid-calibre-library` saying why not. */
  check: route({
    method: 'POST',
    path: '/api/calibre/check',
    body: calibreRequest,
    response: z.object({
      ok: z.literal(true),
      library: z.string(),
      books: z.number().int(),
      /** Format files the books list (EPUB, MOBI, … each counted). */
      files: z.number().int(),
      /** Of those, files of formats Colophon catalogs. */
      cataloged: z.number().int(),
    }),
  }),
  /** Queues the import (202, the job); an import of the same library already queued is returned. */
  import: route({
    method: 'POST',
    path: '/api/calibre/import',
    body: calibreRequest,
    response: jobSchema,
  }),
};
