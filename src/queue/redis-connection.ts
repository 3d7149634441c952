import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/**
 * One ioredis client. `maxRetriesPerRequest: null` is what BullMQ workers require (a blocking
 * command must wait through a reconnect instead of failing); every client gets an 'error'
 * listener so a Redis outage is logged rather than crashing the process as an unhandled event.
 */
export function createRedis(redisUrl: string, logger: Logger, role: string): Redis {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, connectionName: `resume-evidence:${role}` });
  redis.on('error', (error: Error) => logger.error({ err: { message: error.message }, role }, 'Redis connection error'));
  return redis;
}
