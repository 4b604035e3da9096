// Builds the app in-process for tests, on the shipped content or on a fixture folder, and serves it on a real socket.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'node:test';
import { parseHTML } from 'linkedom';
import type { App, AppOptions } from '../../src/app.js';
import { createHttpServer, type HttpServerOptions } from '../../src/http/node-server.js';
import { buildApp } from '../../scripts/lib/build-app.js';
import { listen, type Listening } from '../../scripts/lib/listen.js';
import { ROOT } from '../../scripts/lib/root.js';

export { ROOT };
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * The environment tests build the app from: NODE_ENV=test, an example SITE_URL and statistics in memory, under the
 * given variables. In memory even for a production or development app, so no test writes the project's data/.
 */
export function testEnv(env: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { NODE_ENV: 'test', SITE_URL: 'https://un.example.org', DATA_DIR: ':memory:', ...env };
}

/** The app built from testEnv(env). Without a logger it logs as createApp decides: nothing under NODE_ENV=test. */
export function testApp(env: Readonly<Record<string, string>> = {}, options: AppOptions = {}): App {
  return buildApp(testEnv(env), options).app;
}

/**
 * The app on a loopback socket, in the HTTP server src/server.ts runs it in (its limits, and its answers to requests
 * Node refuses itself). Closing it closes the app too.
 */
export async function serveApp(app: App, overrides: HttpServerOptions = {}): Promise<Listening> {
  const served = await listen(createHttpServer(app.handle, overrides));
  return {
    ...served,
    async close() {
      // First, so that development event streams end and the server's close() is not held open by them.
      app.close();
      await served.close();
    },
  };
}

/** A private copy of a fixture content folder, so a test can break and fix files without touching others. */
export function copyFixture(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `un-kg-${name}-`));
  cpSync(path.join(FIXTURES, 'content', name), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh copy of a fixture for each test of the enclosing describe block, removed after it. */
export function freshFixture(name: string): { readonly dir: string } {
  let current: ReturnType<typeof copyFixture> | undefined;
  beforeEach(() => {
    current = copyFixture(name);
  });
  afterEach(() => current?.cleanup());
  return {
    get dir(): string {
      if (!current) throw new Error('freshFixture: the folder exists only inside a test');
      return current.dir;
    },
  };
}

/** A page parsed by linkedom, typed as the DOM's own Document. */
export function html(text: string): Document {
  return parseHTML(text).document;
}
