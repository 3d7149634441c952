import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import type { AppConfig } from '../config';
import { ResumeEvidenceError } from '../errors';
import { createLogger } from '../logger';
import { createPipelineQueues } from '../queue/pipeline-jobs';
import { createRedis } from '../queue/redis-connection';
import { ScreeningService } from '../queue/screening-service';

export interface RunningServer {
  app: FastifyInstance;
  service: ScreeningService;
  /** The address actually bound (API_PORT=0 picks a free port). */
  address: string;
  /** Stops accepting HTTP, lets in-flight requests finish, then closes the service's Redis connections. */
  close(): Promise<void>;
}

/**
 * `resume-evidence serve`: the HTTP API in front of the queue. Workers run separately
 * (`resume-evidence worker`). Fails fast without API_TOKEN: an API without auth is never started.
 * SIGTERM/SIGINT close the app, then the service, then the process exits.
 */
export async function startServer(config: AppConfig, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  if (config.apiToken === undefined || config.apiToken === '') {
    throw new ResumeEvidenceError(
      'INVALID_INPUT',
      'API_TOKEN is not set: the API refuses to start without a bearer token. Set API_TOKEN to a random string of at least 16 characters (e.g. `openssl rand -hex 32`).',
    );
  }
  const logger = createLogger(config, { process: 'api' });
  const service = ScreeningService.create(config, { logger });
  // The dashboard gets its own queue handles: ScreeningService keeps its queues private.
  const dashboardRedis = createRedis(config.redisUrl, logger, 'dashboard');
  const dashboardQueues = createPipelineQueues(dashboardRedis, config, logger);
  const app = buildApp({
    config,
    service,
    logger,
    dashboardQueues: [dashboardQueues.screen, dashboardQueues.callback],
  });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await dashboardQueues.close();
      dashboardRedis.disconnect();
      await service.close();
    })();
    return closing;
  };
  try {
    const address = await app.listen({ host: config.apiHost, port: config.apiPort });
    if (!(await service.isReady())) logger.warn('Redis is not reachable yet; /ready answers 503 and uploads are refused until it is');
    if (options.handleSignals ?? true) {
      const onSignal = (signal: NodeJS.Signals): void => {
        logger.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error instanceof Error ? error.name : typeof error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    return { app, service, address, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
