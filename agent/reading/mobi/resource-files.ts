import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sniffImageType } from '#core/images/image-type';
import { RESOURCE_DIR, type EpubResource } from './epub-book';

/** Images a reading system shows everywhere; SVG is left out (it may carry script). */
const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};

const FONTS: [mediaType: string, extension: string, magic: number[]][] = [
  ['font/ttf', 'ttf', [0x00, 0x01, 0x00, 0x00]],
  ['font/ttf', 'ttf', [0x74, 0x72, 0x75, 0x65]],
  ['font/otf', 'otf', [0x4f, 0x54, 0x54, 0x4f]],
  ['font/woff', 'woff', [0x77, 0x4f, 0x46, 0x46]],
  ['font/woff2', 'woff2', [0x77, 0x4f, 0x46, 0x32]],
];

/** A CSS url() or @import: rewritten to a resource of the book, or removed. */
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi;
const CSS_IMPORT = /@import[^;]*;?/gi;

/**
 * The resources the MOBI parser wrote to its work folder (images, fonts,
 * style sheets), taken into the EPUB under names of our own. Only files
 * inside that folder are read; a path from anywhere else (or a URL) is not a
 * resource of the book. Each file is read once, whatever names it.
 */
export class ResourceFiles {
  readonly resources: EpubResource[] = [];
  private readonly hrefs = new Map<string, string | undefined>();
  /** By a hash of their bytes: the cover is often a page's image again. */
  private readonly byContent = new Map<string, string>();

  constructor(private readonly dir: string) {}

  /** The href of an image (from the package folder), or undefined when it is none we keep. */
  image(path: string, cover = false): string | undefined {
    const href = this.take(path, (bytes) => {
      const mediaType = sniffImageType(bytes);
      const extension = mediaType && IMAGE_EXTENSIONS[mediaType];
      return mediaType && extension ? { mediaType, extension, bytes } : undefined;
    });
    if (href && cover) {
      const resource = this.resources.find((r) => r.href === href);
      if (resource && !this.resources.some((r) => r.cover)) resource.cover = true;
    }
    return href;
  }

  /** A style sheet, with its urls pointing at resources in the same folder (fonts, images). */
  stylesheet(path: string): string | undefined {
    return this.take(path, (bytes) => {
      const css = new TextDecoder().decode(bytes).replace(CSS_IMPORT, '');
      const rewritten = css.replace(CSS_URL, (_whole, a?: string, b?: string, c?: string) => {
        const href = this.font(a ?? b ?? c ?? '') ?? this.image(a ?? b ?? c ?? '');
        // Resources sit beside the style sheet: `res/r3.ttf` is `r3.ttf` from there.
        return href ? `url("${href.slice(RESOURCE_DIR.length + 1)}")` : 'none';
      });
      return {
        mediaType: 'text/css',
        extension: 'css',
        bytes: new TextEncoder().encode(rewritten),
      };
    });
  }

  private font(path: string): string | undefined {
    return this.take(path, (bytes) => {
      const font = FONTS.find(([, , magic]) => magic.every((byte, i) => bytes[i] === byte));
      return font ? { mediaType: font[0], extension: font[1], bytes } : undefined;
    });
  }

  private take(
    path: string,
    accept: (
      bytes: Uint8Array,
    ) => { mediaType: string; extension: string; bytes: Uint8Array } | undefined,
  ): string | undefined {
    const file = this.inside(path);
    if (file === undefined) return undefined;
    if (this.hrefs.has(file)) return this.hrefs.get(file);
    let href: string | undefined;
    try {
      const taken = accept(new Uint8Array(readFileSync(file)));
      if (taken) {
        const hash = createHash('sha256').update(taken.bytes).digest('hex');
        href = this.byContent.get(hash);
        if (href === undefined) {
          href = `${RESOURCE_DIR}/r${this.resources.length + 1}.${taken.extension}`;
          this.resources.push({ href, mediaType: taken.mediaType, bytes: taken.bytes });
          this.byContent.set(hash, href);
        }
      }
    } catch {
      // Named but never written (a record the parser could not read): no resource.
    }
    this.hrefs.set(file, href);
    return href;
  }

  /** The path, when it is a file the parser wrote into the work folder (a URL never is). */
  private inside(path: string): string | undefined {
    const url = /^[a-z][a-z\d+.-]+:/i.test(path);
    if (!path || url) return undefined;
    const file = resolve(path);
    return dirname(file) === resolve(this.dir) ? file : undefined;
  }
}
