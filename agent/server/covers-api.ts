import express from 'express';
import type { Agent } from '../agent';
import { COVER_SIZES, type CoverSize } from '../covers/cover-sizes';
import { requireSession } from './session-middleware';

/** Cover thumbnails by hash: content-addressed, so cached forever. */
export function coversRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.get('/covers/:hash/:size', requireSession, (req, res) => {
    const size = String(req.params.size) as CoverSize;
    const hash = String(req.params.hash);
    const path = size in COVER_SIZES ? agent.covers.path(hash, size) : undefined;
    if (!path || !agent.covers.has(hash, size)) {
      res.status(404).json({ error: 'not-found', message: 'No such cover.' });
      return;
    }
    // Private: covers need a session, so shared caches must not keep them.
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.type('image/webp').sendFile(path);
  });
  return router;
}
