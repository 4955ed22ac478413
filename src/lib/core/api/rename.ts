import { z } from 'zod';
import {
  CONFLICT_KINDS,
  CONFLICT_POLICIES,
  ENTRY_STATUSES,
  RESOLUTIONS,
  type Conflict,
  type PlanEntry,
  type PlanSummary,
} from '../rename/plan-types';
import { PROFILE_NAMES } from '../rename/sanitise';
import { TOKEN_NAMES } from '../rename/tokens';
import { jobSchema, operationSchema } from './jobs';
import { wholeNumberText } from './request-input';
import { route } from './route';

/** A rename request as a client sends it; what it leaves out the agent's settings fill in. */
export const renameRequestSchema = z.object({
  pattern: z.string({ error: 'required, e.g. ${author.sortname}/${title}.${ext}' }),
  profile: z
    .enum(PROFILE_NAMES, {
      error: 'must be linux, macos or windows (the file system the library is on)',
    })
    .optional(),
  onConflict: z
    .enum(CONFLICT_POLICIES, { error: 'must be skip, suffix or overwrite' })
    .default('skip'),
  /** Every book of the library, or these (book ids). */
  selection: z.union([z.literal('all'), z.array(z.string()).max(1_000_000)]).default('all'),
  /** Remove the folders a batch leaves empty (the source folders of its moves). */
  removeEmptyFolders: z.boolean().optional(),
});

/** Which books a rename is for: every book of the library, or these (book ids). */
export type Selection = z.output<typeof renameRequestSchema>['selection'];

/** What a rename uses when the request does not say: the admin's settings. */
export const renameOptionsSchema = z.object({
  pattern: z.string(),
  profile: z.enum(PROFILE_NAMES),
  onConflict: z.enum(CONFLICT_POLICIES),
  removeEmptyFolders: z.boolean(),
});
export type RenameOptions = z.infer<typeof renameOptionsSchema>;

/** The request completed with the defaults: the same one previews and executes. */
export const completeRenameRequestSchema = renameOptionsSchema.extend({
  selection: z.union([z.literal('all'), z.array(z.string())]),
});
export type RenameRequest = z.infer<typeof completeRenameRequestSchema>;

export const conflictSchema: z.ZodType<Conflict> = z.object({
  kind: z.enum(CONFLICT_KINDS),
  bookIds: z.array(z.string()),
  path: z.string(),
  message: z.string(),
  resolution: z.enum(RESOLUTIONS),
});

export const planEntrySchema: z.ZodType<PlanEntry> = z.object({
  bookId: z.string(),
  folderRoot: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(ENTRY_STATUSES),
  reasons: z.array(z.string()),
  emptyTokens: z.array(z.enum(TOKEN_NAMES)),
  companions: z.array(z.object({ from: z.string(), to: z.string() })),
});

const planSummaryObject = z.object({
  books: z.number().int(),
  move: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  error: z.number().int(),
  moves: z.number().int(),
  conflicts: z.partialRecord(z.enum(CONFLICT_KINDS), z.number().int()),
});
export const planSummarySchema: z.ZodType<PlanSummary> = planSummaryObject;

/** What a batch planned, as counts for the history (older batches kept fewer). */
export const batchSummarySchema = planSummaryObject.partial().extend({ moves: z.number().int() });
export type BatchSummary = z.infer<typeof batchSummarySchema>;

export const PREVIEW_FILTERS = ['all', 'changes', 'conflicts', 'problems'] as const;
export type PreviewFilter = (typeof PREVIEW_FILTERS)[number];

/** A plan entry with the conflicts that concern its book, as the preview lists it. */
export type PreviewEntry = PlanEntry & { conflicts: Conflict[] };
const previewEntrySchema: z.ZodType<PreviewEntry> = z.intersection(
  planEntrySchema,
  z.object({ conflicts: z.array(conflictSchema) }),
);

/** One page of a previewed plan. */
export const previewSchema = z.object({
  batchId: z.string(),
  planHash: z.string(),
  request: completeRenameRequestSchema,
  summary: planSummarySchema,
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Entries matching the search and filter. */
  total: z.number().int(),
  entries: z.array(previewEntrySchema),
});
export type Preview = z.infer<typeof previewSchema>;

export const BATCH_STATES = ['running', 'done', 'cancelled', 'interrupted'] as const;
/**
 * running: journaled, moves under way (or a crash stopped it: recovery finishes it);
 * done: every move committed or failed; cancelled: stopped by the user at a
 * book boundary, the rest left planned; interrupted: recovery gave up
 * continuing it, every file is still where the journal says.
 */
export type BatchState = (typeof BATCH_STATES)[number];
export const BATCH_KINDS = ['rename', 'undo'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

export const ENTRY_STATES = ['planned', 'moved', 'committed', 'failed'] as const;
/**
 * planned: not done yet; moved: on disk, and the file index follows;
 * committed: the catalog document follows too; failed: not moved, see reason.
 */
export type EntryState = (typeof ENTRY_STATES)[number];

/** A rename batch as its history lists it. */
export const batchSchema = z.object({
  id: z.string(),
  kind: z.enum(BATCH_KINDS),
  state: z.enum(BATCH_STATES),
  /** For an undo batch: the batch it undoes. */
  undoOf: z.string().optional(),
  /** For an undone batch: the undo batch. */
  undoneBy: z.string().optional(),
  jobId: z.number().int().optional(),
  pattern: z.string().optional(),
  profile: z.enum(PROFILE_NAMES).optional(),
  onConflict: z.enum(CONFLICT_POLICIES).optional(),
  planHash: z.string().optional(),
  removeEmptyFolders: z.boolean(),
  summary: batchSummarySchema,
  /** How many times a restart had to finish this batch. */
  recoveries: z.number().int(),
  message: z.string().optional(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  /** Moves by state. */
  counts: z.record(z.enum(ENTRY_STATES), z.number().int()),
});
export type RenameBatch = z.infer<typeof batchSchema>;

/** One primitive move of a batch, as journaled. */
export const journalEntrySchema = z.object({
  batchId: z.string(),
  seq: z.number().int(),
  /** The book the move is done for. */
  bookId: z.string(),
  folderId: z.string(),
  /** Absolute paths. */
  from: z.string(),
  to: z.string(),
  /** The same, relative to the library folder. */
  fromRel: z.string(),
  toRel: z.string(),
  companion: z.boolean(),
  trash: z.boolean(),
  temporary: z.boolean(),
  state: z.enum(ENTRY_STATES),
  reason: z.string().optional(),
  /** The file-index row the move carried along, if the file is cataloged. */
  fileId: z.number().int().optional(),
  updatedAt: z.string(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** A batch with its moves (the failed ones first, then the rest, a page at a time) and its log. */
export const batchDetailSchema = z.object({
  batch: batchSchema,
  /** All moves of the batch. */
  total: z.number().int(),
  entries: z.array(journalEntrySchema),
  log: z.array(operationSchema),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

/** Ids the agent gives batches (newId): paging one preview keeps its batch id. */
const BATCH_ID = /^[0-9a-z]{6,20}$/;
const NEEDS_PREVIEW =
  'Renaming needs the batchId and planHash of the preview you saw; preview first.';

const paging = z.object({
  limit: wholeNumberText.optional(),
  offset: wholeNumberText.optional(),
});
const enqueued = z.object({ batchId: z.string(), job: jobSchema });

/**
 * Renames: preview a pattern (the exact plan, paged), execute a previewed
 * plan as a job, list batches with their moves and log, undo one.
 */
export const RENAME = {
  options: route({
    method: 'GET',
    path: '/api/rename/options',
    response: z.object({ defaults: renameOptionsSchema }),
  }),
  /** Paging or searching one preview keeps its batchId; leave it out for a fresh plan. */
  preview: route({
    method: 'POST',
    path: '/api/rename/preview',
    body: renameRequestSchema.extend({
      batchId: z.string().regex(BATCH_ID, 'is not a batch id a preview gave').optional(),
      page: z.number().int().positive().default(1),
      pageSize: z.number().int().positive().default(50),
      /** Words that must all appear in the old or new path (any case). */
      search: z.string().default(''),
      filter: z.enum(PREVIEW_FILTERS).default('all'),
    }),
    response: previewSchema,
  }),
  /** Runs a previewed plan as a job (202); 409 when the library changed since the preview. */
  execute: route({
    method: 'POST',
    path: '/api/rename',
    body: renameRequestSchema.extend({
      batchId: z.string({ error: NEEDS_PREVIEW }).regex(BATCH_ID, NEEDS_PREVIEW),
      planHash: z.string({ error: NEEDS_PREVIEW }),
    }),
    response: enqueued,
  }),
  batches: route({
    method: 'GET',
    path: '/api/rename/batches',
    query: paging,
    response: z.array(batchSchema),
  }),
  batch: route({
    method: 'GET',
    path: '/api/rename/batches/:id',
    query: paging,
    response: batchDetailSchema,
  }),
  undo: route({
    method: 'POST',
    path: '/api/rename/batches/:id/undo',
    response: enqueued,
  }),
};
