// The problems a posting form can have, by field; i18n/<code>.yml says each in words (forum.post_problems, forum.report_problems).
import type { BodyProblem, TitleProblem } from './post-text.js';
import type { SpamProblem } from './spam.js';

/** Problems by the field they belong to, for an error summary linked to each field and a message by the field. */
export interface PostProblems {
  readonly category?: 'unknown-category';
  readonly title?: TitleProblem;
  readonly body?: BodyProblem | SpamProblem;
}

export type PostProblem = NonNullable<PostProblems[keyof PostProblems]>;

export type ReportProblem = 'reason-empty' | 'reason-too-long';

/** Kept short: a reason is a line or two for a moderator, not a second post. */
export const REPORT_REASON_MAX_LENGTH = 500;
