import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage';

/** node:util parseArgs, with its errors turned into usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  positionals = false,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, data: { type: 'string' } },
      allowPositionals: positionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
