/**
 * EPUB CFIs as the in-app reader (epub.js) writes and reads them:
 * `epubcfi(/6/14[c5]!/4/2[chapter-5]/26/1:45)`. Steps before `!` lead
 * through the package to a spine item, steps after it through that item's
 * document from its root (<html>). An even step is an element (2 the first
 * child element), an odd one a text node: epub.js counts text nodes among
 * the text nodes only (/1 the first, /3 the second), which is what is kept
 * here. `[id]` asserts an id; `:N` is a character offset in a text node.
 * A range (`epubcfi(P,S,E)`) is read as its start.
 */

export interface CfiStep {
  index: number;
  id?: string;
}

export interface EpubCfi {
  /** Steps in the package document: the spine's, then the item's. */
  package: CfiStep[];
  /** Steps in the content document, from its root element. */
  steps: CfiStep[];
  offset?: number;
}

const ESCAPED = /[\^[\](),;=]/g;
const escapeId = (id: string) => id.replace(ESCAPED, (c) => `^${c}`);

/** Splits at top-level `,` (not inside `[…]`, not escaped with `^`). */
function splitRange(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '^') i++;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** A path's steps, indirections and terminal offset; undefined when it is not CFI syntax. */
function readPath(path: string): { runs: CfiStep[][]; offset?: number } | undefined {
  const runs: CfiStep[][] = [[]];
  let offset: number | undefined;
  let i = 0;
  const bracket = (): string | undefined => {
    if (path[i] !== '[') return undefined;
    let text = '';
    for (i++; i < path.length && path[i] !== ']'; i++) {
      if (path[i] === '^') i++;
      text += path[i] ?? '';
    }
    i++;
    return text;
  };
  while (i < path.length) {
    const c = path[i];
    const number = /^\d+/.exec(path.slice(i + 1))?.[0];
    if (c === '/' && number !== undefined && offset === undefined) {
      i += 1 + number.length;
      const assertion = bracket();
      // A step's assertion may carry parameters after `;` (none name an id).
      const id = assertion?.split(';')[0];
      runs.at(-1)?.push({ index: Number(number), ...(id ? { id } : {}) });
    } else if (c === '!' && offset === undefined) {
      runs.push([]);
      i++;
    } else if (c === ':' && number !== undefined && offset === undefined) {
      offset = Number(number);
      i += 1 + number.length;
      bracket(); // a text location assertion: not used
    } else if (c === '~' || c === '@') {
      break; // temporal and spatial offsets: not for text
    } else return undefined;
  }
  return { runs, ...(offset === undefined ? {} : { offset }) };
}

/** Reads a CFI into a spine item; undefined when it is not one. */
export function parseCfi(text: string): EpubCfi | undefined {
  const match = /^epubcfi\((.*)\)$/s.exec(text.trim());
  if (!match || text.length > 4096) return undefined;
  const [parent, start] = splitRange(match[1] as string);
  const path = readPath((parent ?? '') + (start ?? ''));
  if (!path || path.runs.length < 2) return undefined;
  const [pkg, ...rest] = path.runs;
  if (!pkg || pkg.length < 2) return undefined;
  return {
    package: pkg,
    steps: rest.flat(),
    ...(path.offset === undefined ? {} : { offset: path.offset }),
  };
}

export function formatCfi(cfi: EpubCfi): string {
  const steps = (list: CfiStep[]) =>
    list.map((s) => `/${s.index}${s.id ? `[${escapeId(s.id)}]` : ''}`).join('');
  const offset = cfi.offset === undefined ? '' : `:${cfi.offset}`;
  return `epubcfi(${steps(cfi.package)}!${steps(cfi.steps)}${offset})`;
}

/** The 0-based spine index a CFI's package steps lead to. */
export function spineIndexOf(cfi: EpubCfi): number | undefined {
  const item = cfi.package.at(-1)?.index;
  return item !== undefined && item >= 2 && item % 2 === 0 ? item / 2 - 1 : undefined;
}
