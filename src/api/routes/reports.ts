import type { FastifyInstance } from 'fastify';
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
const QuerySchema = z.object({ format: z.enum(FORMATS).optional() });

/**
 * GET /v1/reports/:id — JSON by default; `.md` / `.html` suffix or `?format=` for the renderings.
 * (One route with the suffix parsed here, rather than three, keeps the router and OpenAPI simple.)
 */
export function registerReportRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/v1/reports/:id', { config: { needsRedis: true } }, async (request, reply) => {
    const { id } = parseWith(ParamsSchema, request.params, 'path');
    const query = parseWith(QuerySchema, request.query, 'query');
    const [reportId = id, suffix] = id.split('.', 2) as [string, ReportFormat | undefined];
    const format: ReportFormat = suffix ?? query.format ?? 'json';
    const report = await deps.service.getReport(reportId);
    if (report === null) {
      throw new ApiError('NOT_FOUND', `No report ${reportId}: it is not finished yet (see the batch status), was erased, or expired after RETENTION_DAYS.`);
    }
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
  });
}
