import express from 'express';
import { FILES } from '#core/api/files';
import { ORIGINAL_TYPES } from '#core/images/cover-quality';
import { COVER_SIZES, ORIGINAL_COVER, type CoverSize } from '#core/images/cover-sizes';
import type { Agent } from '../agent';
import { notFound } from './request-error';
import { serve } from './serve-route';
import { requireSession } from './session-middleware';

/**
 * Covers by hash: thumbnails (WebP) and the full-size original (JPEG or PNG).
 * Content-addressed, so cached forever. A cover made before originals were
 * kept answers its full size with its medium thumbnail, the largest it has.
 */
export function coversRouter(agent: Agent): express.Router {
  const router = express.Router();
  serve(router, FILES.cover, [requireSession], (req, res) => {
    const { hash, size } = req.params;
    const thumbnail = (which: CoverSize) =>
      agent.covers.has(hash, which) ? agent.covers.path(hash, which) : undefined;
    let file: { path: string; type: string } | undefined;
    if (size === ORIGINAL_COVER) {
      const original = agent.covers.findOriginal(hash);
      const medium = thumbnail('medium');
      if (original) file = { path: original.path, type: ORIGINAL_TYPES[original.format] };
      else if (medium) file = { path: medium, type: 'image/webp' };
    } else if (size in COVER_SIZES) {
      const path = thumbnail(size as CoverSize);
      if (path) file = { path, type: 'image/webp' };
    }
    if (!file) throw notFound('No such cover.');
    // Private: covers need a session, so shared caches must not keep them.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.type(file.type).sendFile(file.path);
  });
  return router;
}
