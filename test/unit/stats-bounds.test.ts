// Unit tests for the bounds statistics keep: a day's names, host names, one client's views, memory while writes fail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostName } from '../../src/lib/host-name.js';
import { ClientViewLimit } from '../../src/stats/client-view-limit.js';
import { PendingCounts } from '../../src/stats/pending-counts.js';
import { DAILY_NAMES, MAX_PENDING_DAYS, STATS_OTHER } from '../../src/stats/stats-limits.js';
import { planBounded } from '../../src/stats/stats-writes.js';

const PERSON = { device: 'desktop', bot: false } as const;

describe('planBounded', () => {
  it('keeps the names with the most views and folds the rest, old and new, into "other" with their views', () => {
    const existing = [
      { name: 'google.com', views: 9 },
      { name: 'one.example', views: 1 },
      { name: STATS_OTHER, views: 4 },
    ];
    const plan = planBounded(
      existing,
      new Map([
        ['new.example', 2],
        ['spam.example', 1],
        [STATS_OTHER, 3],
      ]),
      2,
    );
    assert.deepEqual([...plan.kept].sort(), ['google.com', 'new.example']);
    assert.deepEqual(plan.increments, [['new.example', 2]]);
    assert.deepEqual(plan.folded, ['one.example']);
    // 3 sent as other, 1 from the folded row, 1 from the new name that did not fit.
    assert.equal(plan.other, 5);
  });

  it('lets a new name with as many views take the place of a kept one, so a flood cannot lock a day’s table', () => {
    const plan = planBounded([{ name: 'spam.example', views: 1 }], new Map([['real.example', 1]]), 1);
    assert.deepEqual([...plan.kept], ['real.example']);
    assert.deepEqual(plan.folded, ['spam.example']);
    assert.equal(plan.other, 1);
  });
});

describe('isHostName', () => {
  it('accepts host names as browsers send them, IDNs in punycode too', () => {
    for (const host of ['google.com', 'news.example.kg', 'xn--80ak6aa92e.com', 'a-b.c-d.org', 'un.org.kg']) assert.ok(isHostName(host), host);
  });

  it('refuses addresses, single labels, bad characters and over-long labels or names', () => {
    const bad = [
      '127.0.0.1',
      '[::1]',
      'localhost',
      'a_b.com',
      '-a.com',
      'a-.com',
      'example.123',
      `${'a'.repeat(64)}.com`,
      `${'a.'.repeat(127)}com`,
      'Ex.com',
      'a b.com',
      '',
    ];
    for (const host of bad) assert.ok(!isHostName(host), host);
  });
});

describe('ClientViewLimit', () => {
  it('counts a client’s views up to the limit in a window, forgets everyone when the window turns, and stays bounded', () => {
    const limit = new ClientViewLimit(3, 1000, 2);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limit.allows('a', 0)),
      [true, true, true, false],
    );
    assert.equal(limit.allows('a', 1000), true);
    assert.equal(limit.allows('b', 1000), true);
    // The table holds two clients: a third is counted, untracked, rather than grow it.
    for (let index = 0; index < 5; index += 1) assert.equal(limit.allows('c', 1000), true);
  });
});

describe('PendingCounts', () => {
  it('holds at most the day’s bound of new names in memory, the rest as "other", and names the database keeps always', () => {
    const pending = new PendingCounts();
    pending.remember(new Map([['2026-11-27', { page: new Set<string>(), referrer: new Set(['kept.example']) }]]));
    for (let index = 0; index < DAILY_NAMES.referrer + 50; index += 1) pending.record('2026-11-27', '/mdg', { ...PERSON, referrerHost: `h${index}.example` });
    pending.record('2026-11-27', '/mdg', { ...PERSON, referrerHost: 'kept.example' });
    const day = pending.take().get('2026-11-27')!;
    assert.equal(day.referrer.get(STATS_OTHER), 50);
    assert.equal(day.referrer.get('kept.example'), 1);
    assert.equal(day.referrer.size, DAILY_NAMES.referrer + 2);
    assert.ok(pending.isEmpty);
  });

  it('keeps a failed batch within the same bounds, and only the most recent days while the database is away', () => {
    const pending = new PendingCounts();
    for (let day = 1; day <= MAX_PENDING_DAYS + 3; day += 1) pending.record(`2026-11-${String(day).padStart(2, '0')}`, '/mdg', { ...PERSON, referrerHost: '' });
    const batch = pending.take();
    assert.equal(batch.size, MAX_PENDING_DAYS);
    pending.record('2026-11-30', '/cca', { ...PERSON, referrerHost: '' });
    pending.restore(batch);
    const again = pending.take();
    assert.equal(again.size, MAX_PENDING_DAYS);
    assert.ok(!again.has('2026-11-04'));
    assert.equal(again.get('2026-11-10')?.page.get('/mdg'), 1);
  });
});
