/** Where the agent serves OPDS 1.2 (Atom), OPDS 2.0 (JSON) and KOReader's progress sync. */
export const OPDS_V1_PATH = '/opds';
export const OPDS_V2_PATH = '/opds/v2';
export const KOSYNC_PATH = '/kosync';

/** The addresses a user types into a reading app, on the agent at `origin`. */
export function deviceUrls(origin: string): { opds1: string; opds2: string; kosync: string } {
  const base = origin.replace(/\/+$/, '');
  return {
    opds1: `${base}${OPDS_V1_PATH}`,
    opds2: `${base}${OPDS_V2_PATH}`,
    kosync: `${base}${KOSYNC_PATH}`,
  };
}
