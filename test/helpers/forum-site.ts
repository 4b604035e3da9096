// The forum's web pages in tests: an app on a clock the test moves, members at each stage of trust, forms filled as people do.
import assert from 'node:assert/strict';
import type { Response } from 'supertest';
import type { App } from '../../src/app.js';
import type { Role } from '../../src/db/schema.js';
import type { OpenForum } from '../../src/forum/forum-connection.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../src/forum/pre-moderation.js';
import { hiddenFields, Visitor } from './forum-web.js';
import { addMember } from './forum.js';
import { testApp } from './test-app.js';

/** Long enough between two posts of one member for every posting limit, a held member's too (5 in 10 minutes). */
export const POST_SPACING_MS = 3 * 60 * 1000;

export interface ForumSite {
  readonly app: App;
  /** Moves the app's clock (sessions, stamps, limits) on. */
  advance(ms: number): void;
  open(): Promise<OpenForum>;
  /** A member logged in through the login form; trusted members' posts appear at once, staff never wait. */
  member(username: string, trust?: 'new' | 'trusted' | Role): Promise<Visitor & { readonly id: number }>;
  /**
   * Opens a form's page, waits as long as a person takes to fill it in (past the time trap), then sends it with its
   * hidden fields and these.
   */
  fill(visitor: Visitor, page: string, fields: Record<string, string>, action?: string): Promise<Response>;
  /** Starts a topic through the services, as a form sent in time would (asserting it was created). */
  startTopic(authorId: number, topic: { title: string; body?: string; category?: string }): Promise<{ topicId: number; postId: number }>;
  /** Replies through the services (asserting it was created). */
  reply(authorId: number, topicId: number, body: string): Promise<number>;
  close(): void;
}

let texts = 0;
/** Text no other post of the test process has, so the repeat check never refuses it by accident. */
export function uniqueText(prefix = 'A message'): string {
  texts += 1;
  return `${prefix} number ${texts}.`;
}

export function forumSite(env: Record<string, string> = {}): ForumSite {
  let now = Date.parse('2026-11-27T08:00:00Z');
  const app = testApp({ TRUST_PROXY: 'on', ...env }, { clock: () => now });
  const open = async (): Promise<OpenForum> => {
    const opened = await app.forum.ready();
    assert.ok(opened, 'the forum database opened');
    return opened;
  };
  return {
    app,
    advance: (ms) => {
      now += ms;
    },
    open,
    async member(username, trust = 'new') {
      const { forum } = await open();
      const role: Role = trust === 'new' || trust === 'trusted' ? 'member' : trust;
      const id = await addMember(forum.database, username, role);
      if (trust === 'trusted')
        await forum.database.db.updateTable('users').set({ approved_post_count: APPROVALS_BEFORE_TRUSTED }).where('id', '=', id).execute();
      const visitor = new Visitor(app);
      assert.equal((await visitor.login(username)).status, 303, `${username} logged in`);
      return Object.assign(visitor, { id });
    },
    async fill(visitor, page, fields, action = page.replace(/\?.*$/, '')) {
      const form = await visitor.get(page);
      assert.equal(form.status, 200, `${page} shows its form`);
      now += MIN_FILL_MS + 2000;
      const response = await visitor.post(action, { ...hiddenFields(form.text, action), ...fields });
      now += POST_SPACING_MS;
      return response;
    },
    async startTopic(authorId, topic) {
      const { forum } = await open();
      const stamp = forum.formStamps.issue(authorId);
      now += MIN_FILL_MS;
      const form = { honeypot: '', stamp };
      const body = topic.body ?? uniqueText();
      const client = forum.clientKeys.forAddress('203.0.113.9');
      const result = await forum.topics.start({ authorId, categorySlug: topic.category ?? 'general', title: topic.title, body, form, client });
      assert.equal(result.status, 'created', JSON.stringify(result));
      now += POST_SPACING_MS;
      return result.status === 'created' ? { topicId: result.topicId, postId: result.postId } : { topicId: 0, postId: 0 };
    },
    async reply(authorId, topicId, body) {
      const { forum } = await open();
      const stamp = forum.formStamps.issue(authorId);
      now += MIN_FILL_MS;
      const client = forum.clientKeys.forAddress('203.0.113.9');
      const result = await forum.posts.reply({ authorId, topicId, body, form: { honeypot: '', stamp }, client });
      assert.equal(result.status, 'created', JSON.stringify(result));
      now += POST_SPACING_MS;
      return result.status === 'created' ? result.postId : 0;
    },
    close: () => app.close(),
  };
}
