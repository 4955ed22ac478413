import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

export interface BigPdfSpec {
  title: string;
  pages: number;
  /** Bytes of random (incompressible) RGB pixels on each page: the file's bulk. */
  imageBytes: number;
  /** Top-level outline entries and the 0-based page each leads to. */
  outline: { title: string; page: number }[];
}

/** What each page says, so a test can find its words in the text layer. */
export function bigPdfPageText(index: number): string {
  return `This is leaf ${index + 1} of the long atlas.`;
}

/**
 * Writes a large, valid PDF to `path` an object at a time (never the whole
 * file in memory): a Letter page per page with its number and a sentence in
 * Helvetica over an image of random pixels, an outline, and a classic
 * cross-reference table. Returns the file's size.
 */
export function writeBigPdf(path: string, spec: BigPdfSpec): number {
  const fd = openSync(path, 'w');
  let position = 0;
  const offsets: number[] = [];
  const write = (part: string | Uint8Array) => {
    // Strings are Latin-1: PDF syntax is bytes, and the header's comment marks the file binary.
    const bytes =
      typeof part === 'string' ? Uint8Array.from(part, (char) => char.charCodeAt(0)) : part;
    writeSync(fd, bytes);
    position += bytes.byteLength;
  };
  const object = (number: number, ...parts: (string | Uint8Array)[]) => {
    offsets[number] = position;
    write(`${number} 0 obj\n`);
    for (const part of parts) write(part);
    write('\nendobj\n');
  };

  // Objects: 1 catalog, 2 page tree, 3 font, 4 info, 5 outline root, then the
  // outline entries, then three per page (page, content stream, image).
  const entries = spec.outline.length;
  const firstEntry = 6;
  const firstPage = firstEntry + entries;
  const pageObject = (index: number) => firstPage + 3 * index;
  const side = Math.max(1, Math.floor(Math.sqrt(spec.imageBytes / 3)));
  try {
    write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
    object(1, '<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R /PageMode /UseOutlines >>');
    const kids = Array.from({ length: spec.pages }, (_, i) => `${pageObject(i)} 0 R`).join(' ');
    object(2, `<< /Type /Pages /Kids [${kids}] /Count ${spec.pages} >>`);
    object(3, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
    object(4, `<< /Title (${spec.title}) /Author (Colophon Tests) >>`);
    object(
      5,
      entries
        ? `<< /Type /Outlines /First ${firstEntry} 0 R /Last ${firstEntry + entries - 1} 0 R /Count ${entries} >>`
        : '<< /Type /Outlines /Count 0 >>',
    );
    spec.outline.forEach((entry, i) => {
      const links = [
        i > 0 ? `/Prev ${firstEntry + i - 1} 0 R` : '',
        i < entries - 1 ? `/Next ${firstEntry + i + 1} 0 R` : '',
      ].join(' ');
      object(
        firstEntry + i,
        `<< /Title (${entry.title}) /Parent 5 0 R ${links} /Dest [${pageObject(entry.page)} 0 R /Fit] >>`,
      );
    });
    for (let i = 0; i < spec.pages; i++) {
      const page = pageObject(i);
      object(
        page,
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${page + 1} 0 R ` +
          `/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 ${page + 2} 0 R >> >> >>`,
      );
      const content =
        `BT /F1 36 Tf 72 700 Td (Page ${i + 1}) Tj ET\n` +
        `BT /F1 16 Tf 72 660 Td (${bigPdfPageText(i)}) Tj ET\n` +
        `q 468 0 0 468 72 120 cm /Im1 Do Q`;
      object(page + 1, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
      const pixels = new Uint8Array(randomBytes(side * side * 3));
      object(
        page + 2,
        `<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB ` +
          `/BitsPerComponent 8 /Length ${pixels.byteLength} >>\nstream\n`,
        pixels,
        '\nendstream',
      );
    }
    const size = offsets.length;
    const xref = position;
    write(`xref\n0 ${size}\n0000000000 65535 f \n`);
    for (let n = 1; n < size; n++) write(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
    write(`trailer\n<< /Size ${size} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    return position;
  } finally {
    closeSync(fd);
  }
}
