import type { ByteSource } from '#core/bytes/byte-source';
import { readExth } from '#core/formats/mobi/exth';
import { parseRecord0 } from '#core/formats/mobi/mobi-header';
import { openPalmDb } from '#core/formats/mobi/palmdb';

/**
 * How a Mobipocket file holds its text: plain PalmDOC (TEXtREAd), MOBI 6,
 * KF8 alone (AZW3), or both (a "joint" file, KF8 after a boundary record).
 */
export type MobiLayout = 'palmdoc' | 'mobi6' | 'kf8' | 'joint';

const MAX_RECORD0_BYTES = 1024 * 1024;
const KF8_BOUNDARY = 121;

export async function mobiLayout(source: ByteSource): Promise<MobiLayout> {
  const db = await openPalmDb(source);
  const record0 = parseRecord0(await db.read(0, MAX_RECORD0_BYTES), db.kind);
  if (!record0.mobi) return 'palmdoc';
  if (record0.mobi.version >= 8) return 'kf8';
  const exth = record0.mobi.exth && readExth(record0.mobi.exth, record0.mobi.encoding);
  return exth?.kf8Boundary !== undefined ? 'joint' : 'mobi6';
}

/**
 * A copy of a joint file whose EXTH no longer points at its KF8 part, so a
 * parser that always prefers KF8 reads the MOBI 6 text instead (the record
 * type 121 becomes 0, which nothing reads). The original is left as it is.
 */
export function withoutKf8Part(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const fits = (at: number, length: number) => at >= 0 && at + length <= copy.byteLength;
  if (!fits(78, 4)) return copy;
  const record0 = view.getUint32(78);
  if (!fits(record0 + 16, 8)) return copy;
  const exth = record0 + 16 + view.getUint32(record0 + 20);
  if (!fits(exth, 12) || String.fromCharCode(...copy.subarray(exth, exth + 4)) !== 'EXTH')
    return copy;
  const count = view.getUint32(exth + 8);
  let at = exth + 12;
  for (let i = 0; i < count && fits(at, 8); i++) {
    const length = view.getUint32(at + 4);
    if (view.getUint32(at) === KF8_BOUNDARY) view.setUint32(at, 0);
    if (length < 8) break;
    at += length;
  }
  return copy;
}
