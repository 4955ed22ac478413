import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type NextFunction } from 'express';

/**
 * Serves the built PWA. Every page route falls back to index.html (the app
 * routes on the client); the service worker and the manifest are never cached
 * by the browser's HTTP cache so updates reach users.
 */
export function spaRouter(buildDir: string): express.Router {
  const router = express.Router();
  const index = join(buildDir, 'index.html');
  router.use(
    express.static(buildDir, {
      index: false,
      setHeaders(res, path) {
        if (
          path.endsWith('sw.js') ||
          path.endsWith('.webmanifest') ||
          path.endsWith('index.html')
        ) {
          res.setHeader('Cache-Control', 'no-cache');
        } else if (path.includes('/_app/immutable/')) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    }),
  );
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text')
        .send('The app is not built. Run `npm run build`, or start with `npm start`.');
      return;
    }
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
