// Small helpers for messages written in English: counts with their noun, ordinals, and the nearest known word.

/** "1 error", "2 errors"; the plural is the noun with an "s" unless given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** 1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd". */
export function ordinal(position: number): string {
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][position % 10] ?? 'th');
  return `${position}${suffix}`;
}

/** Edits (insert, delete, replace, or swap two neighbours) that turn one word into the other. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The candidate a mistyped word most likely meant ("tittle" -> "title", "Title" -> "title"), if one is close enough. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of candidates) {
    const edits = distance(typed, candidate.toLowerCase());
    if (!best || edits < best.edits) best = { candidate, edits };
  }
  // Two edits is a typo in a word of five letters or more; in a shorter word it is another word.
  const allowed = typed.length >= 5 ? 2 : 1;
  return best && best.edits <= allowed ? best.candidate : undefined;
}

/**
 * How long to wait, as people say it, rounded up so that trying at the time said always works: 45 -> "in 45 seconds",
 * 240 -> "in 4 minutes", 241 -> "in 5 minutes", 5400 -> "in 2 hours".
 */
export function waitInWords(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `in ${plural(whole, 'second')}`;
  if (whole < 2 * 60 * 60) return `in ${plural(Math.ceil(whole / 60), 'minute')}`;
  return `in ${plural(Math.ceil(whole / 3600), 'hour')}`;
}
