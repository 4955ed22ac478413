import { describe, expect, it } from 'vitest';
import { readRoles, type NameOptions, type NameRoles } from './part-roles';

const book: NameOptions = { comic: false };
const comic: NameOptions = { comic: true };
const calibre: NameOptions = { comic: false, authorLast: true };

describe('readRoles', () => {
  const cases: [string, NameOptions, NameRoles][] = [
    ['Frank Herbert - Dune', book, { author: 'Frank Herbert', title: 'Dune' }],
    ['Dune - Frank Herbert', book, { author: 'Frank Herbert', title: 'Dune' }],
    ['Neil Gaiman - American Gods', book, { author: 'Neil Gaiman', title: 'American Gods' }],
    // Both sides read as one plain name: the default, Author - Title, holds even when wrong.
    ['American Gods - Neil Gaiman', book, { author: 'American Gods', title: 'Neil Gaiman' }],
    ['American Gods - Neil Gaiman', calibre, { author: 'Neil Gaiman', title: 'American Gods' }],
    ['Saga - 012', comic, { series: { name: 'Saga', number: 12 } }],
    // Zero padding marks a position in books too; a bare figure at the end does not.
    ['Saga - 012', book, { series: { name: 'Saga', number: 12 } }],
    ['George Orwell - 1984', book, { author: 'George Orwell', title: '1984' }],
    ['012 - Title', book, { title: 'Title', series: { number: 12 } }],
    ['1984 - Title', book, { title: '1984 - Title' }],
    [
      'Mistborn 1 - The Final Empire',
      book,
      { title: 'The Final Empire', series: { name: 'Mistborn', number: 1 } },
    ],
    ['Fahrenheit 451 - Ray Bradbury', book, { author: 'Ray Bradbury', title: 'Fahrenheit 451' }],
    // An unpadded figure against a name-like title reads as "Title N - Author": a known miss.
    ['Mistborn 1 - Final Empire', book, { author: 'Final Empire', title: 'Mistborn 1' }],
    [
      'Brandon Sanderson - Mistborn 01',
      book,
      { author: 'Brandon Sanderson', series: { name: 'Mistborn', number: 1 } },
    ],
    [
      'The Final Empire - Mistborn 01',
      book,
      { title: 'The Final Empire', series: { name: 'Mistborn', number: 1 } },
    ],
    [
      'Hellboy - Seed of Destruction 001',
      comic,
      { series: { name: 'Hellboy - Seed of Destruction', number: 1 } },
    ],
    [
      'Alan Moore - Watchmen 01',
      comic,
      { author: 'Alan Moore', series: { name: 'Watchmen', number: 1 } },
    ],
    ['Author-- Title', book, { author: 'Author', title: 'Title' }],
    ['- - -', book, {}],
    ['', book, {}],
  ];
  it.each(cases)('%j (%o)', (name, options, expected) => {
    expect(readRoles(name.split(' ').filter(Boolean), options)).toEqual(expected);
  });
});
