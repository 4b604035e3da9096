// Pre-moderation: whose posts wait in the queue, and how many approved posts make a member's posts appear at once.
import type { ContentStatus } from '../db/schema.js';
import type { Member } from './members.js';

/**
 * A member's posts are held until this many have been approved. Discourse's approve_post_count and phpBB's "Newly
 * registered users" (new_member_post_limit 3) do the same; two is the "say the first two": enough for a
 * moderator to see that a person writes, not so many that a real newcomer waits for days.
 */
export const APPROVALS_BEFORE_TRUSTED = 2;

/** Whether the member's posts are held: members short of the approvals; moderators and administrators never. */
export function isUnderPreModeration(member: Pick<Member, 'role' | 'approvedPostCount'>): boolean {
  return member.role === 'member' && member.approvedPostCount < APPROVALS_BEFORE_TRUSTED;
}

/** The status a new post by this member starts with. */
export function statusOfNewPost(member: Pick<Member, 'role' | 'approvedPostCount'>): ContentStatus {
  return isUnderPreModeration(member) ? 'held' : 'visible';
}
