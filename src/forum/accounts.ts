// Members' own account: register, log in, change the password, delete the account; and the first administrator.
import type { Kysely } from 'kysely';
import type { DatabaseSchema, Role } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { isoTime } from '../db/values.js';
import { systemClock, type Clock } from './clock.js';
import type { ClientKey } from './client-key.js';
import { LIMITS } from './limits.js';
import { DELETED_MEMBER_NAME, isSuspended, MEMBER_COLUMNS, toMember, type Member } from './members.js';
import { MAX_PASSWORD_LENGTH, type PasswordPolicy, type PasswordProblem } from './password-policy.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { Sessions } from './sessions.js';
import { strictest, type Decision, type Throttle } from './throttle.js';
import { checkUsername, normalizeUsername, usernameKey, type UsernameProblem } from './usernames.js';
import { randomToken } from './tokens.js';

/** Longer than any acceptable password by far: refused before hashing, so a megabyte of "password" costs nothing. */
const MAX_LOGIN_PASSWORD = MAX_PASSWORD_LENGTH * 4;

export interface AccountsDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly throttle: Throttle;
  readonly sessions: Sessions;
  readonly policy: PasswordPolicy;
  readonly clock?: Clock;
}

export interface Problems {
  readonly username?: UsernameProblem | 'taken';
  readonly password?: PasswordProblem;
  readonly email?: 'invalid';
  /** The current password, when changing it or deleting the account, was wrong. */
  readonly currentPassword?: 'wrong';
}

export type Throttled = { readonly status: 'throttled'; readonly retryAfterSeconds: number };
export type RegisterResult = { readonly status: 'created'; readonly member: Member } | { readonly status: 'invalid'; readonly problems: Problems } | Throttled;
/** 'invalid' says nothing of which was wrong, the name or the password, so that it reveals no member's existence. */
export type LoginResult =
  { readonly status: 'ok'; readonly member: Member } | { readonly status: 'invalid' } | { readonly status: 'suspended'; readonly until: string } | Throttled;
export type ChangeResult = { readonly status: 'changed' } | { readonly status: 'invalid'; readonly problems: Problems } | Throttled;
export type DeleteResult =
  { readonly status: 'deleted' } | { readonly status: 'invalid'; readonly problems: Problems } | { readonly status: 'last-administrator' } | Throttled;

/** The key under which a deleted member's row stays: "#" never occurs in usernameKey(), so no name can take it. */
const deletedKey = (id: number): string => `#deleted:${id}`;

/** Email is optional and never shown; only its shape is checked, as no mail is sent. */
function checkEmail(email: string): 'invalid' | undefined {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? undefined : 'invalid';
}

/** Rate-limit subject for an account: the username's key, bounded, whether or not such a member exists. */
const accountSubject = (username: string): string => usernameKey(normalizeUsername(username)).slice(0, 64);

export class Accounts {
  private readonly db: Kysely<DatabaseSchema>;
  private readonly throttle: Throttle;
  private readonly sessions: Sessions;
  private readonly policy: PasswordPolicy;
  private readonly clock: Clock;
  private dummyHash: Promise<string> | undefined;

  constructor(deps: AccountsDeps) {
    this.db = deps.db;
    this.throttle = deps.throttle;
    this.sessions = deps.sessions;
    this.policy = deps.policy;
    this.clock = deps.clock ?? systemClock;
  }

  /** A member by id, unless deleted. */
  async find(id: number): Promise<Member | undefined> {
    const row = await this.db.selectFrom('users').select(MEMBER_COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return row && toMember(row);
  }

  /** A member by username, in any case or look-alike spelling, unless deleted. */
  async findByUsername(username: string): Promise<Member | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(MEMBER_COLUMNS)
      .where('username_key', '=', usernameKey(normalizeUsername(username)))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row && toMember(row);
  }

  private problemsOfNew(
    input: { readonly username: string; readonly password: string; readonly email?: string | undefined },
    allowReserved: boolean,
  ): Problems {
    const username = checkUsername(input.username, { allowReserved });
    const password = this.policy.check(input.password, { username: normalizeUsername(input.username) });
    const email = input.email ? checkEmail(input.email.trim()) : undefined;
    return { ...(username && { username }), ...(password && { password }), ...(email && { email }) };
  }

  /** Hashes (outside any transaction: it takes tens of milliseconds) and inserts; a taken name is a problem, not an error. */
  private async insert(
    input: { readonly username: string; readonly password: string; readonly email?: string | undefined; readonly language?: string | undefined },
    role: Role,
  ): Promise<RegisterResult> {
    const username = normalizeUsername(input.username);
    const taken: RegisterResult = { status: 'invalid', problems: { username: 'taken' } };
    if (await this.findByUsername(username)) return taken;
    const passwordHash = await hashPassword(input.password);
    try {
      const row = await this.db
        .insertInto('users')
        .values({
          username,
          username_key: usernameKey(username),
          email: input.email?.trim() || null,
          password_hash: passwordHash,
          role,
          created_at: isoTime(this.clock()),
          suspended_until: null,
          deleted_at: null,
          language: input.language,
        })
        .returning(['id', 'username', 'role', 'created_at', 'approved_post_count', 'suspended_until'])
        .executeTakeFirstOrThrow();
      return { status: 'created', member: toMember(row) };
    } catch (error) {
      // Another server registered the same name between the check and the insert.
      if (isUniqueViolation(error)) return taken;
      throw error;
    }
  }

  /** A new member. Limited per client (registrationsPerClient); the email, if any, is kept but never shown. */
  async register(input: {
    readonly username: string;
    readonly password: string;
    readonly email?: string | undefined;
    readonly client: ClientKey;
    /** The code of the forum's language the member registered in (src/content/languages.ts); English unless given. */
    readonly language?: string | undefined;
  }): Promise<RegisterResult> {
    const problems = this.problemsOfNew(input, false);
    if (Object.keys(problems).length > 0) return { status: 'invalid', problems };
    const decision = await this.throttle.hitAll([
      [LIMITS.registrationsPerClient, input.client],
      [LIMITS.registrationsPerClientPerDay, input.client],
    ]);
    if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    return this.insert(input, 'member');
  }

  /** The administrator that `npm run forum -- create-admin` makes: the same rules, reserved names allowed, no limit. */
  async createAdmin(username: string, password: string): Promise<RegisterResult> {
    const problems = this.problemsOfNew({ username, password }, true);
    if (Object.keys(problems).length > 0) return { status: 'invalid', problems };
    return this.insert({ username, password }, 'administrator');
  }

  /** Whether a login (or a password check) may be tried now for this account from this client: checks, counts nothing. */
  private async loginAllowed(subject: string, client: ClientKey): Promise<Decision> {
    return strictest(
      await Promise.all([
        this.throttle.check(LIMITS.loginFailuresPerAccount, subject),
        this.throttle.check(LIMITS.loginFailuresPerAccountPerDay, subject),
        this.throttle.check(LIMITS.loginFailuresPerClient, client),
        this.throttle.check(LIMITS.loginFailuresPerClientPerDay, client),
      ]),
    );
  }

  private async countFailure(subject: string, client: ClientKey): Promise<void> {
    await this.throttle.hit(LIMITS.loginFailuresPerAccount, subject);
    await this.throttle.hit(LIMITS.loginFailuresPerAccountPerDay, subject);
    await this.throttle.hit(LIMITS.loginFailuresPerClient, client);
    await this.throttle.hit(LIMITS.loginFailuresPerClientPerDay, client);
  }

  /**
   * Checks a password against a stored hash, or against a hash of a random password when there is none, so that a name
   * nobody has takes as long to refuse as a wrong password (no telling from the time which names exist).
   */
  private async passwordMatches(stored: string | null | undefined, password: string): Promise<boolean> {
    if (password.length > MAX_LOGIN_PASSWORD) return false;
    this.dummyHash ??= hashPassword(randomToken());
    const matches = await verifyPassword(stored ?? (await this.dummyHash), password);
    return matches && typeof stored === 'string';
  }

  /**
   * Checks a username and password. Failures are counted per account and per client, and past the limits the answer is
   * 'throttled' before any password is checked. A suspended member is told so only after giving the right password.
   * The caller then starts a session (Sessions.start, replacing any token the browser had).
   */
  async login(input: { readonly username: string; readonly password: string; readonly client: ClientKey }): Promise<LoginResult> {
    const subject = accountSubject(input.username);
    const decision = await this.loginAllowed(subject, input.client);
    if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    const row = await this.db
      .selectFrom('users')
      .select([...MEMBER_COLUMNS, 'users.password_hash'])
      .where('username_key', '=', subject)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!(await this.passwordMatches(row?.password_hash, input.password)) || !row) {
      await this.countFailure(subject, input.client);
      return { status: 'invalid' };
    }
    const member = toMember(row);
    if (isSuspended(member, this.clock())) return { status: 'suspended', until: member.suspendedUntil! };
    await this.throttle.clear(LIMITS.loginFailuresPerAccount, subject);
    await this.throttle.clear(LIMITS.loginFailuresPerAccountPerDay, subject);
    if (needsRehash(row.password_hash!)) await this.setPassword(member.id, input.password);
    return { status: 'ok', member };
  }

  private async setPassword(id: number, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  /** The current password of a signed-in member, checked under the same limits as a login (a stolen session cannot guess). */
  private async confirmPassword(id: number, password: string, client: ClientKey): Promise<{ username: string } | Throttled | 'wrong'> {
    const row = await this.db
      .selectFrom('users')
      .select(['username', 'username_key', 'password_hash'])
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    const subject = row?.username_key ?? `#${id}`;
    const decision = await this.loginAllowed(subject, client);
    if (!decision.allowed) return { status: 'throttled', retryAfterSeconds: decision.retryAfterSeconds };
    if (row && (await this.passwordMatches(row.password_hash, password))) return { username: row.username };
    await this.countFailure(subject, client);
    return 'wrong';
  }

  /** Changes the password after checking the current one, and ends the member's other sessions (`keepSession` stays). */
  async changePassword(
    id: number,
    input: { readonly current: string; readonly next: string; readonly client: ClientKey; readonly keepSession?: string | undefined },
  ): Promise<ChangeResult> {
    const confirmed = await this.confirmPassword(id, input.current, input.client);
    if (confirmed === 'wrong') return { status: 'invalid', problems: { currentPassword: 'wrong' } };
    if ('status' in confirmed) return confirmed;
    const problem = this.policy.check(input.next, { username: confirmed.username });
    if (problem) return { status: 'invalid', problems: { password: problem } };
    await this.setPassword(id, input.next);
    await this.sessions.endAllForMember(id, { except: input.keepSession });
    return { status: 'changed' };
  }

  /**
   * Deletes the account after checking the password. The row stays, emptied: no name (shown as "deleted member"), no
   * email, no password, no sessions or reset links; the posts stay as part of the public discussion (README: Forum).
   * The last administrator cannot leave: the forum would have nobody to appoint moderators.
   */
  async deleteAccount(id: number, input: { readonly password: string; readonly client: ClientKey }): Promise<DeleteResult> {
    const confirmed = await this.confirmPassword(id, input.password, input.client);
    if (confirmed === 'wrong') return { status: 'invalid', problems: { currentPassword: 'wrong' } };
    if ('status' in confirmed) return confirmed;
    const now = isoTime(this.clock());
    return this.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        if (await isLastAdministrator(trx, id)) return { status: 'last-administrator' } as const;
        await trx
          .updateTable('users')
          .set({
            username: DELETED_MEMBER_NAME,
            username_key: deletedKey(id),
            email: null,
            password_hash: null,
            role: 'member',
            suspended_until: null,
            deleted_at: now,
          })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
        await trx.deleteFrom('password_resets').where('user_id', '=', id).execute();
        return { status: 'deleted' } as const;
      });
  }
}

/** Whether the member is an administrator and no other administrator remains. */
export async function isLastAdministrator(db: Kysely<DatabaseSchema>, id: number): Promise<boolean> {
  const administrators = await db.selectFrom('users').select('id').where('role', '=', 'administrator').where('deleted_at', 'is', null).execute();
  return administrators.length === 1 && administrators[0]!.id === id;
}
