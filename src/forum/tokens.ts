// Random tokens for cookies, forms and links: made, hashed for storage, and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits, as OWASP asks of a session id) as base64url: 43 characters, safe in cookies and URLs. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether text has the shape randomToken() makes: checked before hashing or querying anything a client sent. */
export function isTokenShaped(text: unknown): text is string {
  return typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text);
}

/**
 * SHA-256 as hex: how a token is stored. The token has 256 bits of entropy, so a plain hash cannot be reversed and
 * needs no salt or slow hash; whoever reads the table cannot use what they read.
 */
export function sha256Hex(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares a secret with what a client sent, taking the same time wherever they differ. */
export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
