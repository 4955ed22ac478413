/** `*` matches any run of characters inside one word. */
export function wildcardRegex(pattern: string, flags: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, flags);
}

/** A regex term is matched against whole values when it spans words (has a space), else against single words. */
export function spansWords(source: string): boolean {
  return /\s|\\s/.test(source);
}

/** Whether `run` occurs as consecutive words of `all`. */
export function containsRun(all: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= all.length; i++) {
    for (let j = 0; j < run.length; j++) if (all[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}
