// Unit tests for prepare(): one strong ETag and Content-Length per encoding, and bodies kept exact after release.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { prepare } from '../../src/http/prepared.js';
import { selectVariant } from '../../src/http/serve-prepared.js';

const page = `<!DOCTYPE html><title>x</title>${'<p>The United Nations in Kyrgyzstan. '.repeat(300)}`;
const make = () =>
  prepare(page, { contentType: 'text/html; charset=utf-8', cacheControl: 'public, max-age=300', securityHeaders: [['X-Content-Type-Options', 'nosniff']] });

describe('Prepared', () => {
  it('gives each encoding its own strong ETag and its own Content-Length', () => {
    const prepared = make();
    prepared.precompress();
    const etags = [prepared.identity().etag, prepared.encoded('br')!.etag, prepared.encoded('gzip')!.etag];
    assert.equal(new Set(etags).size, 3);
    assert.deepEqual(brotliDecompressSync(prepared.encoded('br')!.body).toString(), page);
    assert.deepEqual(gunzipSync(prepared.encoded('gzip')!.body).toString(), page);
    const headers = prepared.encoded('br')!.headers;
    assert.equal(headers[headers.indexOf('Content-Length') + 1], String(prepared.encoded('br')!.body.length));
  });

  it('still serves the exact uncompressed body after releasing it', () => {
    const prepared = make();
    const before = prepared.identity();
    prepared.precompress();
    prepared.release();
    const after = prepared.identity();
    assert.equal(after.body.toString(), page);
    assert.equal(after.etag, before.etag);
    assert.deepEqual(after.headers, before.headers);
  });

  it('keeps the body of a response too small to compress', () => {
    const prepared = prepare('tiny', { contentType: 'text/plain', cacheControl: 'no-store', securityHeaders: [] });
    prepared.precompress();
    prepared.release();
    assert.equal(prepared.encoded('br'), undefined);
    assert.equal(prepared.identity().body.toString(), 'tiny');
  });

  it("answers a large body not compressed yet as it is at once, and compressed once libuv's threads have compressed it", async () => {
    // Over the off-thread threshold: compressing it in the request held every other request for 100–400 ms.
    const large = `<!DOCTYPE html><title>x</title>${'<p>The United Nations in Kyrgyzstan, 1992 to 2007. '.repeat(10_000)}`;
    const prepared = prepare(large, { contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache', securityHeaders: [] });
    const first = selectVariant(prepared, 'br, gzip');
    assert.equal(first.etag, prepared.identity().etag);
    assert.equal(prepared.isPrecompressed, false);
    await prepared.precompressOffThread();
    const later = selectVariant(prepared, 'br, gzip');
    assert.equal(brotliDecompressSync(later.body).toString(), large);
    assert.notEqual(later.etag, first.etag);
  });
});
