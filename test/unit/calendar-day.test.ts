import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dayToDate, impossibleDay } from '../../src/lib/calendar-day.js';

describe('calendar days', () => {
  it('says why a day does not exist', () => {
    assert.equal(impossibleDay('2026-02-30'), 'February 2026 has 28 days');
    assert.equal(impossibleDay('2024-02-30'), 'February 2024 has 29 days');
    assert.equal(impossibleDay('2026-04-31'), 'April 2026 has 30 days');
    assert.equal(impossibleDay('2026-13-01'), 'there is no month 13: months run from 01 to 12');
    assert.equal(impossibleDay('2026-00-10'), 'there is no month 00: months run from 01 to 12');
    assert.equal(impossibleDay('2026-01-00'), 'days of the month start at 01');
  });
  it('finds nothing wrong with real days, leap days included', () => {
    assert.deepEqual(['2024-02-29', '2000-02-29', '2026-12-31', '2007-08-15'].map(impossibleDay), [undefined, undefined, undefined, undefined]);
  });
  it('never rolls an impossible day over into the next month', () => {
    assert.equal(Number.isNaN(dayToDate('2026-02-30').getTime()), true);
    assert.equal(dayToDate('2026-02-28').toISOString(), '2026-02-28T00:00:00.000Z');
  });
});
