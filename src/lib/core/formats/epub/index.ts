import { openZip, type ZipArchive } from '../../archive/zip';
import type { ByteSource } from '../../bytes/byte-source';
import { metadataCandidates } from '../../metadata/candidates';
import { descendantsNamed, entityWarning, parseXml } from '../../xml/parse-xml';
import type { Extraction } from '../types';
import { locatePackage } from './container';
import { readOpf, type EntryCover } from './opf';

/** container.xml and the OPF are small; anything bigger is not a real one. */
const MAX_PACKAGE_BYTES = 4 * 1024 * 1024;
const ORIGIN = 'embedded:opf';

/** Reads an EPUB's package metadata and cover reference; throws BookFormatError when it cannot. */
export async function readEpub(source: ByteSource): Promise<Extraction> {
  const zip = await openZip(source);
  try {
    const warnings = archiveWarnings(zip);
    const location = await locatePackage(zip, MAX_PACKAGE_BYTES);
    warnings.push(...location.warnings);
    const doc = parseXml(await zip.readText(location.path, MAX_PACKAGE_BYTES), {
      name: location.path,
    });
    const entities = entityWarning(doc, location.path);
    if (entities) warnings.push(entities);
    const opf = readOpf(doc.root, location.path);
    warnings.push(...opf.warnings);
    const cover = firstExisting(zip, opf.covers);
    const drm = await hasDrm(zip);
    return {
      format: 'epub',
      candidates: metadataCandidates(opf.metadata, ORIGIN),
      ...(cover && { cover }),
      flags: drm ? { drm } : {},
      warnings,
    };
  } finally {
    await zip.close();
  }
}

function archiveWarnings(zip: ZipArchive): string[] {
  const warnings: string[] = [];
  const mimetype = zip.entries.findIndex((entry) => entry.name === 'mimetype');
  if (mimetype === -1) warnings.push('The EPUB has no "mimetype" entry.');
  else if (mimetype > 0) warnings.push('The "mimetype" entry is not the first in the archive.');
  const unsafe = zip.entries.filter((entry) => entry.unsafe).map((entry) => entry.name);
  if (unsafe.length > 0) {
    warnings.push(
      `The archive has entries whose names point outside it (${unsafe.join(', ')}); ` +
        'they were ignored.',
    );
  }
  return warnings;
}

/** The first cover candidate the archive really holds, under its exact entry name. */
function firstExisting(zip: ZipArchive, covers: EntryCover[]): EntryCover | undefined {
  for (const cover of covers) {
    const entry = zip.find(cover.path);
    if (entry && !entry.directory && !entry.unsafe) return { ...cover, path: entry.name };
  }
  return undefined;
}

// Font obfuscation is declared in encryption.xml too, and is not DRM.
const FONT_OBFUSCATION = new Set([
  'http://www.idpf.org/2008/embedding',
  'http://ns.adobe.com/pdf/enc#RC',
]);

/** Adobe/other DRM: a rights.xml, or encryption.xml encrypting more than fonts. */
async function hasDrm(zip: ZipArchive): Promise<boolean> {
  if (zip.find('META-INF/rights.xml')) return true;
  const encryption = zip.find('META-INF/encryption.xml');
  if (!encryption) return false;
  try {
    const doc = parseXml(await zip.readText(encryption.name, MAX_PACKAGE_BYTES));
    return descendantsNamed(doc.root, 'EncryptionMethod').some((method) => {
      const algorithm = method.attributes['Algorithm']?.trim();
      return algorithm !== undefined && !FONT_OBFUSCATION.has(algorithm);
    });
  } catch {
    // An unreadable encryption.xml says nothing either way about the metadata.
    return false;
  }
}
