import type { ByteSource } from '../bytes/byte-source';

const EDGE = 64 * 1024;

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A file's identity that survives a move or a rename: its size plus a SHA-256
 * of its first and last 64 KiB. Reads at most 128 KiB whatever the size, so
 * it is cheap enough to take for every new file a scan meets.
 */
export async function contentKey(source: ByteSource): Promise<string> {
  const head = await source.read(0, Math.min(EDGE, source.size));
  const tailStart = Math.max(head.byteLength, source.size - EDGE);
  const tail =
    source.size > tailStart
      ? await source.read(tailStart, source.size - tailStart)
      : new Uint8Array(0);
  const data = new Uint8Array(head.byteLength + tail.byteLength);
  data.set(head, 0);
  data.set(tail, head.byteLength);
  const digest = await crypto.subtle.digest('SHA-256', data);
  return `${source.size}:${hex(digest).slice(0, 32)}`;
}
