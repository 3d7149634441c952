import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../../src/api/app';
import { runWorkers, type RunningWorkers } from '../../../src/cli/worker-command';
import { createLogger } from '../../../src/logger';
import { ScreeningService } from '../../../src/queue/screening-service';
import { auth, listenForTests, multipartBody, textResume, type Caller } from '../api/api-helpers';
import { testConfig, uniquePrefix, waitFor } from '../queue/redis-helper';

/**
 * Redis dies mid-batch and comes back. A PRIVATE redis-server (never the shared one) with the
 * append-only file on and `appendfsync always`, killed with SIGKILL (a crash, not a clean stop)
 * and restarted on the same port and directory. While it is down the API answers 503 and accepts
 * nothing; afterwards every upload that got 202 has its report.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startRedis(port: number, dir: string): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--save', ''],
    { stdio: 'ignore' },
  );
}

async function pingable(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

describe('Redis restarted mid-batch (private redis-server, AOF on)', () => {
  let port: number;
  let dir: string;
  let redisProcess: ChildProcess | undefined;
  let service: ScreeningService;
  let workers: RunningWorkers;
  let app: FastifyInstance;
  let call: Caller;
  let url: string;

  const stopRedis = async (): Promise<void> => {
    const child = redisProcess;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'redis-restart-'));
    url = `redis://127.0.0.1:${port}`;
    redisProcess = startRedis(port, dir);
    await waitFor('the private redis-server', async () => pingable(url), 10_000);
    // Each extraction takes ~1 s (test-only delay) so jobs are in flight when Redis dies.
    const config = testConfig(uniquePrefix(), { REDIS_URL: url, API_TOKEN: 'test-api-token-0123456789abcdef', TEST_EXTRACT_DELAY_MS: '800' });
    const logger = createLogger(config);
    service = ScreeningService.create(config, { logger });
    workers = await runWorkers(config, { logger });
    app = buildApp({ config, service, logger });
    call = await listenForTests(app);
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await Promise.race([Promise.all([workers.close(), service.close()]), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await stopRedis();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (index: number) => {
    const form = multipartBody([{ name: 'file', fileName: `person-${index}.txt`, bytes: Buffer.from(textResume(`Fictional Person ${index}`, `topic ${index}`)) }]);
    const response = await call({ method: 'POST', url: '/v1/batches', headers: { ...auth, ...form.headers }, payload: form.payload });
    return { statusCode: response.statusCode, reportIds: response.statusCode === 202 ? response.json<{ files: Array<{ reportId: string }> }>().files.map((file) => file.reportId) : [] };
  };

  it('loses no accepted upload: 503 while Redis is down, every 202 gets its report after the restart', async () => {
    const accepted: string[] = [];
    for (let index = 0; index < 4; index++) {
      const result = await upload(index);
      expect(result.statusCode).toBe(202);
      accepted.push(...result.reportIds);
    }
    await waitFor('an extraction in flight', async () => {
      const statuses = await Promise.all(accepted.map(async (reportId) => service.getReport(reportId)));
      return statuses.some((report) => report === null);
    });

    await stopRedis();
    const during = await upload(100);
    expect(during.statusCode).toBe(503);
    expect((await call({ method: 'GET', url: '/ready' })).statusCode).toBe(503);

    redisProcess = startRedis(port, dir);
    await waitFor('the restarted redis-server', async () => pingable(url), 10_000);
    await waitFor('the API to be ready again', async () => (await call({ method: 'GET', url: '/ready' })).statusCode === 200, 20_000);
    for (let index = 4; index < 6; index++) {
      const result = await upload(index);
      expect(result.statusCode).toBe(202);
      accepted.push(...result.reportIds);
    }

    const reports = await waitFor(
      'a report for every accepted upload',
      async () => {
        const found = await Promise.all(accepted.map((reportId) => service.getReport(reportId)));
        return found.every((report) => report !== null) ? found : undefined;
      },
      60_000,
    );
    expect(reports.map((report) => report?.status)).toEqual(accepted.map(() => 'ok'));
  }, 120_000);
});
