import type { BookMetadata, FieldCandidate, MetadataField, Origin } from './types';

export interface Resolved {
  metadata: BookMetadata;
  /** For each field that has a value: where it came from and how sure we are. */
  provenance: Partial<Record<MetadataField, { origin: Origin; confidence: number }>>;
}

/**
 * Picks, for each field, the candidate with the highest confidence (the first
 * one on a tie). Weighing sources by trust and the user's own edits come with
 * merge (#5); until then this is the whole decision.
 */
export function resolveCandidates(candidates: readonly FieldCandidate[]): Resolved {
  const best = new Map<MetadataField, FieldCandidate>();
  for (const c of candidates) {
    const current = best.get(c.field);
    if (!current || c.confidence > current.confidence) best.set(c.field, c);
  }
  const metadata: Record<string, unknown> = {};
  const provenance: Resolved['provenance'] = {};
  for (const [field, c] of best) {
    metadata[field] = c.value;
    provenance[field] = { origin: c.origin, confidence: c.confidence };
  }
  return { metadata: metadata as BookMetadata, provenance };
}
