// HTTP tests: the forms that start topics, reply, edit and report; their errors, refusals, limits and confirmations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { LIMITS } from '../../src/forum/limits.js';
import { assertAbsent } from '../helpers/assert-absent.js';
import { hiddenFields, SAME_ORIGIN, Visitor } from '../helpers/forum-web.js';
import { forumSite, uniqueText } from '../helpers/forum-site.js';
import { html } from '../helpers/test-app.js';

/**
 * What a browser shows in a textarea: linkedom keeps its text as written, entities and the first newline included,
 * where a browser reads it as RCDATA.
 */
function boxText(document: Document, selector: string): string {
  const raw = document.querySelector(selector)?.textContent ?? '';
  return raw.replace(/^\n/, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const errorLinks = (body: string): [string | null, string][] =>
  [...html(body).querySelectorAll('.error-summary a')].map((link) => [link.getAttribute('href'), link.textContent ?? '']);

describe('starting a topic', () => {
  const site = forumSite();
  after(() => site.close());

  it('sends a reader to log in first, and back to the form afterwards', async () => {
    const response = await new Visitor(site.app).get('/forum/c/general/new');
    assert.equal(response.status, 303);
    assert.equal(response.headers['location'], `/forum/login?next=${encodeURIComponent('/forum/c/general/new')}`);
  });

  it('holds a new member’s topic, says so, and shows it to nobody else until a moderator approves it', async () => {
    const member = await site.member('Kanat');
    const form = html((await member.get('/forum/c/general/new')).text);
    assert.equal(form.querySelector('main h1')?.textContent, 'Start a new topic in General questions about the UN in Kyrgyzstan');
    assert.match(form.querySelector('main')?.textContent ?? '', /your topic will appear once approved/);
    assert.ok(form.querySelector('form a[href="/forum/privacy"]'));
    const sent = await site.fill(member, '/forum/c/general/new', { title: 'Visa for a UN conference', body: 'How long does a visa take?' });
    assert.equal(sent.status, 303);
    const match = /^\/forum\/t\/(\d+)\?notice=held#post-(\d+)$/.exec(sent.headers['location'] ?? '');
    assert.ok(match, sent.headers['location']);
    const [, topicId, postId] = match;
    const page = html((await member.get(`/forum/t/${topicId}?notice=held`)).text);
    assert.equal(page.querySelector('.notice__title')?.textContent, 'Your post is awaiting approval');
    assert.equal(page.querySelector('.forum-topic-mark--held')?.textContent?.startsWith('Awaiting approval'), true);
    assert.equal(page.querySelector(`#post-${postId} .forum-mark--status`)?.textContent, 'Awaiting approval');
    assertAbsent(page, '.forum-reply form', 'no replies to a topic awaiting approval');

    await request(site.app.handle).get(`/forum/t/${topicId}`).expect(404);
    await request(site.app.handle).get(`/forum/post/${postId}`).expect(404);
    const readerList = (await request(site.app.handle).get('/forum/c/general').expect(200)).text;
    assert.ok(!readerList.includes('Visa for a UN conference'));
    const other = await site.member('Lola', 'trusted');
    assert.equal((await other.get(`/forum/t/${topicId}`)).status, 404);
    assert.ok(!(await other.get('/forum/c/general')).text.includes('Visa for a UN conference'));
    assert.ok((await member.get('/forum/c/general')).text.includes('Visa for a UN conference'));

    const moderator = await site.member('Maksat', 'moderator');
    const { forum } = await site.open();
    assert.equal((await forum.moderation.approve(moderator.id, Number(postId))).status, 'done');
    const published = html((await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200)).text);
    assert.equal(published.querySelector(`#post-${postId} .forum-post__body`)?.textContent?.trim(), 'How long does a visa take?');
    assertAbsent(published, '.forum-mark--status');
  });

  it('shows a trusted member’s topic at once', async () => {
    const member = await site.member('Nazira', 'trusted');
    const sent = await site.fill(member, '/forum/c/jobs-and-procurement/new', { title: 'Procurement notices for 2005', body: uniqueText() });
    assert.match(sent.headers['location'] ?? '', /^\/forum\/t\/\d+#post-\d+$/);
    const list = html((await request(site.app.handle).get('/forum/c/jobs-and-procurement').expect(200)).text);
    assert.ok([...list.querySelectorAll('.forum-topic__title')].some((title) => title.textContent === 'Procurement notices for 2005'));
  });

  it('sends the form back with 422, an error summary linked to each field, and what was typed', async () => {
    const member = await site.member('Oskon', 'trusted');
    const sent = await site.fill(member, '/forum/c/general/new', { title: 'Hi', body: '   ' });
    assert.equal(sent.status, 422);
    assert.deepEqual(errorLinks(sent.text), [
      ['#title', 'Title must be 5 characters or more'],
      ['#body', 'Enter your message'],
    ]);
    const document = html(sent.text);
    assert.equal(document.querySelector('#title')?.getAttribute('value'), 'Hi');
    assert.equal(document.querySelector('#title')?.getAttribute('aria-invalid'), 'true');
    assert.match(document.querySelector('title')?.textContent ?? '', /^Error: /);
    const kept = await site.fill(member, '/forum/c/general/new', { title: 'A title long enough', body: '' });
    assert.equal(html(kept.text).querySelector('#title')?.getAttribute('value'), 'A title long enough');
    assert.ok(html(kept.text).querySelector('.error-summary[autofocus]'));
  });

  it('refuses a form sent faster than a person could, and one whose honeypot is filled, keeping the text', async () => {
    const member = await site.member('Perizat', 'trusted');
    const form = await member.get('/forum/c/general/new');
    const fast = await member.post('/forum/c/general/new', {
      ...hiddenFields(form.text, '/forum/c/general/new'),
      title: 'Sent too fast',
      body: 'A bot wrote this.',
    });
    assert.equal(fast.status, 422);
    assert.match(errorLinks(fast.text)[0]?.[1] ?? '', /quicker than anyone can read and write/);
    assert.equal(boxText(html(fast.text), '#body'), 'A bot wrote this.');
    const trapped = await site.fill(member, '/forum/c/general/new', { title: 'Filled the trap', body: 'Also a bot.', website: 'https://spam.example' });
    assert.equal(trapped.status, 422);
    assert.match(errorLinks(trapped.text)[0]?.[1] ?? '', /a field that must stay empty was filled in/);
    const forged = await member.post('/forum/c/general/new', {
      ...hiddenFields(form.text, '/forum/c/general/new'),
      stamp: '1.forged',
      title: 'Forged stamp',
      body: 'x',
    });
    assert.match(errorLinks(forged.text)[0]?.[1] ?? '', /the form had expired/);
  });

  it('refuses a form from another site, or without the session’s token, with 403 and stores nothing', async () => {
    const member = await site.member('Rahat', 'trusted');
    const form = await member.get('/forum/c/general/new');
    const fields = { ...hiddenFields(form.text, '/forum/c/general/new'), title: 'Cross-site topic', body: 'From elsewhere.' };
    site.advance(10_000);
    const crossSite: Record<string, string>[] = [
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://sub.un.example.org' },
    ];
    for (const headers of crossSite) {
      assert.equal((await member.post('/forum/c/general/new', fields, headers)).status, 403, JSON.stringify(headers));
    }
    assert.equal((await member.post('/forum/c/general/new', { ...fields, csrf: 'wrong' }, SAME_ORIGIN)).status, 403);
    for (const address of ['/forum/t/1/reply', '/forum/post/1/edit', '/forum/post/1/report']) {
      assert.equal((await member.post(address, { body: 'x', reason: 'x' }, { Origin: 'https://evil.example' })).status, 403, address);
    }
    assert.ok(!(await request(site.app.handle).get('/forum/c/general')).text.includes('Cross-site topic'));
  });

  it('answers 429 with Retry-After when a member posts more often than the limit allows', async () => {
    const member = await site.member('Saltanat', 'trusted');
    const limit = LIMITS.postsPerAccount.limit;
    const form = async (): Promise<Record<string, string>> => hiddenFields((await member.get('/forum/c/general/new')).text, '/forum/c/general/new');
    for (let index = 0; index < limit; index += 1) {
      const fields = await form();
      site.advance(4000);
      const sent = await member.post('/forum/c/general/new', { ...fields, title: `Topic ${index + 1} of a flood`, body: uniqueText('Flood') });
      assert.equal(sent.status, 303, `post ${index + 1}`);
    }
    const fields = await form();
    site.advance(4000);
    const refused = await member.post('/forum/c/general/new', { ...fields, title: 'One too many', body: uniqueText('Flood') });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(html(refused.text).querySelector('main')?.textContent ?? '', /posting is paused for a while\. You can try again in \d+ (minutes?|seconds?)/);
  });
});

describe('replying, quoting and editing', () => {
  const site = forumSite();
  let topicId = 0;
  let firstPost = 0;
  let author: Awaited<ReturnType<typeof site.member>>;
  before(async () => {
    author = await site.member('Talant', 'trusted');
    const started = await site.startTopic(author.id, { title: 'Water projects in Naryn', body: 'Which agencies work on *water* in Naryn?' });
    topicId = started.topicId;
    firstPost = started.postId;
  });
  after(() => site.close());

  it('prefills a quote of the post, and posts the reply at the end of the topic', async () => {
    const member = await site.member('Urmat', 'trusted');
    const form = html((await member.get(`/forum/t/${topicId}/reply?quote=${firstPost}`)).text);
    assert.equal(boxText(form, '#body'), '> **Talant** wrote:\n>\n> Which agencies work on *water* in Naryn?\n\n');
    const sent = await site.fill(member, `/forum/t/${topicId}/reply?quote=${firstPost}`, { body: `> **Talant** wrote:\n>\n> Which agencies?\n\nUNICEF does.` });
    assert.equal(sent.status, 303);
    const [, postId] = /#post-(\d+)$/.exec(sent.headers['location'] ?? '') ?? [];
    assert.equal(sent.headers['location'], `/forum/t/${topicId}#post-${postId}`);
    const page = html((await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200)).text);
    const reply = page.querySelector(`#post-${postId}`);
    assert.equal(reply?.querySelector('blockquote strong')?.textContent, 'Talant');
    assert.equal(reply?.querySelector('.forum-post__body > p')?.textContent, 'UNICEF does.');
    const unknown = html((await member.get(`/forum/t/${topicId}/reply?quote=99999`)).text);
    assert.equal(boxText(unknown, '#body'), '', 'a quote of nothing opens an empty form');
  });

  it('sends a reply with errors back to the reply page with 422, and answers 404 for a topic that is not there', async () => {
    const member = await site.member('Venera', 'trusted');
    const empty = await site.fill(member, `/forum/t/${topicId}`, { body: '' }, `/forum/t/${topicId}/reply`);
    assert.equal(empty.status, 422);
    assert.deepEqual(errorLinks(empty.text), [['#body', 'Enter your message']]);
    assert.equal(html(empty.text).querySelector('main h1')?.textContent, 'Reply to “Water projects in Naryn”');
    assert.equal((await member.get('/forum/t/99999/reply')).status, 404);
  });

  it('refuses replies in a locked topic with a page that says so', async () => {
    const { forum } = await site.open();
    const moderator = await site.member('Zarina', 'moderator');
    const locked = await site.startTopic(author.id, { title: 'Closed for replies' });
    const member = await site.member('Yrys', 'trusted');
    const form = await member.get(`/forum/t/${locked.topicId}/reply`);
    await forum.moderation.setLocked(moderator.id, locked.topicId, true);
    site.advance(5000);
    const sent = await member.post(`/forum/t/${locked.topicId}/reply`, { ...hiddenFields(form.text, `/forum/t/${locked.topicId}/reply`), body: uniqueText() });
    assert.equal(sent.status, 403);
    assert.equal(html(sent.text).querySelector('main h1')?.textContent, 'This topic is locked');
    assert.equal((await member.get(`/forum/t/${locked.topicId}/reply`)).status, 403);
  });

  it('lets the author edit their post and the topic’s title, marked as edited; nobody else', async () => {
    const form = html((await author.get(`/forum/post/${firstPost}/edit`)).text);
    assert.equal(form.querySelector('#title')?.getAttribute('value'), 'Water projects in Naryn');
    assert.equal(boxText(form, '#body'), 'Which agencies work on *water* in Naryn?');
    const sent = await site.fill(author, `/forum/post/${firstPost}/edit`, {
      title: 'Water projects in Naryn oblast',
      body: 'Which agencies work on *water* in Naryn oblast?',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers['location'], `/forum/t/${topicId}#post-${firstPost}`);
    const page = html((await request(site.app.handle).get(`/forum/t/${topicId}`).expect(200)).text);
    assert.equal(page.querySelector('main h1')?.textContent, 'Water projects in Naryn oblast');
    assert.match(page.querySelector(`#post-${firstPost} .forum-post__edited`)?.textContent ?? '', /edited 27 November 2026/);
    const invalid = await site.fill(author, `/forum/post/${firstPost}/edit`, { title: 'Ok', body: 'Kept text' });
    assert.equal(invalid.status, 422);
    assert.equal(boxText(html(invalid.text), '#body'), 'Kept text');

    const other = await site.member('Aibek', 'trusted');
    const refused = await other.get(`/forum/post/${firstPost}/edit`);
    assert.equal(refused.status, 403);
    assert.equal(html(refused.text).querySelector('main h1')?.textContent, 'You can only edit your own posts');
    const tokens = hiddenFields((await other.get(`/forum/t/${topicId}`)).text, `/forum/t/${topicId}/reply`);
    site.advance(5000);
    const forged = await other.post(`/forum/post/${firstPost}/edit`, { ...tokens, title: 'Taken over', body: 'Taken over' });
    assert.equal(forged.status, 403);
    assert.ok(!(await request(site.app.handle).get(`/forum/t/${topicId}`)).text.includes('Taken over'));
  });
});

describe('reporting a post', () => {
  const site = forumSite();
  let postId = 0;
  let topicId = 0;
  let author: Awaited<ReturnType<typeof site.member>>;
  before(async () => {
    author = await site.member('Bermet', 'trusted');
    const started = await site.startTopic(author.id, { title: 'Cheap watches for sale', body: 'Buy watches at a good price.' });
    postId = started.postId;
    topicId = started.topicId;
  });
  after(() => site.close());

  it('takes a reason, thanks the member, and refuses a second report of the same post', async () => {
    const member = await site.member('Cholpon', 'trusted');
    const form = html((await member.get(`/forum/post/${postId}/report`)).text);
    assert.match(form.querySelector('main')?.textContent ?? '', /You are reporting the post by Bermet/);
    const empty = await site.fill(member, `/forum/post/${postId}/report`, { reason: '  ' });
    assert.equal(empty.status, 422);
    assert.deepEqual(errorLinks(empty.text), [['#reason', 'Say why you are reporting this post']]);
    const sent = await site.fill(member, `/forum/post/${postId}/report`, { reason: 'Spam: an advertisement.' });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers['location'], `/forum/t/${topicId}?notice=reported#post-${postId}`);
    assert.equal(
      html((await member.get(`/forum/t/${topicId}?notice=reported`)).text).querySelector('.notice__title')?.textContent,
      'Thank you for your report',
    );
    const reader = html((await request(site.app.handle).get(`/forum/t/${topicId}?notice=reported`).expect(200)).text);
    assertAbsent(reader, '.notice', 'a reader’s page stays the same for all');
    const again = await site.fill(member, `/forum/post/${postId}/report`, { reason: 'Still spam.' });
    assert.equal(again.status, 200);
    assert.equal(html(again.text).querySelector('main h1')?.textContent, 'You have already reported this post');
    const { forum } = await site.open();
    const moderator = await site.member('Daniyar', 'moderator');
    const open = await forum.moderation.reports({ id: moderator.id, role: 'moderator' });
    assert.deepEqual(
      open?.items.map((report) => [report.post.id, report.reason]),
      [[postId, 'Spam: an advertisement.']],
    );
  });

  it('does not let a member report their own post, and asks a reader to log in', async () => {
    const own = await author.get(`/forum/post/${postId}/report`);
    assert.equal(own.status, 403);
    assert.equal(html(own.text).querySelector('main h1')?.textContent, 'This is your own post');
    const reader = await new Visitor(site.app).get(`/forum/post/${postId}/report`);
    assert.equal(reader.status, 303);
    assert.equal(reader.headers['location'], `/forum/login?next=${encodeURIComponent(`/forum/post/${postId}/report`)}`);
  });
});

describe('a suspended member', () => {
  const site = forumSite();
  after(() => site.close());

  it('is told until when, and posts nothing', async () => {
    const member = await site.member('Elmira', 'trusted');
    const form = await member.get('/forum/c/general/new');
    const { forum } = await site.open();
    // A suspension ends the member's sessions; one still open (a second server had not seen it yet) meets the service's check.
    await forum.database.db.updateTable('users').set({ suspended_until: '2026-12-31T00:00:00.000Z' }).where('id', '=', member.id).execute();
    site.advance(5000);
    const sent = await member.post('/forum/c/general/new', {
      ...hiddenFields(form.text, '/forum/c/general/new'),
      title: 'While suspended',
      body: uniqueText(),
    });
    assert.equal(sent.status, 403);
    assert.equal(html(sent.text).querySelector('main h1')?.textContent, 'Your account is suspended');
    assert.match(html(sent.text).querySelector('main')?.textContent ?? '', /until 31 December 2026/);
  });

  /** A trusted member with a topic to look at, then suspended while still signed in (a second server's session). */
  async function suspendedWithTopic(name: string) {
    const member = await site.member(name, 'trusted');
    const other = await site.member(`${name}Other`, 'trusted');
    const { topicId, postId } = await site.startTopic(other.id, { title: `A topic for ${name}` });
    const ownPostId = await site.reply(member.id, topicId, uniqueText());
    const { forum } = await site.open();
    await forum.database.db.updateTable('users').set({ suspended_until: '2026-12-31T00:00:00.000Z' }).where('id', '=', member.id).execute();
    return { member, topicId, postId, ownPostId };
  }

  it('is offered no reply form, quote, edit or report, nor a new-topic link, but told why, in the page’s language', async () => {
    const { member, topicId } = await suspendedWithTopic('Aigul');
    for (const [prefix, words] of [
      ['', /Your account is suspended until 31 December 2026/],
      ['/ru', /Ваша учётная запись заблокирована до 31 декабря 2026/],
    ] as const) {
      const topic = html((await member.get(`${prefix}/forum/t/${topicId}`)).text);
      assertAbsent(topic, '.forum-reply form', `${prefix}/forum/t/${topicId} has no reply form`);
      assertAbsent(topic, '.forum-post__actions a', 'no quote, edit or report links');
      assert.match(topic.querySelector('.forum-reply')?.textContent ?? '', words);
      const category = html((await member.get(`${prefix}/forum/c/general`)).text);
      assertAbsent(category, `a[href="${prefix}/forum/c/general/new"]`, `${prefix}/forum/c/general has no new-topic link`);
      assert.match(category.querySelector('.forum-start')?.textContent ?? '', words);
    }
  });

  it('is refused the new-topic, reply, edit and report forms themselves with the page that says until when', async () => {
    const { member, topicId, postId, ownPostId } = await suspendedWithTopic('Bakyt');
    const forms = [
      '/forum/c/general/new',
      `/forum/t/${topicId}/reply`,
      `/ru/forum/t/${topicId}/reply`,
      `/forum/post/${ownPostId}/edit`,
      `/forum/post/${postId}/report`,
    ];
    for (const path of forms) {
      const page = await member.get(path);
      assert.equal(page.status, 403, path);
      assert.match(html(page.text).querySelector('main h1')?.textContent ?? '', /Your account is suspended|Ваша учётная запись заблокирована/, path);
    }
  });

  it('has a reply sent from a form shown before the suspension refused with that page, and nothing posted', async () => {
    const member = await site.member('Cholpon', 'trusted');
    const other = await site.member('CholponOther', 'trusted');
    const { topicId } = await site.startTopic(other.id, { title: 'A topic for Cholpon' });
    const form = await member.get(`/forum/t/${topicId}`);
    const { forum } = await site.open();
    await forum.database.db.updateTable('users').set({ suspended_until: '2026-12-31T00:00:00.000Z' }).where('id', '=', member.id).execute();
    site.advance(5000);
    const body = uniqueText();
    const sent = await member.post(`/forum/t/${topicId}/reply`, { ...hiddenFields(form.text, `/forum/t/${topicId}/reply`), body });
    assert.equal(sent.status, 403);
    assert.equal(html(sent.text).querySelector('main h1')?.textContent, 'Your account is suspended');
    assert.ok(!(await request(site.app.handle).get(`/forum/t/${topicId}`)).text.includes(body));
  });
});
