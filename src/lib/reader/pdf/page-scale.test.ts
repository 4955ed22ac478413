import { describe, expect, it } from 'vitest';
import {
  ACTUAL_SIZE,
  canvasSize,
  canZoom,
  scaleFor,
  stepZoom,
  zoomPercent,
  type Size,
  type Zoom,
} from './page-scale';

const LETTER: Size = { width: 612, height: 792 };

describe('page scale', () => {
  const cases: { name: string; zoom: Zoom; stage: Size; width: number }[] = [
    // A phone in portrait: the width decides either way (4 px margins).
    {
      name: 'fit width, phone',
      zoom: { fit: 'width' },
      stage: { width: 390, height: 700 },
      width: 382,
    },
    {
      name: 'fit page, phone',
      zoom: { fit: 'page' },
      stage: { width: 390, height: 700 },
      width: 382,
    },
    // A laptop: fit page is limited by the height (16 px margins), fit width fills the width.
    {
      name: 'fit width, laptop',
      zoom: { fit: 'width' },
      stage: { width: 1366, height: 780 },
      width: 1334,
    },
    {
      name: 'fit page, laptop',
      zoom: { fit: 'page' },
      stage: { width: 1366, height: 780 },
      width: 578,
    },
    { name: 'a chosen zoom', zoom: { scale: 2 }, stage: { width: 390, height: 700 }, width: 1224 },
  ];
  for (const { name, zoom, stage, width } of cases) {
    it(name, () => {
      expect(scaleFor(zoom, LETTER, stage) * LETTER.width).toBeCloseTo(width, 0);
    });
  }

  it('keeps a fit inside the zoom range for tiny or huge stages', () => {
    expect(zoomPercent(scaleFor({ fit: 'width' }, LETTER, { width: 10, height: 10 }))).toBe(25);
    expect(zoomPercent(scaleFor({ fit: 'width' }, LETTER, { width: 1e5, height: 1e5 }))).toBe(500);
  });
});

describe('zoom steps', () => {
  it('goes to the next level, from a level or from between two', () => {
    expect(zoomPercent(stepZoom(ACTUAL_SIZE, 'in'))).toBe(110);
    expect(zoomPercent(stepZoom(ACTUAL_SIZE, 'out'))).toBe(90);
    // A fit put the page at 104%: in is 110%, out is 100%.
    expect(zoomPercent(stepZoom(1.04 * ACTUAL_SIZE, 'in'))).toBe(110);
    expect(zoomPercent(stepZoom(1.04 * ACTUAL_SIZE, 'out'))).toBe(100);
  });

  it('stops at the ends', () => {
    const most = stepZoom(100 * ACTUAL_SIZE, 'in');
    expect(zoomPercent(most)).toBe(500);
    expect(canZoom(most, 'in')).toBe(false);
    const least = stepZoom(0.01, 'out');
    expect(zoomPercent(least)).toBe(25);
    expect(canZoom(least, 'out')).toBe(false);
    expect(canZoom(ACTUAL_SIZE, 'in') && canZoom(ACTUAL_SIZE, 'out')).toBe(true);
  });
});

describe('canvas size', () => {
  it('draws at the device pixel ratio', () => {
    expect(canvasSize({ width: 400, height: 500 }, 2)).toEqual({
      width: 800,
      height: 1000,
      ratio: 2,
    });
    expect(canvasSize({ width: 400, height: 500 }, 0)).toEqual({
      width: 400,
      height: 500,
      ratio: 1,
    });
  });

  it('stays under the canvas limit, keeping the page’s proportions', () => {
    const size = canvasSize({ width: 4000, height: 5000 }, 3, 1_000_000);
    expect(size.width * size.height).toBeLessThanOrEqual(1_000_000);
    expect(size.width / size.height).toBeCloseTo(0.8, 2);
  });
});
