/**
 * A worker process: `node dist/workers/start.js` (docker-compose), or from sources
 * `node --import tsx workers/start.ts`. Configuration comes from the environment (see
 * src/config.ts). The same as `resume-evidence worker`.
 */
import { loadConfig } from '../src/config';
import { startWorkerProcess } from '../src/cli/worker-command';

startWorkerProcess(loadConfig()).catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
