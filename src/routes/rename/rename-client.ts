import type { Conflict, ConflictPolicy, PlanEntry, PlanSummary } from '#core/rename/plan-types';
import type { ProfileName } from '#core/rename/sanitise';
import { api } from '$lib/auth/api';
import type { JobReport, Operation } from '$lib/sync/jobs.svelte';

/** The agent's rename API (agent/server/rename-api.ts), as this page uses it. */

export type PreviewFilter = 'all' | 'changes' | 'conflicts' | 'problems';

export interface RenameOptions {
  pattern: string;
  profile: ProfileName;
  onConflict: ConflictPolicy;
  removeEmptyFolders: boolean;
}

export interface PreviewQuery {
  /** Keep it to page through one preview; leave it out for a fresh plan. */
  batchId?: string;
  page: number;
  pageSize: number;
  search: string;
  filter: PreviewFilter;
}

export type PreviewEntry = PlanEntry & { conflicts: Conflict[] };

export interface Preview {
  batchId: string;
  planHash: string;
  summary: PlanSummary;
  page: number;
  pageSize: number;
  total: number;
  entries: PreviewEntry[];
}

export type BatchState = 'running' | 'done' | 'cancelled' | 'interrupted';
export type EntryState = 'planned' | 'moved' | 'committed' | 'failed';

export interface Batch {
  id: string;
  kind: 'rename' | 'undo';
  state: BatchState;
  undoOf?: string;
  undoneBy?: string;
  jobId?: number;
  pattern?: string;
  profile?: ProfileName;
  onConflict?: ConflictPolicy;
  summary: Partial<PlanSummary> & { moves: number };
  recoveries: number;
  message?: string;
  createdAt: string;
  finishedAt?: string;
  counts: Record<EntryState, number>;
}

export interface BatchEntry {
  seq: number;
  bookId: string;
  fromRel: string;
  toRel: string;
  companion: boolean;
  trash: boolean;
  temporary: boolean;
  state: EntryState;
  reason?: string;
}

export interface BatchDetail {
  batch: Batch;
  /** All moves of the batch; `entries` holds the failed ones first, then the first of the rest. */
  total: number;
  entries: BatchEntry[];
  log: Operation[];
}

/** A pattern the agent could not read: where, for the editor to mark. */
export interface PatternProblem {
  message: string;
  position: number;
  end?: number;
}

export async function loadDefaults(): Promise<RenameOptions> {
  const { defaults } = await api<{ defaults: RenameOptions }>('/api/rename/options');
  return defaults;
}

/** `selection`: every book of the library, or the ids of some of them. */
export type Selection = 'all' | string[];

export function preview(
  options: RenameOptions,
  selection: Selection,
  query: PreviewQuery,
): Promise<Preview> {
  return api<Preview>('/api/rename/preview', {
    method: 'POST',
    body: { ...options, selection, ...query },
  });
}

export function execute(
  options: RenameOptions,
  selection: Selection,
  plan: Pick<Preview, 'batchId' | 'planHash'>,
): Promise<{ batchId: string; job: JobReport }> {
  return api('/api/rename', {
    method: 'POST',
    body: { ...options, selection, batchId: plan.batchId, planHash: plan.planHash },
  });
}

export function batches(): Promise<Batch[]> {
  return api<Batch[]>('/api/rename/batches?limit=50');
}

export function batchDetail(id: string): Promise<BatchDetail> {
  return api<BatchDetail>(`/api/rename/batches/${encodeURIComponent(id)}`);
}

export function undo(id: string): Promise<{ batchId: string; job: JobReport }> {
  return api(`/api/rename/batches/${encodeURIComponent(id)}/undo`, { method: 'POST' });
}

export const RESOLUTION_LABELS: Record<Conflict['resolution'], string> = {
  skip: 'skipped',
  suffix: 'numbered',
  overwrite: 'replaces (old file to trash)',
  temporary: 'via a temporary name',
  truncate: 'shortened',
  omit: 'empty value left out',
};

export const CONFLICT_LABELS: Record<Conflict['kind'], string> = {
  exists: 'destination exists',
  'same-destination': 'same destination',
  'case-collision': 'differs only in case',
  cycle: 'books trade places',
  'too-long': 'too long',
  'missing-value': 'missing value',
};
