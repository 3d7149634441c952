import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerEnvironment } from '../../../src/config';
import { runWorkers } from '../../../src/cli/worker-command';
import { defaultProfile } from '../../../src/profile/load-profile';
import { startStack, waitForBatch, type QueueStack } from './queue-stack';
import { scanKeys, waitFor } from './redis-helper';
import { sampleResumes } from './sample-resumes';

const ROOT = join(__dirname, '../../..');

/** A real worker process, as docker-compose runs it, from the TypeScript sources via tsx. */
function startWorkerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(ROOT, 'workers/start.ts')], {
    cwd: ROOT,
    env,
    stdio: 'ignore',
  });
}

describe('a worker killed mid-job (real Redis, real worker process)', () => {
  let stack: QueueStack;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    // Short locks and stalled checks: a killed worker's jobs come back in ~2 s instead of ~60 s.
    stack = await startStack({ workers: false, env: { JOB_LOCK_MS: '2000', STALLED_INTERVAL_MS: '1000' } });
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await stack.stop();
  });

  it('still gives every file exactly one report after another worker takes over', async () => {
    const profile = defaultProfile();
    // TEST_EXTRACT_DELAY_MS (test-only) holds each extraction long enough to kill the process mid-job.
    child = startWorkerProcess({ ...workerEnvironment(stack.config), TEST_EXTRACT_DELAY_MS: '30000', WORKER_CONCURRENCY: '2' });
    const files = sampleResumes(2);
    const { batchId } = await stack.service.createBatch({ profileId: profile.id });
    for (const file of files) await stack.service.submitFile({ ...file, profileId: profile.id, batchId, origin: 'upload' });

    await waitFor('both files to be running in the worker process', async () => {
      const status = await stack.service.getBatchStatus(batchId);
      return status?.counts.running === files.length;
    });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect((await stack.service.getBatchStatus(batchId))?.counts.done).toBe(0);

    // A fresh worker (no delay) finds the stalled jobs once their locks expire.
    stack.workers = await runWorkers(stack.config);
    const status = await waitForBatch(stack.service, batchId, 30_000);
    expect(status.counts).toMatchObject({ done: files.length, total: files.length });
    expect(await scanKeys(stack.redis, `${stack.prefix}:report-index:*`)).toHaveLength(files.length);
  }, 60_000);
});
