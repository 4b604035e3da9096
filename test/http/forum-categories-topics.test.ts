// The running app tells the forum's services which categories exist (content/forum.yml): topics start only in one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testApp } from '../helpers/test-app.js';

describe('forum categories and topics in the running app', () => {
  it('starts a topic in a category of content/forum.yml, and refuses a slug that is none', async () => {
    let now = Date.parse('2026-11-27T08:00:00Z');
    const app = testApp({}, { clock: () => now });
    try {
      const open = await app.forum.ready();
      assert.ok(open, 'the forum database opened');
      const { forum } = open;
      const admin = await forum.accounts.createAdmin('site-admin', 'correct horse battery staple');
      assert.equal(admin.status, 'created');
      if (admin.status !== 'created') return;
      const stamp = forum.formStamps.issue(admin.member.id);
      now += 10_000;
      const form = { honeypot: '', stamp };
      const client = forum.clientKeys.forAddress('203.0.113.7');
      const body = 'Where can I find the 2003 MDG progress report in Russian?';
      const started = await forum.topics.start({ authorId: admin.member.id, categorySlug: 'general', title: 'MDG report in Russian', body, form, client });
      assert.equal(started.status, 'created');
      const secondStamp = forum.formStamps.issue(admin.member.id);
      now += 10_000;
      const refused = await forum.topics.start({
        authorId: admin.member.id,
        categorySlug: 'no-such-category',
        title: 'Somewhere else',
        body: `${body} Again.`,
        form: { honeypot: '', stamp: secondStamp },
        client,
      });
      assert.deepEqual(refused.status === 'invalid' && refused.problems, { category: 'unknown-category' });
    } finally {
      app.close();
    }
  });
});
