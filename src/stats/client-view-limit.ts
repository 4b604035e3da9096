// How many views one client may add per minute: counted in memory for the current minute only, then forgotten.
import { CLIENT_VIEWS_PER_MINUTE, CLIENT_WINDOW_MS, MAX_TRACKED_CLIENTS } from './stats-limits.js';

/**
 * A fixed window: the whole table is dropped when the minute turns, so nothing about a client outlives its minute and
 * nothing is ever written. Keyed by the address part that names one client (clientPart: an IPv6 /64 as one).
 */
export class ClientViewLimit {
  private window = -1;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly perWindow = CLIENT_VIEWS_PER_MINUTE,
    private readonly windowMs = CLIENT_WINDOW_MS,
    private readonly maxClients = MAX_TRACKED_CLIENTS,
  ) {}

  /** Whether one more view from this client counts now (at `time`, in milliseconds), and notes it if so. */
  allows(client: string, time: number): boolean {
    const window = Math.floor(time / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.seen.clear();
    }
    const views = this.seen.get(client) ?? 0;
    if (views >= this.perWindow) return false;
    // A full table: count the newcomer without noting it. Memory stays bounded; only a flood from more than
    // MAX_TRACKED_CLIENTS addresses in one minute escapes the limit.
    if (views === 0 && this.seen.size >= this.maxClients) return true;
    this.seen.set(client, views + 1);
    return true;
  }
}
