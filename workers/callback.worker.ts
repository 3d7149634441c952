import type { Worker } from 'bullmq';
import { JOB_NAMES } from '../src/queue/job-names';
import { startStageWorker, type WorkerDeps } from '../src/queue/worker-deps';

/**
 * Thin shell: `resume.callback` jobs POST signed summaries. They mostly wait on the network, so
 * they run with more concurrency than the CPU-bound stages.
 */
export function startCallbackWorker(deps: WorkerDeps): Worker {
  return startStageWorker('callback', JOB_NAMES.callback, deps, deps.config.workerConcurrency * 4);
}
