// Folds text for matching: lowercase, without diacritics, so "Bishkek" finds "Bîshkek" and "ошский" finds "Ошский".
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words of a text, in any script: letters and digits, split on everything else. */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
