/** What went wrong, as the sentence an error carries (our errors are written for the user). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
