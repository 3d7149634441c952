import type { z } from 'zod';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import type { ProfileRegistry } from '../profile/profile-registry';
import type { JobName, Stage } from './job-names';
import type { QueueStorage } from './storage';
import type { CallbackPayload } from './jobs/callback.job';
import type { StagePayload } from './jobs/stage-payload';

/** Adds the next job; ids are deterministic, so adding twice is a no-op. */
export interface Enqueuer {
  screen(payload: StagePayload): Promise<void>;
  callback(payload: CallbackPayload): Promise<void>;
}

/** What a handler may use: no process.env, no globals. */
export interface JobContext {
  config: AppConfig;
  storage: QueueStorage;
  profiles: ProfileRegistry;
  enqueue: Enqueuer;
  logger: Logger;
}

/** One attempt of one job. */
export interface JobRun {
  jobId: string;
  /** Attempts made before this one (0 on the first). */
  attemptsMade: number;
  /** Total attempts allowed. */
  attempts: number;
  logger: Logger;
}

export interface JobDefinition<Schema extends z.ZodType = z.ZodType> {
  name: JobName;
  stage: Stage;
  /** Bumped when the payload changes shape; payloads carry it as `v` and old ones are refused. */
  version: number;
  payloadSchema: Schema;
  handle(payload: z.infer<Schema>, ctx: JobContext, run: JobRun): Promise<void>;
  /** Called once after the last attempt failed with a retryable error, to record the failure. */
  onFinalFailure?(payload: z.infer<Schema>, ctx: JobContext, error: unknown): Promise<void>;
}

/** Keeps the payload type tied to the schema at the definition site. */
export function defineJob<Schema extends z.ZodType>(definition: JobDefinition<Schema>): JobDefinition<Schema> {
  return definition;
}
