import express from 'express';
import { FORMATS } from '#core/api/formats';
import type { Agent } from '../agent';
import { formats, FormatError } from '../formats/formats';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin } from './session-middleware';

const STATUS: Record<FormatError['code'], number> = {
  changed: 409,
  'not-found': 404,
  'cannot-undo': 409,
  'same-format': 409,
};

/** Formats of one book (admins only): proposals and groups, group, split, keep apart, undo. */
export function formatsRouter(agent: Agent): express.Router {
  const router = express.Router();
  // Bodies are read after the guard: nothing is parsed for a caller who may not call.
  const json = express.json({ limit: '64kb' });
  const service = formats(agent);
  const userOf = (req: express.Request) => req.session?.user.id;

  serve(router, FORMATS.list, [requireAdmin], async (_req, res) => {
    res.json(await service.list());
  });

  serve(router, FORMATS.group, [requireAdmin, json], async (req, res) => {
    res.json(await service.group(req.body.books, req.body.main, userOf(req)));
  });

  serve(router, FORMATS.split, [requireAdmin, json], async (req, res) => {
    res.json(await service.split(req.body.main, userOf(req)));
  });

  serve(router, FORMATS.keepApart, [requireAdmin, json], async (req, res) => {
    res.json(await service.keepApart(req.body.books, userOf(req)));
  });

  serve(router, FORMATS.undo, [requireAdmin], async (req, res) => {
    res.json(await service.undo(req.params.id));
  });

  router.use(
    refusals(
      FormatError,
      (error) => new RequestError(STATUS[error.code], error.code, error.message),
    ),
  );
  return router;
}
