// One index term's postings: for each field, the pages it is on and how often, as short ids and counts in typed arrays.

/**
 * One field's postings of one term: [short id, frequency, short id, frequency, …] in one Uint32Array, short ids
 * ascending. MiniSearch kept a Map of short id to frequency for each: 3.6 million entries on the 10,000-page site
 * took 146 MB of the search thread's heap, about 42 bytes a posting; here a posting is 8 bytes and the array grows by
 * doubling, so the same postings take about 35 MB.
 */
export class FieldPostings {
  private entries = new Uint32Array(2);
  private count = 0;

  /** Pages this term is on in this field (the document frequency BM25 reads). */
  get size(): number {
    return this.count;
  }

  /**
   * Counts one more occurrence on page `shortId`. Pages are added one after another, each with a higher short id
   * than any before, so a page's postings are always at the end: adding is an append, or an increment of the last.
   */
  add(shortId: number): void {
    const last = 2 * (this.count - 1);
    if (this.count > 0 && this.entries[last] === shortId) {
      this.entries[last + 1] = this.entries[last + 1]! + 1;
      return;
    }
    if (this.count > 0 && this.entries[last]! > shortId) throw new Error(`postings of page ${shortId} added after page ${this.entries[last]}'s`);
    if (2 * this.count === this.entries.length) this.resize(2 * this.entries.length);
    this.entries[2 * this.count] = shortId;
    this.entries[2 * this.count + 1] = 1;
    this.count += 1;
  }

  has(shortId: number): boolean {
    return this.find(shortId) >= 0;
  }

  /** Takes page `shortId` out, whatever its frequency; false if it was not here. */
  remove(shortId: number): boolean {
    const at = this.find(shortId);
    if (at < 0) return false;
    this.entries.copyWithin(2 * at, 2 * at + 2, 2 * this.count);
    this.count -= 1;
    // A term that lost most of its pages gives the room back, so updates never leave large arrays mostly empty.
    if (this.entries.length > 8 && 4 * 2 * this.count <= this.entries.length) this.resize(this.entries.length / 2);
    return true;
  }

  /** Calls `visit` with each page's frequency and short id, in order of short id (as Map.forEach, value first). */
  forEach(visit: (frequency: number, shortId: number) => void): void {
    const entries = this.entries;
    for (let at = 0; at < 2 * this.count; at += 2) visit(entries[at + 1]!, entries[at]!);
  }

  /** The index of page `shortId`'s posting, or -1. */
  private find(shortId: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.entries[2 * middle]!;
      if (found === shortId) return middle;
      if (found < shortId) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private resize(length: number): void {
    const entries = new Uint32Array(length);
    entries.set(this.entries.subarray(0, 2 * this.count));
    this.entries = entries;
  }
}

/** A term's postings in each field it occurs in, by field id (the order of the index's fields). */
export class TermPostings {
  private readonly fields: (FieldPostings | undefined)[] = [];

  get(fieldId: number): FieldPostings | undefined {
    return this.fields[fieldId];
  }

  /** The fields the term is in. */
  *values(): IterableIterator<FieldPostings> {
    for (const field of this.fields) if (field) yield field;
  }

  add(fieldId: number, shortId: number): void {
    let field = this.fields[fieldId];
    if (!field) {
      field = new FieldPostings();
      this.fields[fieldId] = field;
    }
    field.add(shortId);
  }

  /** Takes page `shortId` out of field `fieldId`; a field left without pages is dropped. */
  remove(fieldId: number, shortId: number): void {
    const field = this.fields[fieldId];
    if (field?.remove(shortId) && field.size === 0) this.fields[fieldId] = undefined;
  }

  /** True once no field has a page: the term is then taken out of the index. */
  isEmpty(): boolean {
    return this.fields.every((field) => field === undefined);
  }
}
