// What ranking needs to know of each indexed page, in arrays indexed by the page's short id: its id, its field lengths.

/**
 * Ranking reads a page's field length once per posting, tens of thousands of times a query on a large site; a typed
 * array makes each read an index, where MiniSearch's own Maps made it a hash lookup. Short ids are handed out in
 * order and never reused (term-index.ts), so the arrays only grow (doubling).
 */
export class PageTable {
  private readonly fields: number;
  private ids: (string | undefined)[] = [];
  private shortIds = new Map<string, number>();
  /** Room for this many pages in `lengths`. */
  private capacity = 1024;
  /** Field lengths, `fields` a page: [page 0 field 0, page 0 field 1, …]. */
  private lengths: Float64Array;
  private readonly sums: Float64Array;
  private count = 0;

  constructor(fields: number) {
    this.fields = fields;
    this.lengths = new Float64Array(this.capacity * fields);
    this.sums = new Float64Array(fields);
  }

  /** One past the highest short id given so far: the size of per-page arrays made for a query. */
  get end(): number {
    return this.ids.length;
  }

  add(shortId: number, id: string, fieldLengths: readonly number[]): void {
    if (shortId >= this.capacity) this.grow(shortId + 1);
    this.ids[shortId] = id;
    this.shortIds.set(id, shortId);
    fieldLengths.forEach((length, field) => {
      this.lengths[shortId * this.fields + field] = length;
      this.sums[field] = this.sums[field]! + length;
    });
    this.count += 1;
  }

  remove(id: string): void {
    const shortId = this.shortIds.get(id);
    if (shortId === undefined) return;
    this.shortIds.delete(id);
    this.ids[shortId] = undefined;
    for (let field = 0; field < this.fields; field += 1) this.sums[field] = this.sums[field]! - this.lengths[shortId * this.fields + field]!;
    this.count -= 1;
  }

  /** Pages indexed now. */
  get size(): number {
    return this.count;
  }

  shortIdOf(id: string): number | undefined {
    return this.shortIds.get(id);
  }

  idOf(shortId: number): string | undefined {
    return this.ids[shortId];
  }

  length(shortId: number, field: number): number {
    return this.lengths[shortId * this.fields + field]!;
  }

  average(field: number): number {
    return this.count === 0 ? 0 : this.sums[field]! / this.count;
  }

  private grow(needed: number): void {
    let size = this.capacity;
    while (size < needed) size *= 2;
    this.capacity = size;
    const lengths = new Float64Array(size * this.fields);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}
