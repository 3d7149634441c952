import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'bullmq';
import { workerEnvironment } from '../src/config';
import { QUEUE_NAMES } from '../src/queue/job-names';
import { workerOptions } from '../src/queue/pipeline-jobs';
import { watchWorker, type WorkerDeps } from '../src/queue/worker-deps';

/**
 * Where the sandboxed processor is and how to start it. Compiled (`node dist/workers/start.js`)
 * this file is .js and so is the processor next to it. Run from TypeScript sources (Jest via
 * ts-jest, or `node --import tsx workers/start.ts`) the processor is a .ts file, and the child
 * gets tsx as an --import loader; BullMQ's child loads the file with a dynamic import(), which
 * tsx handles, so tests need no build step.
 */
export function extractProcessorLaunch(): { file: string; execArgv: string[] } {
  const extension = extname(__filename);
  const file = resolve(__dirname, `extract.processor${extension}`);
  const execArgv = extension === '.ts' ? [...process.execArgv, '--import', pathToFileURL(require.resolve('tsx')).href] : [...process.execArgv];
  return { file, execArgv };
}

/**
 * Thin shell: `resume.extract` jobs run in BullMQ sandboxed child processes (one per concurrent
 * job), which run src/queue/jobs/extract.job.ts. The children get only the worker settings
 * (`workerEnvironment`), not the API's secrets.
 */
export function startExtractWorker(deps: WorkerDeps): Worker {
  const launch = extractProcessorLaunch();
  const worker = new Worker(QUEUE_NAMES.extract, launch.file, {
    ...workerOptions(deps.config, deps.connection, deps.config.workerConcurrency),
    workerForkOptions: { env: workerEnvironment(deps.config), execArgv: launch.execArgv },
  });
  return watchWorker(worker, deps.logger);
}
