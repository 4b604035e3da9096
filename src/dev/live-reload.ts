// Development only: a Server-Sent Events stream that tells open pages to reload, or to show content errors.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { Router, type Request, type Response } from 'express';
import { NO_STORE } from '../http/cache-policy.js';

export const LIVE_RELOAD_SCRIPT_URL = '/__dev/live-reload.js';
const EVENTS_URL = '/__dev/events';
/** The addresses of live reload, which exist in development only. */
export const LIVE_RELOAD_PATHS: readonly string[] = [LIVE_RELOAD_SCRIPT_URL, EVENTS_URL];

export interface LiveReload {
  readonly router: Router;
  /** Tells every open page the new state: no errors means reload, errors mean show them. */
  notify(errors: readonly string[]): void;
  /** Ends the open streams, so a shutdown is not held up by them. */
  close(): void;
}

export function createLiveReload(clientScript: string, currentErrors: () => readonly string[]): LiveReload {
  const clients = new Set<ServerResponse>();
  const script = readFileSync(clientScript);
  const send = (res: ServerResponse, errors: readonly string[]): void => {
    res.write(`event: state\ndata: ${JSON.stringify({ errors })}\n\n`);
  };

  const router = Router();
  router.get(LIVE_RELOAD_SCRIPT_URL, (_req: Request, res: Response) => {
    res.type('text/javascript').setHeader('Cache-Control', NO_STORE);
    res.send(script);
  });
  router.get(EVENTS_URL, (req: Request, res: Response) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': NO_STORE, Connection: 'keep-alive' });
    clients.add(res);
    send(res, currentErrors());
    req.on('close', () => clients.delete(res));
  });

  return {
    router,
    notify(errors) {
      for (const res of clients) send(res, errors);
    },
    close() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
