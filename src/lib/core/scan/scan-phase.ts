/**
 * A folder's scan, in order: walk it (`discovering`), read what is new or
 * changed (`reading`), mark what was not found missing (`finishing`), then
 * make the covers (`covers`; the agent makes them in a job of its own).
 */
export type ScanPhase = 'discovering' | 'reading' | 'finishing' | 'covers';
