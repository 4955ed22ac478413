import type { Book, Contents, Location as EpubLocation, Rendition } from 'epubjs';
import { PAGE_SHOWN_MARK, type ReaderLocation } from '../reader-types';
import { searchBook, type SearchProgress, type SearchableSection } from './book-search';
import { bookCss, READER_STYLE_KEY, setPublisherStyles, type ThemeColors } from './book-styles';
import { chapterOf, flattenToc, type NavEntry, type TocEntry } from './book-toc';
import { lockChapter } from './content-policy';
import { EpubOpenError, openFailure } from './epub-bytes';
import { estimatePercentage, locationLabel } from './location-report';
import { tuckAwayOffscreen } from './offscreen-text';
import { listenForTurns } from './page-input';
import type { TurnAction } from './page-gestures';
import type { EpubSettings, Flow } from './reader-settings';

/** What epubjs 0.3.93 has but its type definitions leave out. */
interface BookInternals {
  spine: { spineItems: SpineSection[]; length: number };
  packaging: {
    navPath?: string;
    ncxPath?: string;
    metadata: { layout?: string; direction?: string };
  };
  /** Apple's display options (META-INF/com.apple.ibooks.display-options.xml), read when the OPF says no layout. */
  displayOptions?: { fixedLayout?: string };
}
/** A rendition's resize takes the place to show at the new size (left out of its types). */
interface RenditionInternals {
  resize(width: number, height: number, cfi?: string): void;
}
interface SpineSection {
  index: number;
  linear: boolean;
  load(request: (url: string) => Promise<unknown>): Promise<Element>;
  cfiFromRange(range: Range): string;
  unload(): void;
}

export interface EpubViewEvents {
  /** The visible page changed (a turn, a jump, a resize, the locations counted). */
  onlocation: (location: ReaderLocation, chapter: TocEntry | undefined) => void;
  /** The middle of the page was tapped. */
  ontoggle: () => void;
}

const UNPACK_TIMEOUT =
  'This EPUB did not finish unpacking in two minutes: a part of it may be damaged. Check the file in another reader.';

/** Characters per counted location: fine enough for percentages, quick to count. */
const LOCATION_CHARS = 1600;
/**
 * Reflowable books show two pages side by side from this width of text.
 * The reader's frame keeps one column under it and a spread over it (see
 * the measure in EpubReader.svelte).
 */
const SPREAD_FROM = 720;

/**
 * One EPUB shown in an element: epubjs's book and rendition behind the few
 * things the reader component asks of them. The chapters render in iframes
 * epubjs sandboxes as `allow-same-origin` only (allowScriptedContent is
 * false): the book's scripts never run.
 */
export class EpubView {
  readonly fixedLayout: boolean;
  readonly rightToLeft: boolean;
  toc: TocEntry[] = [];
  private rendition: Rendition | undefined;
  private stopInput: (() => void) | undefined;
  private settings: EpubSettings;
  private colors: ThemeColors;
  private lastLocation: EpubLocation | undefined;
  private locationsReady = false;
  private highlighted: string | undefined;
  /** A rendition lays out only once its first page is shown (before, it has no stage). */
  private shown = false;
  private size = { width: 0, height: 0 };
  private destroyed = false;

  private constructor(
    private readonly book: Book,
    private readonly element: HTMLElement,
    private readonly events: EpubViewEvents,
    settings: EpubSettings,
    colors: ThemeColors,
    /** Orders two CFIs of this book (epubjs's EpubCFI.compare). */
    private readonly compareCfi: (a: string, b: string) => number,
  ) {
    const { metadata } = this.internals.packaging;
    this.fixedLayout =
      metadata.layout === 'pre-paginated' || this.internals.displayOptions?.fixedLayout === 'true';
    this.rightToLeft = metadata.direction === 'rtl';
    this.settings = settings;
    this.colors = colors;
  }

  /** Opens the bytes and shows the first page (`start` when it is a place in this book). */
  static async open(
    bytes: ArrayBuffer,
    element: HTMLElement,
    options: { start?: string; settings: EpubSettings; colors: ThemeColors } & EpubViewEvents,
  ): Promise<EpubView> {
    const { default: ePub, EpubCFI } = await import('epubjs');
    const book = ePub();
    try {
      await book.open(bytes, 'binary');
      // epubjs then unpacks the book's files, and only logs a failure there: it would never open.
      await Promise.race([
        book.opened,
        new Promise((_, reject) =>
          setTimeout(() => reject(new EpubOpenError(UNPACK_TIMEOUT)), 120_000),
        ),
      ]);
    } catch (error) {
      book.destroy();
      throw new Error(openFailure(error), { cause: error });
    }
    book.spine.hooks.content.register((doc: Document) => lockChapter(doc));
    const cfi = new EpubCFI();
    const view = new EpubView(book, element, options, options.settings, options.colors, (a, b) =>
      cfi.compare(a, b),
    );
    void view.loadToc();
    await view.render(options.start);
    void view.countLocations();
    return view;
  }

  private get internals(): BookInternals {
    return this.book as unknown as BookInternals;
  }

  private get flow(): Flow {
    return this.fixedLayout ? 'paginated' : this.settings.flow;
  }

  /** A new rendition in the element (at first, and when the flow changes), at `target`. */
  private async render(target: string | undefined): Promise<void> {
    this.stopInput?.();
    this.rendition?.destroy();
    this.shown = false;
    this.element.replaceChildren();
    const scrolled = this.flow === 'scrolled';
    // A size in pixels, not '100%': epubjs then leaves resizing to `resize` (it would only
    // watch the window, and lose the place doing it).
    this.size = this.measure();
    const rendition = this.book.renderTo(this.element, {
      ...this.size,
      resizeOnOrientationChange: false,
      // One chapter at a time either way: epubjs's continuous manager loses the place.
      flow: scrolled ? 'scrolled-doc' : 'paginated',
      manager: 'default',
      spread: 'auto',
      ...(this.fixedLayout ? {} : { minSpreadWidth: SPREAD_FROM }),
      allowScriptedContent: false,
    });
    this.rendition = rendition;
    rendition.hooks.content.register((contents: Contents) => this.style(contents));
    // Each chapter's frame is named, so a screen reader says what the frame holds.
    rendition.on('rendered', (_section: unknown, view: { iframe?: HTMLIFrameElement }) =>
      view.iframe?.setAttribute('title', 'Book text'),
    );
    rendition.on('relocated', (location: EpubLocation) => {
      this.lastLocation = location;
      // epubjs relocates once the page is laid out and shown, in the frame after a turn.
      performance.mark(PAGE_SHOWN_MARK, { detail: { cfi: location.start.cfi } });
      this.report();
    });
    this.stopInput = listenForTurns(rendition, this.element, (a) => this.act(a), this.rightToLeft);
    try {
      await this.showPlace(target);
    } catch {
      // A place from another edition of the file (or a damaged CFI): the beginning will do.
      if (target === undefined) throw new Error('This EPUB has no pages to show.');
      await rendition.display();
    }
    this.shown = true;
    // The element may have changed size while the first page was being laid out.
    this.resize();
  }

  /**
   * Shows the page a saved place begins. A place at the very start of a
   * line measures at the end of the line before, so epubjs can show the
   * page before it: when the page shown ends before the place, the next
   * page is the one.
   */
  private async showPlace(target: string | undefined): Promise<void> {
    const rendition = this.rendition;
    if (!rendition) return;
    await rendition.display(target);
    if (!target?.startsWith('epubcfi(')) return;
    if (this.flow === 'scrolled') {
      // epubjs measures where the place is before the chapter has settled at its width:
      // measured again, it is where the reader left it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await rendition.display(target);
      return;
    }
    const shown = rendition.currentLocation() as unknown as EpubLocation | undefined;
    const end = shown?.end?.cfi;
    if (end && this.compareCfi(target, end) > 0) await rendition.next();
  }

  private act(action: TurnAction): void {
    if (action === 'next') void this.next();
    else if (action === 'prev') void this.prev();
    else this.events.ontoggle();
  }

  next(): Promise<void> {
    if (this.flow === 'scrolled') return this.scroll(1);
    return this.rendition?.next() ?? Promise.resolve();
  }

  prev(): Promise<void> {
    if (this.flow === 'scrolled') return this.scroll(-1);
    return this.rendition?.prev() ?? Promise.resolve();
  }

  /**
   * Scrolled, a chapter is one long page: a turn scrolls a screen (less a
   * line or two, to keep the reader's place), and past either end goes to
   * the chapter beside it (epubjs's next/prev would skip the rest of this one).
   */
  private async scroll(direction: 1 | -1): Promise<void> {
    const rendition = this.rendition;
    const box = this.element.querySelector<HTMLElement>('.epub-container');
    if (!rendition || !box) return;
    const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 2;
    const atStart = box.scrollTop <= 1;
    if (direction === 1 ? !atEnd : !atStart) {
      box.scrollBy({ top: direction * box.clientHeight * 0.9, behavior: 'instant' });
      return;
    }
    if (direction === 1) return rendition.next();
    await rendition.prev();
    // Back from the start of a chapter is the end of the one before.
    box.scrollTop = box.scrollHeight;
  }

  /** Shows a TOC entry's href or a CFI. */
  async display(target: string): Promise<void> {
    await this.rendition?.display(target);
  }

  /** Shows a search hit and marks it (the previous mark goes). */
  async showHit(cfi: string): Promise<void> {
    const rendition = this.rendition;
    if (!rendition) return;
    if (this.highlighted) rendition.annotations.remove(this.highlighted, 'highlight');
    await rendition.display(cfi);
    rendition.annotations.highlight(cfi, {}, () => undefined, 'colophon-hit', {
      fill: '#f59e0b',
      'fill-opacity': '0.35',
      'mix-blend-mode': 'multiply',
    });
    this.highlighted = cfi;
  }

  /** New settings, applied to the chapters shown; a new flow renders again at the same place. */
  async apply(settings: EpubSettings, colors: ThemeColors): Promise<void> {
    if (JSON.stringify([settings, colors]) === JSON.stringify([this.settings, this.colors])) return;
    const flowChanged = settings.flow !== this.settings.flow;
    this.settings = settings;
    this.colors = colors;
    const here = this.lastLocation?.start.cfi;
    if (flowChanged && !this.fixedLayout) return this.render(here);
    const rendition = this.rendition;
    if (!rendition) return;
    for (const contents of rendition.getContents() as unknown as Contents[]) this.style(contents);
    // The text reflowed: the page that began here may now be another.
    if (here) await this.showPlace(here);
  }

  /** The element changed size (the margins, the window, a banner above): lay the pages out again, at the same place. */
  resize(): void {
    const rendition = this.rendition;
    if (!this.shown || !rendition) return;
    const size = this.measure();
    // Nothing to lay out in an element leaving the page (its place would be lost, and reported).
    if (size.width <= 0 || size.height <= 0) return;
    if (size.width === this.size.width && size.height === this.size.height) return;
    this.size = size;
    const here = this.lastLocation?.start.cfi;
    (rendition as unknown as RenditionInternals).resize(size.width, size.height, here);
    if (here) void this.showPlace(here);
  }

  /** The element's content box, where the pages go. */
  private measure(): { width: number; height: number } {
    const style = getComputedStyle(this.element);
    const px = (value: string) => Number.parseFloat(value) || 0;
    return {
      width: Math.floor(this.element.clientWidth - px(style.paddingLeft) - px(style.paddingRight)),
      height: Math.floor(
        this.element.clientHeight - px(style.paddingTop) - px(style.paddingBottom),
      ),
    };
  }

  search(
    query: string,
    report: (progress: SearchProgress) => void,
    signal: AbortSignal,
  ): Promise<SearchProgress> {
    const request = this.book.load.bind(this.book) as (url: string) => Promise<unknown>;
    const sections: SearchableSection[] = this.internals.spine.spineItems
      .filter((section) => section.linear)
      .map((section) => ({
        index: section.index,
        load: () => section.load(request),
        cfiFromRange: (range) => section.cfiFromRange(range),
        unload: () => section.unload(),
      }));
    return searchBook(sections, query, report, signal);
  }

  destroy(): void {
    this.destroyed = true;
    this.stopInput?.();
    this.rendition?.destroy();
    this.book.destroy();
  }

  private style(contents: Contents): void {
    void contents.addStylesheetCss(
      bookCss(this.settings, this.colors, this.fixedLayout),
      READER_STYLE_KEY,
    );
    if (this.fixedLayout) return;
    setPublisherStyles(contents.document, this.settings.publisherStyles);
    if (!this.rightToLeft) tuckAwayOffscreen(contents.document);
  }

  private report(): void {
    const location = this.lastLocation;
    if (!location || this.destroyed) return;
    const { start } = location;
    const shown = {
      cfi: start.cfi,
      section: start.index,
      page: start.displayed.page,
      pages: start.displayed.total,
    };
    const percentage = location.atEnd
      ? 1
      : this.locationsReady
        ? this.book.locations.percentageFromCfi(start.cfi)
        : estimatePercentage(shown, this.internals.spine.length);
    const chapter = chapterOf(this.toc, start.index);
    this.events.onlocation(
      {
        locator: start.cfi,
        percentage,
        label: locationLabel(chapter?.label, percentage),
        atEnd: location.atEnd,
      },
      chapter,
    );
  }

  private async loadToc(): Promise<void> {
    const navigation = await this.book.loaded.navigation;
    const { navPath, ncxPath } = this.internals.packaging;
    this.toc = flattenToc(
      navigation.toc as NavEntry[],
      navPath || ncxPath || '',
      (href) => this.book.spine.get(href)?.index,
    );
    this.report();
  }

  /** Counts the book's locations in the background, for true percentages (the first page waits for none). */
  private async countLocations(): Promise<void> {
    try {
      await this.book.locations.generate(LOCATION_CHARS);
    } catch {
      return; // A chapter that does not parse: the estimates stay, the reading does not stop.
    }
    if (this.destroyed) return;
    this.locationsReady = this.book.locations.length() > 0;
    this.report();
  }
}
