// A memo with a size limit: when it is full, the entry used longest ago makes room.

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** The value kept for key, or make(key), kept from now on. A Map keeps insertion order, so the first key is the oldest. */
  get(key: K, make: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = make(key);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    } else {
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    return value;
  }

  /** The value kept for key, if any, without making it the most recently used. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Forgets a key's value (a failed computation that must not be kept). */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Forgets every value (what they were computed from has changed). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
