// The login-CSRF defence: form tokens signed for a pre-session cookie, refused for another cookie, when altered or when old.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase, type ForumDatabase } from '../../src/db/database.js';
import { FORM_TOKEN_LIFETIME_MS, FormTokens, preSessionCookie } from '../../src/forum/form-tokens.js';
import { randomToken } from '../../src/forum/tokens.js';
import { TestClock } from '../helpers/forum.js';

describe('form tokens for forms sent before there is a session', () => {
  let database: ForumDatabase;
  let tokens: FormTokens;
  const clock = new TestClock();
  before(async () => {
    database = await openDatabase({ dataDir: ':memory:' });
    tokens = await FormTokens.load(database.db, clock.read);
  });
  after(() => database.close());

  it('accepts a token with the pre-session it was made for', () => {
    const preSession = tokens.preSession(undefined);
    assert.equal(tokens.verify(preSession, tokens.tokenFor(preSession)), true);
  });

  it('refuses it with another pre-session, without one, altered, or as something else than text', () => {
    const preSession = tokens.preSession(undefined);
    const token = tokens.tokenFor(preSession);
    assert.equal(tokens.verify(randomToken(), token), false);
    assert.equal(tokens.verify(undefined, token), false);
    assert.equal(tokens.verify(preSession, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), false);
    assert.equal(tokens.verify(preSession, `${(clock.now + 1000).toString(36)}.${token.split('.')[1]}`), false);
    assert.equal(tokens.verify(preSession, ['a', 'b']), false);
    assert.equal(tokens.verify(preSession, ''), false);
  });

  it('refuses a token once its lifetime has passed', () => {
    const preSession = tokens.preSession(undefined);
    const token = tokens.tokenFor(preSession);
    clock.advance(FORM_TOKEN_LIFETIME_MS - 1);
    assert.equal(tokens.verify(preSession, token), true);
    clock.advance(1);
    assert.equal(tokens.verify(preSession, token), false);
  });

  it('keeps a well-formed pre-session the browser already has, and replaces anything else', () => {
    const preSession = randomToken();
    assert.equal(tokens.preSession(preSession), preSession);
    assert.notEqual(tokens.preSession('short'), 'short');
  });

  it('sets the pre-session as a __Host- cookie that no script and no other site’s request can use', () => {
    assert.equal(preSessionCookie('v'), '__Host-presession=v; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=7200');
  });

  it('signs with a key every server on the database shares, so another server accepts the token', async () => {
    const other = await FormTokens.load(database.db, clock.read);
    const preSession = tokens.preSession(undefined);
    assert.equal(other.verify(preSession, tokens.tokenFor(preSession)), true);
  });
});
