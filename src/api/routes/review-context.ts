import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderWorkspaceError } from '../../report/render-workspace-page';
import { z } from 'zod';
import type { AppConfig } from '../../config';
import type { ProfileRegistry } from '../../profile/profile-registry';
import type { ReviewStore, ReviewSettings } from '../../queue/review-store';
import type { BatchStatus, ScreeningService } from '../../queue/screening-service';
import type { Report } from '../../report/report.schema';
import type { WorkspaceViewer } from '../../report/render-workspace-page';
import type { BatchRow } from '../../review/batch-view';
import { latestDecision } from '../../review/decisions';
import type { Decision } from '../../review/decision.schema';
import { pseudonym, redactReport } from '../../review/redact';
import { checkCsrf, csrfToken, decodeSession, parseCookies, SESSION_COOKIE, type Session } from '../../review/session';
import { ApiError } from '../http-errors';

/** What the reviewer workspace routes share. */
export interface ReviewDeps {
  config: AppConfig;
  service: ScreeningService;
  store: ReviewStore;
  profiles: ProfileRegistry;
  sessionKey: Buffer;
}

/** Security headers of every workspace page: no scripts, nothing framed, nothing cached. */
export const WORKSPACE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', WORKSPACE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
}

export const BatchParamsSchema = z.object({ batchId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a batch id') });
export const CandidateParamsSchema = BatchParamsSchema.extend({ reportId: z.string().regex(/^report-[0-9a-f]{32}$/, 'expected "report-<hex>"') });

export function currentSession(request: FastifyRequest, deps: ReviewDeps): Session | null {
  return decodeSession(deps.sessionKey, parseCookies(request.headers.cookie).get(SESSION_COOKIE), Math.floor(Date.now() / 1000));
}

export function viewerOf(session: Session, deps: ReviewDeps): WorkspaceViewer {
  return { reviewerId: session.rid, csrf: csrfToken(deps.sessionKey, session) };
}

/** Only same-site paths: `next` must never send a reviewer to another origin after login. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/review(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/review';
}

export interface LoadedCandidate {
  row: BatchRow;
  /** The report as stored, never shown in a blind batch without redaction. */
  report: Report | null;
  history: Decision[];
}

export interface LoadedBatch {
  status: BatchStatus;
  settings: ReviewSettings | null;
  blind: boolean;
  profile: { id: string; version: string; title: string };
  requirements: Array<{ id: string; label: string; priority: 'must' | 'plus' }>;
  candidates: LoadedCandidate[];
}

function flagsOf(report: Report | null): string[] {
  if (!report) return [];
  if (report.status === 'error') return [`UNREADABLE:${report.error.code}`];
  return [...new Set(report.flags.map((flag) => flag.code))];
}

/** A batch with every candidate's report and decisions, for the batch page, exports and oversight. */
export async function loadBatch(deps: ReviewDeps, batchId: string): Promise<LoadedBatch> {
  const status = await deps.service.getBatchStatus(batchId);
  if (status === null) throw new ApiError('NOT_FOUND', `No batch ${batchId}: check the id, or it expired after RETENTION_DAYS.`);
  const settings = await deps.store.getSettings(batchId);
  const blind = settings?.blind === true;
  const profileDef = deps.profiles.get(status.profileId);
  const candidates: LoadedCandidate[] = [];
  for (const file of status.files) {
    const report = file.state === 'done' || file.state === 'failed' ? await deps.service.getReport(file.reportId) : null;
    const history = await deps.store.listDecisions(file.resumeId, batchId);
    const latest = latestDecision(history);
    candidates.push({
      report,
      history,
      row: {
        reportId: file.reportId,
        resumeId: file.resumeId,
        label: blind ? pseudonym(file.reportId) : file.fileName,
        state: report ? (report.status === 'ok' ? 'done' : 'failed') : file.state,
        levels: report?.status === 'ok' ? report.levels : {},
        flags: flagsOf(report),
        ...(latest ? { latest } : {}),
      },
    });
  }
  const firstOk = candidates.map((candidate) => candidate.report).find((report) => report?.status === 'ok');
  const requirements =
    profileDef?.requirements.map(({ id, label, priority }) => ({ id, label, priority })) ??
    (firstOk?.status === 'ok' ? firstOk.requirements.map(({ id, label, priority }) => ({ id, label, priority })) : []);
  const profile = profileDef
    ? { id: profileDef.id, version: profileDef.version, title: profileDef.title }
    : firstOk
      ? firstOk.profile
      : { id: status.profileId, version: '?', title: status.profileId };
  return { status, settings, blind, profile, requirements, candidates };
}

/** The report as this reviewer may see it: redacted in a blind batch unless they revealed it. */
export function reportForViewer(report: Report | null, blind: boolean, revealed: boolean): Report | null {
  if (!report || !blind || revealed) return report;
  return redactReport(report);
}

/** The signed-in reviewer, or a redirect to the login page (GET) / a 401 page (POST). */
export function requireViewer(request: FastifyRequest, reply: FastifyReply, deps: ReviewDeps): { session: Session; viewer: WorkspaceViewer } | null {
  const session = currentSession(request, deps);
  if (session) return { session, viewer: viewerOf(session, deps) };
  if (request.method === 'GET') void reply.redirect(`/review/login?next=${encodeURIComponent(request.url)}`, 303);
  else void sendHtml(reply, renderWorkspaceError(null, 401, 'Your session has ended; sign in again and resubmit.'), 401);
  return null;
}

export function requireCsrf(deps: ReviewDeps, session: Session, submitted: string | undefined): void {
  if (!checkCsrf(deps.sessionKey, session, submitted)) {
    throw new ApiError('UNAUTHORIZED', 'The form is stale or came from another site (CSRF token mismatch); reload the page and try again.');
  }
}

