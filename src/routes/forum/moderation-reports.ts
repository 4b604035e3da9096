// GET /forum/moderation/reports (and under /ru/forum): members' reports with the reported post's text; POST …/{id}/resolve or …/dismiss closes one.
import type { Request, Response } from 'express';
import type { ReportStatus } from '../../db/schema.js';
import type { ReportView } from '../../forum/reports.js';
import type { Viewer } from '../../forum/visibility.js';
import { mayModerateContentOf } from '../../forum/members.js';
import { HttpError } from '../../http/http-error.js';
import type { ModerationCard } from '../../render/template-locals.js';
import type { ForumDeps } from './forum-deps.js';
import { safeReturn } from './forum-paths.js';
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
  pageUrl,
  sendModerationPage,
  staffSender,
  staffVisitor,
  wordsOf,
} from './moderation-views.js';
import { checkInRange, paginationOf } from './paging.js';
import type { Fields, Visit } from './visit.js';

export type ReportOutcome = 'resolve' | 'dismiss';
export const REPORT_OUTCOMES: readonly ReportOutcome[] = ['resolve', 'dismiss'];

const STATUSES: readonly ReportStatus[] = ['open', 'resolved', 'dismissed'];

/** The address of a list of reports: the open ones at …/reports, the others with ?status=. */
const listPath = (visit: Pick<Visit, 'at'>, status: ReportStatus): string =>
  status === 'open' ? visit.at.moderation.reports : `${visit.at.moderation.reports}?status=${status}`;

function statusFrom(req: Request): ReportStatus {
  const raw = req.query['status'];
  if (raw === undefined) return 'open';
  if (raw === 'resolved' || raw === 'dismissed') return raw;
  throw new HttpError(404, 'no such list of reports');
}

function reportCard(visit: Visit, actor: Viewer, report: ReportView): ModerationCard {
  const { post } = report;
  const { at } = visit;
  const words = wordsOf(visit);
  const reported = momentText(visit, report.createdAt);
  const fact = (term: string, text: string, url?: string) => ({ term: words(term), text, url, datetime: undefined });
  const forms =
    report.status === 'open' && mayModerateContentOf(actor, post.author.role)
      ? [
          actionForm(visit, { action: `${at.urls.report(report.id)}/resolve`, submit: words('reports.resolve'), warning: false }, at.moderation.reports),
          actionForm(visit, { action: `${at.urls.report(report.id)}/dismiss`, submit: words('reports.dismiss'), warning: false }, at.moderation.reports),
        ]
      : [];
  const closed = report.resolvedAt && report.resolvedBy ? momentText(visit, report.resolvedAt) : undefined;
  return {
    heading: words('reports.heading', { id: report.id, title: post.topicTitle }),
    url: undefined,
    facts: [
      fact('reports.reason', report.reason),
      fact('reports.reporter', report.reporter.name, memberLink(at, report.reporter)),
      { ...fact('reports.reported', reported.text), datetime: reported.iso },
      fact('reports.post_by', post.author.name, memberLink(at, post.author)),
      fact('reports.post_status', words(`post.state.${post.status}`)),
      ...(closed && report.resolvedBy
        ? [
            fact('reports.closed_by', report.resolvedBy.name, memberLink(at, report.resolvedBy)),
            { ...fact('reports.closed', closed.text), datetime: closed.iso },
          ]
        : []),
    ],
    text: { label: words('reports.body'), body: post.body },
    links: [
      { text: words('reports.moderate_post'), url: at.urls.moderatePost(post.id) },
      ...(post.status === 'visible' ? [{ text: words('post.in_topic'), url: at.urls.post(post.id) }] : []),
    ],
    forms,
  };
}

export async function showReports(deps: ForumDeps, req: Request, res: Response, visit: Visit): Promise<void> {
  const { at } = visit;
  const words = wordsOf(visit);
  const actor = staffVisitor(res, visit, at.moderation.reports);
  if (!actor) return;
  const status = statusFrom(req);
  const page = pageFrom(req);
  const reports = await visit.open.forum.moderation.reports(actor, { status, page });
  if (!reports) throw new HttpError(404, 'reports are for staff');
  checkInRange(reports, req.path);
  const heading = words(`reports.${status}`);
  const intro = [
    paragraph(words('reports.intro')),
    ...STATUSES.filter((other) => other !== status).map((other) =>
      paragraph(words('reports.see_before'), { text: words(`reports.see_${other}`), url: listPath(visit, other) }, words('reports.see_after')),
    ),
  ];
  const locals = moderationLocals(visit, heading, at.moderation.reports, {
    notice: doneNotice(visit, req),
    intro,
    cards: reports.items.map((report) => reportCard(visit, actor, report)),
    empty: words(`reports.${status}_empty`),
    paging: paginationOf(visit.t, reports, words('reports.pages'), pageUrl(listPath(visit, status))),
  });
  sendModerationPage(deps, res, visit, { title: heading, url: at.moderation.reports }, locals);
}

export async function submitReportOutcome(_deps: ForumDeps, req: Request, res: Response, visit: Visit, fields: Fields): Promise<void> {
  const actor = staffSender(visit);
  const id = idFrom(req.params['id']);
  const outcome = oneOf(req.params['outcome'], REPORT_OUTCOMES) === 'resolve' ? 'resolved' : 'dismissed';
  const result = await visit.open.forum.moderation.resolveReport(actor.id, id, outcome);
  const refused = refusal(visit, result, `report ${id}`);
  if (refused) throw refused;
  doneRedirect(res, safeReturn(fields('return'), visit.at.moderation.reports, visit.at), result.status === 'done' ? outcome : 'unchanged');
}
