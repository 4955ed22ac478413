/** Why the agent cannot open a data dir. */
export type StartupProblem = 'in-use' | 'damaged-database' | 'newer-data';

/**
 * The agent cannot start over this data dir, for a reason its owner can fix:
 * the message says which file or folder, what is wrong and what to do. The
 * command line prints it as it is, without a stack.
 */
export class StartupError extends Error {
  override name = 'StartupError';

  constructor(
    readonly problem: StartupProblem,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
