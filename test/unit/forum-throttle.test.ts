// Rate limits: the sliding-window arithmetic, client keys that never hold an address, and counters shared by servers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ForumDatabase } from '../../src/db/database.js';
import { clientPart, ClientKeys } from '../../src/forum/client-key.js';
import { estimate, waitMs, type WindowCounts } from '../../src/forum/sliding-window.js';
import { strictest, Throttle } from '../../src/forum/throttle.js';
import type { Limit } from '../../src/forum/limits.js';
import { describeEachEngine } from '../helpers/engines.js';

/** The estimate `later` ms after `elapsed`, moving into the next window if need be. */
function estimateLater(counts: WindowCounts, elapsed: number, later: number, windowMs: number): number {
  const at = elapsed + later;
  if (at < windowMs) return estimate(counts, at, windowMs);
  if (at < 2 * windowMs) return estimate({ previous: counts.current, current: 0 }, at - windowMs, windowMs);
  return 0;
}

describe('the sliding-window estimate', () => {
  it('weights the previous window by how much of it still overlaps', () => {
    assert.equal(estimate({ previous: 10, current: 2 }, 0, 1000), 12);
    assert.equal(estimate({ previous: 10, current: 2 }, 250, 1000), 9.5);
    assert.equal(estimate({ previous: 10, current: 2 }, 999, 1000), 2.01);
  });

  it('waits nothing while one more event fits', () => {
    assert.equal(waitMs({ previous: 0, current: 4 }, 500, 1000, 5), 0);
  });

  it('waits until the previous window has faded enough, or into the next window', () => {
    assert.equal(waitMs({ previous: 4, current: 2 }, 0, 1000, 5), 500, '4 (1 - t/1000) + 2 <= 4');
    assert.equal(waitMs({ previous: 0, current: 5 }, 400, 1000, 5), 600 + 200, 'to the window end, then until 5 fades to 4');
    assert.equal(waitMs({ previous: 0, current: 1 }, 0, 1000, 1), 2000, 'a limit of one: two windows');
  });

  it('always waits exactly long enough: after the wait one more event fits, a millisecond earlier it would not', () => {
    const windowMs = 60_000;
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(windowMs - 1), fc.integer({ min: 1, max: 40 }), (previous, current, elapsed, limit) => {
        const counts = { previous, current };
        const wait = waitMs(counts, elapsed, windowMs, limit);
        assert.ok(estimateLater(counts, elapsed, wait, windowMs) <= limit - 1 + 1e-9);
        if (wait >= 1) assert.ok(estimateLater(counts, elapsed, wait - 1, windowMs) > limit - 1 - 1e-9);
      }),
    );
  });
});

describe('clientPart', () => {
  it('reads IPv4, and IPv4 mapped into IPv6, as the address', () => {
    assert.equal(clientPart('203.0.113.7'), '203.0.113.7');
    assert.equal(clientPart('::ffff:203.0.113.7'), '203.0.113.7');
  });

  it('keeps the first 64 bits of an IPv6 address, which one household or phone holds whole', () => {
    assert.equal(clientPart('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2');
    assert.equal(clientPart('2001:0db8:0001:0002::1'), '2001:db8:1:2');
    assert.equal(clientPart('2001:db8::1'), '2001:db8:0:0');
    assert.equal(clientPart('::1'), '0:0:0:0');
  });
});

describe('strictest', () => {
  it('answers the longest wait among the limits that apply', () => {
    assert.deepEqual(strictest([{ allowed: true }, { allowed: false, retryAfterSeconds: 5 }, { allowed: false, retryAfterSeconds: 60 }]), {
      allowed: false,
      retryAfterSeconds: 60,
    });
    assert.deepEqual(strictest([{ allowed: true }, { allowed: true }]), { allowed: true });
  });
});

const FIVE_A_MINUTE: Limit = { name: 'test', limit: 5, windowSeconds: 60 };

describeEachEngine('Throttle', (engine) => {
  let database: ForumDatabase;
  let now = Date.UTC(2026, 10, 27, 10, 0, 0);
  const clock = () => now;
  let throttle: Throttle;
  before(async () => {
    database = await engine.open();
    throttle = new Throttle(database.db, clock);
  });
  after(() => database.close());

  it('allows up to the limit, then tells how long to wait, and allows again after that', async () => {
    for (let index = 0; index < 5; index += 1) assert.deepEqual(await throttle.hit(FIVE_A_MINUTE, 'a'), { allowed: true });
    const denied = await throttle.hit(FIVE_A_MINUTE, 'a');
    assert.equal(denied.allowed, false);
    const wait = denied.allowed ? 0 : denied.retryAfterSeconds;
    assert.ok(wait > 0 && wait <= 120, String(wait));
    now += (wait - 1) * 1000;
    assert.equal((await throttle.check(FIVE_A_MINUTE, 'a')).allowed, false, 'a second early');
    now += 1000;
    assert.deepEqual(await throttle.hit(FIVE_A_MINUTE, 'a'), { allowed: true });
  });

  it('does not count a check, nor an event it refused', async () => {
    for (let index = 0; index < 10; index += 1) await throttle.check(FIVE_A_MINUTE, 'b');
    for (let index = 0; index < 5; index += 1) await throttle.hit(FIVE_A_MINUTE, 'b');
    const first = await throttle.hit(FIVE_A_MINUTE, 'b');
    for (let index = 0; index < 10; index += 1) await throttle.hit(FIVE_A_MINUTE, 'b');
    assert.deepEqual(await throttle.hit(FIVE_A_MINUTE, 'b'), first, 'hammering does not lengthen the wait');
  });

  it('keeps subjects and limits apart, and forgets a subject when cleared', async () => {
    for (let index = 0; index < 5; index += 1) await throttle.hit(FIVE_A_MINUTE, 'c');
    assert.equal((await throttle.check(FIVE_A_MINUTE, 'c')).allowed, false);
    assert.equal((await throttle.check(FIVE_A_MINUTE, 'd')).allowed, true);
    assert.equal((await throttle.check({ ...FIVE_A_MINUTE, name: 'other' }, 'c')).allowed, true);
    await throttle.clear(FIVE_A_MINUTE, 'c');
    assert.equal((await throttle.check(FIVE_A_MINUTE, 'c')).allowed, true);
  });

  it('lets exactly the limit through when requests arrive at once', async () => {
    const decisions = await Promise.all(Array.from({ length: 20 }, () => throttle.hit(FIVE_A_MINUTE, 'e')));
    assert.equal(decisions.filter((decision) => decision.allowed).length, 5);
  });

  it('counts across servers that share the database', async () => {
    const [one, two] = await engine.openShared(2);
    try {
      const first = new Throttle(one!.db, clock);
      const second = new Throttle(two!.db, clock);
      for (let index = 0; index < 3; index += 1) await first.hit(FIVE_A_MINUTE, 'f');
      for (let index = 0; index < 2; index += 1) await second.hit(FIVE_A_MINUTE, 'f');
      assert.equal((await first.hit(FIVE_A_MINUTE, 'f')).allowed, false);
      assert.equal((await second.check(FIVE_A_MINUTE, 'f')).allowed, false);
    } finally {
      await one!.close();
      await two!.close();
    }
  });

  it('removes counters once they can no longer matter', async () => {
    const rows = () => database.db.selectFrom('rate_limits').select('key').where('key', '=', 'test:g').execute();
    now += 60_000 - (now % 60_000);
    await throttle.hit(FIVE_A_MINUTE, 'g');
    now += 60_000;
    await throttle.removeExpired();
    assert.equal((await rows()).length, 1, 'still the previous window of the next one');
    now += 60_000;
    assert.ok((await throttle.removeExpired()) >= 1);
    assert.deepEqual(await rows(), []);
  });
});

describeEachEngine('ClientKeys', (engine) => {
  let database: ForumDatabase;
  let now = Date.UTC(2026, 10, 27, 23, 59, 0);
  before(async () => {
    database = await engine.open();
  });
  after(() => database.close());

  it('gives one client one key a day, never containing the address', async () => {
    const keys = await ClientKeys.load(database.db, () => now);
    const key = keys.forAddress('203.0.113.7');
    assert.equal(keys.forAddress('::ffff:203.0.113.7'), key);
    assert.notEqual(keys.forAddress('203.0.113.8'), key);
    assert.ok(!key.includes('203') && !key.includes('113'), key);
    assert.match(key, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(keys.forAddress('2001:db8:1:2::5'), keys.forAddress('2001:db8:1:2:ffff::9'), 'one /64');
  });

  it('changes every key at midnight UTC, so days cannot be linked', async () => {
    const keys = await ClientKeys.load(database.db, () => now);
    const today = keys.forAddress('203.0.113.7');
    now += 2 * 60_000;
    assert.notEqual(keys.forAddress('203.0.113.7'), today);
  });

  it('gives the same key on every server, from the shared site secret', async () => {
    const [one, two] = await engine.openShared(2);
    try {
      const [first, second] = await Promise.all([ClientKeys.load(one!.db, () => now), ClientKeys.load(two!.db, () => now)]);
      assert.equal(first.forAddress('198.51.100.1'), second.forAddress('198.51.100.1'));
    } finally {
      await one!.close();
      await two!.close();
    }
  });
});
