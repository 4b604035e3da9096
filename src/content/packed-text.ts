// Text kept compressed in memory: rendered page bodies, which are needed again only now and then.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { exactCopy } from '../lib/exact-copy.js';

/**
 * A string held as raw deflate at level 1. A rendered body is needed again only when the page is re-rendered
 * (a navigation or template change), for the news feed, and for search snippets; kept as a JavaScript string it
 * costs two bytes a character as soon as one Cyrillic letter is in it. Packed, 10,000 bodies of 4 KB take
 * 12 MB instead of 80 MB, for 75 µs to pack and 50 µs to unpack each (measured; see README).
 */
export class PackedText {
  private readonly bytes: Buffer;

  constructor(text: string | { readonly packed: Buffer }) {
    this.bytes = typeof text === 'string' ? exactCopy(deflateRawSync(Buffer.from(text, 'utf8'), { level: 1 })) : text.packed;
  }

  /** Text packed elsewhere, the same way (a rendering thread): its bytes are kept as they are. */
  static fromPacked(packed: Buffer): PackedText {
    return new PackedText({ packed });
  }

  /** The packed bytes, to hand to another thread that unpacks them there (search: a large body's words). */
  get packed(): Buffer {
    return this.bytes;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  toString(): string {
    return inflateRawSync(this.bytes).toString('utf8');
  }
}
