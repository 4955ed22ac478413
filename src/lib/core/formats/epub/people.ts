import type { Person } from '../../metadata/types';
import { fileAs, type MetadataIndex } from './metadata-index';
import { clean, uniqueText } from '../../metadata/text-values';

const MARC_RELATORS = 'marc:relators';

/** dc:creator and dc:contributor with their MARC roles: authors ('aut') apart from the rest. */
export function readPeople(meta: MetadataIndex): { authors: Person[]; contributors: Person[] } {
  const authors: { person: Person; seq: number }[] = [];
  const contributors: { person: Person; seq: number }[] = [];
  for (const el of meta.dc('creator', 'contributor')) {
    const name = clean(el.text);
    if (!name) continue;
    const refinedRoles = meta
      .refined(el, 'role')
      .filter((r) => !r.scheme || r.scheme.toLowerCase() === MARC_RELATORS)
      .map((r) => r.value);
    const roleAttribute = clean(el.attributes['role']);
    const roles = uniqueText(
      (refinedRoles.length > 0 ? refinedRoles : roleAttribute ? [roleAttribute] : []).map((r) =>
        r.toLowerCase(),
      ),
    );
    const isAuthor = el.name.toLowerCase() === 'creator' && (!roles || roles.includes('aut'));
    const person: Person = { name, roles: roles ?? (isAuthor ? ['aut'] : []) };
    const sortName = fileAs(meta, el);
    if (sortName) person.sortName = sortName;
    const seq = Number(meta.refined(el, 'display-seq')[0]?.value);
    (isAuthor ? authors : contributors).push({
      person,
      seq: Number.isFinite(seq) ? seq : Infinity,
    });
  }
  // display-seq orders people explicitly; sort is stable, so document order breaks ties.
  const ordered = (list: typeof authors) => list.sort((a, b) => a.seq - b.seq).map((p) => p.person);
  return { authors: ordered(authors), contributors: ordered(contributors) };
}
