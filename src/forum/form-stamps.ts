// The time trap: a signed stamp of when a posting form was shown, checked when it comes back (too fast, or too old).
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { systemClock, type Clock } from './clock.js';
import { ABSOLUTE_TIMEOUT_MS } from './sessions.js';
import { deriveKey, loadSiteSecret } from './site-secret.js';
import { sameToken } from './tokens.js';

/** Discourse flags a first post typed in under 3 s (min_first_post_typing_time: 3000); nobody reads a form and writes faster. */
export const MIN_FILL_MS = 3000;
/** A stamp outlives no session (12 h): a form left open longer is simply shown again with what was typed. */
export const MAX_FORM_AGE_MS = ABSOLUTE_TIMEOUT_MS;
/** Servers' clocks may differ a little; a stamp from slightly in the future is not a forgery. */
const CLOCK_SKEW_MS = 60 * 1000;

export type StampCheck = 'ok' | 'too-fast' | 'expired';

export class FormStamps {
  private constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  static async load(db: Kysely<DatabaseSchema>, clock: Clock = systemClock): Promise<FormStamps> {
    return new FormStamps(deriveKey(await loadSiteSecret(db), 'form-stamp'), clock);
  }

  private mac(memberId: number, time: string): string {
    return createHmac('sha256', this.key).update(`${memberId}:${time}`).digest('base64url').slice(0, 22);
  }

  /**
   * A stamp for a posting form shown now to a member, for a hidden field: "<time>.<HMAC>". Bound to the member, so one
   * stamp harvested by a bot cannot serve a crowd of accounts; signed, so it cannot be backdated.
   */
  issue(memberId: number): string {
    const time = this.clock().toString(36);
    return `${time}.${this.mac(memberId, time)}`;
  }

  /** 'too-fast' under MIN_FILL_MS; 'expired' when missing, forged, another member's, or older than MAX_FORM_AGE_MS. */
  check(stamp: string | undefined, memberId: number): StampCheck {
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/.exec(stamp ?? '');
    if (!match || !sameToken(this.mac(memberId, match[1]!), match[2])) return 'expired';
    const age = this.clock() - parseInt(match[1]!, 36);
    if (age < -CLOCK_SKEW_MS || age > MAX_FORM_AGE_MS) return 'expired';
    return age < MIN_FILL_MS ? 'too-fast' : 'ok';
  }
}
