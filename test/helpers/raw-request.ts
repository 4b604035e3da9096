// Sends one request to the app over a real socket and returns the raw bytes: no client-side decompression.
import { request, type IncomingHttpHeaders } from 'node:http';
import type { App } from '../../src/app.js';
import { listen } from '../../scripts/lib/listen.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

export async function rawRequest(app: App, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  // A server of its own for each request, closed after it: the app stays open for the next.
  const served = await listen(app.handle);
  try {
    return await new Promise<RawResponse>((resolve, reject) => {
      const target = { host: '127.0.0.1', port: served.port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false };
      const req = request(target, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    await served.close();
  }
}

/** Header names of a response, lowercase, in order. */
export function headerNames(response: RawResponse): string[] {
  return response.rawHeaders.filter((_, index) => index % 2 === 0).map((name) => name.toLowerCase());
}
