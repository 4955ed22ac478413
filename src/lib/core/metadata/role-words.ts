/**
 * What a contributor did, in words: MARC relator codes (as OPF and Calibre
 * write them) and the comic roles credits.ts keeps as `comic:<role>`. An
 * unknown code is shown as written rather than hidden.
 */
const RELATORS: Readonly<Record<string, string>> = {
  adp: 'adapter',
  aft: 'afterword',
  ann: 'annotator',
  ant: 'bibliographic antecedent',
  art: 'artist',
  aui: 'introduction',
  aut: 'author',
  bkp: 'book producer',
  blw: 'blurb',
  clr: 'colorist',
  cmm: 'commentator',
  com: 'compiler',
  cov: 'cover designer',
  cre: 'creator',
  ctb: 'contributor',
  cwt: 'commentary',
  dsr: 'designer',
  edt: 'editor',
  fmo: 'former owner',
  ill: 'illustrator',
  lyr: 'lyricist',
  mrk: 'markup editor',
  nrt: 'narrator',
  oth: 'other',
  pbl: 'publisher',
  pfr: 'proofreader',
  pht: 'photographer',
  prt: 'printer',
  red: 'redactor',
  rev: 'reviewer',
  trc: 'transcriber',
  trl: 'translator',
  tyd: 'type designer',
  tyg: 'typographer',
  win: 'introduction',
  wpr: 'preface',
  wst: 'supplementary text',
};

export function roleWords(code: string): string {
  if (code.startsWith('comic:')) return code.slice('comic:'.length).replace(/-/g, ' ');
  return RELATORS[code.toLowerCase()] ?? code;
}

/** The roles of one contributor, each once, in words: "translator, introduction". */
export function rolesInWords(codes: readonly string[]): string {
  return [...new Set(codes.map(roleWords))].join(', ');
}
