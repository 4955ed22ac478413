import { APP_PASSWORDS } from './app-passwords';
import { BOOK_DETAILS } from './book-details';
import { CALIBRE } from './calibre';
import { FILES } from './files';
import { FOLDERS } from './folders';
import { FORMATS } from './formats';
import { JOBS } from './jobs';
import { LIBRARY_CARE } from './library-care';
import { MAINTENANCE } from './maintenance';
import { METADATA } from './metadata';
import { PAIRING } from './pairing';
import { READING } from './reading';
import { RENAME } from './rename';
import type { ApiRoute } from './route';
import { SESSION } from './session';
import { SETTINGS } from './settings';
import { STATUS } from './status';
import { USERS } from './users';

/** Every resource of the agent's HTTP API, each a file of this folder. */
export const API = {
  session: SESSION,
  users: USERS,
  appPasswords: APP_PASSWORDS,
  settings: SETTINGS,
  folders: FOLDERS,
  status: STATUS,
  jobs: JOBS,
  rename: RENAME,
  metadata: METADATA,
  bookDetails: BOOK_DETAILS,
  files: FILES,
  reading: READING,
  calibre: CALIBRE,
  pairing: PAIRING,
  maintenance: MAINTENANCE,
  formats: FORMATS,
  libraryCare: LIBRARY_CARE,
} as const;

/** Every route the agent serves under /api (tests/agent checks the agent registers exactly these). */
export const API_ROUTES: readonly ApiRoute[] = Object.values(API).flatMap((resource): ApiRoute[] =>
  Object.values(resource),
);
