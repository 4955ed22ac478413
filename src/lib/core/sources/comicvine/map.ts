import { peopleFromCredits, type Credit } from '../../formats/comic/credits';
import { seriesNumber } from '../../merge/normalise/series';
import type { MergeCandidate } from '../../merge/sources';
import { CandidateList, type MapContext } from '../candidates';
import type { SourceCover } from '../result';
import { cleanText } from '../text';
import type { CvImage, CvIssue, CvVolume } from './schema';

/** Comic Vine's issue ids carry the resource type: "4000-<id>", as ComicTagger and ComicInfo write them. */
export const issueIdentifier = (id: number) => ({
  scheme: 'comicvine' as const,
  value: `4000-${id}`,
});

/**
 * Credits as Comic Vine gives them: one person, several roles in one string
 * ("writer, penciler, cover"). Each role goes through the same table as
 * ComicInfo's credits, so "penciler" becomes an artist either way.
 */
export function creditsOf(issue: CvIssue): Credit[] {
  return (issue.person_credits ?? []).flatMap((person) =>
    (person.role ?? 'other')
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean)
      .map((role) => ({ name: person.name, role })),
  );
}

/**
 * An issue (and its volume when known) → merge candidates: the series and
 * number, the cover date as publication date, the publisher of the volume,
 * the description (HTML, kept as such) or else the one-line deck, credits,
 * and the series' own facts from the volume: its description and start year.
 */
export function mapIssue(
  issue: CvIssue,
  volume: CvVolume | undefined,
  context: MapContext,
): MergeCandidate[] {
  const seriesName = cleanText(volume?.name ?? issue.volume?.name ?? undefined);
  const number = seriesNumber(issue.issue_number ?? undefined);
  const { authors, contributors } = peopleFromCredits(creditsOf(issue));
  return new CandidateList(context)
    .add('title', cleanText(issue.name))
    .add(
      'series',
      seriesName
        ? { name: seriesName, kind: 'series', ...(number !== undefined && { number }) }
        : undefined,
    )
    .add('authors', authors)
    .add('contributors', contributors)
    .add('identifiers', [issueIdentifier(issue.id)])
    .add('publisher', cleanText(volume?.publisher?.name))
    .add('published', cleanText(issue.cover_date) ?? cleanText(issue.store_date))
    .add('description', cleanText(issue.description) ?? cleanText(issue.deck))
    .add('seriesDescription', volumeDescription(volume))
    .add('seriesStartYear', startYear(volume)).list;
}

/** What the volume (the run) is about: its description (HTML, kept as such), else its deck. */
function volumeDescription(volume: CvVolume | undefined): string | undefined {
  return cleanText(volume?.description) ?? cleanText(volume?.deck);
}

/** The run's start year, when Comic Vine gives a plausible one ("2016"). */
function startYear(volume: CvVolume | undefined): number | undefined {
  const year = Number(volume?.start_year?.trim());
  return Number.isInteger(year) && year >= 1800 && year <= 9999 ? year : undefined;
}

/** A volume alone (no issue number asked): the series name, publisher and the run's facts. */
export function mapVolume(volume: CvVolume, context: MapContext): MergeCandidate[] {
  return new CandidateList(context)
    .add('series', { name: volume.name, kind: 'series' })
    .add('publisher', cleanText(volume.publisher?.name))
    .add('seriesDescription', volumeDescription(volume))
    .add('seriesStartYear', startYear(volume)).list;
}

/** The largest image Comic Vine has for a record. */
export function imageCovers(image: CvImage | null | undefined): SourceCover[] {
  const url = image?.original_url ?? image?.super_url ?? image?.medium_url ?? image?.small_url;
  return url ? [{ url }] : [];
}
