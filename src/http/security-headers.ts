// helmet, configured once: the security headers every response carries, captured as a fixed list at start.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

// Nothing on the site is inline or from another host, so the policy can be 'self' only, with no nonces:
// pages are rendered once and served many times, and a per-request nonce would defeat that.
// upgrade-insecure-requests is left out because it breaks http://localhost during development; HSTS covers production.
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
  strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true, preload: false },
  xFrameOptions: { action: 'deny' },
});

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
