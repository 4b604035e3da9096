// Unit tests for PackedText: exact round trips in any script, and the room it saves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PackedText } from '../../src/content/packed-text.js';

describe('PackedText', () => {
  it('gives back exactly the text it was given, in any script', () => {
    const cyrillic = '<p>Организация Объединённых Наций — Кыргызстан</p>';
    for (const text of ['', 'plain', cyrillic, '😀 \u0000 \uFFFD', 'x'.repeat(100_000)]) {
      assert.equal(new PackedText(text).toString(), text);
    }
  });

  it('holds a typical rendered body in a quarter of its size or less', () => {
    const body = '<p>Office governance программа agency gender agency border trafficking Кыргызстан.</p>\n'.repeat(50);
    const packed = new PackedText(body);
    assert.ok(packed.byteLength < Buffer.byteLength(body) / 4, `${packed.byteLength} bytes packed for ${Buffer.byteLength(body)}`);
  });
});
