import { fold } from '../text/fold';

/**
 * Language codes and names → ISO 639-1: the one table that file formats,
 * sources, merge and search read language names and codes with. A table
 * rather than a library: the few dozen languages books on a shelf are written
 * in, each as [ISO 639-1, other codes (639-2/B, 639-2/T, 639-3, retired
 * 639-1), names in English and in the language itself].
 */
const LANGUAGES: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['en', ['eng'], ['english']],
  ['fr', ['fre', 'fra'], ['french', 'français']],
  ['de', ['ger', 'deu'], ['german', 'deutsch']],
  ['es', ['spa'], ['spanish', 'español', 'castellano', 'castilian']],
  ['it', ['ita'], ['italian', 'italiano']],
  ['pt', ['por'], ['portuguese', 'português']],
  ['nl', ['dut', 'nld'], ['dutch', 'nederlands', 'flemish', 'vlaams']],
  ['ru', ['rus'], ['russian', 'русский']],
  ['uk', ['ukr'], ['ukrainian', 'українська']],
  ['pl', ['pol'], ['polish', 'polski']],
  ['cs', ['cze', 'ces'], ['czech', 'čeština']],
  ['sk', ['slo', 'slk'], ['slovak', 'slovenčina']],
  ['sl', ['slv'], ['slovenian', 'slovene', 'slovenščina']],
  ['hr', ['hrv'], ['croatian', 'hrvatski']],
  ['sr', ['srp'], ['serbian', 'srpski', 'српски']],
  ['bs', ['bos'], ['bosnian', 'bosanski']],
  ['bg', ['bul'], ['bulgarian', 'български']],
  ['mk', ['mac', 'mkd'], ['macedonian']],
  ['ro', ['rum', 'ron', 'mo', 'mol'], ['romanian', 'română']],
  ['hu', ['hun'], ['hungarian', 'magyar']],
  ['fi', ['fin'], ['finnish', 'suomi']],
  ['sv', ['swe'], ['swedish', 'svenska']],
  ['da', ['dan'], ['danish', 'dansk']],
  ['no', ['nor'], ['norwegian', 'norsk']],
  ['nb', ['nob'], ['norwegian bokmål', 'bokmål']],
  ['nn', ['nno'], ['norwegian nynorsk', 'nynorsk']],
  ['is', ['ice', 'isl'], ['icelandic', 'íslenska']],
  ['et', ['est', 'ekk'], ['estonian', 'eesti']],
  ['lv', ['lav', 'lvs'], ['latvian', 'latviešu']],
  ['lt', ['lit'], ['lithuanian', 'lietuvių']],
  ['el', ['gre', 'ell'], ['greek', 'modern greek', 'ελληνικά']],
  ['tr', ['tur'], ['turkish', 'türkçe']],
  ['ar', ['ara', 'arb'], ['arabic', 'العربية']],
  ['he', ['heb', 'iw'], ['hebrew', 'עברית']],
  ['yi', ['yid', 'ji'], ['yiddish']],
  ['fa', ['per', 'fas', 'pes'], ['persian', 'farsi', 'فارسی']],
  ['hi', ['hin'], ['hindi']],
  ['bn', ['ben'], ['bengali', 'bangla']],
  ['ur', ['urd'], ['urdu']],
  ['ta', ['tam'], ['tamil']],
  ['sa', ['san'], ['sanskrit']],
  ['zh', ['chi', 'zho', 'cmn'], ['chinese', 'mandarin', '中文', '汉语', '漢語']],
  ['ja', ['jpn'], ['japanese', '日本語']],
  ['ko', ['kor'], ['korean', '한국어']],
  ['vi', ['vie'], ['vietnamese', 'tiếng việt']],
  ['th', ['tha'], ['thai']],
  ['id', ['ind', 'in'], ['indonesian', 'bahasa indonesia']],
  ['ms', ['may', 'msa', 'zsm'], ['malay', 'bahasa melayu']],
  ['tl', ['tgl'], ['tagalog']],
  ['sw', ['swa', 'swh'], ['swahili', 'kiswahili']],
  ['af', ['afr'], ['afrikaans']],
  ['ca', ['cat'], ['catalan', 'català']],
  ['eu', ['baq', 'eus'], ['basque', 'euskara']],
  ['gl', ['glg'], ['galician', 'galego']],
  ['ga', ['gle'], ['irish', 'gaeilge']],
  ['cy', ['wel', 'cym'], ['welsh', 'cymraeg']],
  ['gd', ['gla'], ['scottish gaelic', 'gaelic', 'gàidhlig']],
  ['sq', ['alb', 'sqi'], ['albanian', 'shqip']],
  ['hy', ['arm', 'hye'], ['armenian']],
  ['ka', ['geo', 'kat'], ['georgian']],
  ['be', ['bel'], ['belarusian']],
  ['la', ['lat'], ['latin', 'latina']],
  ['eo', ['epo'], ['esperanto']],
];

/** Languages with no ISO 639-1 code that books still come in: kept as their 639-2/3 code. */
const WITHOUT_639_1: readonly (readonly [string, readonly string[]])[] = [
  ['grc', ['ancient greek']],
  ['ang', ['old english']],
  ['enm', ['middle english']],
  ['fro', ['old french']],
  ['frm', ['middle french']],
  ['non', ['old norse']],
  ['got', ['gothic']],
  ['arc', ['aramaic']],
  ['yue', ['cantonese']],
  ['fil', ['filipino']],
  ['haw', ['hawaiian']],
  ['chr', ['cherokee']],
  ['sco', ['scots']],
];

const BY_CODE = new Map<string, string>();
const BY_NAME = new Map<string, string>();
for (const [code, codes, names] of LANGUAGES) {
  for (const c of [code, ...codes]) BY_CODE.set(c, code);
  for (const name of names) BY_NAME.set(fold(name), code);
}
for (const [code, names] of WITHOUT_639_1) {
  BY_CODE.set(code, code);
  for (const name of names) BY_NAME.set(fold(name), code);
}

/**
 * ISO 639-1 for a language written as a 639-1/639-2/639-3 code, a BCP 47 tag
 * ("en-GB", "zh_Hant_TW") or a name ("English", "Deutsch", "Français"); the
 * 639-2/3 code for the few languages above without a 639-1 code; undefined
 * for anything else, "und" (undetermined) included.
 */
export function toIso639_1(text: string): string | undefined {
  const folded = fold(text).replace(/\s+/g, ' ').trim();
  if (folded === '') return undefined;
  const primary = folded.split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2,3}$/.test(primary)) {
    const code = BY_CODE.get(primary);
    if (code) return code;
  }
  // "English (United States)", "French language": the name's first words.
  const name = folded
    .replace(/\(.*\)/, '')
    .replace(/ language$/, '')
    .trim();
  return BY_NAME.get(name);
}

/**
 * The merge key of a language: its ISO 639-1 code, or for a well-formed code
 * the table does not know ("tlh-x-klingon"), its primary subtag in lower case
 * so nothing real is thrown away. Free text the table cannot read, and the
 * codes for "no language" (und, zxx, mis, mul), give undefined.
 */
export function languageKey(text: string): string | undefined {
  const known = toIso639_1(text);
  if (known) return known;
  const match = /^([a-z]{2,3})(?:[-_][a-z\d]{1,8})*$/i.exec(text.trim());
  const primary = match?.[1]?.toLowerCase();
  if (primary === undefined || ['und', 'zxx', 'mis', 'mul'].includes(primary)) return undefined;
  return primary;
}
