/** How the page is sized: to the stage's width, to the whole page, or at a chosen zoom. */
export type Zoom = { fit: 'width' } | { fit: 'page' } | { scale: number };

export interface Size {
  width: number;
  height: number;
}

/**
 * CSS pixels per PDF point at "100%": a PDF point is 1/72 in, a CSS pixel
 * 1/96 in (pdf.js's PixelsPerInch.PDF_TO_CSS_UNITS). A scale is in CSS
 * pixels per point throughout.
 */
export const ACTUAL_SIZE = 96 / 72;

/** The zoom levels the buttons and keys step through, in percent of actual size. */
const STEPS = [25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400, 500];
const MIN_SCALE = (STEPS[0]! / 100) * ACTUAL_SIZE;
const MAX_SCALE = (STEPS[STEPS.length - 1]! / 100) * ACTUAL_SIZE;

/**
 * Canvas pixels one page may take. 16 Mpx is Safari's canvas limit on iPads
 * and iPhones; beyond it a canvas stays blank. A page zoomed past it is drawn
 * at a lower resolution instead.
 */
export const MAX_CANVAS_PIXELS = 16_777_216;

/** Room left around the page: a sliver on a phone, a visible margin on larger screens. */
export function pageMargin(stageWidth: number): number {
  return stageWidth < 600 ? 4 : 16;
}

/** The scale a page (its size at scale 1) is drawn at in a stage of `stage` CSS pixels. */
export function scaleFor(zoom: Zoom, page: Size, stage: Size): number {
  if ('scale' in zoom) return clampScale(zoom.scale);
  const margin = pageMargin(stage.width);
  const byWidth = Math.max(1, stage.width - 2 * margin) / page.width;
  if (zoom.fit === 'width') return clampScale(byWidth);
  const byHeight = Math.max(1, stage.height - 2 * margin) / page.height;
  return clampScale(Math.min(byWidth, byHeight));
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** The zoom, in whole percent of actual size, as the reader shows it. */
export function zoomPercent(scale: number): number {
  return Math.round((scale / ACTUAL_SIZE) * 100);
}

/**
 * The next zoom level in or out from `scale` (which a fit mode may have put
 * between two levels): always a real step, never the level it is already at.
 */
export function stepZoom(scale: number, direction: 'in' | 'out'): number {
  const percent = (scale / ACTUAL_SIZE) * 100;
  const next =
    direction === 'in'
      ? STEPS.find((step) => step > percent + 0.5)
      : STEPS.findLast((step) => step < percent - 0.5);
  const fallback = direction === 'in' ? STEPS[STEPS.length - 1]! : STEPS[0]!;
  return ((next ?? fallback) / 100) * ACTUAL_SIZE;
}

/** Whether a zoom step that way would change anything. */
export function canZoom(scale: number, direction: 'in' | 'out'): boolean {
  return direction === 'in' ? scale < MAX_SCALE - 1e-6 : scale > MIN_SCALE + 1e-6;
}

/**
 * The canvas for a page of `css` CSS pixels: as many device pixels as the
 * screen has (devicePixelRatio), fewer when that would pass `maxPixels`.
 * `ratio` is device pixels per CSS pixel, the transform pdf.js draws with.
 */
export function canvasSize(
  css: Size,
  devicePixelRatio: number,
  maxPixels = MAX_CANVAS_PIXELS,
): Size & { ratio: number } {
  let ratio = Math.max(1, devicePixelRatio || 1);
  const pixels = css.width * css.height * ratio * ratio;
  if (pixels > maxPixels) ratio = Math.sqrt(maxPixels / (css.width * css.height));
  return {
    width: Math.max(1, Math.floor(css.width * ratio)),
    height: Math.max(1, Math.floor(css.height * ratio)),
    ratio,
  };
}
