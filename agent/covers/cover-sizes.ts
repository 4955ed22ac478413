/** The thumbnail sizes (kept apart from thumbnails.ts so the agent process never loads sharp). */
export const COVER_SIZES = {
  /** Replicated with the book: small enough for 100,000 books in a browser. */
  small: { width: 160, height: 240, quality: 62 },
  /** Fetched from the agent for book pages. */
  medium: { width: 480, height: 720, quality: 78 },
} as const;
export type CoverSize = keyof typeof COVER_SIZES;
