// Builds the app in-process for HTTP tests, on the shipped content or on a fixture folder.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'node:test';
import { parseHTML } from 'linkedom';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export function testApp(env: Record<string, string> = {}): App {
  return createApp(loadConfig({ NODE_ENV: 'test', SITE_URL: 'https://un.example.org', ...env }));
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

export function html(text: string): Document {
  return parseHTML(text).document as unknown as Document;
}
