import type { JobDefinition } from '../job-context';
import { JOB_NAMES, type JobName } from '../job-names';
import { callbackJob } from './callback.job';
import { screenJob } from './screen.job';

/** Every job type, in one list: adding a job means one module here and its worker shell. */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [screenJob, callbackJob];

/**
 * Name → definition. Throws at start-up when a known job name has no definition or two, so a
 * half-wired job type never reaches production (a job with no handler would sit in its queue).
 */
export function buildJobRegistry(
  definitions: readonly JobDefinition[] = JOB_DEFINITIONS,
  expected: readonly JobName[] = Object.values(JOB_NAMES),
): ReadonlyMap<JobName, JobDefinition> {
  const registry = new Map<JobName, JobDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`Job "${definition.name}" is defined twice; keep one definition.`);
    if (typeof definition.handle !== 'function') throw new Error(`Job "${definition.name}" has no handler.`);
    registry.set(definition.name, definition);
  }
  const missing = expected.filter((name) => !registry.has(name));
  if (missing.length > 0) throw new Error(`No handler for job(s) ${missing.join(', ')}; add them to JOB_DEFINITIONS.`);
  return registry;
}

export function jobDefinition(registry: ReadonlyMap<JobName, JobDefinition>, name: JobName): JobDefinition {
  const definition = registry.get(name);
  if (!definition) throw new Error(`No handler for job ${name}.`);
  return definition;
}
