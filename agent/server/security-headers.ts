import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** SHA-256 hashes of the inline scripts SvelteKit puts in index.html (its boot script). */
function inlineScriptHashes(html: string): string {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map(
      (m) =>
        `'sha256-${createHash('sha256')
          .update(m[1] ?? '')
          .digest('base64')}'`,
    )
    .join(' ');
}

/**
 * The boot script's hashes for the index.html on disk now: read again when the
 * file changes, so a rebuild (or an upgrade that replaces the build) under a
 * running agent does not leave the app blank until a restart.
 */
export function bootScriptHashes(buildDir: string): () => string {
  const index = join(buildDir, 'index.html');
  let seen: { mtimeMs: number; size: number; hashes: string } | undefined;
  return () => {
    let mtimeMs: number;
    let size: number;
    try {
      ({ mtimeMs, size } = statSync(index));
    } catch {
      return '';
    }
    if (seen?.mtimeMs !== mtimeMs || seen.size !== size)
      seen = { mtimeMs, size, hashes: inlineScriptHashes(readFileSync(index, 'utf8')) };
    return seen.hashes;
  };
}

/**
 * Security headers on every response: a content security policy that allows
 * the app and nothing else (its own scripts and workers, the boot script by
 * hash, images, styles and fonts from itself or blobs it made), no framing
 * of the app (its own srcdoc frames are not framings: they load nothing),
 * no MIME sniffing, no referrer leaks.
 */
export function securityHeaders(buildDir: string): RequestHandler {
  const bootScripts = bootScriptHashes(buildDir);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", () => bootScripts(), "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        // Svelte sets style attributes (widths, transforms) at run time. The EPUB reader's
        // chapters (srcdoc frames, which inherit this policy) link the book's stylesheets,
        // fonts and media as blob: URLs epubjs makes from the unzipped book.
        styleSrc: ["'self'", "'unsafe-inline'", 'blob:'],
        imgSrc: ["'self'", 'blob:', 'data:'],
        fontSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        // epubjs gives each chapter a same-origin <base> to resolve the book's links by.
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
