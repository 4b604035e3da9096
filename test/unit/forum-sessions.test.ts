// Sessions: the cookie's exact flags, hashed tokens, logout on the server, idle and absolute timeouts, the CSRF token.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { expiredSessionCookie, readSessionToken, sessionCookie } from '../../src/forum/session-cookie.js';
import { ABSOLUTE_TIMEOUT_MS, csrfMatches, IDLE_TIMEOUT_MS } from '../../src/forum/sessions.js';
import { randomToken, sha256Hex } from '../../src/forum/tokens.js';
import { describeEachEngine } from '../helpers/engines.js';
import { addMember, openTestForum, type TestForum } from '../helpers/forum.js';

const MINUTE = 60_000;

describe('the session cookie', () => {
  const token = randomToken();

  it('is set with __Host-, Path=/, HttpOnly, Secure and SameSite=Lax, and no lifetime', () => {
    assert.equal(sessionCookie(token), `__Host-session=${token}; Path=/; HttpOnly; Secure; SameSite=Lax`);
  });

  it('is removed with the same attributes and Max-Age=0', () => {
    assert.equal(expiredSessionCookie(), '__Host-session=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0');
  });

  it('is read back from a Cookie header among others, and only in the shape of a token', () => {
    assert.equal(readSessionToken(`theme=dark; __Host-session=${token}; lang=ru`), token);
    assert.equal(readSessionToken(`session=${token}`), undefined, 'without the prefix');
    assert.equal(readSessionToken('__Host-session=x%27%20or%201=1'), undefined);
    assert.equal(readSessionToken(undefined), undefined);
    assert.equal(readSessionToken(`__Host-session=bad; __Host-session=${token}`), token);
  });

  it('carries 256 random bits', () => {
    assert.equal(Buffer.from(token, 'base64url').length, 32);
    assert.notEqual(randomToken(), token);
  });
});

describe('csrfMatches', () => {
  it('accepts only the session’s own token', () => {
    const session = { csrfToken: randomToken() };
    assert.equal(csrfMatches(session, session.csrfToken), true);
    assert.equal(csrfMatches(session, randomToken()), false);
    assert.equal(csrfMatches(session, session.csrfToken.slice(1)), false);
    for (const given of [undefined, null, 42, [session.csrfToken], '']) assert.equal(csrfMatches(session, given), false);
  });
});

describeEachEngine('Sessions', (engine) => {
  let test: TestForum;
  let memberId: number;
  before(async () => {
    test = await openTestForum(engine);
    memberId = await addMember(test.database, 'aida');
  });
  after(() => test.close());

  it('starts a session whose token resolves to the member, with a CSRF token, storing only the token’s hash', async () => {
    const started = await test.forum.sessions.start(memberId);
    const session = await test.forum.sessions.resolve(started.token);
    assert.equal(session?.member.username, 'aida');
    assert.equal(session?.csrfToken, started.csrfToken);
    assert.equal(started.cookie, sessionCookie(started.token));
    const rows = await sql<Record<string, unknown>>`select * from sessions`.execute(test.database.db);
    assert.ok(rows.rows.some((row) => row['id'] === sha256Hex(started.token)));
    assert.ok(!JSON.stringify(rows.rows).includes(started.token), 'the token itself is nowhere in the table');
  });

  it('ends a session at logout on the server: the same cookie no longer works', async () => {
    const started = await test.forum.sessions.start(memberId);
    await test.forum.sessions.end(started.token);
    assert.equal(await test.forum.sessions.resolve(started.token), undefined);
  });

  it('rotates at login: the token the browser had before stops working', async () => {
    const before = await test.forum.sessions.start(memberId);
    const after = await test.forum.sessions.start(memberId, { replacing: before.token });
    assert.equal(await test.forum.sessions.resolve(before.token), undefined);
    assert.ok(await test.forum.sessions.resolve(after.token));
    assert.notEqual(after.csrfToken, before.csrfToken);
  });

  it('ends after two hours without a request, and lives on while used', async () => {
    const started = await test.forum.sessions.start(memberId);
    test.clock.advance(IDLE_TIMEOUT_MS - MINUTE);
    assert.ok(await test.forum.sessions.resolve(started.token), 'used just before the idle timeout');
    test.clock.advance(IDLE_TIMEOUT_MS - MINUTE);
    assert.ok(await test.forum.sessions.resolve(started.token), 'the last use counts');
    test.clock.advance(IDLE_TIMEOUT_MS);
    assert.equal(await test.forum.sessions.resolve(started.token), undefined);
  });

  it('ends twelve hours after login however much it is used', async () => {
    const started = await test.forum.sessions.start(memberId);
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - 60 * MINUTE; elapsed += 60 * MINUTE) {
      test.clock.advance(60 * MINUTE);
      assert.ok(await test.forum.sessions.resolve(started.token));
    }
    test.clock.advance(60 * MINUTE);
    assert.equal(await test.forum.sessions.resolve(started.token), undefined);
  });

  it('ends every session of a member but the one kept', async () => {
    const [one, two, kept] = [await test.forum.sessions.start(memberId), await test.forum.sessions.start(memberId), await test.forum.sessions.start(memberId)];
    const keptSession = await test.forum.sessions.resolve(kept.token);
    await test.forum.sessions.endAllForMember(memberId, { except: keptSession!.id });
    assert.equal(await test.forum.sessions.resolve(one.token), undefined);
    assert.equal(await test.forum.sessions.resolve(two.token), undefined);
    assert.ok(await test.forum.sessions.resolve(kept.token));
  });

  it('ignores tokens that are not of its shape, without querying', async () => {
    for (const token of ['', 'short', `${randomToken()}x`, "' or 1=1 --", undefined]) assert.equal(await test.forum.sessions.resolve(token), undefined);
  });

  it('removes expired sessions from the table', async () => {
    await test.forum.sessions.start(memberId);
    test.clock.advance(ABSOLUTE_TIMEOUT_MS);
    await test.forum.removeExpired();
    const { n } = await test.database.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n), 0);
  });
});
