// A client's address as a key for rate limits: an HMAC under a salt that changes every day, never the address itself.
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { systemClock, type Clock } from './clock.js';
import { deriveKey, loadSiteSecret } from './site-secret.js';

/** An address after ClientKeys.forAddress: the only form in which a client reaches the throttle or the database. */
export type ClientKey = string & { readonly __brand: 'ClientKey' };

/**
 * The part of an address that names one client. IPv4: the address (an IPv4-mapped IPv6 address is read as IPv4).
 * IPv6: the first 64 bits, because a home or a phone is given a whole /64 and can change the rest at will.
 */
export function clientPart(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return `other:${address}`;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':');
}

export class ClientKeys {
  private readonly salts = new Map<string, Buffer>();

  private constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Reads the site secret that the first migration made, shared by every server on this database. */
  static async load(db: Kysely<DatabaseSchema>, clock: Clock = systemClock): Promise<ClientKeys> {
    return new ClientKeys(await loadSiteSecret(db), clock);
  }

  /**
   * The key for a client today: HMAC-SHA-256 of its address part under today's salt (UTC), itself an HMAC of the day
   * under the site secret. Yesterday's counters cannot be linked to today's, and nothing stored reveals an address; a
   * limit's window is cut short at midnight UTC, which only ever lets a client try sooner.
   */
  forAddress(address: string): ClientKey {
    const day = new Date(this.clock()).toISOString().slice(0, 10);
    let salt = this.salts.get(day);
    if (!salt) {
      salt = deriveKey(this.secret, `client-salt:${day}`);
      // Only today's (and, around midnight, yesterday's) salt is ever needed.
      if (this.salts.size > 2) this.salts.clear();
      this.salts.set(day, salt);
    }
    return createHmac('sha256', salt).update(clientPart(address)).digest('base64url').slice(0, 22) as ClientKey;
  }
}
