/** Debian's Chromium, headless, with no network of its own: how every browser test and bench runs. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.COLOPHON_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
