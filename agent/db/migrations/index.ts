import type { Db } from '../sqlite';
import * as init from './1795499877-init';
import * as jobs from './1795503000-jobs';
import * as coverMade from './1795510000-cover-made';

export interface Migration {
  /** `<epoch>-<what>`: applied in this order, each once. */
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '1795499877-init', up: init.up },
  { name: '1795503000-jobs', up: jobs.up },
  { name: '1795510000-cover-made', up: coverMade.up },
];
