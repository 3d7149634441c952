import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig, retentionSeconds, type AppConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { defaultProfile } from '../src/profile/load-profile';
import { stageJobId } from '../src/queue/ids';
import { QUEUE_NAMES } from '../src/queue/job-names';
import { ScreeningService } from '../src/queue/screening-service';
import type { CorpusFile } from './generate-corpus';
import type { DocumentInput } from './in-process';
import { round, summarise, type Summary } from './stats';
import { deletePrefix, redisInfo, startWorkers, type WorkerCluster } from './worker-cluster';

export interface QueueRun {
  workers: number;
  workerConcurrency: number;
  pinnedCores?: string;
  documents: number;
  failed: number;
  wallSeconds: number;
  resumesPerSecond: number;
  /** CPU per résumé while the queue ran flat out (worker trees, Redis, this producer process). */
  cpuMsPerResume: { workers: number; redis: number; producer: number; total: number };
  /** Worker CPU per résumé split by thread: main threads (BullMQ, Redis client, tag, report) vs others (extraction threads, GC). */
  workerCpuMsByThread: { mainThreads: number; otherThreads: number; reapedChildren: number };
  /** Redis commands per résumé (INFO commandstats deltas), the busiest first. */
  redisCallsPerResume: Record<string, number>;
  /** total − the in-process CPU of the same work with extraction in a budgeted thread, as the CLI runs it. */
  overheadMsPerResume: number;
  /** Per BullMQ job: a résumé is JOBS_PER_RESUME job(s) (`resume.screen`). */
  overheadMsPerJob: number;
  overheadPercent: number;
  /** total − the in-process CPU of the same stages parsed on the calling thread (the thread's cost counted as overhead too). */
  overheadOverMainThreadStages: { msPerResume: number; percent: number };
  /** Upload (submitFile called) to report stored (screen job completed), at `latencyRate`/s. */
  latency: Summary;
  latencyRate: number;
  peakRssMb: { worker: number; sandbox: number };
}

export interface QueueBenchResult {
  redisUrl: string;
  /** In-process CPU of the same stages, parsed on the calling thread (stage timings). */
  inProcessCpuMsPerResume: number;
  /** In-process CPU of the same work with extraction in a budgeted thread (as the CLI runs it): the overhead baseline. */
  inProcessThreadedCpuMsPerResume: number;
  /** The core that baseline ran pinned to (as the 1-worker run is), or null when not pinned. */
  inProcessThreadedPinnedCore: string | null;
  runs: QueueRun[];
  scalingTwoOverOne: number | null;
  peakRssMb: number;
  note: string;
}

export interface ScaleResult {
  documents: number;
  workers: number;
  wallSeconds: number;
  firstThousandMsPerDoc: number;
  lastThousandMsPerDoc: number;
  lastOverFirstThousand: number;
  /**
   * Worker CPU (all worker processes, /proc) per document over the first and the last thousand
   * completions: the same comparison without what else the machine did meanwhile.
   */
  firstThousandCpuMsPerDoc: number;
  lastThousandCpuMsPerDoc: number;
  lastOverFirstThousandCpu: number;
  peakRssMb: number;
  peakRssMbDetail: { worker: number; sandbox: number };
  /**
   * After every thousand completions: the largest worker VmRSS at that moment and the largest
   * VmHWM so far. A leak shows as RSS climbing thousand after thousand; a plateau with one high
   * peak is a single large file or a garbage collection that came late.
   */
  workerRssMbPerThousand: Array<{ done: number; rssMb: number; peakRssMb: number }>;
  redis: {
    usedMemoryMbBefore: number;
    usedMemoryMbAtFirstThousand: number;
    usedMemoryMbAfter: number;
    keys: number;
    keysWithoutTtl: number;
    finishedJobsPerQueue: Record<string, { completed: number; failed: number; jobKeys: number }>;
    retentionViolations: number;
    violations: string[];
  };
}

/** How many résumés are in flight at once while measuring throughput. */
const WINDOW = 32;
/** Scale runs warm up on this many documents; the throughput run on one pass of its corpus. */
const WARMUP_DOCUMENTS = 200;
const JOBS_PER_RESUME = 1;
/** The measured pass polls job counts; BullMQ keeps at most 1,000 completed jobs (removeOnComplete). */
const MAX_POLLED_PASS = 900;
const POLL_MS = 20;
const DONE_TIMEOUT_MS = 180_000;

type Loader = (index: number) => Promise<{ fileName: string; bytes: Uint8Array }>;

/**
 * A producer (ScreeningService) plus completion tracking. The CPU-measured pass only submits and
 * polls job counts (what production costs: an API that submits); per-file completion times for
 * latency come from QueueEvents, which reads every job event of the queue, so it is only
 * listening while latency is measured (and for --scale, whose figures are wall time and memory).
 */
class Harness {
  private readonly done = new Map<string, number>();
  private readonly waiters = new Map<string, () => void>();
  private events: QueueEvents | undefined;
  readonly submitted: string[] = [];
  failed = 0;

  private constructor(
    readonly config: AppConfig,
    readonly service: ScreeningService,
    private readonly batchId: string,
    private readonly queue: Queue,
  ) {}

  static async create(config: AppConfig): Promise<Harness> {
    const service = ScreeningService.create(config, { logger: createLogger({ logLevel: 'error' }, { role: 'bench' }) });
    const { batchId } = await service.createBatch({ profileId: defaultProfile().id });
    const queue = new Queue(QUEUE_NAMES.screen, { connection: connectionOptions(config.redisUrl), prefix: config.keyPrefix });
    return new Harness(config, service, batchId, queue);
  }

  /** Starts per-file completion tracking (QueueEvents); `stopListening` ends it. */
  async listen(): Promise<void> {
    if (this.events) return;
    // Connection options, not a client: QueueEvents then owns (and closes) its blocking connection.
    const events = new QueueEvents(QUEUE_NAMES.screen, { connection: connectionOptions(this.config.redisUrl), prefix: this.config.keyPrefix });
    events.on('error', () => undefined);
    events.on('completed', ({ jobId }) => this.finish(jobId.slice('screen-'.length)));
    events.on('failed', ({ jobId }) => {
      this.failed += 1;
      this.finish(jobId.slice('screen-'.length));
    });
    this.events = events;
    await events.waitUntilReady();
  }

  async stopListening(): Promise<void> {
    await this.events?.close();
    this.events = undefined;
  }

  private finish(reportId: string): void {
    this.done.set(reportId, performance.now());
    this.waiters.get(reportId)?.();
  }

  private async finishedJobs(): Promise<{ completed: number; failed: number }> {
    const counts = await this.queue.getJobCounts('completed', 'failed');
    return { completed: counts.completed ?? 0, failed: counts.failed ?? 0 };
  }

  /**
   * Submits `count` files (WINDOW submissions in flight, not waiting for reports) and polls the
   * queue's job counts until every one has completed or failed. Returns the wall seconds from the
   * first submission to the last report.
   */
  async drain(count: number, load: Loader): Promise<{ wallSeconds: number; failed: number }> {
    if (count > MAX_POLLED_PASS) throw new Error(`drain() counts finished jobs, which BullMQ caps at 1,000: use at most ${MAX_POLLED_PASS} documents per pass.`);
    const before = await this.finishedJobs();
    const startedAt = performance.now();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        const file = await load(next++);
        const { resumeId } = await this.service.submitFile({ bytes: file.bytes, fileName: file.fileName, profileId: defaultProfile().id, batchId: this.batchId, origin: 'upload' });
        this.submitted.push(resumeId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WINDOW, count) }, lane));
    const deadline = performance.now() + DONE_TIMEOUT_MS;
    for (;;) {
      const now = await this.finishedJobs();
      const finished = now.completed - before.completed + (now.failed - before.failed);
      if (finished >= count) return { wallSeconds: (performance.now() - startedAt) / 1000, failed: now.failed - before.failed };
      if (performance.now() > deadline) throw new Error(`only ${finished} of ${count} files finished after ${DONE_TIMEOUT_MS / 1000} s: are the workers running?`);
      await sleep(POLL_MS);
    }
  }

  /** Submits one file and resolves when its report is stored (or it failed): the latency in ms. */
  async screen(file: { fileName: string; bytes: Uint8Array }): Promise<number> {
    const started = performance.now();
    const { reportId, resumeId } = await this.service.submitFile({ bytes: file.bytes, fileName: file.fileName, profileId: defaultProfile().id, batchId: this.batchId, origin: 'upload' });
    this.submitted.push(resumeId);
    if (!this.done.has(reportId)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no report for ${stageJobId('screen', reportId)} after ${DONE_TIMEOUT_MS / 1000} s: are the workers running?`)), DONE_TIMEOUT_MS);
        this.waiters.set(reportId, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const finished = this.done.get(reportId) ?? performance.now();
    this.done.delete(reportId);
    this.waiters.delete(reportId);
    return finished - started;
  }

  /** Flat out with WINDOW résumés in flight; returns completion times (ms since start). */
  async throughput(count: number, load: Loader, onCompleted?: (done: number) => void): Promise<{ completions: number[]; startedAt: number }> {
    const startedAt = performance.now();
    const completions: number[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        await this.screen(await load(index));
        completions.push(performance.now() - startedAt);
        onCompleted?.(completions.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WINDOW, count) }, lane));
    return { completions, startedAt };
  }

  /** Open loop: one submission every 1/rate s, whatever the backlog. */
  async latency(count: number, rate: number, load: Loader): Promise<number[]> {
    const start = performance.now();
    const runs: Array<Promise<number>> = [];
    for (let index = 0; index < count; index++) {
      const due = start + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      runs.push(load(index).then((file) => this.screen(file)));
    }
    return Promise.all(runs);
  }

  /** Erases every résumé submitted so far, so the same files can be screened again. */
  async eraseSubmitted(): Promise<void> {
    for (const resumeId of new Set(this.submitted.splice(0))) await this.service.eraseCandidate({ resumeId });
  }

  async close(): Promise<void> {
    await this.stopListening();
    await this.queue.close();
    await this.service.close();
  }
}

function connectionOptions(redisUrl: string): { host: string; port: number; username?: string; password?: string; db: number; tls?: object; maxRetriesPerRequest: null } {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number(url.pathname.slice(1) || 0),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

function benchConfig(redisUrl: string, workerConcurrency: number): AppConfig {
  return loadConfig({
    REDIS_URL: redisUrl,
    KEY_PREFIX: `bench-${randomUUID()}`,
    WORKER_CONCURRENCY: String(workerConcurrency),
    LOG_LEVEL: 'error',
  });
}

/** Worker process i on core i, or no pinning when there are fewer cores than processes. */
function coresFor(workers: number): string[] {
  return workers <= availableParallelism() ? Array.from({ length: workers }, (_, index) => String(index)) : [];
}

/** Calls per Redis command so far (INFO commandstats); a shared Redis counts other clients too. */
async function redisCalls(redis: Redis): Promise<Map<string, number>> {
  const text = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] ?? '?', Number(match[2]));
  return calls;
}

function callsPerResume(before: Map<string, number>, after: Map<string, number>, n: number): Record<string, number> {
  const perResume = [...after]
    .map(([command, calls]) => [command, round((calls - (before.get(command) ?? 0)) / n, 1)] as const)
    .filter(([, calls]) => calls > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = round(perResume.reduce((sum, [, calls]) => sum + calls, 0), 1);
  return { total, ...Object.fromEntries(perResume) };
}

function cpuMsOfThisProcess(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function withCluster<T>(
  config: AppConfig,
  workers: number,
  pinCores: Array<string | undefined>,
  body: (harness: Harness, cluster: WorkerCluster, redis: Redis) => Promise<T>,
): Promise<T> {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
  const cluster = startWorkers(config, workers, pinCores);
  let harness: Harness | undefined;
  try {
    harness = await Harness.create(config);
    return await body(harness, cluster, redis);
  } finally {
    await harness?.close().catch(() => undefined);
    await cluster.stop();
    await deletePrefix(redis, config.keyPrefix);
    redis.disconnect();
  }
}

/**
 * The corpus through BullMQ with 1 and 2 worker processes (each `workers/start.ts`, parsing in
 * its extraction threads): throughput, CPU per résumé (Node and Redis), queue overhead, and
 * upload-to-report latency at half the measured throughput. Each run has its own key prefix,
 * deleted afterwards.
 */
export async function runQueueBench(input: {
  documents: readonly DocumentInput[];
  redisUrl: string;
  workerCounts: number[];
  workerConcurrency: number;
  pin: boolean;
  inProcessCpuMsPerResume: number;
  inProcessThreadedCpuMsPerResume: number;
  inProcessThreadedPinnedCore: string | null;
  log: (line: string) => void;
}): Promise<QueueBenchResult> {
  const documents = input.documents;
  const load: Loader = (index) => Promise.resolve(documents[index % documents.length] as DocumentInput);
  const runs: QueueRun[] = [];
  for (const workers of input.workerCounts) {
    const config = benchConfig(input.redisUrl, input.workerConcurrency);
    // One core per worker process (worker i on core i), as one would deploy them: each process
    // then parses in one warm thread instead of every process warming a thread per core.
    const pinCores = input.pin ? coresFor(workers) : [];
    input.log(`BullMQ: ${workers} worker process(es)${pinCores.length > 0 ? ` pinned to cores ${pinCores.join(',')}` : ''}, concurrency ${input.workerConcurrency}, prefix ${config.keyPrefix} …`);
    runs.push(
      await withCluster(config, workers, pinCores, async (harness, cluster, redis) => {
        // Warm-up (process start, tsx, pdf.js, JIT) is not measured; then the same files are erased.
        // One whole pass of the corpus, as the in-process run gets: every extraction thread must
        // have seen the corpus, or the queue pays cold-JIT parsing the in-process figure does not.
        // A measured pass is at most MAX_POLLED_PASS documents (completion is counted from BullMQ's
        // capped finished-job sets); the warm-up still sees the whole corpus.
        for (let from = 0; from < documents.length; from += MAX_POLLED_PASS) {
          await harness.drain(Math.min(MAX_POLLED_PASS, documents.length - from), (index) => load(from + index));
          await harness.eraseSubmitted();
        }
        const n = Math.min(documents.length, MAX_POLLED_PASS);
        const before = { cluster: cluster.cpuMs(), threads: cluster.cpuMsByThread(), calls: await redisCalls(redis), redis: (await redisInfo(redis)).cpuMs, producer: cpuMsOfThisProcess() };
        const { wallSeconds, failed } = await harness.drain(n, load);
        const after = { cluster: cluster.cpuMs(), threads: cluster.cpuMsByThread(), calls: await redisCalls(redis), redis: (await redisInfo(redis)).cpuMs, producer: cpuMsOfThisProcess() };
        const perResume = {
          workers: round((after.cluster - before.cluster) / n),
          redis: round((after.redis - before.redis) / n),
          producer: round((after.producer - before.producer) / n),
          total: 0,
        };
        perResume.total = round(perResume.workers + perResume.redis + perResume.producer);
        const resumesPerSecond = n / wallSeconds;
        await harness.eraseSubmitted();
        await harness.listen();
        const rate = Math.max(1, round(resumesPerSecond / 2, 1));
        const latencyCount = Math.min(n, Math.max(40, Math.round(rate * 8)));
        input.log(`  ${round(resumesPerSecond, 1)} résumés/s; latency at ${rate}/s on ${latencyCount} résumés …`);
        const latencies = await harness.latency(latencyCount, rate, load);
        await harness.stopListening();
        const overhead = perResume.total - input.inProcessThreadedCpuMsPerResume;
        const overMainThreadStages = perResume.total - input.inProcessCpuMsPerResume;
        return {
          workers,
          workerConcurrency: input.workerConcurrency,
          ...(pinCores.length > 0 ? { pinnedCores: pinCores.join(',') } : {}),
          documents: n,
          failed,
          wallSeconds: round(wallSeconds, 2),
          resumesPerSecond: round(resumesPerSecond, 2),
          cpuMsPerResume: perResume,
          workerCpuMsByThread: {
            mainThreads: round((after.threads.mainThreads - before.threads.mainThreads) / n),
            otherThreads: round((after.threads.otherThreads - before.threads.otherThreads) / n),
            reapedChildren: round((after.threads.reapedChildren - before.threads.reapedChildren) / n),
          },
          redisCallsPerResume: callsPerResume(before.calls, after.calls, n),
          overheadMsPerResume: round(overhead),
          overheadMsPerJob: round(overhead / JOBS_PER_RESUME),
          overheadPercent: round((overhead / perResume.total) * 100, 1),
          overheadOverMainThreadStages: { msPerResume: round(overMainThreadStages), percent: round((overMainThreadStages / perResume.total) * 100, 1) },
          latency: summarise(latencies),
          latencyRate: rate,
          peakRssMb: cluster.peakRssMb(),
        };
      }),
    );
  }
  const one = runs.find((run) => run.workers === 1);
  const two = runs.find((run) => run.workers === 2);
  return {
    redisUrl: input.redisUrl.replace(/\/\/[^@/]*@/, '//***@'),
    inProcessCpuMsPerResume: input.inProcessCpuMsPerResume,
    inProcessThreadedCpuMsPerResume: input.inProcessThreadedCpuMsPerResume,
    inProcessThreadedPinnedCore: input.inProcessThreadedPinnedCore,
    runs,
    scalingTwoOverOne: one && two ? round(two.resumesPerSecond / one.resumesPerSecond) : null,
    peakRssMb: round(Math.max(0, ...runs.map((run) => Math.max(run.peakRssMb.worker, run.peakRssMb.sandbox))), 1),
    note: `Worker CPU = each worker process, all its threads and any child process (/proc); workerCpuMsByThread splits it into main threads and other threads (extraction threads, GC helpers). Warm-up: one unmeasured pass of the corpus, as in-process. Redis CPU = INFO cpu used_cpu_user+used_cpu_sys deltas (a shared Redis counts other clients too). Producer = this process: ScreeningService.submitFile plus polling the job counts every ${POLL_MS} ms (no QueueEvents during the measured pass; it listens only while latency is measured).`,
  };
}

/** Checks that nothing in Redis outlives the retention: stored keys expire; finished-job sets stay capped. */
async function retentionCheck(redis: Redis, config: AppConfig): Promise<ScaleResult['redis'] extends infer R ? Omit<R & object, 'usedMemoryMbBefore' | 'usedMemoryMbAtFirstThousand' | 'usedMemoryMbAfter'> : never> {
  const queuePrefixes = Object.values(QUEUE_NAMES).map((queue) => `${config.keyPrefix}:${queue}:`);
  const maxTtl = retentionSeconds(config);
  const violations: string[] = [];
  let keys = 0;
  let keysWithoutTtl = 0;
  const jobKeys: Record<string, number> = {};
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${config.keyPrefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys += batch.length;
    const storageKeys = batch.filter((key) => !queuePrefixes.some((prefix) => key.startsWith(prefix)));
    for (const key of batch) {
      const queue = Object.values(QUEUE_NAMES).find((name) => key.startsWith(`${config.keyPrefix}:${name}:`));
      if (queue && /^(screen|extract|tag|report|callback)-[^:]+$/.test(key.slice(`${config.keyPrefix}:${queue}:`.length))) jobKeys[queue] = (jobKeys[queue] ?? 0) + 1;
    }
    if (storageKeys.length > 0) {
      const pipeline = redis.pipeline();
      for (const key of storageKeys) pipeline.ttl(key);
      const ttls = (await pipeline.exec()) ?? [];
      ttls.forEach(([, ttl], index) => {
        if (typeof ttl === 'number' && (ttl === -1 || ttl > maxTtl)) {
          keysWithoutTtl += 1;
          if (violations.length < 10) violations.push(`${storageKeys[index] ?? '?'} has TTL ${ttl}`);
        }
      });
    }
  } while (cursor !== '0');
  const finishedJobsPerQueue: Record<string, { completed: number; failed: number; jobKeys: number }> = {};
  for (const queue of Object.values(QUEUE_NAMES)) {
    const completed = await redis.zcard(`${config.keyPrefix}:${queue}:completed`);
    const failed = await redis.zcard(`${config.keyPrefix}:${queue}:failed`);
    finishedJobsPerQueue[queue] = { completed, failed, jobKeys: jobKeys[queue] ?? 0 };
    // removeOnComplete keeps 1,000; a few in flight or just finished may be on top.
    if (completed > 1_000 + WINDOW) violations.push(`${queue}: ${completed} completed jobs kept (cap 1000)`);
    if ((jobKeys[queue] ?? 0) > 1_000 + failed + 2 * WINDOW) violations.push(`${queue}: ${jobKeys[queue] ?? 0} job hashes kept`);
  }
  const retentionViolations = keysWithoutTtl + violations.filter((violation) => !violation.includes(' has TTL ')).length;
  return { keys, keysWithoutTtl, finishedJobsPerQueue, retentionViolations, violations };
}

/**
 * --scale: many documents through the queue, read from disk as they go. Time per document of the
 * first and last thousand completions, peak RSS per worker process, Redis memory and retention.
 */
export async function runScaleBench(input: { files: readonly CorpusFile[]; redisUrl: string; workers: number; workerConcurrency: number; pin: boolean; log: (line: string) => void }): Promise<ScaleResult> {
  const config = benchConfig(input.redisUrl, input.workerConcurrency);
  const files = input.files;
  const load: Loader = async (index) => {
    const file = files[index] as CorpusFile;
    return { fileName: file.fileName, bytes: new Uint8Array(await readFile(file.path)) };
  };
  input.log(`Scale: ${files.length} documents through ${input.workers} worker processes, prefix ${config.keyPrefix} …`);
  return withCluster(config, input.workers, input.pin ? coresFor(input.workers) : [], async (harness, cluster, redis) => {
    await harness.listen();
    await harness.throughput(Math.min(WARMUP_DOCUMENTS, files.length), load);
    await harness.eraseSubmitted();
    const usedMemoryMbBefore = (await redisInfo(redis)).usedMemoryMb;
    let usedMemoryMbAtFirstThousand = 0;
    const size = Math.min(1000, Math.floor(files.length / 2));
    // Worker CPU at the start, after the first thousand, at the start of the last thousand and at the end.
    const cpuAt = { start: cluster.cpuMs(), firstDone: 0, lastStart: 0, end: 0 };
    const workerRssMbPerThousand: ScaleResult['workerRssMbPerThousand'] = [];
    const { completions } = await harness.throughput(files.length, load, (done) => {
      if (done % 1000 === 0) {
        const peak = cluster.peakRssMb();
        workerRssMbPerThousand.push({ done, rssMb: round(cluster.rssMb(), 1), peakRssMb: round(Math.max(peak.worker, peak.sandbox), 1) });
        input.log(`  ${done}/${files.length}`);
      }
      if (done === size) cpuAt.firstDone = cluster.cpuMs();
      if (done === files.length - size) cpuAt.lastStart = cluster.cpuMs();
      if (done === Math.min(1000, files.length)) void redisInfo(redis).then((info) => (usedMemoryMbAtFirstThousand = info.usedMemoryMb));
    });
    cpuAt.end = cluster.cpuMs();
    const usedMemoryMbAfter = (await redisInfo(redis)).usedMemoryMb;
    const at = (index: number): number => (index < 0 ? 0 : (completions[index] ?? 0));
    const first = at(size - 1) / size;
    const last = (at(completions.length - 1) - at(completions.length - 1 - size)) / size;
    const peak = cluster.peakRssMb();
    const retention = await retentionCheck(redis, config);
    return {
      documents: completions.length,
      workers: input.workers,
      wallSeconds: round(at(completions.length - 1) / 1000, 1),
      firstThousandMsPerDoc: round(first),
      lastThousandMsPerDoc: round(last),
      lastOverFirstThousand: round(last / first),
      firstThousandCpuMsPerDoc: round((cpuAt.firstDone - cpuAt.start) / size),
      lastThousandCpuMsPerDoc: round((cpuAt.end - cpuAt.lastStart) / size),
      lastOverFirstThousandCpu: round((cpuAt.end - cpuAt.lastStart) / (cpuAt.firstDone - cpuAt.start)),
      peakRssMb: round(Math.max(peak.worker, peak.sandbox), 1),
      peakRssMbDetail: { worker: round(peak.worker, 1), sandbox: round(peak.sandbox, 1) },
      workerRssMbPerThousand,
      redis: { usedMemoryMbBefore: round(usedMemoryMbBefore, 1), usedMemoryMbAtFirstThousand: round(usedMemoryMbAtFirstThousand, 1), usedMemoryMbAfter: round(usedMemoryMbAfter, 1), ...retention },
    };
  });
}
