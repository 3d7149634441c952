import type { Worker } from 'bullmq';
import { JOB_NAMES } from '../src/queue/job-names';
import { startStageWorker, type WorkerDeps } from '../src/queue/worker-deps';

/** Thin shell: `resume.tag` jobs run src/queue/jobs/tag.job.ts (tagEvidence) in this process. */
export function startTagWorker(deps: WorkerDeps): Worker {
  return startStageWorker('tag', JOB_NAMES.tag, deps, deps.config.workerConcurrency);
}
