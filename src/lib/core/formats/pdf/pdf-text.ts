/**
 * The text of a PDF string that reached us still encoded. pdf.js decodes a
 * string once (escapes, UTF-16BE with its BOM, PDFDocEncoding), but some
 * producers escape a value twice, or copy an Info string's raw bytes into XMP,
 * so "Bizet, Georges \(1838-1875\)", "\251 2004" or "þÿ\0T\0i…" arrive as
 * text. Such a value is decoded once more, as a PDF literal string would be
 * (PDF 32000-1 §7.3.4.2 and §7.9.2.2). Text without a PDF escape or a BOM is
 * returned unchanged, so a decoded title is never decoded twice.
 */

/** A backslash escape of a PDF literal string: \( \) \\ \n \r \t \b \f or 1–3 octal digits. */
const ESCAPE = /\\(?:[()\\nrtbf]|[0-7]{1,3})/;
const ESCAPES = /\\([()\\nrtbf]|[0-7]{1,3})/g;
const NAMED: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** UTF-16BE's and UTF-8's byte-order marks, read as one character per byte. */
const UTF16BE_BOM = '\u00fe\u00ff';
const UTF8_BOM = '\u00ef\u00bb\u00bf';

/**
 * PDFDocEncoding bytes 0x80–0x9E, which differ from Latin-1 (PDF 32000-1,
 * Annex D.2). 0x9F is undefined; 0xA0 is the euro sign.
 */
const PDF_DOC_HIGH = [
  0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203a, 0x2212, 0x2030,
  0x201e, 0x201c, 0x201d, 0x2018, 0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160,
  0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e,
];

/** A PDF string value as plain text: a leftover escape layer or raw encoded bytes decoded. */
export function decodePdfText(value: string): string {
  if (!ESCAPE.test(value) && !looksLikeBytesWithBom(value)) return value;
  const bytes = value.replace(ESCAPES, (_, escape: string) =>
    /^[0-7]/.test(escape)
      ? String.fromCharCode(parseInt(escape, 8) & 0xff)
      : (NAMED[escape] ?? escape),
  );
  return decodeBytes(bytes);
}

function looksLikeBytesWithBom(value: string): boolean {
  return (value.startsWith(UTF16BE_BOM) || value.startsWith(UTF8_BOM)) && isByteString(value);
}

function isByteString(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}

/**
 * One character per byte → text, the way a PDF reader reads a string: UTF-16BE
 * after its BOM, UTF-8 after its BOM (PDF 2.0), else PDFDocEncoding. Text that
 * already holds characters above U+00FF was decoded before and is kept.
 */
function decodeBytes(text: string): string {
  if (!isByteString(text)) return text;
  const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
  if (text.startsWith(UTF16BE_BOM)) return decodeWith('utf-16be', bytes.subarray(2)) ?? text;
  if (text.startsWith(UTF8_BOM)) return decodeWith('utf-8', bytes.subarray(3)) ?? text;
  return String.fromCodePoint(...Array.from(bytes, pdfDocCodePoint));
}

function decodeWith(encoding: 'utf-16be' | 'utf-8', bytes: Uint8Array): string | undefined {
  const whole = encoding === 'utf-16be' ? bytes.subarray(0, bytes.length & ~1) : bytes;
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(whole);
  } catch {
    return undefined;
  }
}

function pdfDocCodePoint(byte: number): number {
  if (byte >= 0x80 && byte < 0x80 + PDF_DOC_HIGH.length) return PDF_DOC_HIGH[byte - 0x80] ?? byte;
  if (byte === 0xa0) return 0x20ac;
  return byte;
}
