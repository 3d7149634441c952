import multipart from '@fastify/multipart';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { ResumeEvidenceError } from '../errors';
import type { Logger } from '../logger';
import type { ScreeningService } from '../queue/screening-service';
import type { AppDeps } from './app-deps';
import { bearerAuth } from './auth';
import { ApiError, toHttpError } from './http-errors';
import { HTTP_REDACT } from './log-options';
import { buildOpenApiDocument } from './openapi';
import { requireRedis } from './readiness';
import './route-config';
import { registerBatchRoutes } from './routes/batches';
import { registerCandidateRoutes } from './routes/candidates';
import { registerHealthRoutes } from './routes/health';
import { registerProfileRoutes } from './routes/profiles';
import { registerReportRoutes } from './routes/reports';
import { registerReviewRoutes } from './routes/review-workspace';
import { webhookRoutes } from './webhooks';

export interface BuildAppOptions {
  config: AppConfig;
  service: ScreeningService;
  /** A pino logger to log through (a child with HTTP redaction is made); default: a new one at LOG_LEVEL. */
  logger?: Logger;
  /**
   * BullMQ queues shown by the bull-board dashboard at /admin/queues; without them the dashboard
   * is not mounted. The caller owns and closes them (startServer does).
   */
  dashboardQueues?: readonly Queue[];
}

/** The error's type and where it happened, not its message: a message may quote résumé text. */
function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, code: typeof code === 'string' ? code : undefined, stack: error.stack?.split('\n').slice(1, 8).join('\n') };
}

export interface RouteSummary {
  method: string;
  url: string;
}

const ROUTES = new WeakMap<FastifyInstance, RouteSummary[]>();

/**
 * Every route the app registered (HEAD twins and bull-board's hidden asset/API routes left out),
 * in OpenAPI's lower-case methods; filled once the app is ready. The OpenAPI test checks these.
 */
export function registeredRoutes(app: FastifyInstance): RouteSummary[] {
  return [...(ROUTES.get(app) ?? [])];
}

/**
 * The HTTP API as a plain factory: no listening, no signals, so tests drive it with `app.inject`.
 * The caller owns `service` and closes it after `app.close()`.
 */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { config, service } = options;
  if (config.apiToken === undefined || config.apiToken === '') {
    throw new ResumeEvidenceError('INVALID_INPUT', 'API_TOKEN is not set; set it (at least 16 characters) before starting the API.');
  }
  const deps: AppDeps = { config, service };

  const httpLogger: FastifyBaseLogger | undefined = options.logger?.child({ component: 'api' }, { redact: HTTP_REDACT });
  const app: FastifyInstance = httpLogger
    ? Fastify({ loggerInstance: httpLogger })
    : Fastify({ logger: { level: config.logLevel, redact: HTTP_REDACT } });

  const routes: RouteSummary[] = [];
  ROUTES.set(app, routes);
  app.addHook('onRoute', (route) => {
    if ((route.schema as { hide?: boolean } | undefined)?.hide === true) return;
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), url: route.url });
    }
  });

  // Hooks first, so every route registered below (the dashboard's included) runs them in this order.
  app.addHook('onRequest', bearerAuth(config.apiToken));
  app.addHook('onRequest', requireRedis(service));

  app.setErrorHandler((error, request, reply) => {
    const mapped = toHttpError(error);
    if (mapped.unexpected) request.log.error({ err: describeForLog(error) }, 'unexpected error');
    else request.log.info({ code: mapped.body.error.code, status: mapped.status }, 'request refused');
    return reply.code(mapped.status).send(mapped.body);
  });
  app.setNotFoundHandler(() => {
    throw new ApiError('NOT_FOUND', 'No such route; see GET /openapi.json for the list.');
  });

  void app.register(multipart, {
    limits: { fileSize: config.maxFileBytes, files: config.maxFilesPerBatch, fields: 10, fieldSize: 4096 },
  });
  void app.register(async (scope) => webhookRoutes(scope, deps), { prefix: '/webhooks' });

  registerHealthRoutes(app, deps);
  registerProfileRoutes(app, deps);
  const reviewStore = registerReviewRoutes(app, { ...deps, ...(options.logger ? { logger: options.logger } : {}) });
  registerBatchRoutes(app, deps, reviewStore);
  registerReportRoutes(app, deps, reviewStore);
  registerCandidateRoutes(app, deps);

  const openApiDocument = buildOpenApiDocument();
  app.get('/openapi.json', async () => openApiDocument);

  const queues = options.dashboardQueues;
  if (queues !== undefined && queues.length > 0) {
    // Loaded only when used: @fastify/static pulls in an ESM-only package that Node 20 can require
    // but Jest's module loader cannot, and tests that do not need the dashboard should not pay for it.
    void app.register(async (scope) => {
      const { registerDashboard } = await import('./dashboard');
      await registerDashboard(scope, queues);
    });
  }

  return app;
}
