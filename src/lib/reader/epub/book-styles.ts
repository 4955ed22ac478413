import type { EpubSettings, Margins, ReaderTheme } from './reader-settings';

/** The colours a theme puts on the page. */
export interface ThemeColors {
  background: string;
  text: string;
  link: string;
}

/** Light and dark are the app's own (src/app.css); sepia is the reader's. */
export const THEME_COLORS: Record<Exclude<ReaderTheme, 'app'>, ThemeColors> = {
  light: { background: '#fbf8f3', text: '#1f1a17', link: '#7c2d12' },
  sepia: { background: '#f4ecd8', text: '#5b4636', link: '#8a4b1c' },
  dark: { background: '#171412', text: '#f1ebe4', link: '#fdba74' },
};

export const THEME_NAMES: Record<ReaderTheme, string> = {
  app: 'App',
  light: 'Light',
  sepia: 'Sepia',
  dark: 'Dark',
};

/** Space beside the text, as CSS lengths (the reader's frame, not the book's body). */
export const MARGIN_SIZES: Record<Margins, string> = {
  narrow: '0.5rem',
  medium: 'clamp(1rem, 4vw, 3rem)',
  wide: 'clamp(2rem, 10vw, 8rem)',
};

export const MARGIN_NAMES: Record<Margins, string> = {
  narrow: 'Narrow',
  medium: 'Medium',
  wide: 'Wide',
};

const SERIF = `'Iowan Old Style', 'Palatino Linotype', Palatino, Georgia, serif`;

/** The theme's colours; `app` takes the ones the app shows now (its CSS variables). */
export function themeColors(theme: ReaderTheme, app: ThemeColors): ThemeColors {
  return theme === 'app' ? app : THEME_COLORS[theme];
}

/** Whether a #rgb or #rrggbb colour is dark (relative luminance under a half); other forms count as light. */
export function isDark(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return false;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) < 0.5;
}

/**
 * The stylesheet the reader adds to every chapter. Size and line height
 * always apply; on a tinted or dark page the book's own colours give way
 * (dark text on a dark page is unreadable); with publisher styles off the
 * book's stylesheets are switched off (see `setPublisherStyles`) and this
 * gives the text its typography. Never touches the root's box: epubjs lays
 * out the columns with inline styles there.
 */
export function bookCss(settings: EpubSettings, colors: ThemeColors, fixedLayout = false): string {
  const forceColors =
    !settings.publisherStyles || settings.theme === 'sepia' || isDark(colors.background);
  const rules = [
    `html { color-scheme: ${isDark(colors.background) ? 'dark' : 'light'}; }`,
    `html, body { background: ${colors.background} !important; color: ${colors.text} !important; }`,
  ];
  // A fixed-layout page is a picture of the publisher's design: colours and type stay theirs.
  if (fixedLayout) return rules.join('\n');
  rules.push(
    `html { font-size: ${settings.fontSize}% !important; }`,
    `body, body p, body li, body blockquote, body dd, body dt, body td, body div { line-height: ${settings.lineHeight} !important; }`,
  );
  if (forceColors)
    rules.push(
      `body *:not(img):not(svg):not(svg *) { color: inherit !important; background-color: transparent !important; border-color: currentColor !important; }`,
      `body a:link, body a:visited, body a * { color: ${colors.link} !important; }`,
    );
  if (!settings.publisherStyles)
    rules.push(
      `body { font-family: ${SERIF} !important; hyphens: auto; overflow-wrap: break-word; }`,
      `p { margin: 0 0 0.75em; }`,
      `h1, h2, h3, h4, h5, h6 { line-height: 1.25 !important; text-align: center; margin: 1em 0 0.6em; }`,
      `img, svg, video { max-width: 100%; height: auto; }`,
      `blockquote { margin: 1em 1.5em; }`,
    );
  return rules.join('\n');
}

/** The key of the reader's own style element in a chapter (epubjs names it `epubjs-inserted-css-<key>`). */
export const READER_STYLE_KEY = 'colophon-reader';

/**
 * Switches the book's own stylesheets (linked and inline `<style>`) on or
 * off in one chapter's document, sparing those epubjs inserts (the
 * reader's among them). `media="not all"` keeps a sheet off even while it
 * is still loading; its own media comes back when switched on.
 */
export function setPublisherStyles(doc: Document, on: boolean): void {
  for (const node of doc.querySelectorAll<HTMLLinkElement | HTMLStyleElement>(
    'link[rel~="stylesheet"], style',
  )) {
    if (node.id.startsWith('epubjs-inserted-css')) continue;
    const kept = node.getAttribute('data-colophon-media');
    if (on && kept !== null) {
      node.setAttribute('media', kept);
      node.removeAttribute('data-colophon-media');
    } else if (!on && kept === null) {
      node.setAttribute('data-colophon-media', node.getAttribute('media') ?? 'all');
      node.setAttribute('media', 'not all');
    }
  }
}
