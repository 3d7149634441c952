import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../../src/api/app';
import { REDIS_UNAVAILABLE_MESSAGE } from '../../../src/api/http-errors';
import { ScreeningService } from '../../../src/queue/screening-service';
import { apiTestConfig, auth, multipartBody, textResume, uniquePrefix , listenForTests, type Caller } from './api-helpers';

// Nothing listens on 6390: the service's client keeps reconnecting and never gets an answer.
const config = apiTestConfig(uniquePrefix(), { REDIS_URL: 'redis://127.0.0.1:6390', GENERIC_WEBHOOK_SECRET: 'generic-test-secret' });
let service: ScreeningService;
let redis: Redis;
let app: FastifyInstance;
let call: Caller;

beforeAll(async () => {
  redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => undefined);
  service = ScreeningService.create(config, { redis });
  app = buildApp({ config, service });
  call = await listenForTests(app);
});

afterAll(async () => {
  await app.close();
  // A client that never connected may wait forever for a graceful quit; do not let that hang the suite.
  await Promise.race([service.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
  redis.disconnect();
});

const expected503 = { error: { code: 'REDIS_UNAVAILABLE', message: REDIS_UNAVAILABLE_MESSAGE } };

describe('when Redis is unreachable', () => {
  it('keeps /health alive and answers /ready with 503 and the clear message', async () => {
    expect((await call({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const ready = await call({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual(expected503);
  });

  it('refuses an upload with 503, not 500', async () => {
    const form = multipartBody([{ name: 'file', fileName: 'a.txt', bytes: Buffer.from(textResume('Casey Sample', 'outage')) }]);
    const response = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual(expected503);
  });

  it('refuses reads, erasure and webhooks with 503 too', async () => {
    const body = JSON.stringify({ candidateId: 'c', fileName: 'a.txt', resumeBase64: Buffer.from('x').toString('base64') });
    const t = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', 'generic-test-secret').update(`${t}.${body}`).digest('hex');
    const responses = await Promise.all([
      call({ method: 'GET', url: '/v1/batches/batch-1', headers: auth }),
      call({ method: 'GET', url: `/v1/reports/report-${'a'.repeat(32)}`, headers: auth }),
      call({ method: 'DELETE', url: `/v1/candidates/resume-${'a'.repeat(64)}`, headers: auth }),
      call({
        method: 'POST',
        url: '/webhooks/generic',
        headers: { 'content-type': 'application/json', 'x-resume-evidence-signature': `t=${t},v1=${signature}`, 'x-resume-evidence-delivery': 'd-1' },
        payload: body,
      }),
    ]);
    for (const response of responses) {
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual(expected503);
    }
  });

  it('still answers 401 before anything else without a token', async () => {
    const response = await call({ method: 'GET', url: '/v1/batches/batch-1' });
    expect(response.statusCode).toBe(401);
  });
});
