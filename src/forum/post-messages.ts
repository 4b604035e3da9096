// What a posting form says about each problem, in plain words with the way out (GOV.UK's error messages), in one place.
import { APPROVALS_BEFORE_TRUSTED } from './pre-moderation.js';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH, type BodyProblem, type TitleProblem } from './post-text.js';
import { NEW_MEMBER_MAX_LINKS, type FormRefusal, type SpamProblem } from './spam.js';

/** Problems by the field they belong to, for an error summary linked to each field and a message by the field. */
export interface PostProblems {
  readonly category?: 'unknown-category';
  readonly title?: TitleProblem;
  readonly body?: BodyProblem | SpamProblem;
}

export type PostProblem = NonNullable<PostProblems[keyof PostProblems]>;

export const POST_MESSAGES: Readonly<Record<PostProblem, string>> = Object.freeze({
  'unknown-category': 'Choose one of the forum’s categories',
  'title-too-short': `Title must be ${TITLE_MIN_LENGTH} characters or more`,
  'title-too-long': `Title must be ${TITLE_MAX_LENGTH} characters or fewer`,
  'title-characters': 'Title must be one line of text, without control characters',
  'body-empty': 'Enter your message',
  'body-too-long': `Message must be ${BODY_MAX_LENGTH.toLocaleString('en')} characters or fewer`,
  'too-many-links':
    `Until ${APPROVALS_BEFORE_TRUSTED} of your posts have been approved, a message can have at most ${NEW_MEMBER_MAX_LINKS} links. ` + 'Remove some links',
  repeated: 'You posted this same message in the last 24 hours. Write something new, or edit your earlier post',
});

/**
 * The whole form was refused. The honeypot's message is for the person whose browser or password manager filled a field
 * they could not see: it says what happened without telling a bot which field gave it away.
 */
export const FORM_REFUSAL_MESSAGES: Readonly<Record<FormRefusal, string>> = Object.freeze({
  honeypot: 'Your message was not sent, because a field that must stay empty was filled in, perhaps by an automatic form filler. Send it again',
  'too-fast': 'Your message was not sent, because it came back quicker than anyone can read and write. Wait a few seconds and send it again',
  'form-expired': 'Your message was not sent, because the form had expired. Your text is kept: send it again',
});

export type ReportProblem = 'reason-empty' | 'reason-too-long';

/** Kept short: a reason is a line or two for a moderator, not a second post. */
export const REPORT_REASON_MAX_LENGTH = 500;

export const REPORT_MESSAGES: Readonly<Record<ReportProblem, string>> = Object.freeze({
  'reason-empty': 'Say why you are reporting this post',
  'reason-too-long': `Reason must be ${REPORT_REASON_MAX_LENGTH} characters or fewer`,
});
