// Listens on a loopback port the system picks, in this process, for tests and scripts; and finds a free port for a child.
import { createServer, type RequestListener, type Server } from 'node:http';

export interface Listening {
  readonly server: Server;
  readonly port: number;
  /** http://127.0.0.1:port, without a trailing slash. */
  readonly origin: string;
  /** Closes every connection, idle keep-alive ones included, so the server stops at once. */
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 at port 0. Give a server built elsewhere (src/http/node-server.ts's, say), a request listener
 * for a plain node:http server, or nothing for a server whose listener is attached later.
 */
export async function listen(serverOrListener?: Server | RequestListener): Promise<Listening> {
  const server = serverOrListener === undefined || typeof serverOrListener === 'function' ? createServer(serverOrListener) : serverOrListener;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`a TCP server has no port: ${String(address)}`);
  return {
    server,
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A port that was free a moment ago, for a child process that cannot report the port it got (nginx, say). Another
 * process may take it in between; where the child can report its port (src/server.ts logs it), prefer port 0.
 */
export async function freePort(): Promise<number> {
  const probe = await listen();
  await probe.close();
  return probe.port;
}
