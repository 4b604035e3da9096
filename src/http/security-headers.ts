// helmet, configured once: the security headers every response carries, captured as a fixed list at start; and HSTS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import helmet from 'helmet';

// Nothing on the site is inline or from another host, so the policy can be 'self' only, with no nonces:
// pages are rendered once and served many times, and a per-request nonce would defeat that.
// upgrade-insecure-requests is left out because it breaks http://localhost during development; HSTS covers production.
// HSTS is not in the fixed list: RFC 6797 §7.2 says a host must not send it over plain HTTP (REDbot marks it "bad"),
// so it is added per request, only where the request came over TLS (strictTransportSecurity below).
// X-XSS-Protection and X-Download-Options are left out: the first is deprecated (browsers removed the filter it
// switched, and CSP does its job), the second only ever meant something to Internet Explorer 8.
const middleware = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      manifestSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: { policy: 'require-corp' },
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  strictTransportSecurity: false,
  xXssProtection: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
});

/** Two years, subdomains included, not preloaded (preloading is a promise that is slow to take back). */
export const STRICT_TRANSPORT_SECURITY = ['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as const;

/**
 * Whether a request came over TLS: to this server, or, with TRUST_PROXY=on, to the one reverse proxy in front,
 * which says so in X-Forwarded-Proto (deploy/nginx.conf sets it; a client's own value is replaced there).
 */
export function cameOverTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  return (Array.isArray(proto) ? proto.at(-1) : proto)?.split(',').at(-1)?.trim().toLowerCase() === 'https';
}

/** Sets HSTS on a response whose request came over TLS. */
export function setTransportSecurity(req: IncomingMessage, res: ServerResponse, trustProxy: boolean): void {
  if (cameOverTls(req, trustProxy)) res.setHeader(...STRICT_TRANSPORT_SECURITY);
}

// helmet leaves Permissions-Policy out; the site needs no powerful feature, so it turns them all off.
const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()';

function capture(): [string, string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
    },
    removeHeader() {},
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  headers.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  return headers;
}

/** The same list for every response, whichever path serves it. */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = Object.freeze(capture());

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
}

/** The same headers as Express middleware, for the responses the app's routes make. */
export function securityHeaders(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  setSecurityHeaders(res);
  next();
}
