import { availableParallelism } from 'node:os';
import { Worker, type Processor } from 'bullmq';
import { DEFAULT_EXTRACT_BUDGET, type ExtractBudget } from '../src/extract/budget/budget-options';
import { ExtractThreadPool } from '../src/extract/budget/extract-pool';
import { QUEUE_NAMES } from '../src/queue/job-names';
import { createScreenJob } from '../src/queue/jobs/screen.job';
import { runJob, workerOptions } from '../src/queue/pipeline-jobs';
import { watchWorker, type WorkerDeps } from '../src/queue/worker-deps';

/**
 * Thin shell: `resume.screen` jobs run src/queue/jobs/screen.job.ts in this process (Redis,
 * tagging, the report), with the parse itself in a worker thread of an ExtractThreadPool under
 * `budget`:
 *
 * - pdf.js is CPU-bound, but it runs on the thread, so this process's event loop stays free to
 *   renew job locks (what a BullMQ sandboxed child process was for before);
 * - a file that parses longer than `budget.timeoutMs` gets its thread terminated
 *   (`Worker.terminate()` stops even a synchronous loop), one that needs more heap than
 *   `budget.maxOldGenerationSizeMb` hits the thread's `resourceLimits`: either way the job fails
 *   ONCE with EXTRACTION_TIMEOUT or TOO_COMPLEX and an error report, and a fresh thread takes the
 *   next file.
 *
 * Why not a sandboxed child process around the thread (as before): the thread already gives both
 * guarantees, and the child doubled the per-job cost (IPC of every job, a second Redis connection
 * and set of queues, a second copy of every module, a second JIT warm-up) for nothing the thread
 * does not do. See docs/performance.md.
 */
export function startScreenWorker(deps: WorkerDeps, budget: ExtractBudget = DEFAULT_EXTRACT_BUDGET): Worker {
  const concurrency = deps.config.workerConcurrency;
  // Never more parsing threads than cores this process may use (taskset/cgroup affinity counts):
  // every thread has its own heap and its own JIT warm-up, and a second thread on one core only
  // adds both. Jobs beyond that wait for a thread (the budget's clock starts on the thread), while
  // their Redis work and report building go on in this process. Threads stay warm between jobs
  // (starting one loads pdf.js); an idle one ends after a minute.
  const threads = Math.max(1, Math.min(concurrency, availableParallelism()));
  const pool = new ExtractThreadPool({ ...budget, size: threads, idleMs: 60_000 });
  const definition = createScreenJob((bytes, options) => pool.extract(bytes, options));
  const processor: Processor = (job) => runJob(definition, job, deps.ctx);
  const worker = new Worker(QUEUE_NAMES.screen, processor, workerOptions(deps.config, deps.connection, concurrency));
  // After close() has let the jobs in progress finish; no thread outlives its worker.
  worker.once('closed', () => void pool.close());
  return watchWorker(worker, deps.logger);
}
