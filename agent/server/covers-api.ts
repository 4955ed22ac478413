import express from 'express';
import { FILES } from '#core/api/files';
import { COVER_SIZES, type CoverSize } from '#core/images/cover-sizes';
import type { Agent } from '../agent';
import { notFound } from './request-error';
import { serve } from './serve-route';
import { requireSession } from './session-middleware';

/** Cover thumbnails by hash: content-addressed, so cached forever. */
export function coversRouter(agent: Agent): express.Router {
  const router = express.Router();
  serve(router, FILES.cover, [requireSession], (req, res) => {
    const size = req.params.size as CoverSize;
    const { hash } = req.params;
    const path = size in COVER_SIZES ? agent.covers.path(hash, size) : undefined;
    if (!path || !agent.covers.has(hash, size)) throw notFound('No such cover.');
    // Private: covers need a session, so shared caches must not keep them.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.type('image/webp').sendFile(path);
  });
  return router;
}
