/**
 * mulberry32: a small seeded generator of numbers in [0, 1), so data made
 * from it (bench catalogs and libraries, a test's fixed noise) is the same on
 * every run. Property tests draw their cases from fast-check instead, which
 * also shrinks a failing case and prints the seed to replay it.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
