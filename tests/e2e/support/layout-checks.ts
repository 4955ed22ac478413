import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { addUser, type Account, type AgentProcess } from './agent-process';

/**
 * The widths the app is held to: a phone, a tablet, a laptop. axe runs at the
 * phone's and the laptop's: the tablet shows the phone's menu and the same
 * elements, so its findings would be the phone's again (its layout is still
 * measured).
 */
export const WIDTHS = [
  { name: 'phone', width: 390, height: 844, axe: true },
  { name: 'tablet', width: 820, height: 1180, axe: false },
  { name: 'laptop', width: 1366, height: 900, axe: true },
] as const;

export type { Account };

export const READER: Account = { username: 'rita', password: 'a reader reads by lamplight' };

/** Adds a reader account with the agent's own command line, as an admin would on the server. */
export function addReader(agent: AgentProcess, reader: Account = READER): void {
  addUser(agent.dataDir, reader, 'reader');
}

/** Signs in through the sign-in page as `account`. */
export async function signInAs(page: Page, agent: AgentProcess, account: Account): Promise<void> {
  await page.goto(`${agent.url}/login`);
  await page.getByLabel('User name').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(account.username);
}

/**
 * Opens `url` and waits until the page has said what it is: a heading shown
 * and nothing left "Loading…". The reader has no heading: its location shows.
 */
export async function openRoute(page: Page, url: string): Promise<void> {
  await page.goto(url);
  if (new URL(url).pathname.startsWith('/read/')) {
    await expect(page.getByTestId('reader-location')).toBeVisible();
  } else {
    // The books page leads with its search box, not a heading: its result count says it is ready.
    await expect(page.locator('main :is(h1, [data-testid="result-count"])').first()).toBeVisible();
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  }
  // Signed in, the catalog fills as replication catches up: measure the page once it is live.
  if ((await page.getByTestId('signed-in-as').count()) > 0) {
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'live', {
      timeout: 30_000,
    });
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  }
  // Fonts and images that arrive late move text: measure the page as it comes to rest.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForLoadState('load');
}

export interface LayoutReport {
  /** How far the page is wider than the window (0 when it fits). */
  overflow: number;
  /** Pairs of text boxes drawn over each other, described for the failure message. */
  overlaps: string[];
  /** The outermost elements reaching past the window's right edge. */
  wide: string[];
}

/**
 * Measures the page as drawn. Text boxes are the rectangles of each visible
 * text node's lines (tighter than their elements' boxes), cut to what their
 * scrolling or clipping ancestors let show, so an ellipsis'd title or
 * visually-hidden text does not count. Text inside fixed overlays (dialogs,
 * the reader's bars) is meant to sit over the page and is left out, and so
 * is what is marked `data-stacked` (covers fanned over each other).
 */
export function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    interface Box {
      left: number;
      top: number;
      right: number;
      bottom: number;
    }
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'TITLE']);
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const width = (b: Box) => Math.max(0, b.right - b.left);
    const height = (b: Box) => Math.max(0, b.bottom - b.top);

    /** The part of the page an element's ancestors let it show; undefined when in an overlay. */
    const visibleArea = (element: Element): Box | undefined => {
      let area: Box = { left: -1e6, top: -1e6, right: 1e6, bottom: 1e6 };
      for (let e: Element | null = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.position === 'fixed' || (e instanceof HTMLDialogElement && e.open))
          return undefined;
        const clips =
          style.overflowX !== 'visible' ||
          style.overflowY !== 'visible' ||
          style.clip !== 'auto' ||
          style.clipPath !== 'none';
        if (clips && e !== document.documentElement && e !== document.body)
          area = intersect(area, e.getBoundingClientRect());
      }
      return area;
    };

    const texts: { owner: Element; label: string; boxes: Box[] }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement;
      if (!owner || !node.textContent?.trim() || SKIP.has(owner.tagName)) continue;
      // Drawn over each other on purpose (the series header's fanned covers).
      if (owner.closest('[data-stacked]')) continue;
      if (!owner.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const area = visibleArea(owner);
      if (!area) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const boxes = [...range.getClientRects()]
        .map((r) => intersect(r, area))
        .filter((b) => width(b) > 1 && height(b) > 1);
      if (boxes.length === 0) continue;
      const name = `${owner.tagName.toLowerCase()}${owner.className && typeof owner.className === 'string' ? '.' + owner.className.trim().split(/\s+/)[0] : ''}`;
      texts.push({ owner, label: `${name} "${node.textContent.trim().slice(0, 40)}"`, boxes });
    }

    const overlaps: string[] = [];
    for (const [i, a] of texts.entries()) {
      for (const b of texts.slice(i + 1)) {
        const hit = a.boxes.some((x) =>
          b.boxes.some((y) => {
            const o = intersect(x, y);
            // Glyph boxes of neighbouring lines may touch; overlapping by a third of a line is a collision.
            return width(o) > 2 && height(o) > Math.min(height(x), height(y)) / 3 && height(o) > 3;
          }),
        );
        if (hit) overlaps.push(`${a.label} overlaps ${b.label}`);
      }
    }
    const overflow = Math.max(0, document.documentElement.scrollWidth - window.innerWidth);
    // What sticks out: the outermost elements past the right edge, to name in the failure.
    const wide: string[] = [];
    if (overflow > 0) {
      for (const e of document.body.querySelectorAll('*')) {
        const right = e.getBoundingClientRect().right;
        const parent = e.parentElement;
        if (
          right > window.innerWidth + 1 &&
          parent &&
          parent.getBoundingClientRect().right <= window.innerWidth + 1 &&
          e.checkVisibility() &&
          visibleArea(e)
        )
          wide.push(
            `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(right)}px)`,
          );
      }
    }
    return { overflow, overlaps, wide: wide.slice(0, 5) };
  });
}

/** axe-core's serious and critical findings against WCAG 2 A and AA, one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page's frames directly, without the blank page the default opens per run.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa'])
    .setLegacyMode(true)
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** Everything one route is held to: fits the width, no text over text, no serious axe finding. */
export async function checkRoute(
  page: Page,
  label: string,
  { axe }: { axe: boolean },
): Promise<string[]> {
  const problems: string[] = [];
  const layout = await measureLayout(page);
  if (layout.overflow > 0)
    problems.push(
      `${label}: page is ${layout.overflow}px wider than the window (${layout.wide.join(', ')})`,
    );
  for (const overlap of layout.overlaps) problems.push(`${label}: ${overlap}`);
  if (axe)
    for (const violation of await seriousAxeViolations(page))
      problems.push(`${label}: ${violation}`);
  return problems;
}
