import type { ArchiveKind } from '#core/formats/platform';

/** How archive kinds and sizes read in messages. */

export const LABELS: Record<ArchiveKind, string> = { rar: 'RAR', '7z': '7z', tar: 'tar' };

export function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
