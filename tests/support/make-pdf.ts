/**
 * A minimal one-page PDF with an Info dictionary and `padding` bytes of an
 * unused stream between the page and the trailer, to see what a read costs.
 */
export function makePdf({
  title = 'Big Book',
  author = 'A. Writer',
  padding = 0,
} = {}): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let position = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    parts.push(bytes);
    position += bytes.byteLength;
  };
  const object = (n: number, body: string) => {
    offsets[n] = position;
    push(`${n} 0 obj\n${body}\nendobj\n`);
  };
  const content = 'BT /F1 24 Tf 72 700 Td (Hello) Tj ET';
  push('%PDF-1.4\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>',
  );
  object(4, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  offsets[5] = position;
  push(`5 0 obj\n<< /Length ${padding} >>\nstream\n`);
  push(new Uint8Array(padding).fill(0x20));
  push('\nendstream\nendobj\n');
  object(6, `<< /Title (${title}) /Author (${author}) >>`);
  const xref = position;
  const rows = offsets.slice(1).map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`);
  push(`xref\n0 7\n0000000000 65535 f \n${rows.join('')}`);
  push(`trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(position);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
