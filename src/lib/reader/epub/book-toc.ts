/** A table of contents entry as epubjs reads it from the nav document or the NCX. */
export interface NavEntry {
  label: string;
  href: string;
  subitems?: NavEntry[];
}

/** One line of the contents panel, in book order. */
export interface TocEntry {
  label: string;
  /** What the rendition displays: the chapter's path from the package, with its fragment. */
  href: string;
  depth: number;
  /** The spine section it is in; undefined when the book points at a file not in the spine. */
  section: number | undefined;
}

/**
 * `href` as the package sees it. A nav document's links are relative to
 * the nav document, which need not sit beside the package
 * ("nav/toc.xhtml" linking "../text/ch1.xhtml").
 */
export function resolveHref(navPath: string, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  const [path = '', fragment] = href.split('#', 2);
  const parts = navPath.split('/').slice(0, -1);
  for (const part of decodePath(path).split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  const resolved = path ? parts.join('/') : navPath;
  return fragment === undefined ? resolved : `${resolved}#${fragment}`;
}

function decodePath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/**
 * The contents as a flat list (indented by depth), each entry knowing its
 * spine section; `sectionOf` looks a package-relative href up in the spine.
 */
export function flattenToc(
  items: readonly NavEntry[],
  navPath: string,
  sectionOf: (href: string) => number | undefined,
  depth = 0,
): TocEntry[] {
  return items.flatMap((item) => {
    const resolved = resolveHref(navPath, item.href);
    const resolvedSection = sectionOf(resolved);
    // Some books write their nav links from the package's folder: the href as written works.
    const asWritten = resolvedSection === undefined ? sectionOf(item.href) : undefined;
    const entry: TocEntry = {
      label: item.label.replace(/\s+/g, ' ').trim() || 'Untitled',
      href: asWritten === undefined ? resolved : item.href,
      depth,
      section: resolvedSection ?? asWritten,
    };
    return [entry, ...flattenToc(item.subitems ?? [], navPath, sectionOf, depth + 1)];
  });
}

/**
 * The chapter a spine section belongs to: the first contents entry in that
 * section, else the last one before it (a long chapter split over files
 * keeps its name); undefined before the first entry (a cover, say).
 */
export function chapterOf(toc: readonly TocEntry[], section: number): TocEntry | undefined {
  let before: TocEntry | undefined;
  for (const entry of toc) {
    if (entry.section === undefined) continue;
    if (entry.section === section) return entry;
    if (entry.section < section && (!before || (before.section ?? -1) <= entry.section))
      before = entry;
  }
  return before;
}
