// GET /healthz: for load balancers. Cheap, never cached, and says whether content loaded.
import type { Request, Response } from 'express';
import { NO_STORE } from '../http/cache-policy.js';
import type { Snapshot } from '../publish/snapshot.js';
import { readOnlyRouter, type AppRoute } from './app-route.js';

export const healthRoute: AppRoute<{ snapshot: () => Snapshot }> = {
  paths: ['/healthz'],
  router: ({ snapshot }) =>
    readOnlyRouter('/healthz', (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', NO_STORE);
      res.json({ status: 'ok', pages: snapshot().editions.reduce((sum, edition) => sum + edition.site.pages.size, 0) });
    }),
};
