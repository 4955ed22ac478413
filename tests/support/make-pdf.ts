import { concatBytes } from './bytes';
import { pdfFile } from './pdf-file';

/**
 * A minimal one-page PDF with an Info dictionary and `padding` bytes of an
 * unused stream between the page and the trailer, to see what a read costs.
 * Title, author and keywords are written as PDF literal strings, as given
 * (so a test can write escapes).
 */
export function makePdf({
  title = 'Big Book',
  author = 'A. Writer',
  padding = 0,
  keywords = '',
} = {}): Uint8Array {
  const content = 'BT /F1 24 Tf 72 700 Td (Hello) Tj ET';
  const encode = (text: string) => new TextEncoder().encode(text);
  return pdfFile(
    '1.4',
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
        '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      concatBytes(
        encode(`<< /Length ${padding} >>\nstream\n`),
        new Uint8Array(padding).fill(0x20),
        encode('\nendstream'),
      ),
      `<< /Title (${title}) /Author (${author})${keywords && ` /Keywords (${keywords})`} >>`,
    ],
    '/Root 1 0 R /Info 6 0 R',
  );
}
