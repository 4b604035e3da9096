// A visitor of the forum in tests: keeps cookies as a browser would, sends forms with their hidden fields, from its own address.
import request, { type Response } from 'supertest';
import type { App } from '../../src/app.js';
import { html } from './test-app.js';

/** The origin testEnv() gives the app, which a browser on the site would send as Origin. */
export const SITE_ORIGIN = 'https://un.example.org';

/** A password the shipped policy accepts. */
export const GOOD_PASSWORD = 'correct horse battery staple';

/** What a browser sends with a form from the site's own page. */
export const SAME_ORIGIN = { Origin: SITE_ORIGIN, 'Sec-Fetch-Site': 'same-origin' } as const;

export interface SetCookie {
  readonly name: string;
  readonly value: string;
  /** Attributes as written, in order: ["Path=/", "HttpOnly", ...]. */
  readonly attributes: readonly string[];
}

export function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
}

export function setCookies(response: Response): SetCookie[] {
  const header = response.headers['set-cookie'] as unknown;
  const lines = Array.isArray(header) ? (header as string[]) : typeof header === 'string' ? [header] : [];
  return lines.map(parseSetCookie);
}

/** The hidden fields of the first form whose action is `action`, as the browser would send them back. */
export function hiddenFields(body: string, action: string): Record<string, string> {
  const form = [...html(body).querySelectorAll('form')].find((each) => each.getAttribute('action') === action);
  if (!form) throw new Error(`no form posting to ${action} in the page`);
  const inputs = [...form.querySelectorAll('input[type="hidden"]')];
  return Object.fromEntries(inputs.map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? '']));
}

let addresses = 0;

/**
 * One person with one browser: cookies kept (and dropped when a response expires them), and, with TRUST_PROXY on,
 * an address of their own in X-Forwarded-For, so that per-client limits count each visitor apart.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  readonly address: string;

  /** What a form of this site sends as its origin: the example SITE_URL in-process, else the server's own origin. */
  private readonly sameOrigin: Record<string, string>;

  /** `app`: the app in-process, or the origin of a server (or of nginx in front of servers) to send real requests to. */
  constructor(
    private readonly app: App | string,
    address?: string,
  ) {
    addresses += 1;
    this.address = address ?? `198.51.100.${addresses % 250}`;
    this.sameOrigin = typeof app === 'string' ? { Origin: app, 'Sec-Fetch-Site': 'same-origin' } : SAME_ORIGIN;
  }

  private request() {
    return request(typeof this.app === 'string' ? this.app : this.app.handle);
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { 'X-Forwarded-For': this.address, ...(cookie ? { Cookie: cookie } : {}), ...extra };
  }

  private keep(response: Response): Response {
    for (const cookie of setCookies(response)) {
      if (cookie.attributes.includes('Max-Age=0')) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    return this.keep(await this.request().get(path).set(this.headers(extra)).redirects(0));
  }

  async post(path: string, fields: Record<string, string>, extra: Record<string, string> = this.sameOrigin): Promise<Response> {
    return this.keep(await this.request().post(path).type('form').set(this.headers(extra)).send(fields).redirects(0));
  }

  /** Opens the form's page, then sends the form with its hidden fields and these, as a person filling it in would. */
  async submit(page: string, fields: Record<string, string>, action = page.replace(/\?.*$/, '')): Promise<Response> {
    const form = await this.get(page);
    return this.post(action, { ...hiddenFields(form.text, action), ...fields });
  }

  /** Registers through the register form of the forum at `forumBase` (/forum, or /ru/forum for the Russian one). */
  async register(username: string, password = GOOD_PASSWORD, forumBase = '/forum'): Promise<Response> {
    return this.submit(`${forumBase}/register`, { username, password, 'password-confirm': password });
  }

  async login(username: string, password = GOOD_PASSWORD): Promise<Response> {
    return this.submit('/forum/login', { username, password });
  }

  get sessionToken(): string | undefined {
    return this.cookies.get('__Host-session');
  }
}
