import { readRarHeaders, type RarHeaders } from '#core/archive/rar-comment';
import type { ByteSource } from '#core/bytes/byte-source';
import { BookFormatError } from '#core/errors';
import { SNIFF_BYTES, sniffContainer } from '#core/formats/comic/container';
import type { ArchiveKind } from '#core/formats/platform';
import { LABELS, mib } from './labels';

// libarchive would only list nothing for these archives: check before it, explain after it.

/** Size, signature and (RAR, 7z) headers; gives back the RAR headers of a RAR archive. */
export async function checkBeforeOpening(
  source: ByteSource,
  kind: ArchiveKind,
  maxBytes: number,
  /** How the limit is named in the message ("the limit", "the limit in a browser"). */
  limitName = 'the limit',
): Promise<RarHeaders | undefined> {
  if (source.size === 0) {
    throw new BookFormatError('empty-file', `${source.name} is empty (0 bytes).`);
  }
  if (source.size > maxBytes) {
    throw new BookFormatError(
      'file-too-large',
      `${source.name} is a ${mib(source.size)} ${LABELS[kind]} archive; archives of this kind are ` +
        `read in memory and ${limitName} is ${mib(maxBytes)}. Repack it as CBZ (ZIP), which is ` +
        'read without loading the whole file.',
    );
  }
  const head = await source.read(0, SNIFF_BYTES);
  if (sniffContainer(head) !== kind) {
    throw new BookFormatError(
      'not-an-archive',
      `${source.name} is not a ${LABELS[kind]} archive (its first bytes are not a ${LABELS[kind]} signature).`,
    );
  }
  const rar = kind === 'rar' ? await checkRar(source) : undefined;
  if (kind === '7z') await check7z(source, head);
  return rar;
}

async function checkRar(source: ByteSource): Promise<RarHeaders> {
  const rar = await readRarHeaders(source);
  if (!rar) throw new BookFormatError('not-an-archive', `${source.name} is not a RAR archive.`);
  if (rar.encryptedHeaders) {
    throw new BookFormatError(
      'encrypted-archive',
      `${source.name} is a password-protected RAR whose file list itself is encrypted; ` +
        'it cannot be read without the password.',
    );
  }
  if (rar.damage?.kind === 'truncated') {
    throw new BookFormatError(
      'truncated',
      `${source.name} is cut short (${rar.damage.detail}); it was probably not copied or ` +
        'downloaded completely.',
    );
  }
  if (rar.damage) {
    throw new BookFormatError(
      'corrupt',
      `${source.name} is a damaged RAR archive: ${rar.damage.detail}.`,
    );
  }
  return rar;
}

/** 7z keeps its file list at the end; a cut-off file lists as empty in libarchive. */
async function check7z(source: ByteSource, head: Uint8Array): Promise<void> {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.byteLength < 32) {
    throw new BookFormatError('truncated', `${source.name} is cut short (no 7z start header).`);
  }
  const end = 32 + Number(view.getBigUint64(12, true)) + Number(view.getBigUint64(20, true));
  if (end > source.size) {
    throw new BookFormatError(
      'truncated',
      `${source.name} is cut short: its 7z file list should end at byte ${end}, but the file has ` +
        `${source.size} bytes. It was probably not copied or downloaded completely.`,
    );
  }
}

/**
 * An empty listing is an error when the RAR headers list files or libarchive
 * complained (`said`: what it printed, where the host can capture it).
 */
export function explainEmpty(source: ByteSource, rar: RarHeaders | undefined, said = ''): void {
  if ((rar && rar.files.length > 0) || said) {
    throw new BookFormatError(
      'corrupt',
      `${source.name} could not be read as an archive${said ? ` (libarchive: ${said})` : ''}; ` +
        'it is damaged or in a variant libarchive does not support.',
    );
  }
}
