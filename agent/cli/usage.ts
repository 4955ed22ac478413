export const USAGE = `Colophon: an offline-first ebook library.

Usage:
  colophon serve [--library DIR]... [--port N] [--host H]   start the agent and serve the app
  colophon scan [DIR]...                                     scan library folders now, with a progress bar
  colophon inspect FILE...                                   print each file's embedded metadata as JSON

Every command takes --data DIR (or COLOPHON_DATA); the default is ./data.
Library folders given to serve are remembered in the data dir.`;

/** A mistake in how a command was called: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
