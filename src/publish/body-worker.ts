// A body-rendering thread: turns page bodies into HTML (and a large one's search text), so the server's thread stays free.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { RenderLimitError, renderPageBody } from '../content/markdown.js';
import { plainText } from '../search/plain-text.js';
import { LARGE_BODY_HTML, type BodyJob, type BodyReply } from './body-messages.js';

function render(job: BodyJob): BodyReply {
  const started = performance.now();
  const renderMs = (): number => performance.now() - started;
  try {
    const { html, ...outline } = renderPageBody(Buffer.from(job.source.buffer, job.source.byteOffset, job.source.byteLength).toString('utf8'));
    const isLarge = html.length >= LARGE_BODY_HTML;
    // Packed here too: a 1 MB string posted to the server's thread was copied and then packed there.
    const packedText = isLarge ? new Uint8Array(deflateRawSync(Buffer.from(plainText(html), 'utf8'), { level: 1 })) : undefined;
    const utf8 = Buffer.from(html, 'utf8');
    // Level 1, as PackedText packs: the server's thread keeps these bytes as they are.
    // Copied into an ArrayBuffer of its own, which is handed over whole: zlib's output may be a view on a shared one.
    const packedHtml = new Uint8Array(deflateRawSync(utf8, { level: 1 }));
    // A large body's bytes and hash too: laying out and hashing 3 MB of HTML as a string held the server's thread.
    const large = isLarge ? { bytes: new Uint8Array(utf8), digest: createHash('sha256').update(utf8).digest('base64url') } : undefined;
    return { id: job.id, renderMs: renderMs(), packedHtml, htmlLength: html.length, packedText, outlineJson: JSON.stringify(outline), large };
  } catch (error) {
    if (error instanceof RenderLimitError) return { id: job.id, renderMs: renderMs(), limitLine: error.line, message: error.message };
    return { id: job.id, renderMs: renderMs(), error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (message: BodyJob | { readonly close: true }) => {
  // The pool closing: with the port closed the thread has nothing left and ends by itself, never cut short in zlib.
  if ('close' in message) return parentPort?.close();
  const reply = render(message);
  const transfer =
    'packedHtml' in reply
      ? [reply.packedHtml.buffer, ...(reply.packedText ? [reply.packedText.buffer] : []), ...(reply.large ? [reply.large.bytes.buffer] : [])].map(
          (buffer) => buffer as ArrayBuffer,
        )
      : [];
  parentPort?.postMessage(reply, transfer);
});
