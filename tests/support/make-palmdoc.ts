/**
 * A plain PalmDOC book (TEXtREAd, uncompressed), the simplest file the agent
 * converts to EPUB: a PalmDB header named `name`, record 0, and the text in
 * 4 KiB records. `compression` other than 1 makes one the converter refuses.
 */
export function makePalmDoc(name: string, text: string, compression = 1): Uint8Array {
  const body = new TextEncoder().encode(text);
  const records: Uint8Array[] = [];
  for (let at = 0; at < body.byteLength; at += 4096) records.push(body.subarray(at, at + 4096));
  const record0 = new Uint8Array(16);
  const r0 = new DataView(record0.buffer);
  r0.setUint16(0, compression);
  r0.setUint32(4, body.byteLength);
  r0.setUint16(8, records.length);
  r0.setUint16(10, 4096);
  const all = [record0, ...records];

  const tableEnd = 78 + all.length * 8 + 2;
  const header = new Uint8Array(tableEnd);
  const view = new DataView(header.buffer);
  header.set(new TextEncoder().encode(name.slice(0, 31)), 0);
  header.set(new TextEncoder().encode('TEXtREAd'), 60);
  view.setUint16(76, all.length);
  let offset = tableEnd;
  all.forEach((record, i) => {
    view.setUint32(78 + i * 8, offset);
    view.setUint32(78 + i * 8 + 4, i);
    offset += record.byteLength;
  });
  const file = new Uint8Array(offset);
  file.set(header, 0);
  let at = tableEnd;
  for (const record of all) {
    file.set(record, at);
    at += record.byteLength;
  }
  return file;
}
