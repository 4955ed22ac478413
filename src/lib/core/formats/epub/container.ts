import type { ZipArchive } from '../../archive/zip';
import { BookFormatError } from '../../errors';
import { descendantsNamed, entityWarning, parseXml } from '../../xml/parse-xml';

/** META-INF/container.xml names the package document (the OPF) of an EPUB. */

export const CONTAINER_PATH = 'META-INF/container.xml';
const OPF_MEDIA_TYPE = 'application/oebps-package+xml';

export interface PackageLocation {
  /** The OPF's entry name, exactly as it is in the archive. */
  path: string;
  warnings: string[];
}

/** Finds the OPF: the first rootfile of the OPF media type (or, failing that, ending in .opf). */
export async function locatePackage(zip: ZipArchive, maxBytes: number): Promise<PackageLocation> {
  const container = zip.find(CONTAINER_PATH);
  if (!container || container.directory) {
    throw new BookFormatError(
      'missing-container',
      `This ZIP has no ${CONTAINER_PATH}, so it is not an EPUB (or it is damaged).`,
    );
  }
  const doc = parseXml(await zip.readText(container.name, maxBytes), { name: container.name });
  const warnings: string[] = [];
  const entities = entityWarning(doc, container.name);
  if (entities) warnings.push(entities);

  const rootfiles = descendantsNamed(doc.root, 'rootfile');
  const rootfile =
    rootfiles.find((r) => r.attributes['media-type']?.trim() === OPF_MEDIA_TYPE) ??
    rootfiles.find((r) => r.attributes['full-path']?.trim().toLowerCase().endsWith('.opf'));
  const fullPath = rootfile?.attributes['full-path']?.trim();
  if (!fullPath) {
    throw new BookFormatError(
      'missing-package',
      `${CONTAINER_PATH} does not name a package document (OPF); the EPUB is damaged.`,
    );
  }
  const entry = entryFor(zip, fullPath);
  if (!entry) {
    throw new BookFormatError(
      'missing-package',
      `${CONTAINER_PATH} points to "${fullPath}", which is not in the archive; the EPUB is damaged.`,
    );
  }
  return { path: entry, warnings };
}

/** full-path is relative to the archive root; tolerate a leading slash or percent-encoding. */
function entryFor(zip: ZipArchive, fullPath: string): string | undefined {
  const bare = fullPath.replace(/^\.?\/+/, '');
  for (const candidate of [bare, safeDecode(bare)]) {
    const entry = candidate === undefined ? undefined : zip.find(candidate);
    // An OPF under an unsafe name would make every href resolve outside the archive.
    if (entry && !entry.directory && !entry.unsafe) return entry.name;
  }
  return undefined;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
