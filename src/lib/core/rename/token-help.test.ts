import { describe, expect, it } from 'vitest';
import { GRAMMAR_HELP, TOKEN_HELP } from './token-help';
import { renderTemplate } from './render';
import { parseTemplate } from './template-parser';
import { TOKEN_NAMES } from './tokens';

describe('grammar help', () => {
  it('lists every token once, in order', () => {
    expect(TOKEN_HELP.map((row) => row.token)).toEqual([...TOKEN_NAMES]);
  });

  it('shows patterns that parse', () => {
    for (const { example } of GRAMMAR_HELP)
      expect(parseTemplate(example)).toMatchObject({ ok: true });
  });

  it('tells the truth about the optional-group example', () => {
    const parsed = parseTemplate('${title}[ (${publicationyear})].${ext}');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(renderTemplate(parsed.template, { title: 'Dune', ext: 'epub' }).path).toBe('Dune.epub');
  });
});
