// A TCP proxy in front of a database server that a test can cut and restore: the database as its clients see a restart.
import net from 'node:net';
import { once } from 'node:events';

/**
 * Forwards each connection to `target`. cut() ends every open connection at once and resets new ones until restore():
 * what a PostgreSQL restart looks like to the app's pool (open connections dropped, new ones refused), without stopping
 * the test cluster that other test files share.
 */
export class FaultProxy {
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();
  private down = false;
  /** Connections accepted and forwarded since the proxy started: a test can see the app come back. */
  forwarded = 0;
  /** The most connections open through the proxy at one time: what a pool's bound allowed. */
  peak = 0;
  private current = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    proxy.server.listen(0, '127.0.0.1');
    await once(proxy.server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.host = `127.0.0.1:${this.port}`;
    return parsed.toString();
  }

  private accept(client: net.Socket): void {
    if (this.down) {
      client.resetAndDestroy();
      return;
    }
    this.forwarded += 1;
    this.current += 1;
    this.peak = Math.max(this.peak, this.current);
    client.once('close', () => (this.current -= 1));
    const upstream = net.connect(this.target);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** The database "goes down": every connection through the proxy is reset, and new ones are until restore(). */
  cut(): void {
    this.down = true;
    for (const socket of this.open) socket.resetAndDestroy();
  }

  /** The database "is back": new connections reach it again. */
  restore(): void {
    this.down = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
