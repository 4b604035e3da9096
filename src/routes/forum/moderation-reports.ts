// GET /forum/moderation/reports: members' reports with the reported post's text; POST …/{id}/resolve or …/dismiss closes one.
import type { Request, Response } from 'express';
import type { ReportStatus } from '../../db/schema.js';
import type { ReportView } from '../../forum/reports.js';
import type { Viewer } from '../../forum/visibility.js';
import { mayModerateContentOf } from '../../forum/members.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { FORUM_URLS, MODERATION_PATHS, safeReturn } from './forum-paths.js';
import { paragraph } from './forum-views.js';
import { refusal } from './moderation-post.js';
import {
  actionForm,
  doneNotice,
  doneRedirect,
  idFrom,
  oneOf,
  memberLink,
  moderationLocals,
  momentText,
  pageFrom,
  pagingOf,
  sendModerationPage,
  staffSender,
  staffVisitor,
} from './moderation-views.js';
import { checkInRange } from './paging.js';
import type { Fields, Visit } from './visit.js';

export type ReportOutcome = 'resolve' | 'dismiss';
export const REPORT_OUTCOMES: readonly ReportOutcome[] = ['resolve', 'dismiss'];

const LISTINGS: Readonly<Record<ReportStatus, { heading: string; empty: string }>> = {
  open: { heading: 'Open reports', empty: 'No report is waiting.' },
  resolved: { heading: 'Resolved reports', empty: 'No report has been resolved yet.' },
  dismissed: { heading: 'Dismissed reports', empty: 'No report has been dismissed yet.' },
};

const POST_STATUS = { visible: 'Public', held: 'Waiting for approval', hidden: 'Hidden', rejected: 'Rejected' } as const;

function statusFrom(req: Request): ReportStatus {
  const raw = req.query['status'];
  if (raw === undefined) return 'open';
  if (raw === 'resolved' || raw === 'dismissed') return raw;
  throw new HttpError(404, 'no such list of reports');
}

function reportCard(visit: Visit, actor: Viewer, report: ReportView): ModerationCard {
  const { post } = report;
  const reported = momentText(report.createdAt);
  const fact = (term: string, text: string, url?: string) => ({ term, text, url, datetime: undefined });
  const forms =
    report.status === 'open' && mayModerateContentOf(actor, post.author.role)
      ? [
          actionForm(
            visit,
            { action: `${FORUM_URLS.report(report.id)}/resolve`, submit: 'Resolve: action was taken', warning: false },
            MODERATION_PATHS.reports,
          ),
          actionForm(visit, { action: `${FORUM_URLS.report(report.id)}/dismiss`, submit: 'Dismiss: nothing wrong', warning: false }, MODERATION_PATHS.reports),
        ]
      : [];
  const closed = report.resolvedAt && report.resolvedBy ? momentText(report.resolvedAt) : undefined;
  return {
    heading: `Report ${report.id}: a post in “${post.topicTitle}”`,
    url: undefined,
    facts: [
      fact('Reason given', report.reason),
      fact('Reported by', report.reporter.name, memberLink(report.reporter)),
      { term: 'Reported', text: reported.text, url: undefined, datetime: reported.iso },
      fact('Post by', post.author.name, memberLink(post.author)),
      fact('Post’s status', POST_STATUS[post.status]),
      ...(closed && report.resolvedBy
        ? [fact('Closed by', report.resolvedBy.name, memberLink(report.resolvedBy)), { ...fact('Closed', closed.text), datetime: closed.iso }]
        : []),
    ],
    text: { label: 'The reported post', body: post.body },
    links: [
      { text: 'Moderate this post (hide it, or restore it)', url: FORUM_URLS.moderatePost(post.id) },
      ...(post.status === 'visible' ? [{ text: 'See it in its topic', url: FORUM_URLS.post(post.id) }] : []),
    ],
    forms,
  };
}

export async function showReports(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const actor = staffVisitor(res, visit, MODERATION_PATHS.reports);
  if (!actor) return;
  const status = statusFrom(req);
  const page = pageFrom(req);
  const reports = await visit.open.forum.moderation.reports(actor, { status, page });
  if (!reports) throw new HttpError(404, 'reports are for staff');
  checkInRange(reports, req.path);
  const listing = LISTINGS[status];
  const intro = [
    paragraph(
      'A report is open until a moderator resolves it (the post was hidden or dealt with) or dismisses it (nothing wrong). ' +
        'Three open reports by different members hide a member’s post until a moderator restores it.',
    ),
    ...(['open', 'resolved', 'dismissed'] as const)
      .filter((other) => other !== status)
      .map((other) =>
        paragraph(
          'See the ',
          { text: LISTINGS[other].heading.toLowerCase(), url: other === 'open' ? MODERATION_PATHS.reports : `${MODERATION_PATHS.reports}?status=${other}` },
          '.',
        ),
      ),
  ];
  const path = status === 'open' ? MODERATION_PATHS.reports : `${MODERATION_PATHS.reports}?status=${status}`;
  const locals = moderationLocals(visit, listing.heading, MODERATION_PATHS.reports, {
    notice: doneNotice(req),
    intro,
    cards: reports.items.map((report) => reportCard(visit, actor, report)),
    empty: listing.empty,
    paging: pagingOf(path, page, reports.pageCount, 'Report pages'),
  });
  sendModerationPage(deps, res, visit, { title: listing.heading, url: MODERATION_PATHS.reports }, locals);
}

export async function submitReportOutcome(_deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const outcome = oneOf(req.params['outcome'], REPORT_OUTCOMES) === 'resolve' ? 'resolved' : 'dismissed';
  const result = await visit.open.forum.moderation.resolveReport(actor.id, id, outcome);
  const refused = refusal(result, `report ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), MODERATION_PATHS.reports), result.status === 'done' ? outcome : 'unchanged');
}
