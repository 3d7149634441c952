import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Level } from '../../evidence/evidence.schema';
import { auditToCsv, auditToJson } from '../../review/audit-export';
import { toCsv } from '../../review/csv';
import { latestDecision } from '../../review/decisions';
import type { Decision } from '../../review/decision.schema';
import { OVERSIGHT_CSV_COLUMNS, oversightFigures, oversightRows, type OversightFigures } from '../../review/oversight';
import { buildRedactor } from '../../review/redact';
import { parseWith } from '../validation';
import { ApiError } from '../http-errors';
import { loadBatch, requireViewer, type LoadedBatch, type ReviewDeps } from './review-context';

/** Exported decisions of a batch: the input of `resume-evidence audit --decisions`. */
export interface DecisionsExport {
  kind: 'resume-evidence.decisions';
  batchId: string;
  profile: { id: string; version: string; title: string };
  blind: boolean;
  exportedAt: string;
  candidates: Array<{
    reportId: string;
    resumeId: string;
    state: string;
    levels: Record<string, Level>;
    /** The latest decision by anyone: what selection rates count. */
    decision: Decision['decision'] | null;
    history: Decision[];
  }>;
}

export function oversightOf(batch: LoadedBatch): OversightFigures {
  return oversightFigures(
    batch.candidates.filter((candidate) => candidate.report !== null).map((candidate) => ({ reportId: candidate.row.reportId, levels: candidate.row.levels, readable: candidate.report?.status === 'ok' })),
    batch.requirements,
    batch.candidates.flatMap((candidate) => candidate.history),
  );
}

/** In a blind batch, reviewers' free text is redacted with the candidate's own redactor. */
export function decisionsExport(batch: LoadedBatch, exportedAt: string): DecisionsExport {
  return {
    kind: 'resume-evidence.decisions',
    batchId: batch.status.batchId,
    profile: batch.profile,
    blind: batch.blind,
    exportedAt,
    candidates: batch.candidates.map((candidate) => {
      const redactor = batch.blind && candidate.report ? buildRedactor(candidate.report) : undefined;
      const history = redactor
        ? candidate.history.map((decision) => ({
            ...decision,
            ...(decision.reason ? { reason: redactor.text(decision.reason) } : {}),
            ...(decision.notes ? { notes: redactor.text(decision.notes) } : {}),
          }))
        : candidate.history;
      return {
        reportId: candidate.row.reportId,
        resumeId: candidate.row.resumeId,
        state: candidate.row.state,
        levels: candidate.row.levels,
        decision: latestDecision(candidate.history)?.decision ?? null,
        history,
      };
    }),
  };
}

type ExportName = 'audit.csv' | 'audit.json' | 'decisions.json' | 'oversight.csv' | 'oversight.json';

async function sendExport(reply: FastifyReply, deps: ReviewDeps, batchId: string, name: ExportName): Promise<FastifyReply> {
  const now = new Date().toISOString();
  reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  const attachment = (file: string) => reply.header('content-disposition', `attachment; filename="${batchId}-${file}"`);
  if (name === 'audit.csv' || name === 'audit.json') {
    // Loading the batch first answers 404 for an unknown batch rather than an empty log.
    if ((await deps.service.getBatchStatus(batchId)) === null) throw new ApiError('NOT_FOUND', `No batch ${batchId}: check the id, or it expired after RETENTION_DAYS.`);
    const entries = await deps.store.listAudit(batchId);
    if (name === 'audit.csv') return attachment('audit.csv').type('text/csv; charset=utf-8').send(auditToCsv(entries));
    return attachment('audit.json').type('application/json; charset=utf-8').send(auditToJson(batchId, entries, now));
  }
  const batch = await loadBatch(deps, batchId);
  if (name === 'decisions.json') return attachment('decisions.json').type('application/json; charset=utf-8').send(decisionsExport(batch, now));
  const figures = oversightOf(batch);
  if (name === 'oversight.csv') return attachment('oversight.csv').type('text/csv; charset=utf-8').send(toCsv(OVERSIGHT_CSV_COLUMNS, oversightRows(figures)));
  return attachment('oversight.json').type('application/json; charset=utf-8').send({ kind: 'resume-evidence.oversight', batchId, exportedAt: now, ...figures });
}

const SessionExportParams = z.object({
  batchId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a batch id'),
});
const ApiParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a batch id as returned by POST /v1/batches') });
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });
const SettingsBody = z.object({ blind: z.literal(true, 'only {"blind": true} is accepted: blind review can be switched on, never off') });

/** Exports for the signed-in browser (same session as the pages). */
export function registerReviewSessionExports(scope: FastifyInstance, deps: ReviewDeps): void {
  const names: ExportName[] = ['audit.csv', 'audit.json', 'decisions.json', 'oversight.csv', 'oversight.json'];
  for (const name of names) {
    scope.get(`/review/batches/:batchId/${name}`, { config: { public: true, needsRedis: true } }, async (request: FastifyRequest, reply) => {
      if (!requireViewer(request, reply, deps)) return reply;
      const { batchId } = parseWith(SessionExportParams, request.params, 'path');
      return sendExport(reply, deps, batchId, name);
    });
  }
}

/** The same exports for scripts, behind the API's bearer token, and the blind-review switch. */
export function registerReviewApiRoutes(app: FastifyInstance, deps: ReviewDeps): void {
  app.get('/v1/batches/:id/audit', { config: { needsRedis: true } }, async (request, reply) => {
    const { id } = parseWith(ApiParams, request.params, 'path');
    const { format } = parseWith(FormatQuery, request.query, 'query');
    return sendExport(reply, deps, id, format === 'csv' ? 'audit.csv' : 'audit.json');
  });
  app.get('/v1/batches/:id/decisions', { config: { needsRedis: true } }, async (request, reply) => {
    const { id } = parseWith(ApiParams, request.params, 'path');
    return sendExport(reply, deps, id, 'decisions.json');
  });
  app.get('/v1/batches/:id/oversight', { config: { needsRedis: true } }, async (request, reply) => {
    const { id } = parseWith(ApiParams, request.params, 'path');
    const { format } = parseWith(FormatQuery, request.query, 'query');
    return sendExport(reply, deps, id, format === 'csv' ? 'oversight.csv' : 'oversight.json');
  });
  app.put('/v1/batches/:id/review-settings', { config: { needsRedis: true } }, async (request) => {
    const { id } = parseWith(ApiParams, request.params, 'path');
    parseWith(SettingsBody, request.body, 'body');
    await loadBatch(deps, id);
    const changed = await deps.store.enableBlind(id, 'api', new Date().toISOString());
    return { batchId: id, blind: true, changed };
  });
}
