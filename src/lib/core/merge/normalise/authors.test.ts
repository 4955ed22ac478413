import { describe, expect, it } from 'vitest';
import { authorIdentityKey, authorSortName, peopleKey, personSortName } from './authors';

describe('authorSortName', () => {
  it.each([
    ['H. G. Wells', 'Wells, H. G.'],
    ['H.G. Wells', 'Wells, H. G.'],
    ['J.R.R. Tolkien', 'Tolkien, J. R. R.'],
    ['Wells, H.G.', 'Wells, H. G.'],
    ['Wells,  H. G.', 'Wells, H. G.'],
    ['Ludwig van Beethoven', 'Beethoven, Ludwig van'],
    ['Johann Wolfgang von Goethe', 'Goethe, Johann Wolfgang von'],
    ['Charles de Gaulle', 'Gaulle, Charles de'],
    ['Walter de la Mare', 'Mare, Walter de la'],
    ['Jean de La Fontaine', 'La Fontaine, Jean de'],
    ['Ursula K. Le Guin', 'Le Guin, Ursula K.'],
    ['Daphne du Maurier', 'Maurier, Daphne du'],
    ['Leonardo da Vinci', 'Vinci, Leonardo da'],
    ['Martin Luther King Jr.', 'King, Martin Luther, Jr.'],
    ['Martin Luther King, Jr.', 'King, Martin Luther, Jr.'],
    ['Kurt Vonnegut Jr', 'Vonnegut, Kurt, Jr'],
    ['Henry Ford III', 'Ford, Henry, III'],
    ['King, Martin Luther, Jr.', 'King, Martin Luther, Jr.'],
    // Spanish double surnames and joined surnames (the rule is in metadata/compound-surnames.ts).
    ['Gabriel García Márquez', 'García Márquez, Gabriel'],
    ['Gabriel Garcia Marquez', 'Garcia Marquez, Gabriel'],
    ['Mario Vargas Llosa', 'Vargas Llosa, Mario'],
    ['Federico García Lorca', 'García Lorca, Federico'],
    ['Carlos Ruiz Zafón', 'Ruiz Zafón, Carlos'],
    ['José Ortega y Gasset', 'Ortega y Gasset, José'],
    ['Juan Ramón Jiménez', 'Jiménez, Juan Ramón'],
    ['Jorge Luis Borges', 'Borges, Jorge Luis'],
    ['Arturo Pérez-Reverte', 'Pérez-Reverte, Arturo'],
    ['Gabriel García Márquez Jr.', 'García Márquez, Gabriel, Jr.'],
    ['García Márquez, Gabriel', 'García Márquez, Gabriel'],
    // Two words are given name and surname, whatever the surname is.
    ['Isabel Allende', 'Allende, Isabel'],
    ['Ana García', 'García, Ana'],
    ['Plato', 'Plato'],
    ['van Gogh', 'van Gogh'],
    ['村上春樹', '村上春樹'],
    ['村上 春樹', '村上 春樹'],
    ['  Terry   Pratchett ', 'Pratchett, Terry'],
    ['', ''],
  ])('%s → %s', (name, sortName) => expect(authorSortName(name)).toBe(sortName));
});

describe('authorIdentityKey', () => {
  it.each([
    ['Wells, H.G.', 'H. G. Wells'],
    ['H.G. Wells', 'h g wells'],
    ['HG Wells', 'H. G. Wells'],
    ['Émile Zola', 'ZOLA, Emile'],
    ['Ludwig van Beethoven', 'van Beethoven, Ludwig'],
    ['Ludwig van Beethoven', 'Beethoven, Ludwig van'],
    ['Ursula K. Le Guin', 'Le Guin, Ursula K'],
    ['J. R. R. Tolkien', 'JRR Tolkien'],
    ['Gabriel García Márquez', 'Gabriel Garcia Marquez'],
    ['Gabriel García Márquez', 'García Márquez, Gabriel'],
    ['Martin Luther King Jr.', 'King, Martin Luther, Jr'],
  ])('%s = %s', (a, b) => expect(authorIdentityKey(a)).toBe(authorIdentityKey(b)));

  it.each([
    ['H. G. Wells', 'Orson Welles'],
    ['Martin Luther King Jr.', 'Martin Luther King Sr.'],
    ['Terry Pratchett', 'Neil Gaiman'],
  ])('%s ≠ %s', (a, b) => expect(authorIdentityKey(a)).not.toBe(authorIdentityKey(b)));
});

describe('peopleKey', () => {
  const person = (name: string) => ({ name, roles: ['aut'] });

  it('is the same set in any order and spelling', () => {
    expect(peopleKey([person('Terry Pratchett'), person('Neil Gaiman')])).toBe(
      peopleKey([person('Gaiman, Neil'), person('PRATCHETT, TERRY')]),
    );
  });

  it('is undefined for no usable name', () => {
    expect(peopleKey([])).toBeUndefined();
    expect(peopleKey([person('  ')])).toBeUndefined();
  });
});

describe('personSortName', () => {
  it("keeps the source's own sort name", () => {
    expect(personSortName({ name: 'Ursula Le Guin', sortName: 'LeGuin, Ursula', roles: [] })).toBe(
      'LeGuin, Ursula',
    );
  });

  it('derives one otherwise', () => {
    expect(personSortName({ name: 'Ursula Le Guin', roles: [] })).toBe('Le Guin, Ursula');
  });
});
