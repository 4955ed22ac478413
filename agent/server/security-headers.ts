import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** SHA-256 hashes of the inline scripts SvelteKit puts in index.html (its boot script). */
function inlineScriptHashes(buildDir: string): string[] {
  const index = join(buildDir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) =>
      `'sha256-${createHash('sha256')
        .update(m[1] ?? '')
        .digest('base64')}'`,
  );
}

/**
 * Security headers on every response: a content security policy that allows
 * the app and nothing else (its own scripts and workers, the boot script by
 * hash, images, styles and fonts from itself or blobs it made), no framing
 * of the app (its own srcdoc frames are not framings: they load nothing),
 * no MIME sniffing, no referrer leaks.
 */
export function securityHeaders(buildDir: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(buildDir), "'wasm-unsafe-eval'"],
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
