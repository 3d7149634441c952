import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { redisUnavailable } from '../http-errors';
import { serviceIsReady } from '../readiness';

/** Liveness says the process answers; readiness says it can take work (Redis answers). */
export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/health', { config: { public: true } }, async () => ({ status: 'ok' }));

  app.get('/ready', { config: { public: true } }, async () => {
    if (!(await serviceIsReady(deps.service))) throw redisUnavailable();
    return { status: 'ready' };
  });
}
