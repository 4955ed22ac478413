import fc from 'fast-check';

/**
 * Property tests draw new cases on every run on a developer's machine (and
 * print the seed of a failure to replay it), but CI runs the same cases every
 * time: a landing must not depend on the draw. COLOPHON_PROPERTY_SEED picks
 * another fixed seed.
 */
const fixed = process.env.COLOPHON_PROPERTY_SEED ?? (process.env.CI ? '20261207' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
