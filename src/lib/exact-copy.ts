// A copy of a buffer that owns exactly its bytes.

/**
 * zlib's sync functions return a view on their 16 KB output chunk; keeping that view keeps the whole chunk.
 * A copy of exactly the compressed size keeps a 10,000-page site's compressed bytes at a quarter of the memory.
 */
export function exactCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}
