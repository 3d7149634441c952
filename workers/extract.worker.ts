import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'bullmq';
import { workerEnvironment } from '../src/config';
import { budgetEnvironment } from '../src/extract/budget/budget-environment';
import { DEFAULT_EXTRACT_BUDGET, type ExtractBudget } from '../src/extract/budget/budget-options';
import { QUEUE_NAMES } from '../src/queue/job-names';
import { workerOptions } from '../src/queue/pipeline-jobs';
import { watchWorker, type WorkerDeps } from '../src/queue/worker-deps';

/**
 * Heap of a sandboxed child beyond its extraction thread's budget: the child itself holds one
 * file's bytes and document, a Redis connection and the job machinery.
 */
const CHILD_HEAP_HEADROOM_MB = 256;

/**
 * Where the sandboxed processor is and how to start it. Compiled (`node dist/workers/start.js`)
 * this file is .js and so is the processor next to it. Run from TypeScript sources (Jest via
 * ts-jest, or `node --import tsx workers/start.ts`) the processor is a .ts file, and the child
 * gets tsx as an --import loader; BullMQ's child loads the file with a dynamic import(), which
 * tsx handles, so tests need no build step.
 */
export function extractProcessorLaunch(budget: ExtractBudget = DEFAULT_EXTRACT_BUDGET): { file: string; execArgv: string[] } {
  const extension = extname(__filename);
  const file = resolve(__dirname, `extract.processor${extension}`);
  // The parent's own heap flag (if any) is replaced: the child's limit follows the budget.
  const inherited = process.execArgv.filter((argument) => !argument.startsWith('--max-old-space-size'));
  const loader = extension === '.ts' ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  const heap = `--max-old-space-size=${budget.maxOldGenerationSizeMb + CHILD_HEAP_HEADROOM_MB}`;
  return { file, execArgv: [...inherited, ...loader, heap] };
}

/**
 * Thin shell: `resume.extract` jobs run in BullMQ sandboxed child processes (one per concurrent
 * job), which run src/queue/jobs/extract.job.ts with the parse itself in a worker thread under
 * `budget` (workers/extract.processor.ts): a file that takes longer than `budget.timeoutMs` or
 * needs more heap than `budget.maxOldGenerationSizeMb` fails once with EXTRACTION_TIMEOUT or
 * TOO_COMPLEX instead of stalling or killing the child. The children get only the worker
 * settings (`workerEnvironment`) and the budget, not the API's secrets.
 */
export function startExtractWorker(deps: WorkerDeps, budget: ExtractBudget = DEFAULT_EXTRACT_BUDGET): Worker {
  const launch = extractProcessorLaunch(budget);
  const worker = new Worker(QUEUE_NAMES.extract, launch.file, {
    ...workerOptions(deps.config, deps.connection, deps.config.workerConcurrency),
    workerForkOptions: { env: { ...workerEnvironment(deps.config), ...budgetEnvironment(budget) }, execArgv: launch.execArgv },
  });
  return watchWorker(worker, deps.logger);
}
