// Records one page as our server sends it, and serves those exact bytes from scripts/lib/bare-node-server.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild, waitUntilAnswering } from './child.js';
import { freePort } from './listen.js';
import { ROOT } from './root.js';

export interface BareNode {
  readonly origin: string;
  stop(): Promise<void>;
}

/** Status, raw headers and undecoded body, as they came over the wire. */
function record(url: string, headers: Record<string, string>): Promise<{ headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        // Node sets Date, Connection and Keep-Alive itself.
        const kept: string[] = [];
        for (let index = 0; index < res.rawHeaders.length; index += 2) {
          const name = res.rawHeaders[index]!;
          if (!/^(date|connection|keep-alive)$/i.test(name)) kept.push(name, res.rawHeaders[index + 1]!);
        }
        resolve({ headers: kept, body: Buffer.concat(chunks).toString('base64') });
      });
    }).on('error', reject);
  });
}

export async function startBareNode(pageUrl: string): Promise<BareNode> {
  const folder = mkdtempSync(path.join(tmpdir(), 'un-kg-bare-'));
  const file = path.join(folder, 'responses.json');
  writeFileSync(file, JSON.stringify({ br: await record(pageUrl, { 'Accept-Encoding': 'br' }), identity: await record(pageUrl, {}) }));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'lib', 'bare-node-server.ts'), file, String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(origin, child, { name: 'the bare Node server', timeoutMs: 10_000 });
  return {
    origin,
    async stop() {
      await stopChild(child, 'SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
