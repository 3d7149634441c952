import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AppConfig } from '../config';
import { ResumeEvidenceError } from '../errors';
import { createLogger, type Logger } from '../logger';
import { loadProfileRegistry, profileRef, type ProfileRegistry, type ProfileSummary } from '../profile/profile-registry';
import { describeSource } from '../report/build-report';
import type { Report } from '../report/report.schema';
import { BATCH_ID_PATTERN, callbackJobId, REPORT_ID_PATTERN, reportIdFor, RESUME_ID_PATTERN, resumeIdFor, stageJobId } from './ids';
import type { JobContext } from './job-context';
import { QUEUE_NAMES } from './job-names';
import { queueCallbacks } from './jobs/stage-outcome';
import { createJobContext, createPipelineQueues, type PipelineQueues } from './pipeline-jobs';
import { createRedis } from './redis-connection';
import type { QueueStorage } from './storage';

export interface SubmitInput {
  bytes: Uint8Array;
  fileName: string;
  profileId: string;
  batchId: string;
  origin: 'upload' | 'greenhouse' | 'lever' | 'ashby' | 'generic';
  /** ATS candidate/application id, for erasure by ATS id. */
  externalCandidateId?: string;
  callbackUrl?: string;
}
export interface SubmitResult {
  resumeId: string;
  reportId: string;
  deduplicated: boolean;
}
export interface BatchFileStatus {
  resumeId: string;
  reportId: string;
  fileName: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  error?: { code: string; message: string };
  callback?: { state: 'pending' | 'delivered' | 'failed'; attempts: number; lastError?: string };
}
export interface BatchStatus {
  batchId: string;
  profileId: string;
  createdAt: string;
  counts: { queued: number; running: number; done: number; failed: number; total: number };
  files: BatchFileStatus[];
}

/** What an erasure removed of one résumé; handed to erasure listeners (the review audit log). */
export interface ErasedResume {
  resumeId: string;
  reportIds: string[];
  batchIds: string[];
}

const CallbackUrlSchema = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .optional();

function invalid(message: string): ResumeEvidenceError {
  return new ResumeEvidenceError('INVALID_INPUT', message);
}

/**
 * The producer side of the queue, used by the API: batches, submissions (deduplicated by
 * content), status, reports, erasure. Holds no job logic: that is in src/queue/jobs/.
 */
export class ScreeningService {
  private readonly storage: QueueStorage;
  private readonly erasureListeners: Array<(erased: ErasedResume) => Promise<void>> = [];

  private constructor(
    private readonly config: AppConfig,
    private readonly redis: Redis,
    private readonly ownsRedis: boolean,
    private readonly queues: PipelineQueues,
    private readonly ctx: JobContext,
    private readonly profiles: ProfileRegistry,
    private readonly logger: Logger,
  ) {
    this.storage = ctx.storage;
  }

  /** Loads profiles (throws ProfileError on a bad file) and connects lazily to Redis. */
  static create(config: AppConfig, deps: { logger?: Logger; redis?: Redis } = {}): ScreeningService {
    const logger = deps.logger ?? createLogger(config, { role: 'api' });
    const profiles = loadProfileRegistry(config);
    const redis = deps.redis ?? createRedis(config.redisUrl, logger, 'producer');
    const queues = createPipelineQueues(redis, config, logger);
    const ctx = createJobContext({ config, redis, queues, profiles, logger });
    return new ScreeningService(config, redis, !deps.redis, queues, ctx, profiles, logger);
  }

  listProfiles(): ProfileSummary[] {
    return this.profiles.list();
  }

  async createBatch(input: { profileId: string; callbackUrl?: string }): Promise<{ batchId: string }> {
    this.requireProfile(input.profileId);
    const callbackUrl = this.parseCallbackUrl(input.callbackUrl);
    const batchId = `batch-${randomUUID()}`;
    await this.storage.createBatch({
      batchId,
      profileId: input.profileId,
      createdAt: new Date().toISOString(),
      ...(callbackUrl ? { callbackUrl } : {}),
    });
    return { batchId };
  }

  async submitFile(input: SubmitInput): Promise<SubmitResult> {
    const profile = this.requireProfile(input.profileId);
    if (!BATCH_ID_PATTERN.test(input.batchId)) throw invalid('batchId: expected letters, digits, "-" or "_" (at most 100).');
    if (!input.fileName.trim()) throw invalid('fileName: expected a non-empty file name.');
    if (input.bytes.byteLength > this.config.maxFileBytes) {
      throw new ResumeEvidenceError(
        'FILE_TOO_LARGE',
        `The file has ${input.bytes.byteLength} bytes; the limit is ${this.config.maxFileBytes} (MAX_FILE_BYTES).`,
      );
    }
    const callbackUrl = this.parseCallbackUrl(input.callbackUrl);
    const batch = await this.storage.getBatch(input.batchId);
    if (batch && batch.profileId !== profile.id) {
      throw invalid(`batch ${input.batchId} screens against profile "${batch.profileId}", not "${profile.id}"; create another batch.`);
    }
    if (!batch) {
      // Webhook deliveries name their own batch; it is created on first use.
      await this.storage.createBatch({ batchId: input.batchId, profileId: profile.id, createdAt: new Date().toISOString() });
    }

    const source = describeSource({ fileName: input.fileName, bytes: input.bytes });
    const resumeId = resumeIdFor(source.sha256);
    const reportId = reportIdFor(source.sha256, profile);
    // Independent writes are sent together (one round trip). Joining the batch is sent BEFORE
    // the report check on the same connection, and Redis runs one connection's commands in order,
    // so a report finishing right now still finds this batch and queues its callback (callback
    // job ids make a double enqueue harmless).
    const [, , , hasReport] = await Promise.all([
      this.storage.putSource(resumeId, source),
      this.storage.addToBatch(input.batchId, {
        resumeId,
        reportId,
        fileName: input.fileName,
        origin: input.origin,
        addedAt: new Date().toISOString(),
        ...(input.externalCandidateId ? { externalCandidateId: input.externalCandidateId } : {}),
        ...(callbackUrl ? { callbackUrl } : {}),
      }),
      input.externalCandidateId ? this.storage.linkExternal(input.externalCandidateId, resumeId) : undefined,
      this.storage.hasReport(resumeId, reportId),
    ]);
    if (hasReport) {
      await queueCallbacks(this.ctx, resumeId, reportId);
      return { resumeId, reportId, deduplicated: true };
    }
    // The bytes and the state are stored before the job exists: a worker must find them.
    const [, firstSubmission] = await Promise.all([this.storage.putBytes(resumeId, input.bytes), this.storage.initState(resumeId, reportId)]);
    // Always (re-)add: BullMQ ignores a job id it already holds, and this re-queues a file whose
    // job was lost. The payload holds ids only.
    await this.ctx.enqueue.screen({ v: 1, resumeId, reportId, profileRef: profileRef(profile) });
    this.logger.info({ reportId, batchId: input.batchId, origin: input.origin, deduplicated: !firstSubmission }, 'file submitted');
    return { resumeId, reportId, deduplicated: !firstSubmission };
  }

  async getBatchStatus(batchId: string): Promise<BatchStatus | null> {
    if (!BATCH_ID_PATTERN.test(batchId)) return null;
    const batch = await this.storage.getBatch(batchId);
    if (!batch) return null;
    const [files, callbacks] = await Promise.all([this.storage.listBatchFiles(batchId), this.storage.getCallbackStates(batchId)]);
    const counts = { queued: 0, running: 0, done: 0, failed: 0, total: files.length };
    const statuses: BatchFileStatus[] = [];
    for (const file of files) {
      const state = await this.storage.getState(file.resumeId, file.reportId);
      const current = state?.state ?? 'queued';
      counts[current] += 1;
      const callback = callbacks.get(file.reportId);
      statuses.push({
        resumeId: file.resumeId,
        reportId: file.reportId,
        fileName: file.fileName,
        state: current,
        ...(state?.error ? { error: state.error } : {}),
        ...(callback ? { callback } : {}),
      });
    }
    return { batchId, profileId: batch.profileId, createdAt: batch.createdAt, counts, files: statuses };
  }

  async getReport(reportId: string): Promise<Report | null> {
    if (!REPORT_ID_PATTERN.test(reportId)) return null;
    const resumeId = await this.storage.resumeIdOfReport(reportId);
    return resumeId ? this.storage.getReportOf(resumeId, reportId) : null;
  }

  /**
   * Erases a candidate: by résumé id, or every résumé submitted under an ATS candidate id. Removes
   * stored data, reports of every profile, batch entries, index entries and the finished BullMQ
   * jobs that reference it. Returns every key (or `key#field`) removed.
   */
  async eraseCandidate(id: { resumeId?: string; externalCandidateId?: string }): Promise<{ deleted: string[] }> {
    if (!id.resumeId && !id.externalCandidateId) throw invalid('Give a resumeId or an externalCandidateId to erase.');
    if (id.resumeId && !RESUME_ID_PATTERN.test(id.resumeId)) throw invalid('resumeId: expected "resume-" and 64 hex digits.');
    const resumeIds = new Set<string>(id.resumeId ? [id.resumeId] : []);
    if (id.externalCandidateId) {
      for (const resumeId of await this.storage.resumeIdsOfExternal(id.externalCandidateId)) resumeIds.add(resumeId);
    }
    const deleted: string[] = [];
    for (const resumeId of resumeIds) {
      const erased = await this.storage.eraseResume(resumeId);
      deleted.push(...erased.deleted);
      await this.notifyErasure({ resumeId, reportIds: erased.reportIds, batchIds: erased.batchIds });
      for (const reportId of erased.reportIds) {
        deleted.push(...(await this.removeJob('screen', stageJobId('screen', reportId))));
        for (const batchId of erased.batchIds) {
          deleted.push(...(await this.removeJob('callback', callbackJobId(batchId, reportId))));
        }
      }
    }
    if (id.externalCandidateId) {
      const key = this.storage.externalKey(id.externalCandidateId);
      if ((await this.redis.del(key)) === 1) deleted.push(key);
    }
    this.logger.info({ resumes: resumeIds.size, deleted: deleted.length }, 'candidate erased');
    return { deleted };
  }

  /**
   * Review workspace: `listener` runs after each résumé is erased (by the API or a webhook), to
   * write the erasure into the audit log. A failing listener is logged; the erasure still stands.
   */
  onErasure(listener: (erased: ErasedResume) => Promise<void>): void {
    this.erasureListeners.push(listener);
  }

  /** Review workspace: the original uploaded file, while it is retained (null after erasure or expiry). */
  async getOriginal(resumeId: string): Promise<{ bytes: Buffer; fileName: string } | null> {
    if (!RESUME_ID_PATTERN.test(resumeId)) return null;
    const [bytes, source] = await Promise.all([this.storage.getBytes(resumeId), this.storage.getSource(resumeId)]);
    return bytes && source ? { bytes, fileName: source.fileName } : null;
  }

  private async notifyErasure(erased: ErasedResume): Promise<void> {
    for (const listener of this.erasureListeners) {
      try {
        await listener(erased);
      } catch (error) {
        this.logger.error({ err: { name: error instanceof Error ? error.name : typeof error } }, 'erasure listener failed; the erasure itself succeeded');
      }
    }
  }

  claimDelivery(origin: string, deliveryId: string): Promise<boolean> {
    return this.storage.claimDelivery(origin, deliveryId);
  }

  async isReady(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 1_000);
    });
    try {
      return await Promise.race([this.redis.ping().then((answer) => answer === 'PONG', () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queues.close();
    if (this.ownsRedis) await this.redis.quit();
  }

  private requireProfile(profileId: string) {
    const profile = this.profiles.get(profileId);
    if (!profile) {
      const known = this.profiles.list().map((summary) => summary.id).join(', ');
      throw invalid(`Unknown profile "${profileId}"; known profiles: ${known}.`);
    }
    return profile;
  }

  private parseCallbackUrl(callbackUrl: string | undefined): string | undefined {
    const parsed = CallbackUrlSchema.safeParse(callbackUrl);
    if (!parsed.success) throw invalid('callbackUrl: expected an http(s) URL.');
    return parsed.data;
  }

  /** Removes a finished job that names this résumé (an active one is locked and is left alone). */
  private async removeJob(stage: keyof typeof QUEUE_NAMES, jobId: string): Promise<string[]> {
    try {
      const removed = await this.queues[stage].remove(jobId);
      return removed === 1 ? [`${this.config.keyPrefix}:${QUEUE_NAMES[stage]}:${jobId}`] : [];
    } catch (error) {
      this.logger.warn({ jobId, err: { message: error instanceof Error ? error.message : String(error) } }, 'job not removed (active?)');
      return [];
    }
  }
}
