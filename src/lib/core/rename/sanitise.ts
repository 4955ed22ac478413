/**
 * Making names safe for the file system the library lives on. Three profiles:
 *
 * - linux: only "/" and NUL are impossible; 255 bytes (UTF-8) per name, 4095
 *   bytes per path; case-sensitive, and NFC and NFD spellings are different files.
 * - macos: also ":" (Finder shows it as "/"); 255 UTF-8 bytes per name counted
 *   on the decomposed (NFD) form, as HFS+ and macOS SMB clients store it; 1023
 *   bytes per path; case- and normalisation-insensitive.
 * - windows (also a NAS share used from Windows over SMB): < > : " / \ | ? *,
 *   reserved device names (CON, PRN, AUX, NUL, COM0–9, LPT0–9, with any
 *   extension), no trailing dot or space; 255 UTF-16 units per name and 259 per
 *   path (MAX_PATH less the terminator) unless long paths are on; case-insensitive.
 *
 * On every profile: Unicode NFC, control and bidi-override characters removed
 * (they can disguise an extension), runs of white space made one space, no
 * leading dot (a hidden file would vanish from the user's view).
 */

export const PROFILE_NAMES = ['linux', 'macos', 'windows'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface SanitiseProfile {
  name: ProfileName;
  /** Two names that differ only in case are the same file. */
  caseInsensitive: boolean;
  /** Two names that differ only in Unicode normalisation are the same file. */
  normalisationInsensitive: boolean;
  /** How a name's length is counted against the limits. */
  unit: 'utf8' | 'utf16';
  /** Which normalisation form the file system stores, for measuring. */
  storedForm: 'NFC' | 'NFD';
  componentMax: number;
  pathMax: number;
  /** Reserved device names and no trailing dots or spaces. */
  windowsNames: boolean;
  /** Characters replaced, and by what ("" removes). */
  replacements: ReadonlyArray<readonly [RegExp, string]>;
}

const SLASH: readonly [RegExp, string] = [/[/\\]/g, '-'];
const COLON: ReadonlyArray<readonly [RegExp, string]> = [
  // "Dune: Messiah" reads best as "Dune - Messiah"; "10:30" as "10-30".
  [/\s*:\s+/g, ' - '],
  [/:/g, '-'],
];

export const profiles: Readonly<Record<ProfileName, SanitiseProfile>> = {
  linux: {
    name: 'linux',
    caseInsensitive: false,
    normalisationInsensitive: false,
    unit: 'utf8',
    storedForm: 'NFC',
    componentMax: 255,
    pathMax: 4095,
    windowsNames: false,
    // A backslash is legal on Linux but turns into a folder separator the day
    // the library is shared to Windows; it is never wanted in a book's name.
    replacements: [SLASH],
  },
  macos: {
    name: 'macos',
    caseInsensitive: true,
    normalisationInsensitive: true,
    unit: 'utf8',
    storedForm: 'NFD',
    componentMax: 255,
    pathMax: 1023,
    windowsNames: false,
    replacements: [SLASH, ...COLON],
  },
  windows: {
    name: 'windows',
    caseInsensitive: true,
    normalisationInsensitive: false,
    unit: 'utf16',
    storedForm: 'NFC',
    componentMax: 255,
    pathMax: 259,
    windowsNames: true,
    replacements: [SLASH, ...COLON, [/"/g, "'"], [/\|/g, '-'], [/[?*<>]/g, '']],
  },
};

/** A profile by name; `longPaths` lifts Windows' 259-unit path limit (to 32,766). */
export function getProfile(
  name: ProfileName,
  options: { longPaths?: boolean } = {},
): SanitiseProfile {
  const profile = profiles[name];
  return name === 'windows' && options.longPaths ? { ...profile, pathMax: 32_766 } : profile;
}

// Controls (C0, DEL, C1); bidi marks, embeddings, overrides and isolates; BOM and
// word joiner. Not ZWJ: emoji sequences need it.
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2060]/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * A token value made safe as part of one name: NFC, no invisible characters,
 * forbidden characters replaced (so a "/" in a title never makes a folder),
 * white space collapsed and trimmed. Idempotent.
 */
export function sanitiseValue(value: string, profile: SanitiseProfile): string {
  let out = value.normalize('NFC').replace(INVISIBLE, ' ');
  for (const [pattern, replacement] of profile.replacements)
    out = out.replace(pattern, replacement);
  return out.replace(/\s+/gu, ' ').trim();
}

/**
 * A whole file or folder name made valid: the value rules, then no leading
 * dots, no trailing space (nor trailing dot on Windows), reserved device names
 * escaped with "_" ("CON.epub" → "CON_.epub"). Returns "" when nothing is left,
 * for the caller to decide. Length is not checked here: see fitName.
 */
export function sanitiseComponent(name: string, profile: SanitiseProfile): string {
  let out = sanitiseValue(name, profile).replace(/^[.\s]+/u, '');
  if (profile.windowsNames) {
    out = out.replace(/[.\s]+$/u, '');
    const dot = out.indexOf('.');
    const base = dot === -1 ? out : out.slice(0, dot);
    if (RESERVED.test(base.trimEnd()))
      out = `${base.trimEnd()}_${dot === -1 ? '' : out.slice(dot)}`;
  }
  return out.trimEnd();
}

/** The length of a name or path as the profile's file system counts it. */
export function measure(text: string, profile: SanitiseProfile): number {
  if (profile.unit === 'utf16') return text.length;
  return utf8Length(profile.storedForm === 'NFD' ? text.normalize('NFD') : text);
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The longest prefix of `text` that measures at most `max`, cut between
 * grapheme clusters (never inside a surrogate pair, a combining sequence, an
 * emoji ZWJ sequence or a flag), with the separators it ends on trimmed.
 */
export function truncate(text: string, max: number, profile: SanitiseProfile): string {
  if (measure(text, profile) <= max) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = measure(segment, profile);
    if (used + size > max) break;
    out += segment;
    used += size;
  }
  return out.replace(/[\s\-_.,;:–—·|~+#]+$/u, '');
}

/**
 * Compares paths the way the profile's file system does. Only ever folds what
 * the file system folds: a key coarser than the disk could take two files for one.
 */
export function pathKey(
  path: string,
  profile: SanitiseProfile,
  caseInsensitive = profile.caseInsensitive,
): string {
  const form = profile.normalisationInsensitive ? path.normalize('NFC') : path;
  return caseInsensitive ? form.toLowerCase() : form;
}
