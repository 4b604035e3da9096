// How a route declares itself: its addresses, once, beside the handler that answers them.
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from '../http/http-error.js';
import { ALLOW_READ } from '../http/read-methods.js';
import type { AppRoutes } from '../http/resolve.js';

export interface AppRoute<Deps> {
  /** The addresses this route answers. The resolver, the content check and the static export read them from here. */
  readonly paths: readonly string[];
  /** Address prefixes this route answers below, such as "/forum" for "/forum/…". */
  readonly prefixes?: readonly string[];
  /** Those of its addresses that are public pages for search engines: the sitemap lists them. */
  readonly sitemap?: readonly string[];
  readonly router: (deps: Deps) => Router;
}

/** A router answering GET and HEAD at its addresses (one per edition, say), and 405 with Allow for every other method. */
export function readOnlyRouter(paths: string | readonly string[], handler: RequestHandler): Router {
  const router = Router();
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    router.get(path, handler);
    router.all(path, (req: Request, _res: Response, next: NextFunction) => {
      next(new HttpError(405, `${req.method} on ${path}, which is read-only`, { headers: { Allow: ALLOW_READ } }));
    });
  }
  return router;
}

/** The routes' addresses as the resolver asks for them. */
export function routeTable(routes: readonly Pick<AppRoute<never>, 'paths' | 'prefixes'>[]): AppRoutes & { readonly paths: readonly string[] } {
  const paths = new Set(routes.flatMap((route) => route.paths));
  const prefixes = routes.flatMap((route) => route.prefixes ?? []);
  return {
    paths: [...paths],
    // Below a prefix, only the one spelling: "/forum/" and "/forum//login" are left to the resolver, which redirects them.
    has: (path) =>
      paths.has(path) || (!path.endsWith('/') && !path.includes('//') && prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))),
  };
}
