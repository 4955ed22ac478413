import {
  RENAME,
  type Preview,
  type PreviewFilter,
  type RenameOptions,
  type Selection,
} from '#core/api/rename';
import type { Conflict } from '#core/rename/plan-types';
import { apiRequest } from '$lib/auth/api';

/** The agent's rename API (RENAME in #core/api/rename), as this page uses it. */

export type {
  BatchDetail,
  Preview,
  PreviewFilter,
  RenameBatch as Batch,
  RenameOptions,
} from '#core/api/rename';

export interface PreviewQuery {
  /** Keep it to page through one preview; leave it out for a fresh plan. */
  batchId?: string;
  page: number;
  pageSize: number;
  search: string;
  filter: PreviewFilter;
}

/** A pattern the agent could not read: where, for the editor to mark. */
export interface PatternProblem {
  message: string;
  position: number;
  end?: number;
}

export async function loadDefaults(): Promise<RenameOptions> {
  return (await apiRequest(RENAME.options)).defaults;
}

export function preview(
  options: RenameOptions,
  selection: Selection,
  query: PreviewQuery,
): Promise<Preview> {
  return apiRequest(RENAME.preview, { body: { ...options, selection, ...query } });
}

export function execute(
  options: RenameOptions,
  selection: Selection,
  plan: Pick<Preview, 'batchId' | 'planHash'>,
) {
  return apiRequest(RENAME.execute, {
    body: { ...options, selection, batchId: plan.batchId, planHash: plan.planHash },
  });
}

export const batches = () => apiRequest(RENAME.batches, { query: { limit: 50 } });

export const batchDetail = (id: string) => apiRequest(RENAME.batch, { params: { id } });

export const undo = (id: string) => apiRequest(RENAME.undo, { params: { id } });

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
