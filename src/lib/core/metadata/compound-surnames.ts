/**
 * Spanish double surnames ("Gabriel García Márquez" files under "García
 * Márquez"). Nothing in "Given Paternal Maternal" marks where the surname
 * starts, and calibre's default takes the last word ("Márquez, Gabriel
 * García"). The rule used here, applied only when no source gave a sort name
 * (an OPF file-as, a calibre author_sort, a MOBI "Last, First" always wins):
 *
 * - a surname joined by "y" (Spanish) or "i" (Catalan) is one surname:
 *   "José Ortega y Gasset" → "Ortega y Gasset, José";
 * - when the word before the last is one of Spain's and Latin America's most
 *   common surnames, the two words are the surname: "Mario Vargas Llosa" →
 *   "Vargas Llosa, Mario", "Federico García Lorca" → "García Lorca, Federico".
 *   Surnames that are common given names too (Martín, Santiago, Vicente, Cruz,
 *   León…) are left out, so "Juan Ramón Jiménez" stays "Jiménez, Juan Ramón".
 *   Matching ignores accents ("Garcia Marquez" counts).
 *
 * The list is deliberately short: a wrong guess moves a book in an A–Z list,
 * and a source's own sort name corrects it.
 */

// Space-separated: one name a line would bury the rule above under 66 lines.
const PATERNAL_SURNAMES: ReadonlySet<string> = new Set(
  (
    'García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Jiménez Ruiz ' +
    'Hernández Díaz Moreno Álvarez Muñoz Romero Gutiérrez Navarro Torres Domínguez Vázquez ' +
    'Ramírez Serrano Suárez Molina Morales Ortega Delgado Castro Ortiz Rubio Núñez Iglesias ' +
    'Medina Garrido Cortés Castillo Lozano Guerrero Prieto Méndez Herrera Cabrera Carrasco ' +
    'Aguilar Hidalgo Giménez Ibáñez Benítez Vargas Arias Carmona Sáez Velasco Rojas Cortázar ' +
    'Mendoza Zapata Restrepo Echeverría Villanueva Bustamante Sepúlveda Figueroa Valdés'
  )
    .split(' ')
    .map(fold),
);

/** Joins two surnames into one: Spanish "y", Catalan "i". */
const SURNAME_JOINERS: ReadonlySet<string> = new Set(['y', 'i']);

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Where the surname starts in `words`, moved earlier for a joined or a
 * Spanish double surname; `surnameAt` otherwise. One given word always stays.
 */
export function compoundSurnameStart(words: readonly string[], surnameAt: number): number {
  const before = words[surnameAt - 1];
  if (before !== undefined && SURNAME_JOINERS.has(before) && surnameAt >= 3) return surnameAt - 2;
  const lastOnly = surnameAt === words.length - 1;
  if (lastOnly && surnameAt >= 2 && before !== undefined && PATERNAL_SURNAMES.has(fold(before))) {
    return surnameAt - 1;
  }
  return surnameAt;
}
