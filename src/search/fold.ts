// Folds text for matching: lowercase, without diacritics, so "Bishkek" finds "Bîshkek" and "ошский" finds "Ошский".
export function fold(text: string): string {
  // Most words are plain ASCII, which only needs lowercasing; the Unicode path is ten times slower.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text, in any script: letters and digits, split on everything else. */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
