import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { toProblem, type Problem } from '#core/errors';
import { formatFromName } from '#core/formats/detect';
import { readBook } from '#core/formats/read-book';
import { merge } from '#core/merge/merge';
import { withFileSource } from '../files/file-source';
import { nodePlatform } from '../platform/node-platform';
import { parse } from './parse';
import { UsageError } from './usage';

/** What `colophon inspect` prints for one file. */
export type InspectResult = { file: string } & (
  | {
      format: string;
      size: number;
      metadata: object;
      provenance: object;
      cover?: object;
      flags: object;
      warnings: string[];
    }
  | { error: Problem }
);

export async function inspectFile(file: string): Promise<InspectResult> {
  const path = resolve(file);
  try {
    const info = await stat(path);
    if (!info.isFile())
      return { file, error: { code: 'unreadable', message: 'This is not a regular file.' } };
    const format = formatFromName(path);
    if (!format) {
      return {
        file,
        error: {
          code: 'unsupported-format',
          message:
            'Colophon reads .epub, .mobi, .azw3, .pdf, .cbz, .cbr, .cb7 and .cbt files; this is none of them.',
        },
      };
    }
    const extraction = await withFileSource(path, (source) =>
      readBook(source, format, { platform: nodePlatform(), path: basename(path) }),
    );
    const { metadata, fields } = merge(extraction.candidates);
    const provenance = Object.fromEntries(
      Object.entries(fields).map(([field, decision]) => [
        field,
        { origin: decision.origin, confidence: decision.confidence },
      ]),
    );
    return {
      file,
      format,
      size: info.size,
      metadata,
      provenance,
      ...(extraction.cover ? { cover: extraction.cover } : {}),
      flags: extraction.flags,
      warnings: extraction.warnings,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, error: { code: 'unreadable', message: 'No such file.' } };
    if (code === 'EACCES')
      return { file, error: { code: 'unreadable', message: 'Permission denied.' } };
    return { file, error: toProblem(error) };
  }
}

/** `colophon inspect FILE…`: one JSON object per line; exit status 1 if any file could not be read. */
export async function inspect(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, true);
  if (positionals.length === 0) throw new UsageError('inspect needs at least one file.');
  let failed = false;
  for (const file of positionals) {
    const result = await inspectFile(file);
    if ('error' in result) failed = true;
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  return failed ? 1 : 0;
}
