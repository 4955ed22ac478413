import express from 'express';
import type { Agent } from '../agent';
import { COVER_SIZES, type CoverSize } from '../covers/thumbnails';

/** Cover thumbnails by hash: content-addressed, so cached forever. */
export function coversRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.get('/covers/:hash/:size', (req, res) => {
    const size = req.params.size as CoverSize;
    const path = size in COVER_SIZES ? agent.covers.path(req.params.hash, size) : undefined;
    if (!path || !agent.covers.has(req.params.hash, size)) {
      res.status(404).json({ error: 'not-found', message: 'No such cover.' });
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('image/webp').sendFile(path);
  });
  return router;
}
