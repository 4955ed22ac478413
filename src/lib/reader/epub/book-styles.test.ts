import { describe, expect, it } from 'vitest';
import { bookCss, isDark, THEME_COLORS, themeColors } from './book-styles';
import { DEFAULT_SETTINGS, type EpubSettings } from './reader-settings';

const app = { background: '#fbf8f3', text: '#1f1a17', link: '#7c2d12' };
const settings = (changes: Partial<EpubSettings>): EpubSettings => ({
  ...DEFAULT_SETTINGS,
  ...changes,
});

describe('what the reader adds to a chapter', () => {
  it('follows the app by default, and a chosen theme otherwise', () => {
    expect(themeColors('app', app)).toBe(app);
    expect(themeColors('sepia', app)).toBe(THEME_COLORS.sepia);
  });

  it('tells dark pages from light ones', () => {
    expect(isDark(THEME_COLORS.dark.background)).toBe(true);
    expect(isDark('#000')).toBe(true);
    expect(isDark(THEME_COLORS.light.background)).toBe(false);
    expect(isDark(THEME_COLORS.sepia.background)).toBe(false);
    expect(isDark('rgb(0, 0, 0)')).toBe(false);
  });

  it('sizes the text and spaces the lines as set', () => {
    const css = bookCss(settings({ fontSize: 130, lineHeight: 1.8 }), app);
    expect(css).toContain('font-size: 130% !important');
    expect(css).toContain('line-height: 1.8 !important');
    expect(css).toContain(`background: ${app.background} !important`);
  });

  it("keeps the book's colours on a light page, and overrides them on a dark or sepia one", () => {
    expect(bookCss(settings({ theme: 'light' }), THEME_COLORS.light)).not.toContain(
      'color: inherit',
    );
    expect(bookCss(settings({ theme: 'dark' }), THEME_COLORS.dark)).toContain(
      'color: inherit !important',
    );
    expect(bookCss(settings({ theme: 'sepia' }), THEME_COLORS.sepia)).toContain(
      'color: inherit !important',
    );
    // "As the app" with the app in dark mode is a dark page too.
    expect(bookCss(settings({ theme: 'app' }), THEME_COLORS.dark)).toContain('color-scheme: dark');
  });

  it("gives the text the reader's typography when the publisher's styles are off", () => {
    expect(bookCss(settings({ publisherStyles: true }), app)).not.toContain('font-family');
    expect(bookCss(settings({ publisherStyles: false }), app)).toContain('font-family');
  });

  it('leaves a fixed-layout page its size and type, only its background themed', () => {
    const css = bookCss(settings({ fontSize: 150, theme: 'dark' }), THEME_COLORS.dark, true);
    expect(css).not.toContain('font-size');
    expect(css).not.toContain('line-height');
    expect(css).toContain(THEME_COLORS.dark.background);
  });

  it("never touches the root element's box, where epubjs lays out its columns", () => {
    for (const publisherStyles of [true, false]) {
      const css = bookCss(settings({ publisherStyles }), THEME_COLORS.dark);
      const rootRules = css.split('\n').filter((rule) => /^html\b/.test(rule));
      for (const rule of rootRules) expect(rule).not.toMatch(/width|height|padding|margin|column/);
    }
  });
});
