import { z } from 'zod';
import { BOOK_FORMATS } from '../formats/types';
import { route } from './route';

/**
 * Formats of one book: files that are the same work (an EPUB, a MOBI and a
 * PDF of it) shown as one book. The agent proposes groups; an admin confirms
 * one (choosing its main format), splits it again, or keeps books apart.
 */
export const FORMAT_ACTION_KINDS = ['group', 'split', 'keep-apart'] as const;
export type FormatActionKind = (typeof FORMAT_ACTION_KINDS)[number];

/** A decision about formats, as the page lists it (newest first) with its Undo. */
export const formatActionSchema = z.object({
  id: z.string(),
  kind: z.enum(FORMAT_ACTION_KINDS),
  state: z.enum(['done', 'undone']),
  /** In words: "Grouped “Dune” as one book: EPUB (main) · PDF." */
  summary: z.string(),
  /** The books it touched, by title. */
  books: z.array(z.string()),
  createdAt: z.string(),
  undoneAt: z.string().optional(),
});
export type FormatAction = z.infer<typeof formatActionSchema>;

/** One file of a proposal or a group: a book of the catalog. */
export const formatBookSchema = z.object({
  /** The book's short id (as in the file index). */
  bookId: z.string(),
  /** The catalog document's id (`book:<library>:<id>`), as pages link to it. */
  docId: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  format: z.enum(BOOK_FORMATS),
  /** Below its library folder's root. */
  path: z.string(),
  size: z.number(),
});
export type FormatBook = z.infer<typeof formatBookSchema>;

/** Books the agent thinks are formats of one work; nothing is grouped until an admin confirms. */
export const formatProposalSchema = z.object({
  /** Names the proposal in the page (its books' ids, sorted). */
  key: z.string(),
  /** Why: "the same ISBN 9780441013593", "the same title and authors". */
  reason: z.string(),
  /** Each book once; a book already the main of a group stands for all of its formats. */
  books: z.array(formatBookSchema.extend({ formats: z.array(z.enum(BOOK_FORMATS)) })),
});
export type FormatProposal = z.infer<typeof formatProposalSchema>;

/** A confirmed group: the main book, which the catalog shows, and its other formats. */
export const formatGroupSchema = z.object({
  main: formatBookSchema,
  others: z.array(formatBookSchema),
});
export type FormatGroup = z.infer<typeof formatGroupSchema>;

export const formatsSchema = z.object({
  proposals: z.array(formatProposalSchema),
  groups: z.array(formatGroupSchema),
  /** Recent decisions about formats, newest first. */
  actions: z.array(formatActionSchema),
});
export type Formats = z.infer<typeof formatsSchema>;

const bookId = z.string().min(1).max(100);
const bookIds = z.array(bookId).min(2, 'name at least two books').max(50);

export const groupFormatsSchema = z.object({
  /** The books to group (a group's main brings its other formats along). */
  books: bookIds,
  /** Which of them the catalog shows: its metadata, cover and page are the work's. */
  main: bookId,
});
export const splitFormatsSchema = z.object({ main: bookId });
export const keepApartSchema = z.object({ books: bookIds });

/** The Formats of one book page (admins only): list, group, split, keep apart, undo. */
export const FORMATS = {
  list: route({ method: 'GET', path: '/api/formats', response: formatsSchema }),
  group: route({
    method: 'POST',
    path: '/api/formats/group',
    body: groupFormatsSchema,
    response: formatActionSchema,
  }),
  split: route({
    method: 'POST',
    path: '/api/formats/split',
    body: splitFormatsSchema,
    response: formatActionSchema,
  }),
  /** Hides a proposal while no other book joins it. */
  keepApart: route({
    method: 'POST',
    path: '/api/formats/keep-apart',
    body: keepApartSchema,
    response: formatActionSchema,
  }),
  undo: route({
    method: 'POST',
    path: '/api/formats/actions/:id/undo',
    response: formatActionSchema,
  }),
};
