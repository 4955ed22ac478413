import { makeEpubFiles, navDocument } from './make-epub-files';

/**
 * What a hostile chapter tries, each leaving a trace a test can look for:
 * the app's title changed, a localStorage key written, a request with a
 * marker in its address.
 */
export const HOSTILE = {
  title: 'A Harmless Book',
  /** Written to localStorage (the book's and the app's) by a script that runs. */
  storageKey: 'hostile-book-was-here',
  /** Put in the app's title by a script that runs. */
  pwnedTitle: 'pwned by the book',
  /** In the address of every request the book tries, so a test can tell them apart. */
  marker: 'hostile-book',
  /** Text the chapter shows, so a test knows it was rendered. */
  visibleText: 'Nothing to see here',
} as const;

const m = HOSTILE.marker;
const steal = `
  try { parent.document.title = '${HOSTILE.pwnedTitle}'; } catch (e) {}
  try { top.document.title = '${HOSTILE.pwnedTitle}'; } catch (e) {}
  try { localStorage.setItem('${HOSTILE.storageKey}', 'script'); } catch (e) {}
  try { parent.localStorage.setItem('${HOSTILE.storageKey}', 'parent'); } catch (e) {}
  try { fetch('/api/session?${m}=fetch', { credentials: 'include' })
    .then(function (r) { return r.text(); })
    .then(function (t) { parent.document.title = t; }); } catch (e) {}
  try { var x = new XMLHttpRequest(); x.open('GET', '/api/session?${m}=xhr'); x.send(); } catch (e) {}
  try { navigator.sendBeacon('/api/session?${m}=beacon', 'x'); } catch (e) {}`;

const CHAPTER = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head>
  <title>Chapter One</title>
  <link rel="stylesheet" href="style.css"/>
  <link rel="stylesheet" href="http://example.invalid/${m}.css"/>
  <script>//<![CDATA[${steal}
  //]]></script>
  <script src="http://example.invalid/${m}.js"></script>
  <meta http-equiv="refresh" content="1; url=/api/session?${m}=refresh"/>
</head>
<body onload="parent.document.title='${HOSTILE.pwnedTitle}'">
  <h1>Chapter One</h1>
  <p>${HOSTILE.visibleText}. The quiet before the page turns.</p>
  <img src="http://example.invalid/${m}.png" alt="remote" onerror="parent.document.title='${HOSTILE.pwnedTitle}'; localStorage.setItem('${HOSTILE.storageKey}', 'onerror')"/>
  <img src="/api/session?${m}=img" alt="same origin"/>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="broken" onerror="localStorage.setItem('${HOSTILE.storageKey}', 'onerror-data')"/>
  <object data="trap.svg" type="image/svg+xml">svg</object>
  <iframe src="/api/session?${m}=iframe" title="frame"></iframe>
  <form action="/api/session?${m}=form" method="post"><button id="go">Go</button></form>
  <p><a href="javascript:parent.document.title='${HOSTILE.pwnedTitle}'">A link</a></p>
  <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="parent.document.title='${HOSTILE.pwnedTitle}'"><rect width="10" height="10"/></svg>
</body>
</html>`;

const CSS = `@import url("http://example.invalid/${m}-import.css");
body { background-image: url("http://example.invalid/${m}-bg.png"); }
@font-face { font-family: Trap; src: url("http://example.invalid/${m}.woff2"); }
p { font-family: Trap, serif; }`;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>${steal}</script><rect width="10" height="10"/></svg>`;

/** An EPUB 3 whose only chapter tries to run scripts, reach the app and load from the network. */
export function makeHostileEpub(): Promise<Uint8Array> {
  return makeEpubFiles({
    title: HOSTILE.title,
    metadata: '<dc:creator>Mallory</dc:creator>',
    files: [
      {
        href: 'nav.xhtml',
        mediaType: 'application/xhtml+xml',
        properties: 'nav',
        text: navDocument([['Chapter One', 'trap.xhtml']]),
      },
      { href: 'style.css', mediaType: 'text/css', text: CSS },
      {
        href: 'trap.xhtml',
        mediaType: 'application/xhtml+xml',
        properties: 'scripted svg',
        text: CHAPTER,
        spine: true,
      },
      { href: 'trap.svg', mediaType: 'image/svg+xml', text: SVG },
    ],
  });
}
