export const USAGE = `Colophon: an offline-first ebook library.

Usage:
  colophon serve [--library DIR]... [--port N] [--host H] [--https] [--name NAME]... [--cert FILE --key FILE] [--hub URL]
                                                             start the agent and serve the app
  colophon scan [DIR]...                                     scan library folders now, with a progress bar
  colophon import calibre PATH                               import a Calibre library: its folder becomes a library folder, its curated metadata a source
  colophon inspect FILE...                                   print each file's embedded metadata as JSON
  colophon lookup --isbn N | --title T [--author A] | --series S --number N [--year Y]   print what the metadata sources know, as JSON
  colophon user add NAME [--role admin|reader] [--password P] | reset NAME [--password P] | list   manage accounts
  colophon token add USER [--name NAME] | list USER | revoke USER ID   app passwords for devices (OPDS apps, KOReader); add prints it once
  colophon rename [--pattern P] [--on-conflict skip|suffix|overwrite] [--profile linux|macos|windows] [--book ID]... [--keep-empty-folders] [--dry-run]   rename books by a pattern (journaled; --dry-run prints the plan as JSON)
  colophon undo BATCH | --last                               move a rename batch's files back
  colophon doctor [--repair]                                 check the catalog against the disk; --repair then fixes what is safe (never a book file)
  colophon backup DIR                                        copy the data folder into DIR (new or empty), also while the agent runs
  colophon restore DIR                                       put a backup in place of the data folder (agent stopped; the old one is kept aside)
  colophon export --user NAME FILE                           write everything NAME made (shelves, reading, searches, edits) as JSON

Every command takes --data DIR (or COLOPHON_DATA); the default is ./data.
Library folders given to serve are remembered in the data dir.

serve listens on 127.0.0.1 (this machine only, plain HTTP) unless --host says otherwise
(--host 0.0.0.0: the whole network). Off loopback it serves HTTPS, as --https does anywhere:
a local CA in the data dir signs a certificate for this machine's names and addresses
(add more with --name nas.example.lan), or --cert and --key give your own. Plain http:// on
the same port then answers a page pointing to the HTTPS address and the CA to trust.
--hub https://user:password@couch:6984 replicates the catalog and every account's database
with a CouchDB hub, continuously (remembered; change it in Settings, '' turns it off).`;

/** A mistake in how a command was called: printed with the usage, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
