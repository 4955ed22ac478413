import { describe, expect, it } from 'vitest';
import type { Person } from '../types';
import { looksLikePeople, looksLikeTitle, personScore, readAuthors } from './people';

const aut = (name: string, sortName?: string): Person =>
  sortName ? { name, sortName, roles: ['aut'] } : { name, roles: ['aut'] };

describe('readAuthors', () => {
  const cases: [string, Person[] | undefined][] = [
    ['Frank Herbert', [aut('Frank Herbert')]],
    ['Homer', [aut('Homer')]],
    ['Tolkien, J.R.R.', [aut('J.R.R. Tolkien', 'Tolkien, J.R.R.')]],
    ['Le Guin, Ursula K.', [aut('Ursula K. Le Guin', 'Le Guin, Ursula K.')]],
    ['García Márquez, Gabriel', [aut('Gabriel García Márquez', 'García Márquez, Gabriel')]],
    ['Terry Pratchett & Neil Gaiman', [aut('Terry Pratchett'), aut('Neil Gaiman')]],
    ['Terry Pratchett and Neil Gaiman', [aut('Terry Pratchett'), aut('Neil Gaiman')]],
    ['Terry Pratchett; Neil Gaiman', [aut('Terry Pratchett'), aut('Neil Gaiman')]],
    ['Terry Pratchett, Neil Gaiman', [aut('Terry Pratchett'), aut('Neil Gaiman')]],
    [
      'Pratchett, Terry & Gaiman, Neil',
      [aut('Terry Pratchett', 'Pratchett, Terry'), aut('Neil Gaiman', 'Gaiman, Neil')],
    ],
    // "and" splits only between names.
    ['Pride and Prejudice', [aut('Pride and Prejudice')]],
    ['Frank Herbert & Frank Herbert', [aut('Frank Herbert')]],
    ['村上春樹', [aut('村上春樹')]],
    ['& ; ,', undefined],
    ['1234', undefined],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(readAuthors(text)).toEqual(expected);
  });
});

describe('personScore', () => {
  it.each([
    ['Neil Gaiman', 1],
    ['American Gods', 1],
    ['Ursula K. Le Guin', 2],
    ['J.R.R. Tolkien', 2],
    ['Gaiman, Neil', 2],
    ['Terry Pratchett & Neil Gaiman', 2],
    ['Honoré de Balzac', 1],
    ['Homer', 0],
    ['The Hobbit', 0],
    ['Colour Of Magic', 0],
    ['Stuff I Like', 0],
    ['Complete Works', 0],
    ['Fahrenheit 451', 0],
    ['frank herbert', 0],
    ['One Two Three Four Five Six', 0],
    ['Pride and Prejudice', 0],
  ] as const)('%j → %i', (text, score) => {
    expect(personScore(text)).toBe(score);
    expect(looksLikePeople(text)).toBe(score > 0);
  });
});

describe('looksLikeTitle', () => {
  it.each([
    ['The Hobbit', true],
    ['A Clockwork Orange', true],
    ['Pride and Prejudice', true],
    ['Gone with the Wind', true],
    ['Fahrenheit 451', true],
    ['The Complete Works', true],
    ['Dune', false],
    ['Homer', false],
    ['Frank Herbert', false],
    ['Terry Pratchett and Neil Gaiman', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeTitle(text)).toBe(expected);
  });
});
