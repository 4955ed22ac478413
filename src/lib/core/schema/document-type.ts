import type { z } from 'zod';

/** Upgrades a document of one version to the next: `upgrades[1]` takes a v1 document to v2. */
export type Upgrade = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * One type of synced document: its `type`, its current version, the schema of
 * that version, the upgrade from each earlier version, and its id prefix.
 * Documents of every version stay in the replicas (an agent and its browsers
 * are not updated at the same moment); each is read as the current version.
 */
export interface DocumentType<T extends { type: string; v: number }> {
  readonly type: T['type'];
  readonly version: T['v'];
  readonly schema: z.ZodType<T>;
  /** The current version of a document of any version this code knows; undefined if invalid or newer. */
  read(raw: unknown): T | undefined;
  /** Whether the document was written by newer code than this (then it is not read, but not lost). */
  isNewer(raw: unknown): boolean;
}

export interface DocumentTypeSpec<T extends { type: string; v: number }> {
  type: T['type'];
  version: T['v'];
  schema: z.ZodType<T>;
  /** One upgrade for each version from 1 to version - 1. */
  upgrades?: Record<number, Upgrade>;
}

function versionOf(raw: unknown): number | undefined {
  const v = (raw as { v?: unknown } | null)?.v;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
}

export function defineDocumentType<T extends { type: string; v: number }>(
  spec: DocumentTypeSpec<T>,
): DocumentType<T> {
  const upgrades = spec.upgrades ?? {};
  for (let v = 1; v < spec.version; v++)
    if (!upgrades[v])
      throw new Error(`The ${spec.type} document type has no upgrade from version ${v}.`);
  return {
    type: spec.type,
    version: spec.version,
    schema: spec.schema,
    read(raw) {
      if (!raw || typeof raw !== 'object' || (raw as { type?: unknown }).type !== spec.type)
        return undefined;
      let v = versionOf(raw);
      if (v === undefined || v > spec.version) return undefined;
      let doc = raw as Record<string, unknown>;
      for (; v < spec.version; v++) doc = { ...(upgrades[v] as Upgrade)(doc), v: v + 1 };
      const parsed = spec.schema.safeParse(doc);
      return parsed.success ? parsed.data : undefined;
    },
    isNewer(raw) {
      return (versionOf(raw) ?? 0) > spec.version;
    },
  };
}
