import express from 'express';
import { BOOK_DETAILS } from '#core/api/book-details';
import type { Agent } from '../agent';
import { bookDetails } from '../catalog/book-details';
import { bookNotFound } from '../metadata/errors';
import { serve } from './serve-route';
import { requireSession } from './session-middleware';

/**
 * A book's every candidate and source answer, for its metadata page. Readers
 * see what admins see there (only admins change anything, elsewhere); the
 * page keeps the answer so it still shows offline.
 */
export function bookDetailsRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { metadata } = agent;
  serve(router, BOOK_DETAILS.get, [requireSession], async (req, res) => {
    const sources = [...(await metadata.sources.read()).values()];
    const state = await metadata.states.one(req.params.bookId, sources);
    if (!state) throw bookNotFound(req.params.bookId);
    res.json(bookDetails(state, agent.ctx.catalog.details, sources));
  });
  return router;
}
