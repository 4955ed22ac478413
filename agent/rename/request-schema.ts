import { z } from 'zod';
import { renameRequestSchema, type RenameRequest } from '#core/api/rename';
import { inputProblem } from '#core/api/request-input';

type Defaults = Pick<RenameRequest, 'profile' | 'removeEmptyFolders'>;

/** A request as the contract reads it, completed with the agent's defaults. */
export function withDefaults(
  request: z.output<typeof renameRequestSchema>,
  defaults: Defaults,
): RenameRequest {
  const { profile, removeEmptyFolders, ...rest } = request;
  return {
    ...rest,
    profile: profile ?? defaults.profile,
    removeEmptyFolders: removeEmptyFolders ?? defaults.removeEmptyFolders,
  };
}

/** A request (the command line's) checked and completed, or what is wrong with it in words. */
export function parseRenameRequest(
  input: unknown,
  defaults: Defaults,
): { ok: true; request: RenameRequest } | { ok: false; message: string } {
  const parsed = renameRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: inputProblem(parsed.error, 'request').message };
  return { ok: true, request: withDefaults(parsed.data, defaults) };
}
