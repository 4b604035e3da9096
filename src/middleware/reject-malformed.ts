// Turns requests no page could answer into 4xx before any route sees them: bad encoding, NUL bytes, huge URLs.
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../http-error.js';
import { pathOf } from '../http/canonical-path.js';

/** Longer than any address on the site by far; browsers and CDNs cap near here too. */
export const MAX_PATH_LENGTH = 2048;
/** The query may be longer (a pasted paragraph in the search box), up to what Node reads as a request line anyway. */
export const MAX_URL_LENGTH = 16 * 1024;

export function rejectMalformed(req: Request, _res: Response, next: NextFunction): void {
  const raw = req.url;
  const path = pathOf(raw);
  if (path.length > MAX_PATH_LENGTH || raw.length > MAX_URL_LENGTH) return next(new HttpError(414, `URL of ${raw.length} characters`));
  if (!raw.startsWith('/')) return next(new HttpError(400, 'request target is not a path'));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
    decodeURIComponent(raw.slice(path.length).replace(/\+/g, ' '));
  } catch (error) {
    return next(new HttpError(400, 'malformed percent-encoding in the address', { cause: error }));
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return next(new HttpError(400, 'control character in the path'));
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return next(new HttpError(400, 'dot segment in the path'));
  next();
}
