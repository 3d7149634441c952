import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ResumeEvidenceError } from '../../errors';
import { detectFormat } from '../../extract/detect';
import { defaultProfile } from '../../profile/load-profile';
import { renderBatchPage } from '../../report/render-batch-page';
import { renderCandidatePage, type CandidatePageModel } from '../../report/render-candidate-page';
import { renderOversightPage } from '../../report/render-oversight-page';
import { renderLoginPage, renderWorkspaceError, renderWorkspaceHome } from '../../report/render-workspace-page';
import { parseBatchQuery } from '../../review/batch-view';
import { makeDecision } from '../../review/decisions';
import { buildRedactor } from '../../review/redact';
import { authenticateReviewer, clearedSessionCookie, encodeSession, newSession, sessionCookie } from '../../review/session';
import { safeFileName } from '../file-name';
import { ApiError, toHttpError } from '../http-errors';
import { resolveProfileId } from '../profiles';
import { parseWith } from '../validation';
import { BatchParamsSchema, CandidateParamsSchema, currentSession, loadBatch, reportForViewer, requireCsrf, requireViewer, safeNext, sendHtml, viewerOf, type ReviewDeps } from './review-context';
import { oversightOf } from './review-exports';

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

type FormBody = Record<string, string | undefined>;

function formBody(request: FastifyRequest): FormBody {
  return (request.body ?? {}) as FormBody;
}

function candidateUrl(batchId: string, reportId: string): string {
  return `/review/batches/${encodeURIComponent(batchId)}/candidates/${encodeURIComponent(reportId)}`;
}

async function candidateModel(deps: ReviewDeps, batchId: string, reportId: string, reviewerId: string): Promise<CandidatePageModel> {
  const batch = await loadBatch(deps, batchId);
  const candidate = batch.candidates.find((entry) => entry.row.reportId === reportId);
  if (!candidate) throw new ApiError('NOT_FOUND', `No candidate ${reportId} in batch ${batchId}: it was erased, or belongs to another batch.`);
  const revealed = batch.blind && (await deps.store.isRevealed(candidate.row.resumeId, batchId, reviewerId));
  const hidden = batch.blind && !revealed;
  const redactor = hidden && candidate.report ? buildRedactor(candidate.report) : undefined;
  const original = await deps.service.getOriginal(candidate.row.resumeId);
  return {
    batchId,
    reportId,
    resumeId: candidate.row.resumeId,
    label: hidden ? candidate.row.label : (candidate.report?.source.fileName ?? candidate.row.label),
    state: candidate.row.state,
    report: reportForViewer(candidate.report, batch.blind, revealed),
    blind: batch.blind,
    revealed,
    ...(original && !hidden ? { originalUrl: `${candidateUrl(batchId, reportId)}/original` } : {}),
    // Reviewers' own words may repeat the name: hidden too while the batch is blind.
    history: redactor
      ? candidate.history.map((decision) => ({
          ...decision,
          ...(decision.reason ? { reason: redactor.text(decision.reason) } : {}),
          ...(decision.notes ? { notes: redactor.text(decision.notes) } : {}),
        }))
      : candidate.history,
  };
}

/** Browser pages and forms of the reviewer workspace (session cookie, CSRF on every POST). */
export function registerReviewPages(scope: FastifyInstance, deps: ReviewDeps): void {
  const open = { config: { public: true } };
  const withRedis = { config: { public: true, needsRedis: true } };
  const perReviewerTokens = Object.keys(deps.config.reviewerTokens).length > 0;
  const secure = deps.config.publicBaseUrl.startsWith('https:');

  scope.setErrorHandler((error, request, reply) => {
    const mapped = toHttpError(error);
    if (mapped.unexpected) request.log.error({ err: { type: error instanceof Error ? error.name : typeof error } }, 'unexpected error');
    const session = currentSession(request, deps);
    return sendHtml(reply, renderWorkspaceError(session ? viewerOf(session, deps) : null, mapped.status, mapped.body.error.message), mapped.status);
  });

  scope.get('/review/login', open, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    return sendHtml(reply, renderLoginPage({ next, perReviewerTokens }));
  });

  scope.post('/review/login', open, async (request, reply) => {
    const body = formBody(request);
    const next = safeNext(body.next);
    const reviewerId = authenticateReviewer(deps.config.reviewerTokens, deps.config.apiToken ?? '', body.reviewerId ?? '', body.token ?? '');
    if (reviewerId === null) {
      return sendHtml(reply, renderLoginPage({ next, perReviewerTokens, error: 'Wrong reviewer id or token.' }), 401);
    }
    const session = newSession(reviewerId, Math.floor(Date.now() / 1000));
    request.log.info({ reviewerId }, 'reviewer signed in');
    return reply.header('set-cookie', sessionCookie(encodeSession(deps.sessionKey, session), secure)).redirect(next, 303);
  });

  scope.post('/review/logout', open, async (request, reply) => {
    const session = currentSession(request, deps);
    if (session) requireCsrf(deps, session, formBody(request).csrf);
    return reply.header('set-cookie', clearedSessionCookie(secure)).redirect('/review/login', 303);
  });

  scope.get('/review', open, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    return sendHtml(reply, renderWorkspaceHome(signedIn.viewer, deps.service.listProfiles(), defaultProfile().id));
  });

  scope.get('/review/batches', open, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { id } = parseWith(BatchParamsSchema.transform(({ batchId }) => ({ id: batchId })), { batchId: (request.query as Record<string, unknown>).id }, 'batch id');
    return reply.redirect(`/review/batches/${encodeURIComponent(id)}`, 303);
  });

  scope.post('/review/batches', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    if (!request.isMultipart()) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Upload the résumés with the form on the workspace page.');
    const fields = new Map<string, string>();
    const files: Array<{ fileName: string; bytes: Uint8Array }> = [];
    for await (const part of request.parts({ limits: { fileSize: deps.config.maxFileBytes, files: deps.config.maxFilesPerBatch, fields: 10, fieldSize: 4096 } })) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      const fileName = safeFileName(part.filename, `file-${files.length + 1}`);
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new ApiError('FILE_TOO_LARGE', `File "${fileName}" is larger than ${deps.config.maxFileBytes} bytes (MAX_FILE_BYTES); nothing was queued.`);
        }
        throw error;
      }
      // The browser sends an empty part when no file was chosen.
      if (bytes.byteLength > 0 || part.filename !== '') files.push({ fileName, bytes: new Uint8Array(bytes) });
    }
    requireCsrf(deps, signedIn.session, fields.get('csrf'));
    if (files.length === 0) throw new ApiError('NO_FILES', 'Choose at least one résumé file.');
    const profileId = resolveProfileId(deps.service, fields.get('profile'));
    const { batchId } = await deps.service.createBatch({ profileId });
    // Blind before the first file is queued: nobody ever sees this batch unblinded.
    if (fields.get('blind') === 'true') await deps.store.enableBlind(batchId, signedIn.session.rid, new Date().toISOString());
    for (const file of files) {
      await deps.service.submitFile({ bytes: file.bytes, fileName: file.fileName, profileId, batchId, origin: 'upload' });
    }
    return reply.redirect(`/review/batches/${encodeURIComponent(batchId)}`, 303);
  });

  scope.get('/review/batches/:batchId', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId } = parseWith(BatchParamsSchema, request.params, 'path');
    const batch = await loadBatch(deps, batchId);
    const query = parseBatchQuery(request.query as Record<string, unknown>, batch.requirements.map((requirement) => requirement.id));
    const html = renderBatchPage(
      { batchId, profile: batch.profile, requirements: batch.requirements, blind: batch.blind, rows: batch.candidates.map((candidate) => candidate.row), query, counts: batch.status.counts },
      signedIn.viewer,
    );
    return sendHtml(reply, html);
  });

  scope.get('/review/batches/:batchId/candidates/:reportId', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId, reportId } = parseWith(CandidateParamsSchema, request.params, 'path');
    const model = await candidateModel(deps, batchId, reportId, signedIn.session.rid);
    const recorded = (request.query as Record<string, unknown>).recorded;
    const message = recorded === 'decision' ? { kind: 'ok' as const, text: 'Your decision was recorded.' } : recorded === 'reveal' ? { kind: 'ok' as const, text: 'Identity revealed; this was logged.' } : undefined;
    return sendHtml(reply, renderCandidatePage({ ...model, ...(message ? { message } : {}) }, signedIn.viewer));
  });

  scope.get('/review/batches/:batchId/candidates/:reportId/original', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId, reportId } = parseWith(CandidateParamsSchema, request.params, 'path');
    const batch = await loadBatch(deps, batchId);
    const candidate = batch.candidates.find((entry) => entry.row.reportId === reportId);
    if (!candidate) throw new ApiError('NOT_FOUND', `No candidate ${reportId} in batch ${batchId}.`);
    if (batch.blind && !(await deps.store.isRevealed(candidate.row.resumeId, batchId, signedIn.session.rid))) {
      return sendHtml(reply, renderWorkspaceError(signedIn.viewer, 403, 'Blind review: reveal the identity on the candidate page first (it is logged), then download the original.'), 403);
    }
    const original = await deps.service.getOriginal(candidate.row.resumeId);
    if (!original) throw new ApiError('NOT_FOUND', 'The original file is no longer stored (erased, or past RETENTION_DAYS).');
    let format: string;
    try {
      format = detectFormat(new Uint8Array(original.bytes));
    } catch {
      format = 'unknown';
    }
    const asciiName = original.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    return reply
      .type(CONTENT_TYPES[format] ?? 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(original.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'no-store')
      .send(original.bytes);
  });

  scope.post('/review/batches/:batchId/candidates/:reportId/decisions', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId, reportId } = parseWith(CandidateParamsSchema, request.params, 'path');
    const body = formBody(request);
    requireCsrf(deps, signedIn.session, body.csrf);
    const batch = await loadBatch(deps, batchId);
    const candidate = batch.candidates.find((entry) => entry.row.reportId === reportId);
    if (!candidate) throw new ApiError('NOT_FOUND', `No candidate ${reportId} in batch ${batchId}.`);
    const report = candidate.report;
    if (!report) throw new ApiError('INVALID_INPUT', 'The report is not ready yet; decide once you can see the evidence.');
    try {
      const decision = makeDecision(
        { reviewerId: signedIn.session.rid, decision: body.decision, reason: body.reason, notes: body.notes },
        {
          batchId,
          resumeId: candidate.row.resumeId,
          reportId,
          reportVersion: { reportId, schemaVersion: report.schemaVersion, profileId: report.profile.id, profileVersion: report.profile.version },
          history: candidate.history,
          now: new Date().toISOString(),
          decisionId: `decision-${randomUUID()}`,
        },
      );
      await deps.store.appendDecision(decision);
    } catch (error) {
      if (!(error instanceof ResumeEvidenceError) || error.code !== 'INVALID_INPUT') throw error;
      const model = await candidateModel(deps, batchId, reportId, signedIn.session.rid);
      return sendHtml(reply, renderCandidatePage({ ...model, message: { kind: 'error', text: error.message } }, signedIn.viewer), 400);
    }
    return reply.redirect(`${candidateUrl(batchId, reportId)}?recorded=decision`, 303);
  });

  scope.post('/review/batches/:batchId/candidates/:reportId/reveal', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId, reportId } = parseWith(CandidateParamsSchema, request.params, 'path');
    requireCsrf(deps, signedIn.session, formBody(request).csrf);
    const batch = await loadBatch(deps, batchId);
    const candidate = batch.candidates.find((entry) => entry.row.reportId === reportId);
    if (!candidate) throw new ApiError('NOT_FOUND', `No candidate ${reportId} in batch ${batchId}.`);
    if (batch.blind) {
      await deps.store.reveal({ batchId, resumeId: candidate.row.resumeId, reportId, reviewerId: signedIn.session.rid, at: new Date().toISOString() });
    }
    return reply.redirect(`${candidateUrl(batchId, reportId)}?recorded=reveal`, 303);
  });

  scope.get('/review/batches/:batchId/oversight', withRedis, async (request, reply) => {
    const signedIn = requireViewer(request, reply, deps);
    if (!signedIn) return reply;
    const { batchId } = parseWith(BatchParamsSchema, request.params, 'path');
    const batch = await loadBatch(deps, batchId);
    return sendHtml(reply, renderOversightPage(batchId, oversightOf(batch), signedIn.viewer));
  });
}
