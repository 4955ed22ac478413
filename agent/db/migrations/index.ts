import type { Db } from '../sqlite';
import * as init from './1795499877-init';
import * as jobs from './1795503000-jobs';
import * as coverMade from './1795510000-cover-made';
import * as sourceCache from './1795530000-source-cache';
import * as users from './1795545000-users';
import * as renameJournal from './1795560000-rename-journal';
import * as metadataEdits from './1795580000-metadata-edits';
import * as catalogCheckpoints from './1795600000-catalog-checkpoints';
import * as userNameKey from './1795601400-user-name-key';
import * as jobPause from './1795610000-job-pause';
import * as appPasswords from './1795620000-app-passwords';
import * as opdsBooks from './1795620100-opds-books';
import * as kosync from './1795625000-kosync';
import * as maintenance from './1795640000-maintenance';
import * as notComics from './1795650000-not-comics';
import * as bookDetails from './1795660000-book-details';
import * as formatGroups from './1795670000-format-groups';
import * as replicatedEdits from './1795680000-replicated-edits';
import * as replicatedRequests from './1795690000-replicated-requests';

export interface Migration {
  /** `<epoch>-<what>`: applied in this order, each once. */
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '1795499877-init', up: init.up },
  { name: '1795503000-jobs', up: jobs.up },
  { name: '1795510000-cover-made', up: coverMade.up },
  { name: '1795530000-source-cache', up: sourceCache.up },
  { name: '1795545000-users', up: users.up },
  { name: '1795560000-rename-journal', up: renameJournal.up },
  { name: '1795580000-metadata-edits', up: metadataEdits.up },
  { name: '1795600000-catalog-checkpoints', up: catalogCheckpoints.up },
  { name: '1795601400-user-name-key', up: userNameKey.up },
  { name: '1795610000-job-pause', up: jobPause.up },
  { name: '1795620000-app-passwords', up: appPasswords.up },
  { name: '1795620100-opds-books', up: opdsBooks.up },
  { name: '1795625000-kosync', up: kosync.up },
  { name: '1795640000-maintenance', up: maintenance.up },
  { name: '1795650000-not-comics', up: notComics.up },
  { name: '1795660000-book-details', up: bookDetails.up },
  { name: '1795670000-format-groups', up: formatGroups.up },
  { name: '1795680000-replicated-edits', up: replicatedEdits.up },
  { name: '1795690000-replicated-requests', up: replicatedRequests.up },
];
