import { createHash } from 'node:crypto';
import { chmodSync, cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { corpusPath } from './corpus';

/** One book of the corpus's Calibre library, as `calibredb list --for-machine` gave it. */
export interface CalibreListed {
  id: number;
  title: string;
  /** "Joseph Conrad & Ford Madox Ford" */
  authors: string;
  /** "Conrad, Joseph & Ford, Ford Madox" */
  author_sort: string;
  /** Paths below the library folder. */
  formats: string[];
  identifiers: Record<string, string>;
  /** ISO 639-2 ("eng"). */
  languages: string[];
  pubdate: string;
  publisher?: string;
  /** 0–10. */
  rating?: number;
  series?: string;
  series_index?: number;
  tags: string[];
}

/** The corpus's curated Calibre library (read in place: never copy it into the repo). */
export const calibreLibraryPath = (): string => corpusPath('calibre/library');

export function calibreListed(): CalibreListed[] {
  return JSON.parse(readFileSync(corpusPath('calibre/expected.json'), 'utf8')) as CalibreListed[];
}

/** Every file below `dir` with its size, modification time and SHA-256: what "unchanged" means. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        const hash = createHash('sha256')
          .update(new Uint8Array(readFileSync(path)))
          .digest('hex');
        out[relative(dir, path)] = `${stat.size} ${stat.mtimeMs} ${hash}`;
      }
    }
  };
  walk(dir);
  return out;
}

/** A writable copy of the corpus's Calibre library (its files are read-only). */
export function copyCalibreLibrary(to: string): string {
  cpSync(calibreLibraryPath(), to, { recursive: true });
  const writable = (path: string) => {
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
    if (statSync(path).isDirectory())
      for (const name of readdirSync(path)) writable(join(path, name));
  };
  writable(to);
  return to;
}
