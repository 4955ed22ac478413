import { z } from 'zod';
import type { RenameRequest } from './types';

const profile = z.enum(['linux', 'macos', 'windows'], {
  error: 'profile must be linux, macos or windows (the file system the library is on).',
});
const onConflict = z.enum(['skip', 'suffix', 'overwrite'], {
  error: 'onConflict must be skip, suffix or overwrite.',
});

/** A rename request as it arrives (API body, job payload); defaults filled from the agent's. */
const renameRequestSchema = z.object({
  pattern: z.string({ error: 'pattern is required, e.g. ${author.sortname}/${title}.${ext}' }),
  profile: profile.optional(),
  onConflict: onConflict.default('skip'),
  selection: z.union([z.literal('all'), z.array(z.string()).max(1_000_000)]).default('all'),
  removeEmptyFolders: z.boolean().optional(),
});

/** A request checked and completed, or the first problem in words. */
export function parseRenameRequest(
  input: unknown,
  defaults: Pick<RenameRequest, 'profile' | 'removeEmptyFolders'>,
): { ok: true; request: RenameRequest } | { ok: false; message: string } {
  const parsed = renameRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue?.message ?? 'The rename request is not valid.' };
  }
  const { profile, removeEmptyFolders, ...rest } = parsed.data;
  return {
    ok: true,
    request: {
      ...rest,
      profile: profile ?? defaults.profile,
      removeEmptyFolders: removeEmptyFolders ?? defaults.removeEmptyFolders,
    },
  };
}
