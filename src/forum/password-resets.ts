// Account recovery without email: a moderator issues a one-time link (24 h, single use); only its hash is stored.
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import { recordAction } from './audit.js';
import { systemClock, type Clock } from './clock.js';
import { hasRole, MEMBER_COLUMNS, outranks, toMember } from './members.js';
import type { PasswordPolicy, PasswordProblem } from './password-policy.js';
import { hashPassword } from './passwords.js';
import type { Sessions } from './sessions.js';
import { isTokenShaped, randomToken, sha256Hex } from './tokens.js';

/** 24 hours: long enough for a moderator to pass the link on by whatever channel the member uses, short enough to die unused. */
export const RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type IssueResult =
  /** `language`: the code of the language the member registered in, whose forum the link leads to. */
  | { readonly status: 'issued'; readonly token: string; readonly expiresAt: string; readonly language: string }
  | { readonly status: 'not-allowed' }
  | { readonly status: 'not-found' };
export type RedeemResult =
  | { readonly status: 'changed'; readonly memberId: number }
  | { readonly status: 'invalid'; readonly problem: PasswordProblem }
  | { readonly status: 'expired' };

export interface PasswordResetsDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly sessions: Sessions;
  readonly policy: PasswordPolicy;
  readonly clock?: Clock;
}

export class PasswordResets {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly sessions: Sessions;
  private readonly policy: PasswordPolicy;
  private readonly clock: Clock;

  constructor(deps: PasswordResetsDeps) {
    this.db = deps.db;
    this.sessions = deps.sessions;
    this.policy = deps.policy;
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * A moderator issues a link for a member of a lower rank (so a moderator can never take over an administrator's
   * account). Earlier unused links of that member stop working. The token is returned once, for the link; only its hash
   * is kept. The issue is recorded in the moderation log.
   */
  async issue(actorId: number, memberId: number): Promise<IssueResult> {
    const rows = await this.db
      .selectFrom('users')
      .select([...MEMBER_COLUMNS, 'users.language'])
      .where('id', 'in', [actorId, memberId])
      .where('deleted_at', 'is', null)
      .execute();
    const actor = rows.find((row) => row.id === actorId);
    const member = rows.find((row) => row.id === memberId);
    if (!actor || !member) return { status: 'not-found' };
    if (!hasRole(toMember(actor), 'moderator') || !outranks(toMember(actor), toMember(member))) return { status: 'not-allowed' };
    return this.store(actorId, member, {});
  }

  /**
   * An operator issues a link from the command line (npm run forum -- reset-link NAME), for any member, the last
   * administrator too, who has nobody to outrank them: whoever runs the command holds the database already. No member
   * acted, so the link and the moderation log name the member as its issuer, with "command line" in the details.
   */
  async issueFromCommandLine(memberId: number): Promise<IssueResult> {
    const member = await this.db.selectFrom('users').select(['id', 'language']).where('id', '=', memberId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!member) return { status: 'not-found' };
    return this.store(memberId, member, { via: 'command line' });
  }

  /** Replaces the member's earlier links with a new one, recorded in the moderation log; returns its token, once. */
  private async store(actorId: number, member: { readonly id: number; readonly language: string }, details: Record<string, string>): Promise<IssueResult> {
    const memberId = member.id;
    const token = randomToken();
    const now = this.clock();
    const expiresAt = isoTime(now + RESET_LIFETIME_MS);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('password_resets').where('user_id', '=', memberId).execute();
      await trx
        .insertInto('password_resets')
        .values({ id: sha256Hex(token), user_id: memberId, issued_by: actorId, created_at: isoTime(now), expires_at: expiresAt, used_at: null })
        .execute();
      await recordAction(trx, { actorId, action: 'issue-password-reset', targetUserId: memberId, details: { expiresAt, ...details }, at: now });
    });
    return { status: 'issued', token, expiresAt, language: member.language };
  }

  /** The member a link is for, while it is unused and unexpired: to show "Choose a new password for NAME". */
  async check(token: string): Promise<{ readonly memberId: number; readonly username: string } | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const row = await this.db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select(['users.id', 'users.username'])
      .where('password_resets.id', '=', sha256Hex(token))
      .where('password_resets.used_at', 'is', null)
      .where('password_resets.expires_at', '>', isoTime(this.clock()))
      .where('users.deleted_at', 'is', null)
      .executeTakeFirst();
    return row && { memberId: row.id, username: row.username };
  }

  /**
   * Sets a new password through a link. A password the policy refuses leaves the link usable, to try another. The link
   * is spent by one conditional UPDATE, so two requests with it cannot both succeed. Every session of the member ends.
   */
  async redeem(token: string, password: string): Promise<RedeemResult> {
    const valid = await this.check(token);
    if (!valid) return { status: 'expired' };
    const problem = this.policy.check(password, { username: valid.username });
    if (problem) return { status: 'invalid', problem };
    // Hashed before the transaction: nothing slow inside one.
    const passwordHash = await hashPassword(password);
    const now = isoTime(this.clock());
    const spent = await this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('password_resets')
        .set({ used_at: now })
        .where('id', '=', sha256Hex(token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return false;
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', valid.memberId).execute();
      return true;
    });
    if (!spent) return { status: 'expired' };
    await this.sessions.endAllForMember(valid.memberId);
    return { status: 'changed', memberId: valid.memberId };
  }

  /** Deletes links past their expiry (used ones too, once expired); returns how many. */
  async removeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('password_resets').where('expires_at', '<=', isoTime(this.clock())).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
