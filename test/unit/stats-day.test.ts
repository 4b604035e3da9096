// Unit test for statsDay: the date in Bishkek across midnight, month and year ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statsDay } from '../../src/stats/stats-day.js';

describe('statsDay', () => {
  it('gives the date in Bishkek (UTC+6), across midnight, month and year ends', () => {
    assert.equal(statsDay(new Date('2026-11-26T17:59:59.999Z')), '2026-11-26');
    assert.equal(statsDay(new Date('2026-11-26T18:00:00.000Z')), '2026-11-27');
    assert.equal(statsDay(new Date('2026-12-31T18:00:00.000Z')), '2027-01-01');
    assert.equal(statsDay(new Date('2024-02-28T18:30:00.000Z')), '2024-02-29');
  });
});
