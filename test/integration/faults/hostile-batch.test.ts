import { Queue } from 'bullmq';
import { createLogger } from '../../../src/logger';
import { loadProfileRegistry } from '../../../src/profile/profile-registry';
import { defaultProfile } from '../../../src/profile/load-profile';
import { QUEUE_NAMES } from '../../../src/queue/job-names';
import { buildJobRegistry } from '../../../src/queue/jobs/job-registry';
import { createJobContext, createPipelineQueues } from '../../../src/queue/pipeline-jobs';
import { startExtractWorker } from '../../../workers/extract.worker';
import { startReportWorker } from '../../../workers/report.worker';
import { hostileFile, hostileManifest } from '../../hostile/hostile-helpers';
import { startStack, waitForBatch, type QueueStack } from '../queue/queue-stack';
import { connect } from '../queue/redis-helper';

/**
 * Hostile files through the queue (real Redis, sandboxed extract children): every file gets its
 * report or its stable error code in the batch status, and the batch goes on. The extract worker
 * runs with a 1.5 s budget so the operator bomb times out quickly: it must fail ONCE (no retries)
 * with EXTRACTION_TIMEOUT, its child living on.
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
    // runWorkers would start an extract worker with the default 20 s budget; this one has 1.5 s.
    const deps = { config, connection, ctx, registry: buildJobRegistry(), logger };
    const running = [startExtractWorker(deps, { timeoutMs: 1_500, maxOldGenerationSizeMb: 256 }), startReportWorker(deps)];
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

    const extractQueue = new Queue(QUEUE_NAMES.extract, { connection: stack.redis, prefix: stack.prefix });
    try {
      const failed = await extractQueue.getFailed();
      const bomb = failed.find((job) => job.failedReason.startsWith('EXTRACTION_TIMEOUT'));
      expect(bomb?.attemptsMade).toBe(1);
    } finally {
      await extractQueue.close();
    }
  }, 120_000);
});
