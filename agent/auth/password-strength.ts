import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * zxcvbn's score runs 0–4 (guesses < 10^3, 10^6, 10^8, 10^10, more). 2 and up
 * withstands online guessing even without the agent's sign-in throttle (which
 * many addresses can spread out); 0 and 1 ("password123", "rita123456") are
 * the very weak ones refused. 3 would also refuse passwords such as
 * "bookshelf2024", which the throttle and scrypt hashes already protect.
 */
const MIN_SCORE = 2;

/** Words a password must not lean on besides the user's name. */
const SITE_WORDS = ['colophon'];

/**
 * Only the first 64 characters are scored (a longer password whose start is
 * weak is weak), and l33t variants are tried up to 10 substitutions: with
 * zxcvbn's defaults (256, 100) one 512-character password held the event loop
 * for 300 ms; with these, under 40 ms (a few ms for a usual one).
 */
const OPTIONS = { maxLength: 64, l33tMaxSubstitutions: 10 } as const;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Loaded on the first password set, not at start, then kept: ~100 ms once and
 * ~7 MB of heap for the common passwords, diceware words and keyboard
 * layouts. language-en's word lists are left out (+9 MB more): in our trials
 * they moved no password across MIN_SCORE.
 */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, { default: translations }] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en/dist/translations.mjs'),
    ]);
    return new ZxcvbnFactory({
      ...OPTIONS,
      translations,
      graphs: common.adjacencyGraphs,
      dictionary: common.dictionary,
    });
  })().catch((error: unknown) => {
    estimator = undefined; // try again on the next password rather than fail forever
    throw error;
  });
  return estimator;
}

/** The user name and its parts ("rita.s" -> "rita", "s"), which a password should not contain. */
function personalWords(userName: string): string[] {
  const name = userName.trim().toLowerCase();
  return [...new Set([name, ...name.split(/[._-]+/)])].filter((word) => word.length >= 2);
}

/**
 * Why a password is too easy to guess, in zxcvbn's words (what is wrong, then
 * what to do), or undefined when it is strong enough.
 */
export async function weakPasswordReason(
  password: string,
  userName: string,
): Promise<string | undefined> {
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(password, [...personalWords(userName), ...SITE_WORDS]);
  if (result.score >= MIN_SCORE) return undefined;
  const { warning, suggestions } = result.feedback;
  const advice = suggestions.length > 0 ? suggestions : ['Add another word or two.'];
  return ['This password is too easy to guess.', ...(warning ? [warning] : []), ...advice].join(
    ' ',
  );
}
