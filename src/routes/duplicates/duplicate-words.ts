import type { CatalogFile, DuplicateGroup } from '#core/api/maintenance';

/** "Dune by Frank Herbert · in /books": the book a file is, and its library folder. */
export function fileLine(file: CatalogFile): string {
  const by = file.authors.length > 0 ? ` by ${file.authors.join(', ')}` : '';
  return `${file.title}${by} · in ${file.folder}`;
}

/** The confirmation of keep-one: exactly which files move where, and the way back. */
export function confirmKeepOne(group: DuplicateGroup, keep: CatalogFile): string {
  const others = group.files.filter((f) => f.fileId !== keep.fileId);
  const moved = others.map((f) => `${f.path} → ${f.folder}/.colophon-trash/`).join('; ');
  return (
    `Keeps ${keep.path} where it is. Moves ${others.length === 1 ? 'this copy' : `these ${others.length} copies`} ` +
    `to the trash folder of ${others.length === 1 ? 'its' : 'their'} library folder: ${moved}. ` +
    `Nothing is deleted. ${others.length === 1 ? 'Its book leaves' : 'Their books leave'} the catalog; Undo puts the files and books back.`
  );
}
