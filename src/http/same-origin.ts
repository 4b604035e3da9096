// Whether a state-changing request came from the site's own pages: Sec-Fetch-Site, else Origin, else Referer (OWASP).
import type { IncomingHttpHeaders } from 'node:http';

function sameOrigin(url: string, ownOrigins: readonly string[], host: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    // The Host header is what the browser addressed; an attacker's page cannot make the victim's browser send another.
    return ownOrigins.includes(parsed.origin) || (host !== undefined && parsed.host === host);
  } catch {
    // "null" (a sandboxed frame, a data: page) and anything unreadable are another site.
    return false;
  }
}

/**
 * Why a request is refused as cross-site, or undefined. The OWASP CSRF cheat sheet's order: Fetch Metadata when the
 * browser sends it (every current browser does), else the Origin header, else the Referer. A request with none of
 * them (an old browser, a script without a browser) is let through to the token check, which it must pass anyway.
 * Only same-origin counts: same-site would trust every subdomain, which this site does not control.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, ownOrigins: readonly string[]): string | undefined {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' ? undefined : `Sec-Fetch-Site: ${site}`;
  const { origin, referer, host } = headers;
  if (typeof origin === 'string') return sameOrigin(origin, ownOrigins, host) ? undefined : `Origin: ${origin.slice(0, 100)}`;
  if (typeof referer === 'string') return sameOrigin(referer, ownOrigins, host) ? undefined : 'a Referer from another site';
  return undefined;
}
