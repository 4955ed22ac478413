import { z } from 'zod';

/** The formats an original cover is kept in: JPEG for photographs, PNG for line art and transparency. */
export const ORIGINAL_FORMATS = ['jpeg', 'png'] as const;
export type OriginalFormat = (typeof ORIGINAL_FORMATS)[number];

/**
 * What the agent learns of a cover's original when it stores it: enough to
 * rank candidates and fold duplicates without opening the image again.
 */
export const coverQualitySchema = z.object({
  /** Size of the stored original, in bytes. */
  bytes: z.number().int().nonnegative(),
  format: z.enum(ORIGINAL_FORMATS),
  /** 64-bit difference hash (16 hex digits) of a normalised grey downscale. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  /** Blank, near-uniform or tiny: a source's "no cover" answer, not a cover. */
  placeholder: z.boolean(),
});
export type CoverQuality = z.infer<typeof coverQualitySchema>;

/** The media type an original is served as. */
export const ORIGINAL_TYPES: Record<OriginalFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
};
