// Records one page as our server sends it, and serves those exact bytes from scripts/lib/bare-node-server.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopChild } from './stop-child.js';
import { freePort } from './nginx.js';

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

export async function startBareNode(rootDir: string, pageUrl: string): Promise<BareNode> {
  const folder = mkdtempSync(path.join(tmpdir(), 'un-kg-bare-'));
  const file = path.join(folder, 'responses.json');
  writeFileSync(file, JSON.stringify({ br: await record(pageUrl, { 'Accept-Encoding': 'br' }), identity: await record(pageUrl, {}) }));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'scripts', 'lib', 'bare-node-server.ts'), file, String(port)], {
    cwd: rootDir,
    stdio: 'ignore',
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await fetch(origin)).arrayBuffer();
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('the bare Node server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    origin,
    async stop() {
      await stopChild(child, 'SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
