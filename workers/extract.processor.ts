/**
 * The sandboxed processor of `resume.extract` (BullMQ runs this file in a child process; see
 * workers/extract.worker.ts). pdf.js is CPU-bound: in the worker's own process a long parse would
 * block the event loop that renews job locks, and jobs would stall. Here the parent keeps
 * renewing locks while this child parses.
 *
 * The child is its own process, so it builds its own context from the environment the parent
 * passed it (`workerEnvironment(config)`), once, on its first job.
 */
import type { SandboxedJob } from 'bullmq';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { loadProfileRegistry } from '../src/profile/profile-registry';
import type { JobContext, JobDefinition } from '../src/queue/job-context';
import { JOB_NAMES } from '../src/queue/job-names';
import { buildJobRegistry, jobDefinition } from '../src/queue/jobs/job-registry';
import { createJobContext, createPipelineQueues, runJob } from '../src/queue/pipeline-jobs';
import { createRedis } from '../src/queue/redis-connection';

let prepared: { ctx: JobContext; definition: JobDefinition } | undefined;

function prepare(): { ctx: JobContext; definition: JobDefinition } {
  if (prepared) return prepared;
  const config = loadConfig();
  const logger = createLogger(config, { role: 'extract-sandbox' });
  const redis = createRedis(config.redisUrl, logger, 'extract-sandbox');
  const queues = createPipelineQueues(redis, config, logger);
  const profiles = loadProfileRegistry(config);
  const definition = jobDefinition(buildJobRegistry(), JOB_NAMES.extract);
  // If the parent worker dies (even by SIGKILL) the IPC channel closes: exit instead of living on
  // as an orphan holding a Redis connection. The job is recovered by the stalled checker.
  process.once('disconnect', () => process.exit(0));
  prepared = { ctx: createJobContext({ config, redis, queues, profiles, logger }), definition };
  return prepared;
}

export default async function extractProcessor(job: SandboxedJob): Promise<void> {
  const { ctx, definition } = prepare();
  await runJob(definition, job, ctx);
}
