import { CURATED_SOURCE_IDS, SOURCE_IDS, type SourceId } from './sources';
import { effectiveTrust, type DataSource } from './trust';

/**
 * The curated source that decides each field it has a value for: one the
 * user trusts above every other source that votes (the file and the outside
 * services, as they weigh now). A sum of votes would let the file and two
 * services that echo it outvote a title the user corrected in Calibre;
 * curation is the user's word, so it leads. Demoted to or below another
 * source's trust, or switched off, it votes like the rest. Undefined when no
 * curated source leads.
 */
export function leadingSource(
  lookup: (id: SourceId) => DataSource,
  now: string | undefined,
): SourceId | undefined {
  const trust = (id: SourceId) => effectiveTrust(lookup(id), now);
  return CURATED_SOURCE_IDS.find((curated) =>
    SOURCE_IDS.every(
      (other) => other === curated || other === 'user' || trust(curated) > trust(other),
    ),
  );
}
