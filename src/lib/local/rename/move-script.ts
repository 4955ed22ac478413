import type { Move } from '#core/rename/plan-types';

/** A word for POSIX sh, in single quotes: nothing inside is special but the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The path below the folder root (`<root>/a/b.epub` → `a/b.epub`). */
function relative(root: string, path: string): string {
  if (!path.startsWith(`${root}/`)) throw new Error(`${path} is outside the folder.`);
  return path.slice(root.length + 1);
}

/**
 * The rename plan as a POSIX sh script, for browsers that cannot move files
 * in a picked folder (or folders imported from a file list): one `mkdir -p`
 * and one `mv -n` per move, in the plan's order, every path quoted. It stops
 * at the first move that does not happen (`mv -n` never replaces a file; the
 * plan never needs it to), so a half-run script is safe to inspect.
 */
export function moveScript(folderName: string, root: string, moves: readonly Move[]): string {
  // In comments and the usage message only: nothing there may end a line or an expansion.
  const name = folderName.replace(/[^\p{L}\p{N} ._()-]/gu, '_');
  const lines = [
    '#!/bin/sh',
    `# Colophon: ${moves.length} file moves that rename the books of the folder "${name}".`,
    `# Run it with the folder's path:  sh rename.sh "/path/to/${name}"`,
    '# Then rescan the folder in Colophon so the catalog follows.',
    'set -eu',
    `cd -- "\${1:?give the path of the folder ${name}}"`,
    'move() {',
    '  mkdir -p -- "$(dirname -- "$2")"',
    '  mv -n -- "$1" "$2"',
    '  if [ -e "$1" ] || [ -L "$1" ]; then',
    '    echo "Stopped: $1 was not moved to $2 (is something already there?)" >&2',
    '    exit 1',
    '  fi',
    '}',
  ];
  for (const move of moves) {
    lines.push(
      `move ${shellQuote(relative(root, move.from))} ${shellQuote(relative(root, move.to))}`,
    );
  }
  lines.push(`echo "Done: ${moves.length} moves."`, '');
  return lines.join('\n');
}
