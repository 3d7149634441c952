import { Queue } from 'bullmq';
import { createLogger } from '../../../src/logger';
import { loadProfileRegistry } from '../../../src/profile/profile-registry';
import { defaultProfile } from '../../../src/profile/load-profile';
import { QUEUE_NAMES } from '../../../src/queue/job-names';
import { buildJobRegistry } from '../../../src/queue/jobs/job-registry';
import { createJobContext, createPipelineQueues } from '../../../src/queue/pipeline-jobs';
import { startScreenWorker } from '../../../workers/screen.worker';
import { hostileFile, hostileManifest } from '../../hostile/hostile-helpers';
import { startStack, waitForBatch, type QueueStack } from '../queue/queue-stack';
import { connect } from '../queue/redis-helper';

/**
 * Hostile files through the queue (real Redis, parsing in budgeted threads): every file gets its
 * report or its stable error code in the batch status, and the batch goes on. The screen worker
 * runs with a 1.5 s budget so the operator bomb times out quickly: it must fail ONCE (no retries)
 * with EXTRACTION_TIMEOUT, the worker process living on.
 */
describe('a batch of hostile files through the queue', () => {
  let stack: QueueStack;
  let workers: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    stack = await startStack({ workers: false });
  });
  afterAll(async () => {
    await workers?.close();
    await stack.stop();
  });

  it('reports each file with its expected code and fails the operator bomb once with EXTRACTION_TIMEOUT', async () => {
    const config = stack.config;
    const logger = createLogger(config);
    const connection = connect();
    const queues = createPipelineQueues(connection, config, logger);
    const ctx = createJobContext({ config, redis: connection, queues, profiles: loadProfileRegistry(config), logger });
    // runWorkers would start a screen worker with the default 20 s budget; this one has 1.5 s.
    const deps = { config, connection, ctx, registry: buildJobRegistry(), logger };
    const running = [startScreenWorker(deps, { timeoutMs: 1_500, maxOldGenerationSizeMb: 256 })];
    workers = {
      close: async () => {
        await Promise.all(running.map((worker) => worker.close()));
        await queues.close();
        await connection.quit();
      },
    };

    const profile = defaultProfile();
    const entries = hostileManifest().filter((entry) => entry.file !== 'docx-named.pdf'); // same bytes as clean.docx
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    for (const entry of entries) {
      await stack.service.submitFile({ ...hostileFile(entry.file), profileId: profile.id, batchId, origin: 'upload' });
    }
    const status = await waitForBatch(stack.service, batchId, 90_000);
    const got = Object.fromEntries(status.files.map((file) => [file.fileName, file.state === 'done' ? 'ok' : (file.error?.code ?? file.state)]));
    expect(got).toEqual(Object.fromEntries(entries.map((entry) => [entry.file, entry.expect])));

    const screenQueue = new Queue(QUEUE_NAMES.screen, { connection: stack.redis, prefix: stack.prefix });
    try {
      const failed = await screenQueue.getFailed();
      const bomb = failed.find((job) => job.failedReason.startsWith('EXTRACTION_TIMEOUT'));
      expect(bomb?.attemptsMade).toBe(1);
    } finally {
      await screenQueue.close();
    }
  }, 120_000);
});
