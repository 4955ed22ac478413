import type { BookMetadata, Identifier, MetadataField } from '../metadata/types';
import { decideField, type FieldDecision, type Weigh } from './decision';
import { FIELDS, type FieldValue } from './field-kinds';
import { decideIdentifiers } from './identifiers-vote';
import { leadingSource } from './lead';
import { mainTitle } from '../metadata/full-title';
import { subjectsToGenres, type Genre } from './normalise/genres';
import { sourceOf, type MergeCandidate } from './sources';
import { effectiveTrust, sourceLookup, type SourceTable } from './trust';

export type FieldDecisions = { [K in MetadataField]?: FieldDecision<FieldValue<K>> };

export interface Merged {
  metadata: BookMetadata;
  /** For each field that has a value: the decision behind it. */
  fields: FieldDecisions;
  /**
   * The genres the merged subjects map to. Kept beside the subjects, not in
   * them: subjects stay as the sources wrote them, genres are an index.
   */
  genres: Genre[];
}

export interface MergeOptions {
  /** The current instant (ISO), for probation that ends on a date. Core reads no clock. */
  now?: string;
}

/**
 * A book's metadata from every source's candidates, the sources' trust and
 * the user's own values: pure, and independent of the order candidates come
 * in. Each field is a weighted vote over normalised values (see vote.ts):
 * weight = candidate confidence × the source's effective trust; disabled
 * sources do not vote; a source with no document counts at its defaults. A
 * curated source trusted above the rest (Calibre) decides the fields it has
 * a value for (see leadingSource). A value the user set wins with confidence
 * 1 and source "user".
 */
export function merge(
  candidates: readonly MergeCandidate[],
  sources: SourceTable = [],
  manual: BookMetadata = {},
  options: MergeOptions = {},
): Merged {
  const lookup = sourceLookup(sources);
  const leader = leadingSource(lookup, options.now);
  const weigh: Weigh = (origin, confidence) => {
    const source = lookup(sourceOf(origin));
    if (!source.enabled) return undefined;
    const c = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
    const weight = c * effectiveTrust(source, options.now);
    const leads = source.id === leader;
    return { source: source.id, confidence: c, weight, priority: source.priority, leads };
  };
  const metadata: BookMetadata = {};
  const fields: FieldDecisions = {};
  for (const field of FIELDS) decideInto(field, candidates, weigh, manual, metadata, fields);
  titleOnce(metadata, fields);
  return { metadata, fields, genres: subjectsToGenres(metadata.subjects ?? []) };
}

/**
 * When the title that won is "Main: Subtitle" (a source with one whole title,
 * like calibre) and the subtitle won too, the title keeps its main part, so
 * the subtitle is not shown twice. The user's own title is left as typed.
 */
function titleOnce(metadata: BookMetadata, fields: FieldDecisions): void {
  const decision = fields.title;
  if (!metadata.title || !metadata.subtitle || !decision || decision.origin === 'user') return;
  const title = mainTitle(metadata.title, metadata.subtitle);
  if (title === metadata.title) return;
  metadata.title = title;
  fields.title = { ...decision, value: title };
}

function decideInto<K extends MetadataField>(
  field: K,
  candidates: readonly MergeCandidate[],
  weigh: Weigh,
  manual: BookMetadata,
  metadata: BookMetadata,
  fields: FieldDecisions,
): void {
  const own = manual[field] ?? undefined;
  const mine = own === undefined ? undefined : (own as FieldValue<K>);
  const decision =
    field === 'identifiers'
      ? (decideIdentifiers(candidates, weigh, mine as Identifier[] | undefined) as
          FieldDecision<FieldValue<K>> | undefined)
      : decideField(field, candidates, weigh, mine);
  if (!decision) return;
  metadata[field] = decision.value;
  // TS cannot see that FieldDecisions[K] is FieldDecision<FieldValue<K>> for a generic K.
  (fields as Record<K, FieldDecision<FieldValue<K>>>)[field] = decision;
}
