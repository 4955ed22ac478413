/** Text found between brackets in a name: "(1937)", "[Series 03]", "(Digital)". */
export interface BracketGroup {
  text: string;
  bracket: '(' | '[' | '{';
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const BRACKETS = '()[]{}';

/**
 * Lifts bracketed groups out of a name, in order, leaving the rest as `bare`.
 * One pass, no nesting: an opener inside a group restarts it (the earlier
 * opener was a stray), unclosed openers and stray closers become spaces.
 */
export function extractGroups(text: string): { bare: string; groups: BracketGroup[] } {
  const groups: BracketGroup[] = [];
  let bare = '';
  // Start of the text not yet copied to `bare`, and of the open group if any.
  let copied = 0;
  let open = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at);
    if (!BRACKETS.includes(char)) continue;
    const closer = CLOSERS[char];
    if (closer !== undefined) {
      bare += text.slice(copied, at);
      copied = at;
      open = at;
    } else if (open >= 0 && CLOSERS[text.charAt(open)] === char) {
      const inner = text.slice(open + 1, at).trim();
      if (inner)
        groups.push({ text: inner, bracket: text.charAt(open) as BracketGroup['bracket'] });
      bare += ' ';
      copied = at + 1;
      open = -1;
    }
  }
  bare += text.slice(copied);
  return { bare: stripBrackets(bare), groups };
}

function stripBrackets(text: string): string {
  return text
    .replace(/[()[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
