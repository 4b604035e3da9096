// Posting in tests: forms that pass the time trap, members at each stage of trust, topics and replies with unique text.
import assert from 'node:assert/strict';
import type { Role } from '../../src/db/schema.js';
import type { ClientKey } from '../../src/forum/client-key.js';
import { MIN_FILL_MS } from '../../src/forum/form-stamps.js';
import { APPROVALS_BEFORE_TRUSTED } from '../../src/forum/pre-moderation.js';
import type { FormFields } from '../../src/forum/spam.js';
import type { Viewer } from '../../src/forum/visibility.js';
import { addMember, type TestForum } from './forum.js';

/** Between two posts of a test: inside every posting limit, even a new member's (5 in 10 minutes). */
export const POST_SPACING_MS = 3 * 60 * 1000;

/** A form as a person sends it: the honeypot empty, the stamp issued MIN_FILL_MS before now. */
export function formFor(test: TestForum, memberId: number): FormFields {
  test.clock.advance(-MIN_FILL_MS);
  const stamp = test.forum.formStamps.issue(memberId);
  test.clock.advance(MIN_FILL_MS);
  return { honeypot: '', stamp };
}

export const clientOf = (memberId: number): ClientKey => `client-${memberId}` as ClientKey;

/** A member whose posts appear at once (APPROVALS_BEFORE_TRUSTED approvals behind them), or staff. */
export async function addTrusted(test: TestForum, username: string, role: Role = 'member'): Promise<Viewer> {
  const id = await addMember(test.database, username, role);
  await test.database.db.updateTable('users').set({ approved_post_count: APPROVALS_BEFORE_TRUSTED }).where('id', '=', id).execute();
  return { id, role };
}

/** A member whose posts are still held. */
export async function addNewcomer(test: TestForum, username: string): Promise<Viewer> {
  return { id: await addMember(test.database, username), role: 'member' };
}

let texts = 0;
/** A body no other post of the test has, so the repeat check never refuses it by accident. */
export function uniqueText(prefix = 'A message'): string {
  texts += 1;
  return `${prefix} number ${texts}.`;
}

export interface Posted {
  readonly topicId: number;
  readonly postId: number;
  readonly held: boolean;
}

/** Starts a topic (asserting it was created), then moves the clock on by POST_SPACING_MS. */
export async function startTopic(test: TestForum, author: Viewer, options: { categorySlug?: string; title?: string; body?: string } = {}): Promise<Posted> {
  const result = await test.forum.topics.start({
    authorId: author.id,
    categorySlug: options.categorySlug ?? 'general',
    title: options.title ?? uniqueText('A topic'),
    body: options.body ?? uniqueText(),
    form: formFor(test, author.id),
    client: clientOf(author.id),
  });
  assert.equal(result.status, 'created', JSON.stringify(result));
  test.clock.advance(POST_SPACING_MS);
  return result.status === 'created' ? result : { topicId: 0, postId: 0, held: false };
}

/** Replies to a topic (asserting it was created), then moves the clock on by POST_SPACING_MS. */
export async function reply(test: TestForum, author: Viewer, topicId: number, body = uniqueText()): Promise<Posted> {
  const result = await test.forum.posts.reply({ authorId: author.id, topicId, body, form: formFor(test, author.id), client: clientOf(author.id) });
  assert.equal(result.status, 'created', JSON.stringify(result));
  test.clock.advance(POST_SPACING_MS);
  return result.status === 'created' ? result : { topicId: 0, postId: 0, held: false };
}
