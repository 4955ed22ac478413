import { decodeCp1252 } from '#core/formats/mobi/mobi-header';
import { assembleChapters, draftHref, type ChapterDraft } from './chapters';
import type { BookContent } from './book-content';
import { ConversionError } from './conversion-error';
import { externalLink, sameChapterLink } from './links';
import { escapeXml, toXhtmlBody } from './xhtml-body';

/**
 * A plain PalmDOC book (TEXtREAd, the format before MOBI): text records,
 * uncompressed or PalmDOC-compressed, in Windows-1252, holding either HTML
 * (Mobipocket's early books) or plain text. lingo-reader needs a MOBI header
 * these files do not have, so they are read here. No images: PalmDOC has none.
 */

const NONE = 1;
const PALMDOC = 2;
/** A text record holds 4 KiB; decompressed, it cannot be more than 8 times its size. */
const MAX_RECORD_OUTPUT = 64 * 1024;
const MAX_TEXT_CHARS = 64 * 1024 * 1024;
const PAGE_BREAK = /<\s*(?:mbp:)?pagebreak[^>]*>/gi;

export function readPalmDocBook(bytes: Uint8Array): BookContent {
  const text = decodeCp1252(textOf(bytes));
  const html = /<(?:html|body|p|div|br|h[1-6])\b/i.test(text);
  if (!html) return plainText(text);
  const bodyStart = /<body[^>]*>/i.exec(text);
  const start = bodyStart ? bodyStart.index + bodyStart[0].length : 0;
  const bodyEnd = text.toLowerCase().lastIndexOf('</body');
  const end = bodyEnd > start ? bodyEnd : text.length;
  // Chapters at page breaks; a `filepos` link is an offset into the whole text.
  const starts = [start];
  for (const match of text.slice(start, end).matchAll(PAGE_BREAK))
    starts.push(start + match.index + match[0].length);
  const position = (href: string): string | undefined => {
    const match = /^filepos:?(\d+)$/.exec(href);
    if (!match) return undefined;
    const at = Number(match[1]);
    const index = starts.findLastIndex((s) => s <= at);
    return draftHref(Math.max(0, index));
  };
  const drafts = starts.map((from, index): ChapterDraft => {
    const to = index + 1 < starts.length ? (starts[index + 1] as number) : end;
    const body = toXhtmlBody(text.slice(from, to).replace(PAGE_BREAK, ''), {
      resource: () => undefined,
      link: (href) => sameChapterLink(href, index) ?? position(href) ?? externalLink(href),
    });
    return { body, stylesheets: [] };
  });
  return { ...assembleChapters(drafts, []), resources: [] };
}

function plainText(text: string): BookContent {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n|\r\s*\r/)
    .map((p) => p.trim())
    .filter(Boolean);
  const html = paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
  const body = toXhtmlBody(html, { resource: () => undefined, link: () => undefined });
  return { ...assembleChapters([{ body, stylesheets: [] }], []), resources: [] };
}

/** The text records, decompressed and joined. */
function textOf(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = bytes.byteLength >= 78 ? view.getUint16(76) : 0;
  const offset = (index: number) =>
    index < records && 78 + index * 8 + 4 <= bytes.byteLength
      ? view.getUint32(78 + index * 8)
      : bytes.byteLength;
  const record0 = offset(0);
  if (records < 2 || record0 + 16 > bytes.byteLength)
    throw new ConversionError('the book has no text records');
  const compression = view.getUint16(record0);
  const textRecords = view.getUint16(record0 + 8);
  if (compression !== NONE && compression !== PALMDOC)
    throw new ConversionError(`its text uses a compression (${compression}) PalmDOC books do not`);
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 1; i <= textRecords && i < records; i++) {
    const start = offset(i);
    const record = bytes.subarray(
      start,
      Math.max(start, Math.min(offset(i + 1), bytes.byteLength)),
    );
    const part = compression === PALMDOC ? decompressPalmDoc(record) : record;
    total += part.byteLength;
    if (total > MAX_TEXT_CHARS) throw new ConversionError('its text is too long to convert');
    parts.push(part);
  }
  const text = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    text.set(part, at);
    at += part.byteLength;
  }
  return text;
}

/** PalmDOC's LZ77: literals, runs of literals, back references and space + character pairs. */
export function decompressPalmDoc(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(MAX_RECORD_OUTPUT);
  let length = 0;
  const push = (byte: number) => {
    if (length < out.length) out[length++] = byte;
  };
  for (let i = 0; i < input.length && length < out.length;) {
    const c = input[i++] as number;
    if (c >= 1 && c <= 8) {
      for (let k = 0; k < c && i < input.length; k++) push(input[i++] as number);
    } else if (c < 0x80) {
      push(c);
    } else if (c < 0xc0) {
      const pair = (c << 8) | (input[i++] ?? 0);
      const distance = (pair >> 3) & 0x7ff;
      const count = (pair & 7) + 3;
      if (distance === 0 || distance > length) continue;
      for (let k = 0; k < count; k++) push(out[length - distance] as number);
    } else {
      push(0x20);
      push(c ^ 0x80);
    }
  }
  return out.slice(0, length);
}
