import { renderTemplate } from './render';
import {
  measure,
  sanitiseComponent,
  sanitiseValue,
  truncate,
  type SanitiseProfile,
} from './sanitise';
import type { Template } from './template-parser';
import {
  TOKEN_NAMES,
  tokenValues,
  type TokenInput,
  type TokenName,
  type TokenValues,
} from './tokens';

/** Where the pattern puts one book, before conflicts are looked at. */
export interface RenderedTarget {
  /** Relative folder, '/'-separated; '' is the library folder itself. */
  dir: string;
  /** Sanitised file name without extension, not yet fitted to the length limits. */
  stem: string;
  ext: string;
  emptyTokens: TokenName[];
  missingTokens: TokenName[];
  /** A folder name was cut to the per-name limit. */
  folderTruncated: boolean;
}

/** " (99)": a truncated name keeps this much room so a uniqueness suffix never cuts it again. */
const SUFFIX_ROOM = 5;
/** Below this a name says nothing any more; better to refuse than to cut. */
const MIN_STEM = 12;

export function renderTarget(
  template: Template,
  input: TokenInput,
  profile: SanitiseProfile,
): RenderedTarget {
  const raw = tokenValues(input);
  const values = {} as TokenValues;
  for (const name of TOKEN_NAMES) values[name] = sanitiseValue(raw[name], profile);
  const rendered = renderTemplate(template, values);
  let folderTruncated = false;
  const folders = rendered.folders.map((folder) => {
    const clean = sanitiseComponent(folder, profile) || '_';
    if (measure(clean, profile) <= profile.componentMax) return clean;
    folderTruncated = true;
    // One unit spare: re-sanitising may add "_" to a reserved name.
    return sanitiseComponent(truncate(clean, profile.componentMax - 1, profile), profile) || '_';
  });
  return {
    dir: folders.join('/'),
    stem: sanitiseComponent(rendered.stem, profile),
    ext: sanitiseComponent(rendered.ext, profile) || input.format,
    emptyTokens: rendered.emptyTokens,
    missingTokens: rendered.missingTokens,
    folderTruncated,
  };
}

/**
 * How long a stem may be in `dirAbsolute` so that the stem followed by each of
 * `rests` (".epub", ".opf", " - cover.jpg") fits both the name and the path limit.
 */
export function stemBudget(
  dirAbsolute: string,
  rests: readonly string[],
  profile: SanitiseProfile,
): number {
  const dirLength = measure(`${dirAbsolute}/`, profile);
  let budget = Infinity;
  for (const rest of rests) {
    const restLength = measure(rest, profile);
    budget = Math.min(
      budget,
      profile.componentMax - restLength,
      profile.pathMax - dirLength - restLength,
    );
  }
  return budget;
}

/**
 * The stem with uniqueness suffix `n` (0 = none) within `budget`, cutting the
 * stem (never the suffix) on a grapheme boundary; undefined when no useful
 * name fits.
 */
export function fitStem(
  stem: string,
  n: number,
  budget: number,
  profile: SanitiseProfile,
): string | undefined {
  const suffix = n === 0 ? '' : ` (${n})`;
  if (measure(stem + suffix, profile) <= budget) return stem + suffix;
  const room = budget - Math.max(SUFFIX_ROOM, measure(suffix, profile));
  if (room < MIN_STEM) return undefined;
  const cut = sanitiseComponent(truncate(stem, room - 1, profile), profile);
  return cut ? cut + suffix : undefined;
}
