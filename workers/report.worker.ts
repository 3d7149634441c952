import type { Worker } from 'bullmq';
import { JOB_NAMES } from '../src/queue/job-names';
import { startStageWorker, type WorkerDeps } from '../src/queue/worker-deps';

/** Thin shell: `resume.report` jobs run src/queue/jobs/report.job.ts (buildReport) in this process. */
export function startReportWorker(deps: WorkerDeps): Worker {
  return startStageWorker('report', JOB_NAMES.report, deps, deps.config.workerConcurrency);
}
