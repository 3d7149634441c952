import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ScreeningService } from '../queue/screening-service';
import { redisUnavailable, sendHttpError } from './http-errors';

/** Upper bound on a readiness probe, whatever the service's own timeout: a hung PING is "down". */
const READY_BUDGET_MS = 1500;

export async function serviceIsReady(service: ScreeningService): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_BUDGET_MS);
  });
  try {
    return await Promise.race([service.isReady().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * onRequest hook for routes marked `needsRedis`: refuse with 503 before reading a single body byte,
 * so an upload or a webhook is never accepted and then lost.
 */
export function requireRedis(service: ScreeningService) {
  return async function checkRedis(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.routeOptions.config?.needsRedis !== true) return undefined;
    if (!(await serviceIsReady(service))) return sendHttpError(reply, redisUnavailable());
    return undefined;
  };
}
