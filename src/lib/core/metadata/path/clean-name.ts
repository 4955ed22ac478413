/**
 * Turns a raw file or folder name into plain words: Unicode NFC, underscores
 * and (in names written without spaces) dots as word separators, control
 * characters dropped, whitespace collapsed. Case is kept.
 */
export function cleanName(raw: string): string {
  const text = raw.normalize('NFC');
  const spaced = text.replace(/[\p{Cc}\p{Zl}\p{Zp}_]/gu, ' ');
  const words = isDotSeparated(text)
    ? spaced.replace(/\./g, (_dot, at: number) => dotOrSpace(spaced, at))
    : spaced;
  return words.replace(/\s+/g, ' ').trim();
}

/** "Some.Title.2019": no spaces nor underscores, so the dots are separators. */
export function isDotSeparated(raw: string): boolean {
  return !/[\s_\p{Cc}]/u.test(raw) && raw.includes('.');
}

// A dot between figures is a decimal point ("Saga.012.5"); any other is a space.
function dotOrSpace(text: string, at: number): string {
  return isDigit(text[at - 1]) && isDigit(text[at + 1]) ? '.' : ' ';
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** The file name without its extension ("The Hobbit.epub" → "The Hobbit"); "Saga 012.5" keeps its figures. */
export function stripExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  // ".epub" is all extension: a stem of nothing, not a book called "epub".
  if (dot < 0) return fileName;
  const ext = fileName.slice(dot + 1);
  return /^[A-Za-z0-9]{1,5}$/.test(ext) && /[A-Za-z]/.test(ext) ? fileName.slice(0, dot) : fileName;
}

/**
 * Trims the given characters and whitespace from both ends. A loop, not a
 * regex: `/[,;]+$/` rescans every run of commas and goes quadratic.
 */
export function trimChars(text: string, chars: string): string {
  const strip = (char: string | undefined) =>
    char !== undefined && (chars.includes(char) || /\s/.test(char));
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start])) start++;
  while (end > start && strip(text[end - 1])) end--;
  return text.slice(start, end);
}
