import { concatBytes } from './bytes';

/**
 * A PDF file from its objects' bodies (numbered from 1, in order) and the
 * trailer's entries besides /Size, with the cross-reference table giving each
 * object's byte offset.
 */
export function pdfFile(
  version: string,
  objects: readonly (string | Uint8Array)[],
  trailer: string,
): Uint8Array {
  const encode = (text: string) => new TextEncoder().encode(text);
  const parts: Uint8Array[] = [encode(`%PDF-${version}\n`)];
  let position = parts[0]!.byteLength;
  const rows = objects.map((body, i) => {
    const offset = position;
    const object = concatBytes(
      encode(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? encode(body) : body,
      encode('\nendobj\n'),
    );
    parts.push(object);
    position += object.byteLength;
    return `${String(offset).padStart(10, '0')} 00000 n \n`;
  });
  const size = objects.length + 1;
  parts.push(
    encode(
      `xref\n0 ${size}\n0000000000 65535 f \n${rows.join('')}` +
        `trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${position}\n%%EOF\n`,
    ),
  );
  return concatBytes(...parts);
}
