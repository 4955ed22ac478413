/**
 * A user name as typed, in the form it is stored and shown: without the
 * spaces around it, and in Unicode's compatibility form (so a full-width
 * "ｒｉｔａ" is "rita").
 */
export function userNameAsStored(name: string): string {
  return name.trim().normalize('NFKC');
}

/**
 * The key two user names are compared by, for signing in, for the sign-in
 * rate limit and for refusing a second account of the same name: " Rita",
 * "RITA" and "ｒｉｔａ" are all "rita". SQLite's NOCASE folds only ASCII, so
 * this is computed here and stored in its own column.
 */
export function userNameKey(name: string): string {
  return userNameAsStored(name).toLowerCase();
}
