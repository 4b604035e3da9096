// Crawls the app in-process from "/", following every internal link, and keeps every response it saw.
import request from 'supertest';
import type { App } from '../../src/app.js';
import { html } from './test-app.js';

export interface Crawled {
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Internal addresses this page links to. */
  readonly links: string[];
}

export async function crawl(app: App, start = '/'): Promise<Map<string, Crawled>> {
  const seen = new Map<string, Crawled>();
  const queue = [start];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const response = await request(app.handle).get(url).redirects(0);
    const contentType = String(response.headers['content-type'] ?? '');
    const body = response.text ?? '';
    const links: string[] = [];
    if (contentType.startsWith('text/html')) {
      const document = html(body);
      for (const element of document.querySelectorAll('a[href], link[href]')) {
        const href = element.getAttribute('href') ?? '';
        const rel = element.getAttribute('rel') ?? '';
        if (rel === 'canonical') continue;
        const resolved = new URL(href, `http://crawl.invalid${url}`);
        if (resolved.origin !== 'http://crawl.invalid') continue;
        links.push(resolved.pathname + resolved.search);
      }
    }
    seen.set(url, { url, status: response.status, contentType, body, links });
    for (const link of links) if (!seen.has(link)) queue.push(link);
  }
  return seen;
}
