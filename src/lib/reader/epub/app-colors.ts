import type { ThemeColors } from './book-styles';

/** The colours the app shows now (its theme variables on <html>, as src/app.css sets them). */
export function appColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--bg', '#fbf8f3'),
    text: read('--fg', '#1f1a17'),
    link: read('--accent-strong', '#7c2d12'),
  };
}

/** Calls `changed` when the app's theme changes: the user's choice (data-theme) or the system's. */
export function watchAppColors(changed: () => void): () => void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', changed);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', changed);
  };
}
