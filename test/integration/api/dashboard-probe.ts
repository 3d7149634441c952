/**
 * Run by api.test.ts under plain Node (tsx), not Jest: mounts the bull-board dashboard on a real
 * Redis prefix and prints what /admin/queues answers with and without the bearer token.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { buildApp } from '../../../src/api/app';
import { QUEUE_NAMES } from '../../../src/queue/job-names';
import { ScreeningService } from '../../../src/queue/screening-service';
import { apiTestConfig, auth } from './api-helpers';

async function main(): Promise<void> {
  const prefix = process.env.PROBE_PREFIX ?? 'test-probe';
  const config = apiTestConfig(prefix, { REDIS_URL: process.env.PROBE_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  const service = ScreeningService.create(config);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queues = Object.values(QUEUE_NAMES).map((name) => new Queue(name, { connection: redis, prefix }));
  const app = buildApp({ config, service, dashboardQueues: queues });
  try {
    const withoutToken = await app.inject({ method: 'GET', url: '/admin/queues' });
    const withToken = await app.inject({ method: 'GET', url: '/admin/queues', headers: auth });
    process.stdout.write(`${JSON.stringify({ withoutToken: withoutToken.statusCode, withToken: withToken.statusCode, contentType: String(withToken.headers['content-type']) })}\n`);
  } finally {
    await app.close();
    await Promise.all(queues.map((queue) => queue.close()));
    await redis.quit();
    await service.close();
  }
}

void main();
