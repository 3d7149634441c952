import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReviewStore } from '../../queue/review-store';
import type { Report } from '../../report/report.schema';
import { redactReport } from '../../review/redact';
import { z } from 'zod';
import { renderHtml } from '../../report/render-html';
import { renderJson } from '../../report/render-json';
import { renderMarkdown } from '../../report/render-markdown';
import type { AppDeps } from '../app-deps';
import { ApiError } from '../http-errors';
import { parseWith } from '../validation';

/** The HTML report is self-contained: no scripts, no fetches, inline styles only. */
export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const FORMATS = ['json', 'md', 'html'] as const;
type ReportFormat = (typeof FORMATS)[number];

const ParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}(\.(json|md|html))?$/, 'expected a report id such as "report-<hex>", optionally ending in .json, .md or .html') });
const QuerySchema = z.object({
  format: z.enum(FORMATS).optional(),
  /** `true`: the blind-review redaction (names, contacts, links, pronouns…) applied to this report. */
  blind: z.enum(['true', 'false']).optional(),
});
const BatchReportParamsSchema = z.object({ batchId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a batch id') }).and(ParamsSchema);

function splitFormat(id: string, query: z.infer<typeof QuerySchema>): { reportId: string; format: ReportFormat } {
  const [reportId = id, suffix] = id.split('.', 2) as [string, ReportFormat | undefined];
  return { reportId, format: suffix ?? query.format ?? 'json' };
}

function sendReport(reply: FastifyReply, report: Report, format: ReportFormat): FastifyReply {
  reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderMarkdown(report));
  if (format === 'html') {
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', REPORT_HTML_CSP)
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .send(renderHtml(report));
  }
  return reply.type('application/json; charset=utf-8').send(renderJson(report));
}

function notFound(reportId: string): ApiError {
  return new ApiError('NOT_FOUND', `No report ${reportId}: it is not finished yet (see the batch status), was erased, or expired after RETENTION_DAYS.`);
}

/**
 * GET /v1/reports/:id — JSON by default; `.md` / `.html` suffix or `?format=` for the renderings;
 * `?blind=true` for the redacted version. (One route with the suffix parsed here, rather than three,
 * keeps the router and OpenAPI simple.)
 * GET /v1/batches/:batchId/reports/:id — the same, redacted whenever that batch is blind: what
 * exports of a blind batch should use.
 */
export function registerReportRoutes(app: FastifyInstance, deps: AppDeps, reviewStore: ReviewStore): void {
  app.get('/v1/reports/:id', { config: { needsRedis: true } }, async (request, reply) => {
    const { id } = parseWith(ParamsSchema, request.params, 'path');
    const query = parseWith(QuerySchema, request.query, 'query');
    const { reportId, format } = splitFormat(id, query);
    const report = await deps.service.getReport(reportId);
    if (report === null) throw notFound(reportId);
    return sendReport(reply, query.blind === 'true' ? redactReport(report) : report, format);
  });

  app.get('/v1/batches/:batchId/reports/:id', { config: { needsRedis: true } }, async (request, reply) => {
    const { batchId, id } = parseWith(BatchReportParamsSchema, request.params, 'path');
    const query = parseWith(QuerySchema, request.query, 'query');
    const { reportId, format } = splitFormat(id, query);
    const batch = await deps.service.getBatchStatus(batchId);
    if (batch === null) throw new ApiError('NOT_FOUND', `No batch ${batchId}: check the id, or it expired after RETENTION_DAYS.`);
    if (!batch.files.some((file) => file.reportId === reportId)) throw notFound(reportId);
    const report = await deps.service.getReport(reportId);
    if (report === null) throw notFound(reportId);
    const blind = query.blind === 'true' || (await reviewStore.getSettings(batchId))?.blind === true;
    return sendReport(reply, blind ? redactReport(report) : report, format);
  });
}
