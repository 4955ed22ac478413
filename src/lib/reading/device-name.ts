/** Browsers by the token that names them, most specific first (Edge and Opera say Chrome too). */
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\b(OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\b(Firefox|FxiOS)\//, 'Firefox'],
  [/\b(HeadlessChrome|Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

/** Systems and devices, most specific first (an iPhone's agent says "like Mac OS X"). */
const SYSTEMS: [RegExp, string][] = [
  [/\biPad\b/, 'iPad'],
  [/\biPhone\b/, 'iPhone'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMacintosh\b/, 'Mac'],
  [/\bLinux\b/, 'Linux'],
];

const find = (table: [RegExp, string][], text: string) =>
  table.find(([pattern]) => pattern.test(text))?.[1];

/**
 * A name for this device from its browser's user agent, "Chrome on Linux",
 * "Safari on iPad": what "continue from …" shows until the user names it.
 * An iPad asks for desktop pages and says Macintosh; `touch` (a touch screen)
 * tells it from a Mac.
 */
export function deviceNameFrom(userAgent: string, touch = false): string {
  const browser = find(BROWSERS, userAgent) ?? 'A browser';
  let system = find(SYSTEMS, userAgent);
  if (system === 'Mac' && touch) system = 'iPad';
  return system ? `${browser} on ${system}` : browser;
}
