// What staff do to members' accounts: appoint roles (administrators), suspend and lift locks (moderators), all logged.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, Role } from '../db/schema.js';
import { isoTime } from '../db/values.js';
import { isLastAdministrator } from './accounts.js';
import { recordAction } from './audit.js';
import { systemClock, type Clock } from './clock.js';
import { LIMITS } from './limits.js';
import { hasRole, MEMBER_COLUMNS, outranks, toMember, type Member } from './members.js';
import type { Sessions } from './sessions.js';
import type { Throttle } from './throttle.js';

export type StaffResult =
  { readonly status: 'done' } | { readonly status: 'not-allowed' } | { readonly status: 'not-found' } | { readonly status: 'last-administrator' };

export interface MemberModerationDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly sessions: Sessions;
  readonly throttle: Throttle;
  readonly clock?: Clock;
}

export class MemberModeration {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly sessions: Sessions;
  private readonly throttle: Throttle;
  private readonly clock: Clock;

  constructor(deps: MemberModerationDeps) {
    this.db = deps.db;
    this.sessions = deps.sessions;
    this.throttle = deps.throttle;
    this.clock = deps.clock ?? systemClock;
  }

  /** Both members as they are now in the database (roles are read here, never trusted from a session). */
  private async pair(actorId: number, targetId: number): Promise<[Member, Member] | undefined> {
    const rows = await this.db.selectFrom('users').select(MEMBER_COLUMNS).where('id', 'in', [actorId, targetId]).where('deleted_at', 'is', null).execute();
    const actor = rows.find((row) => row.id === actorId);
    const target = rows.find((row) => row.id === targetId);
    return actor && target ? [toMember(actor), toMember(target)] : undefined;
  }

  /** An administrator gives a member a role. The last administrator cannot be demoted. */
  async setRole(actorId: number, targetId: number, role: Role): Promise<StaffResult> {
    const pair = await this.pair(actorId, targetId);
    if (!pair) return { status: 'not-found' };
    const [actor, target] = pair;
    if (!hasRole(actor, 'administrator')) return { status: 'not-allowed' };
    if (target.role === role) return { status: 'done' };
    return this.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        if (role !== 'administrator' && (await isLastAdministrator(trx, targetId))) return { status: 'last-administrator' } as const;
        await trx.updateTable('users').set({ role }).where('id', '=', targetId).execute();
        await recordAction(trx, { actorId, action: 'set-role', targetUserId: targetId, details: { from: target.role, to: role }, at: this.clock() });
        return { status: 'done' } as const;
      });
  }

  /**
   * A moderator suspends a member of a lower rank until a time (milliseconds), or lifts it with null. The member's
   * sessions end at once, and they cannot log in until then.
   */
  async suspend(actorId: number, targetId: number, until: number | null, reason?: string): Promise<StaffResult> {
    const pair = await this.pair(actorId, targetId);
    if (!pair) return { status: 'not-found' };
    const [actor, target] = pair;
    if (!hasRole(actor, 'moderator') || !outranks(actor, target)) return { status: 'not-allowed' };
    const suspendedUntil = until === null ? null : isoTime(until);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ suspended_until: suspendedUntil }).where('id', '=', targetId).execute();
      if (suspendedUntil !== null) await trx.deleteFrom('sessions').where('user_id', '=', targetId).execute();
      const action = suspendedUntil === null ? 'lift-suspension' : 'suspend-member';
      await recordAction(trx, { actorId, action, targetUserId: targetId, reason, details: { until: suspendedUntil }, at: this.clock() });
    });
    return { status: 'done' };
  }

  /** A moderator lifts a login lock that failed attempts put on a member's account (someone guessing, or a forgetful owner). */
  async unlockLogin(actorId: number, targetId: number): Promise<StaffResult> {
    const pair = await this.pair(actorId, targetId);
    if (!pair) return { status: 'not-found' };
    const [actor, target] = pair;
    if (!hasRole(actor, 'moderator') || !outranks(actor, target)) return { status: 'not-allowed' };
    const row = await this.db.selectFrom('users').select('username_key').where('id', '=', targetId).executeTakeFirstOrThrow();
    await this.throttle.clear(LIMITS.loginFailuresPerAccount, row.username_key);
    await this.throttle.clear(LIMITS.loginFailuresPerAccountPerDay, row.username_key);
    await recordAction(this.db, { actorId, action: 'unlock-login', targetUserId: targetId, at: this.clock() });
    return { status: 'done' };
  }

  /** Ends all of a member's sessions, as after a suspected theft of their password. */
  async endSessions(actorId: number, targetId: number): Promise<StaffResult> {
    const pair = await this.pair(actorId, targetId);
    if (!pair) return { status: 'not-found' };
    if (!hasRole(pair[0], 'moderator') || !outranks(pair[0], pair[1])) return { status: 'not-allowed' };
    await this.sessions.endAllForMember(targetId);
    await recordAction(this.db, { actorId, action: 'end-sessions', targetUserId: targetId, at: this.clock() });
    return { status: 'done' };
  }
}
